import GRDB

/// The workspace database's schema, as named migrations applied in order.
enum HistorySchema {
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1-history") { db in
      try db.execute(
        sql: """
          CREATE TABLE ingested_file (
            id INTEGER PRIMARY KEY,
            file_name TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            kind TEXT NOT NULL,
            bytes INTEGER NOT NULL,
            rows_read INTEGER NOT NULL,
            rows_stored INTEGER NOT NULL,
            rows_quarantined INTEGER NOT NULL,
            first_day INTEGER,
            last_day INTEGER,
            status TEXT NOT NULL,
            recorded_at TEXT NOT NULL
          );
          CREATE UNIQUE INDEX ingested_file_name ON ingested_file(file_name) WHERE status = 'ingested';
          CREATE INDEX ingested_file_sha ON ingested_file(sha256);

          CREATE TABLE store (
            key INTEGER PRIMARY KEY,
            code TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            region TEXT NOT NULL,
            format TEXT NOT NULL,
            open_day INTEGER
          );
          CREATE TABLE sku (
            key INTEGER PRIMARY KEY,
            code TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            category TEXT NOT NULL,
            unit_cost REAL NOT NULL,
            unit_price REAL NOT NULL,
            case_pack INTEGER NOT NULL,
            lead_time_days INTEGER NOT NULL,
            min_order_qty INTEGER NOT NULL
          );
          CREATE TABLE calendar_day (day INTEGER PRIMARY KEY, holiday TEXT);
          CREATE TABLE promotion (
            store_key INTEGER NOT NULL REFERENCES store(key),
            sku_key INTEGER NOT NULL REFERENCES sku(key),
            start_day INTEGER NOT NULL,
            end_day INTEGER NOT NULL,
            discount_pct REAL NOT NULL,
            PRIMARY KEY (store_key, sku_key, start_day)
          ) WITHOUT ROWID;

          -- One row per store, day and source file; see DemandBlock for why.
          CREATE TABLE demand_block (
            store_key INTEGER NOT NULL REFERENCES store(key),
            day INTEGER NOT NULL,
            file_id INTEGER NOT NULL REFERENCES ingested_file(id),
            sku_count INTEGER NOT NULL,
            payload BLOB NOT NULL,
            PRIMARY KEY (store_key, day, file_id)
          ) WITHOUT ROWID;
          CREATE INDEX demand_block_file ON demand_block(file_id);

          CREATE TABLE inventory_block (
            store_key INTEGER NOT NULL REFERENCES store(key),
            day INTEGER NOT NULL,
            file_id INTEGER NOT NULL REFERENCES ingested_file(id),
            sku_count INTEGER NOT NULL,
            payload BLOB NOT NULL,
            PRIMARY KEY (store_key, day, file_id)
          ) WITHOUT ROWID;
          CREATE INDEX inventory_block_file ON inventory_block(file_id);
          """)
    }
    return migrator
  }
}
