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

          -- One row per store, day and source file; see DemandBlock for why. A rowid table, so
          -- that a file's blocks are appended together (one file is one day of all stores); the
          -- store/day order that reads want lives in the small unique index. Keyed on
          -- (store, day) instead, every insert would rewrite a B-tree page in each store's range.
          CREATE TABLE demand_block (
            id INTEGER PRIMARY KEY,
            store_key INTEGER NOT NULL REFERENCES store(key),
            day INTEGER NOT NULL,
            file_id INTEGER NOT NULL REFERENCES ingested_file(id),
            sku_count INTEGER NOT NULL,
            payload BLOB NOT NULL
          );
          CREATE UNIQUE INDEX demand_block_cell ON demand_block(store_key, day, file_id);
          CREATE INDEX demand_block_file ON demand_block(file_id);

          CREATE TABLE inventory_block (
            id INTEGER PRIMARY KEY,
            store_key INTEGER NOT NULL REFERENCES store(key),
            day INTEGER NOT NULL,
            file_id INTEGER NOT NULL REFERENCES ingested_file(id),
            sku_count INTEGER NOT NULL,
            payload BLOB NOT NULL
          );
          CREATE UNIQUE INDEX inventory_block_cell ON inventory_block(store_key, day, file_id);
          CREATE INDEX inventory_block_file ON inventory_block(file_id);
          """)
    }
    migrator.registerMigration("v2-forecast-archive") { db in
      try db.execute(
        sql: """
          -- Every forecast issued: one row per store and run date (see ForecastBlock for why),
          -- appended night by night like demand_block; re-issuing a store's night replaces its
          -- row through the unique index. Target days are columns so that the monitor's window
          -- query reads no payload it does not need.
          CREATE TABLE forecast_block (
            id INTEGER PRIMARY KEY,
            store_key INTEGER NOT NULL REFERENCES store(key),
            issued_on INTEGER NOT NULL,
            first_target_day INTEGER NOT NULL,
            last_target_day INTEGER NOT NULL,
            series_count INTEGER NOT NULL,
            model_version TEXT NOT NULL,
            payload BLOB NOT NULL
          );
          CREATE UNIQUE INDEX forecast_block_issue ON forecast_block(store_key, issued_on);
          """)
    }
    // The transaction lines each file delivered, per store and day, as 64-bit fingerprints (see
    // `DeliveredLines`): what a re-delivered export is checked against. A rowid table like
    // demand_block, for the same reason: one file's rows are appended together.
    migrator.registerMigration("delivered-lines-v1") { db in
      try db.execute(
        sql: """
          CREATE TABLE delivered_line (
            id INTEGER PRIMARY KEY,
            store_key INTEGER NOT NULL REFERENCES store(key),
            day INTEGER NOT NULL,
            file_id INTEGER NOT NULL REFERENCES ingested_file(id),
            line_count INTEGER NOT NULL,
            fingerprints BLOB NOT NULL
          );
          CREATE UNIQUE INDEX delivered_line_cell ON delivered_line(store_key, day, file_id);
          CREATE INDEX delivered_line_file ON delivered_line(file_id);
          ALTER TABLE ingested_file ADD COLUMN rows_duplicate INTEGER NOT NULL DEFAULT 0;
          """)
    }
    // The nightly run date that took each file in (NULL for `shelfcast ingest`): a night run
    // again after a kill accounts for the files its killed attempt committed.
    migrator.registerMigration("ledger-run-date-v1") { db in
      try db.execute(sql: "ALTER TABLE ingested_file ADD COLUMN run_date INTEGER")
    }
    // External regressors (covariates files): one value per name, store scope ('' = every
    // store), item scope (kind 0 every SKU, 1 one SKU, 2 one category; code '' for kind 0) and
    // day; value NULL when missing.
    migrator.registerMigration("covariates-v1") { db in
      try db.execute(
        sql: """
          CREATE TABLE covariate (
            name TEXT NOT NULL,
            store_code TEXT NOT NULL,
            scope_kind INTEGER NOT NULL,
            scope_code TEXT NOT NULL,
            day INTEGER NOT NULL,
            value REAL,
            known_in_advance INTEGER NOT NULL,
            PRIMARY KEY (name, store_code, scope_kind, scope_code, day)
          ) WITHOUT ROWID
          """)
    }
    // Units sold by store, day, category and hour, from transaction files with times (see
    // `HourlySales`), and the intraday drops with their running same-day sales and line
    // fingerprints (see `IntradayDrop`), kept apart from the daily history until a nightly
    // file of the same store and day reconciles them.
    migrator.registerMigration("intraday-v1") { db in
      try db.execute(
        sql: """
          CREATE TABLE hourly_sales (
            id INTEGER PRIMARY KEY,
            store_key INTEGER NOT NULL REFERENCES store(key),
            day INTEGER NOT NULL,
            file_id INTEGER NOT NULL REFERENCES ingested_file(id),
            category TEXT NOT NULL,
            hour INTEGER NOT NULL,
            units REAL NOT NULL
          );
          CREATE INDEX hourly_sales_cell ON hourly_sales(store_key, day);
          CREATE INDEX hourly_sales_file ON hourly_sales(file_id);

          CREATE TABLE intraday_drop (
            id INTEGER PRIMARY KEY,
            file_name TEXT NOT NULL,
            sha256 TEXT NOT NULL UNIQUE,
            rows_read INTEGER NOT NULL,
            rows_counted INTEGER NOT NULL,
            rows_duplicate INTEGER NOT NULL,
            rows_quarantined INTEGER NOT NULL,
            recorded_at TEXT NOT NULL
          );
          CREATE TABLE intraday_sales (
            id INTEGER PRIMARY KEY,
            drop_id INTEGER NOT NULL REFERENCES intraday_drop(id),
            store_key INTEGER NOT NULL REFERENCES store(key),
            day INTEGER NOT NULL,
            sku_key INTEGER NOT NULL REFERENCES sku(key),
            units_sold REAL NOT NULL,
            units_returned REAL NOT NULL
          );
          CREATE INDEX intraday_sales_cell ON intraday_sales(store_key, day);
          CREATE INDEX intraday_sales_day ON intraday_sales(day);
          CREATE TABLE intraday_line (
            id INTEGER PRIMARY KEY,
            drop_id INTEGER NOT NULL REFERENCES intraday_drop(id),
            store_key INTEGER NOT NULL REFERENCES store(key),
            day INTEGER NOT NULL,
            line_count INTEGER NOT NULL,
            fingerprints BLOB NOT NULL
          );
          CREATE INDEX intraday_line_cell ON intraday_line(store_key, day);
          """)
    }
    migrator.registerMigration("intraday-cutoff-v1") { db in
      // The cut-off each drop was taken at, so that a run at an earlier cut-off reads only the
      // drops known by then; NULL for drops stored before.
      try db.execute(sql: "ALTER TABLE intraday_drop ADD COLUMN cutoff_second INTEGER")
    }
    migrator.registerMigration("sku-shelf-capacity-v1") { db in
      // The optional shelf capacity of skus.csv; NULL: no limit.
      try db.execute(sql: "ALTER TABLE sku ADD COLUMN shelf_capacity INTEGER")
    }
    return migrator
  }
}
