#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages ShelfCast builds against, when any is missing.
# OpenBLAS (CBLAS) and LAPACKE do the numerics; Debian's OpenBLAS has no LAPACKE symbols, hence
# liblapacke-dev. GRDB needs SQLite's headers. pkg-config helps SwiftPM find them. The crash and
# file-system tests (scripts/crash-test.sh, scripts/fs-test.sh) read workspaces with sqlite3 and jq.
set -euo pipefail
packages=(libopenblas-dev liblapacke-dev libsqlite3-dev pkg-config sqlite3 jq)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing: ${missing[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${missing[@]}"
