# Sourced by scripts/crash-test.sh after the nightly scenarios: the other writing commands, each
# killed at a sample of its crash points (CRASH_COMMAND_POINTS), stopped by SIGINT and SIGTERM at
# CRASH_COMMAND_SIGNALS points (default 2), and interrupted at CRASH_COMMAND_TIMES time offsets
# (default 1: kill -9 after half its uninterrupted time); after each, the same command runs again
# and the workspace must equal the uninterrupted run's (scripts/workspace-state.sh).
#
# `intraday` (in the defaults) takes the first half of the run date's transactions as one drop,
# with the forecast for the run date archived, and nowcasts it.
#
# Uses crash-test.sh's $bin, $work, $base, $run_date, $history_through, $commands,
# $command_points, fresh-copy helpers and counters. Not covered here: prune (a prune run again
# after a kill finishes the deletions and records its own audit entry, by design: README,
# "Retention"). `demo` (CRASH_COMMANDS=demo, not in the defaults: a debug demo takes 30 to 90 s)
# runs `shelfcast demo --nights CRASH_DEMO_NIGHTS` (default 2) from an empty folder, as `make
# run` does, and checks that a demo interrupted anywhere and run again ends as an
# uninterrupted one (`make test-crash-demo`: 12 kill points, 6 signal points, 6 timed).

# The workspace a command starts from, made under $2 from the base.
command_base() {
  local name=$1 dir=$2
  rm -rf "$dir"
  if [ "$name" = demo ]; then
    # `make run` from nothing: the demo generates its chain under the workspace.
    mkdir -p "$dir"
    return
  fi
  cp -a "$base" "$dir"
  case "$name" in
    recommend) "$bin" forecast --workspace "$dir" --quiet >/dev/null ;;
    intraday)
      # The forecast for the run date archived, and a drop: the first half of its lines.
      "$bin" forecast --workspace "$dir" --quiet >/dev/null
      local lines
      mkdir -p "$dir/drops"
      lines=$(wc -l <"$dir/inbox/transactions_$run_date.csv")
      head -n $((lines / 2)) "$dir/inbox/transactions_$run_date.csv" >"$dir/drops/drop-1200.csv" ;;
    promote)
      "$bin" train --workspace "$dir" --as-of "$history_through" --reason "crash test candidate" \
        --quiet >/dev/null ;;
    restore)
      # A night (its copy of the database is taken), then the next day's transactions
      # ingested by hand: the restore returns to the copy and replays that file.
      "$bin" nightly --workspace "$dir" --date "$run_date" --config "$work/config/plain.yaml" \
        --quiet >/dev/null 2>&1
      local next
      next=$(date -u -d "$run_date + 1 day" +%F)
      "$bin" ingest --workspace "$dir" --as-of "$next" --quiet \
        "$sample/inbox/transactions_$next.csv" >/dev/null ;;
  esac
}

# The command's arguments for workspace $2.
command_args() {
  local name=$1 ws=$2
  case "$name" in
    ingest)
      echo ingest --workspace "$ws" --as-of "$run_date" --quiet \
        "$ws/inbox/transactions_$run_date.csv" "$ws/inbox/on_hand_$run_date.csv" ;;
    train) echo train --workspace "$ws" --as-of "$history_through" --reason crash-test --quiet ;;
    forecast) echo forecast --workspace "$ws" --quiet ;;
    recommend) echo recommend --workspace "$ws" ;;
    intraday)
      echo intraday --workspace "$ws" --date "$run_date" --at 12:00 --quiet \
        "$ws/drops/drop-1200.csv" ;;
    promote) echo registry promote v0002 --workspace "$ws" --reason crash-test ;;
    restore) echo restore --workspace "$ws" --quiet ;;
    demo) echo demo --workspace "$ws" --nights "${CRASH_DEMO_NIGHTS:-2}" --quiet ;;
    *) echo "crash test: unknown command $name" >&2; return 1 ;;
  esac
}

# Runs command $1 in workspace $2 with env assignments $3...; prints the exit code.
run_command() {
  local name=$1 ws=$2
  shift 2
  # shellcheck disable=SC2046
  env "$@" "$bin" $(command_args "$name" "$ws") >>"$ws.log" 2>&1
  echo $?
}

# The codes a run after an interruption may end with: the uninterrupted code, and for a
# promotion that had committed, 64 ("already the champion", after repairing its files).
rerun_ok() {
  local name=$1 rc=$2 ref=$3
  [ "$rc" = "$ref" ] && return 0
  [ "$name" = promote ] && [ "$rc" = 64 ] && return 0
  return 1
}

# After an interruption of command $1 in $ws: run it again, then compare with $2.
command_check() {
  local name=$1 ref=$2 label=$3 ref_rc=$4 rc
  rc=$(run_command "$name" "$ws")
  if ! rerun_ok "$name" "$rc" "$ref_rc"; then
    fail "$label: the run after it exited $rc (expected $ref_rc): $(tail -3 "$ws.log")"
    return 1
  fi
  if [ -n "$(cd "$ws" && find reports models -name '.*.tmp-*' 2>/dev/null)" ]; then
    fail "$label: temporary files left after the re-run"
    return 1
  fi
  if ! "$bin" audit verify --workspace "$ws" >>"$ws.log" 2>&1; then
    fail "$label: audit verify failed after the re-run"
    return 1
  fi
  snapshot "$ws" "$ws.state"
  if ! compare "$ref" "$ws.state" "$ws.diff"; then
    fail "$label: the end state differs from the uninterrupted run's (first lines below; $ws.diff)"
    head -20 "$ws.diff" | cut -c1-300 | sed 's/^/    /'
    return 1
  fi
  return 0
}

for name in $commands; do
  s=$work/command-$name
  mkdir -p "$s"
  ws=$work/ws
  command_base "$name" "$s/base"
  cfresh() { rm -rf "$ws"; cp -a "$s/base" "$ws"; rm -f "$ws.log"; }
  cfresh
  t0=$(date +%s.%N)
  ref_rc=$(run_command "$name" "$ws")
  t1=$(date +%s.%N)
  case "$ref_rc" in 0 | 2) ;; *) echo "crash test: the uninterrupted $name failed (exit $ref_rc):"; tail -5 "$ws.log"; exit 1 ;; esac
  snapshot "$ws" "$s/ref.state"
  cfresh
  traced_rc=$(run_command "$name" "$ws" SHELFCAST_CRASH_TRACE="$s/trace.tsv")
  snapshot "$ws" "$s/traced.state"
  if [ "$traced_rc" != "$ref_rc" ] || ! compare "$s/ref.state" "$s/traced.state" "$s/determinism.diff"; then
    echo "crash test: two uninterrupted runs of $name differ (not deterministic):"
    head -20 "$s/determinism.diff" | cut -c1-300
    exit 1
  fi
  seconds=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
  awk -F'\t' '{print $1 ":" $2}' "$s/trace.tsv" >"$s/all-points.txt"
  hits=$(wc -l <"$s/all-points.txt")
  log "command $name: an uninterrupted run takes ${seconds} s (exit $ref_rc) and passes $hits crash-point hits"
  # An even spread of the hits, the first left out (nothing is written before it).
  awk -v n="$command_points" 'NR > 1 { lines[NR] = $0 } END { total = NR - 1; if (total < 1) exit;
    step = total / n; for (i = 0; i < n && i < total; i++) print lines[int(i * step) + 2] }' \
    "$s/all-points.txt" >"$s/points.txt"
  kills=0 kills_ok=0 signals=0 signals_ok=0 timed=0 timed_ok=0
  while read -r point; do
    kills=$((kills + 1))
    cfresh
    rc=$(run_command "$name" "$ws" SHELFCAST_CRASH_AT="$point")
    if [ "$rc" != 137 ]; then
      fail "$name at $point: exited $rc instead of dying by SIGKILL: $(tail -2 "$ws.log")"
    elif command_check "$name" "$s/ref.state" "$name killed at $point" "$ref_rc"; then
      kills_ok=$((kills_ok + 1))
      echo "  ok  $name killed at $point"
    fi
    keep_failed "$name-$point"
  done <"$s/points.txt"
  # SIGINT and SIGTERM (alternately) at an even spread of CRASH_COMMAND_SIGNALS hits, the last
  # at the last hit (2: SIGINT at the middle hit, SIGTERM at the last): the command stops at its
  # next check (inside its loops, or between its steps) or finishes its step, and exits with the
  # signal's code.
  awk -v n="$command_signals" -v total="$hits" 'BEGIN { if (n < 1) exit; for (i = 1; i <= n; i++)
    want[int(i * total / n)] = (i % 2 == 1 ? "INT" : "TERM") }
    want[NR] != "" { print want[NR] ":" $0 }' "$s/all-points.txt" >"$s/signal-points.txt"
  while read -r pair; do
    sig=${pair%%:*}
    point=${pair#*:}
    if [ "$sig" = INT ]; then want=130; else want=143; fi
    [ -n "$point" ] || continue
    signals=$((signals + 1))
    cfresh
    rc=$(run_command "$name" "$ws" SHELFCAST_CRASH_AT="$point" SHELFCAST_CRASH_SIGNAL="$sig")
    if [ "$rc" != "$want" ]; then
      fail "$name, SIG$sig at $point: exited $rc instead of $want: $(tail -2 "$ws.log")"
    elif ! grep -q "^Stopped by SIG$sig: " "$ws.log"; then
      fail "$name, SIG$sig at $point: no 'Stopped by SIG$sig' line: $(tail -2 "$ws.log")"
    elif command_check "$name" "$s/ref.state" "$name, SIG$sig at $point" "$ref_rc"; then
      signals_ok=$((signals_ok + 1))
      echo "  ok  $name, SIG$sig at $point"
    fi
    keep_failed "$name-sig$sig-$point"
  done <"$s/signal-points.txt"
  # CRASH_COMMAND_TIMES interruptions after a share of the uninterrupted time (1: kill -9 after
  # half of it; more: spread from 5 % to 90 %, cycling kill -9, kill -INT and kill -TERM, the
  # last two as Ctrl-C and a scheduler's stop arrive).
  for i in $(seq 1 "$command_times"); do
    case $(((i - 1) % 3)) in 0) sig=KILL; want=137 ;; 1) sig=INT; want=130 ;; *) sig=TERM; want=143 ;; esac
    offset=$(awk -v t="$seconds" -v i="$i" -v n="$command_times" \
      'BEGIN { printf "%.3f", (n > 1 ? t * (0.05 + 0.85 * (i - 1) / (n - 1)) : t / 2) }')
    cfresh
    # shellcheck disable=SC2046
    rc=$(signal_after "$offset" "$sig" "$ws.log" "$bin" $(command_args "$name" "$ws"))
    if [ "$rc" = "$ref_rc" ]; then
      echo "  not reached  $name, kill -$sig after ${offset}s (it had finished)"
      continue
    fi
    timed=$((timed + 1))
    if [ "$rc" != "$want" ]; then
      fail "$name, kill -$sig after ${offset}s: exited $rc instead of $want: $(tail -2 "$ws.log")"
    elif command_check "$name" "$s/ref.state" "$name, kill -$sig after ${offset}s" "$ref_rc"; then
      timed_ok=$((timed_ok + 1))
      echo "  ok  $name, kill -$sig after ${offset}s"
    fi
    keep_failed "$name-time-$i"
  done
  command_summary+=("$name: kill points $kills_ok of $kills, signals $signals_ok of $signals, timed $timed_ok of $timed (of $hits crash-point hits; moments survived $((kills_ok + signals_ok + timed_ok)) of $((kills + signals + timed)))")
done
