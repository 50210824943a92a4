import GRDB

/// The registry's tables, as named migrations of its own (`registry-…`) applied in order.
///
/// They live in the workspace database beside History's tables. GRDB records applied
/// migrations of both migrators in the one `grdb_migrations` table; each migrator runs only its
/// own, and neither objects to the other's identifiers (a migrator checks unknown applied
/// identifiers only under `eraseDatabaseOnSchemaChange`, which neither sets).
enum RegistrySchema {
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("registry-v1") { db in
      try db.execute(
        sql: """
          -- One row per trained version. `number` orders versions; `id` is "v" and the number
          -- with at least four digits (v0001). JSON columns hold sorted-key JSON.
          CREATE TABLE model_version (
            number INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL,
            window_first_day INTEGER NOT NULL,
            window_last_day INTEGER NOT NULL,
            data_fingerprint TEXT NOT NULL,
            code_version TEXT NOT NULL,
            configuration TEXT NOT NULL,
            metrics TEXT NOT NULL,
            selected_mix TEXT NOT NULL,
            artifact_file TEXT NOT NULL,
            artifact_sha256 TEXT NOT NULL,
            artifact_bytes INTEGER NOT NULL,
            status TEXT NOT NULL
              CHECK (status IN ('candidate', 'champion', 'archived', 'rejected')),
            trigger TEXT NOT NULL,
            reason TEXT NOT NULL,
            promoted_by TEXT,
            promoted_at TEXT,
            promotion_reason TEXT,
            retired_at TEXT,
            -- 1, 2, 3 … in the order versions left the champion's place (clocks can go back).
            retired_order INTEGER,
            status_reason TEXT
          );
          -- At most one champion, whatever goes wrong in the code above it.
          CREATE UNIQUE INDEX model_version_one_champion ON model_version(status)
            WHERE status = 'champion';

          -- The audit log: append-only, each entry chained to the one before by SHA-256.
          CREATE TABLE audit_entry (
            seq INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            user TEXT NOT NULL,
            host TEXT NOT NULL,
            action TEXT NOT NULL,
            subject TEXT NOT NULL,
            details TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
          );
          CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
          BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
          CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
          BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
          -- The last entry's seq and hash, moved on by every append in the same transaction: a
          -- log cut short at its end no longer reaches it.
          CREATE TABLE audit_head (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            seq INTEGER NOT NULL,
            hash TEXT NOT NULL
          );
          """)
    }
    migrator.registerMigration("registry-v2-nights") { db in
      try db.execute(
        sql: """
          -- The nightly run date whose retraining registered a version (NULL: trained by hand).
          ALTER TABLE model_version ADD COLUMN run_date INTEGER;
          CREATE INDEX model_version_run_date ON model_version(run_date);

          -- One row per nightly run date that finished (outcome 'completed' or 'partial'); what
          -- the next night's retraining triggers read, and where --catch-up starts.
          CREATE TABLE night (
            run_date INTEGER PRIMARY KEY,
            outcome TEXT NOT NULL,
            model_version TEXT,
            retrain_trigger TEXT,
            retrain_version TEXT,
            retrain_decision TEXT,
            drift_critical INTEGER NOT NULL,
            drift_warning INTEGER NOT NULL,
            accuracy_degraded INTEGER NOT NULL,
            alerts_critical INTEGER NOT NULL,
            alerts_warning INTEGER NOT NULL,
            manifest TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT NOT NULL
          );
          """)
    }
    migrator.registerMigration("registry-v3-fair-retraining") { db in
      try db.execute(
        sql: """
          -- The fair comparison (HoldoutPlan): c, the last day the judged candidate trained on;
          -- set on the judged candidate and on its refit (whose own window ends at D).
          ALTER TABLE model_version ADD COLUMN evaluation_window_last_day INTEGER;
          -- On a refit: the judged candidate it was refitted from (same run date).
          ALTER TABLE model_version ADD COLUMN refit_of TEXT;
          -- The HoldoutComparison and the RetrainDecision (JSON), on the judged candidate and
          -- its refit; NULL for versions no retraining judged.
          ALTER TABLE model_version ADD COLUMN comparison TEXT;
          ALTER TABLE model_version ADD COLUMN decision TEXT;
          -- A promotion by hand over a rejection: who, when, why, and the rejection overridden.
          ALTER TABLE model_version ADD COLUMN override_note TEXT;
          CREATE INDEX model_version_refit_of ON model_version(refit_of);
          """)
    }
    migrator.registerMigration("registry-v4-shadow") { db in
      try db.execute(
        sql: """
          -- After a promotion the replaced champion forecasts in shadow for some nights
          -- (ShadowLog); at most one run is active.
          CREATE TABLE shadow_run (
            id INTEGER PRIMARY KEY,
            champion TEXT NOT NULL,
            shadow TEXT NOT NULL,
            first_night INTEGER NOT NULL,
            last_night INTEGER NOT NULL,
            state TEXT NOT NULL
              CHECK (state IN ('active', 'completed', 'rolled_back', 'superseded')),
            started_at TEXT NOT NULL,
            ended_at TEXT,
            end_reason TEXT
          );
          CREATE UNIQUE INDEX shadow_run_one_active ON shadow_run(state) WHERE state = 'active';
          -- One row per shadow night scored: sums, so any span re-aggregates to a WAPE.
          CREATE TABLE shadow_score (
            run INTEGER NOT NULL REFERENCES shadow_run(id),
            night INTEGER NOT NULL,
            points INTEGER NOT NULL,
            champion_abs_error REAL NOT NULL,
            shadow_abs_error REAL NOT NULL,
            actual_units REAL NOT NULL,
            PRIMARY KEY (run, night)
          );
          """)
    }
    return migrator
  }
}
