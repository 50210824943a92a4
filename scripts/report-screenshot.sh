#!/usr/bin/env bash
# Renders the analysts' report in headless Chromium at two widths and saves a screenshot of each,
# to check by eye that it reads well on a desktop and on a narrow window:
# reports/screenshots/report-1400.png and report-800.png.
#
# The report comes from the ReportDemo executable (synthetic numbers covering every panel), or is
# REPORT=path/to/report.html when set (for example a monitor run's reports/D/report.html).
# Chromium is Debian's `chromium` package; it is installed here when missing, not by
# scripts/install-deps.sh, because `make test` does not need it.
# WIDTHS and HEIGHT set the windows (default "1400 800" x 7000 CSS pixels); each screenshot shows
# the top HEIGHT pixels of the page.
set -euo pipefail
cd "$(dirname "$0")/.."
swift=${SWIFT:-swift}
out_dir=reports/screenshots
widths=${WIDTHS:-1400 800}
height=${HEIGHT:-7000}
mkdir -p "$out_dir"

if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing: chromium"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq chromium fonts-dejavu-core
fi

if [ -n "${REPORT:-}" ]; then
  [ -f "$REPORT" ] || { echo "No report at $REPORT" >&2; exit 1; }
  html="$(realpath "$REPORT")"
else
  "$swift" build --product ReportDemo
  "$("$swift" build --show-bin-path)/ReportDemo" "$out_dir/report.html"
  html="$(pwd)/$out_dir/report.html"
fi

for width in $widths; do
  png="$(pwd)/$out_dir/report-$width.png"
  rm -f "$png"
  # --no-sandbox: Chromium refuses to start its sandbox as root (CI and these machines run as
  # root).
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --window-size="$width,$height" --screenshot="$png" "file://$html" 2>/dev/null
  [ -s "$png" ] || { echo "Chromium wrote no screenshot to $png" >&2; exit 1; }
  echo "Screenshot: $out_dir/report-$width.png (${width}x${height}) of $html"
done
