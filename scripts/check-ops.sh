#!/usr/bin/env bash
# `make check-ops`: checks the operations files under jobs/ without building ShelfCast.
#   1. promtool check rules and promtool test rules on jobs/prometheus/ (Debian's prometheus
#      package, which scripts/install-deps.sh installs);
#   2. the Grafana dashboard is JSON, and every query in it parses as PromQL (promtool check
#      rules on a temporary file of recording rules, one per query, with the dashboard's
#      variables replaced by `.*`);
#   3. jobs/bin/shelfcast-nightly-wrapper against a stand-in for shelfcast: silent on exit 0, a
#      report with the code's meaning on stdout otherwise, the exit code passed through,
#      everything in the log, and the textfile collector's files written;
#   4. jobs/kubernetes/cronjob.yaml, intraday-cronjob.yaml and serve.yaml with kubernetes-validate
#      --strict, when it is installed
#      (KUBERNETES_VALIDATE=/path/to/kubernetes-validate, or on PATH); skipped otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v promtool >/dev/null || {
  echo "promtool is missing (scripts/install-deps.sh installs Debian's prometheus package)" >&2
  exit 1
}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

echo "== Prometheus rules"
promtool check rules jobs/prometheus/shelfcast-rules.yml
promtool test rules jobs/prometheus/shelfcast-rules.test.yml

echo "== Grafana dashboard"
dashboard=jobs/grafana/shelfcast-dashboard.json
python3 -m json.tool "$dashboard" >/dev/null
python3 - "$dashboard" >"$scratch/dashboard-queries.yml" <<'EOF'
import json, sys
dashboard = json.load(open(sys.argv[1]))
print("groups:\n  - name: dashboard-queries\n    rules:")
count = 0
for panel in dashboard["panels"]:
    for target in panel.get("targets", []):
        expr = target["expr"].replace("$instance", ".*").replace("$region", ".*")
        count += 1
        print(f"      - record: dashboard:query_{count}\n        expr: {json.dumps(expr)}")
if count == 0:
    sys.exit("no queries found in the dashboard")
EOF
promtool check rules "$scratch/dashboard-queries.yml" | sed 's|'"$scratch"'/||'

echo "== cron wrapper"
wrapper=jobs/bin/shelfcast-nightly-wrapper
bash -n "$wrapper"
fake="$scratch/shelfcast"
cat >"$fake" <<'EOF'
#!/bin/sh
echo "shelfcast $*"
echo "a line on stderr" >&2
exit "${FAKE_EXIT:-0}"
EOF
chmod +x "$fake"
mkdir -p "$scratch/workspace/reports" "$scratch/textfile"
echo "shelfcast_last_run_success 1" >"$scratch/workspace/reports/metrics.prom"
run_wrapper() {
  SHELFCAST_BIN=$fake "$wrapper" --log "$scratch/log/nightly.log" --textfile-dir "$scratch/textfile" \
    -- nightly --workspace "$scratch/workspace" --catch-up
}
fail() { echo "check-ops: $*" >&2; exit 1; }

out=$(FAKE_EXIT=0 run_wrapper) || fail "the wrapper exited $? for a run that exited 0"
[ -z "$out" ] || fail "the wrapper printed output for a successful run (cron would mail it): $out"
grep -q "a line on stderr" "$scratch/log/nightly.log" || fail "stderr did not reach the log"
grep -qx "shelfcast_job_exit_code 0" "$scratch/textfile/shelfcast_job.prom" ||
  fail "shelfcast_job.prom does not say exit 0"
cmp -s "$scratch/workspace/reports/metrics.prom" "$scratch/textfile/shelfcast.prom" ||
  fail "metrics.prom was not copied to the textfile folder"

set +e
out=$(FAKE_EXIT=4 run_wrapper)
code=$?
set -e
[ "$code" -eq 4 ] || fail "the wrapper exited $code for a run that exited 4"
echo "$out" | grep -q "exited 4: the run date's sales have not arrived" ||
  fail "the report of exit 4 does not say what it means: $out"
echo "$out" | grep -q "a line on stderr" || fail "the report of exit 4 has no log lines: $out"
grep -qx "shelfcast_job_exit_code 4" "$scratch/textfile/shelfcast_job.prom" ||
  fail "shelfcast_job.prom does not say exit 4"
[ "$(grep -c '^=== .* start: ' "$scratch/log/nightly.log")" -eq 2 ] ||
  fail "the log does not hold both runs"
ls -A "$scratch/textfile" | grep -q '\.tmp' && fail "a temporary file was left in the textfile folder"
for code in 0 1 2 3 4 5 64 75 130 143; do
  "$wrapper" --explain "$code" | grep -qv "does not document" || fail "no meaning for exit $code"
done
echo "wrapper: ok (exit 0 silent; exit 4 reported, passed through and logged; textfile written)"

echo "== Kubernetes"
validate=${KUBERNETES_VALIDATE:-$(command -v kubernetes-validate || true)}
if [ -n "$validate" ]; then
  "$validate" --strict jobs/kubernetes/cronjob.yaml jobs/kubernetes/intraday-cronjob.yaml \
    jobs/kubernetes/serve.yaml
else
  echo "kubernetes-validate not installed; skipped (python3 -m venv /tmp/kv &&" \
    "/tmp/kv/bin/pip install kubernetes-validate, then KUBERNETES_VALIDATE=/tmp/kv/bin/kubernetes-validate)"
fi
echo "check-ops: ok"
