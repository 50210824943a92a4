# Sourced by scripts/crash-test.sh and scripts/fs-test.sh: a workspace's state as files, so two
# workspaces can be compared with `diff -r`. Needs sqlite3, jq and sha256sum.

# The state of workspace $1 written under folder $2: database tables without wall-clock columns,
# every file under reports/ and models/ (normalised where it carries wall-clock, see docs/reliability.md),
# the nightly manifest's accounting, and the count of each inbox file in the ledger and the
# audit log.
snapshot() {
  local ws=$1 out=$2
  mkdir -p "$out/files"
  sqlite3 -readonly "$ws/shelfcast.sqlite" >"$out/db.txt" <<'EOF'
.separator |
SELECT 'file', id, file_name, sha256, kind, bytes, rows_read, rows_stored, rows_quarantined,
  rows_duplicate, first_day, last_day, status, run_date FROM ingested_file ORDER BY id;
SELECT 'store', * FROM store ORDER BY key;
SELECT 'sku', * FROM sku ORDER BY key;
SELECT 'calendar', * FROM calendar_day ORDER BY day;
SELECT 'promotion', * FROM promotion ORDER BY store_key, sku_key, start_day;
SELECT 'demand', store_key, day, file_id, sku_count, hex(payload) FROM demand_block
  ORDER BY store_key, day, file_id;
SELECT 'inventory', store_key, day, file_id, sku_count, hex(payload) FROM inventory_block
  ORDER BY store_key, day, file_id;
SELECT 'delivered', store_key, day, file_id, line_count, hex(fingerprints) FROM delivered_line
  ORDER BY store_key, day, file_id;
SELECT 'forecast', store_key, issued_on, first_target_day, last_target_day, series_count,
  model_version, hex(payload) FROM forecast_block ORDER BY store_key, issued_on;
SELECT 'version', number, id, created_by, window_first_day, window_last_day, data_fingerprint,
  code_version, configuration, metrics, selected_mix, artifact_file, artifact_sha256,
  artifact_bytes, status, trigger, reason, promoted_by, promoted_at IS NOT NULL,
  promotion_reason, retired_at IS NOT NULL, retired_order, status_reason, run_date
  FROM model_version ORDER BY number;
SELECT 'audit', seq, user, host, action, subject, details FROM audit_entry ORDER BY seq;
SELECT 'audit_head', seq FROM audit_head;
SELECT 'shadow_run', id, champion, shadow, first_night, last_night, state, ended_at IS NOT NULL,
  end_reason FROM shadow_run ORDER BY id;
SELECT 'shadow_score', * FROM shadow_score ORDER BY run, night;
SELECT 'intraday_drop', id, file_name, sha256, rows_read, rows_counted, rows_duplicate,
  rows_quarantined FROM intraday_drop ORDER BY id;
SELECT 'intraday_sales', drop_id, store_key, day, sku_key, units_sold, units_returned
  FROM intraday_sales ORDER BY id;
SELECT 'intraday_line', drop_id, store_key, day, line_count, hex(fingerprints) FROM intraday_line
  ORDER BY id;
SELECT 'hourly', store_key, day, file_id, category, hour, units FROM hourly_sales ORDER BY id;
SELECT 'night', run_date, outcome, model_version, retrain_trigger, retrain_version,
  retrain_decision, drift_critical, drift_warning, accuracy_degraded, alerts_critical,
  alerts_warning, manifest FROM night ORDER BY run_date;
EOF
  # The night record names its manifest by absolute path: the workspace's own is masked.
  local root
  root=$(realpath "$ws")
  sed -i "s|$root/|<workspace>/|g" "$out/db.txt"
  # A restore's audit entry names the folder the replaced database went to (time and pid).
  sed -i -E 's|backups/replaced-[0-9TZ-]+-[0-9]+|backups/replaced-<time>-<pid>|g' "$out/db.txt"
  local f
  (cd "$ws" && find reports models -type f | LC_ALL=C sort) | while read -r f; do
    mkdir -p "$out/files/$(dirname "$f")"
    case "$f" in
      reports/metrics.prom)
        # Wall clock: when the run succeeded, how long it and its stages took.
        grep -v -E '^shelfcast_(last_success_timestamp_seconds|run_duration_seconds|stage_duration_seconds)' \
          "$ws/$f" >"$out/files/$f" ;;
      reports/models/*.md)
        # Wall clock: when the version was registered, promoted, retired.
        sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?Z/<time>/g' \
          "$ws/$f" >"$out/files/$f" ;;
      models/training-report.json)
        # Wall clock: how long each model family took to fit.
        grep -v -E '"[A-Za-z]*[Ss]econds" :' "$ws/$f" >"$out/files/$f" ;;
      *) cp "$ws/$f" "$out/files/$f" ;;
    esac
  done
  # Each night's accounting in its manifest (times, durations and ledger ids aside).
  local manifest
  for manifest in "$ws"/manifests/nightly-*.json; do
    [ -f "$manifest" ] || continue
    jq -S '{outcome, exit_code, model_version, rows, outputs, alerts_critical, alerts_warning,
      inputs: [.inputs[] | {fileName, kind, outcome, rowsRead, rowsStored, rowsQuarantined,
        rowsDuplicate, firstDay, lastDay, sha256}],
      retraining: (.retraining | if . == null then null else {trigger, candidate, decision} end)}' \
      "$manifest" >"$out/$(basename "$manifest")" 2>/dev/null \
      || echo "unreadable manifest" >"$out/$(basename "$manifest")"
  done
  # Each inbox file exactly once in the ledger and once in the audit log.
  for f in "$ws"/inbox/*.csv; do
    [ -f "$f" ] || continue
    local sha
    sha=$(sha256sum "$f" | cut -c1-64)
    echo "$(basename "$f") ledger=$(sqlite3 -readonly "$ws/shelfcast.sqlite" \
      "SELECT count(*) FROM ingested_file WHERE sha256 = '$sha' AND status = 'ingested'") audit=$(
      sqlite3 -readonly "$ws/shelfcast.sqlite" \
        "SELECT count(*) FROM audit_entry WHERE action = 'ingest' AND details LIKE '%\"sha256\":\"$sha\"%'")"
  done >"$out/inbox.txt"
}

# Differences between snapshots $1 and $2, or nothing.
compare() {
  diff -r "$1" "$2" >"$3" 2>&1 && return 0
  return 1
}

