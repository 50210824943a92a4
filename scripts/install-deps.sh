#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages ShelfCast builds against, when any is missing.
# OpenBLAS (CBLAS) and LAPACKE do the numerics; Debian's OpenBLAS has no LAPACKE symbols, hence
# liblapacke-dev. GRDB needs SQLite's headers; SHA-256 comes from OpenSSL's libcrypto (libssl-dev).
# pkg-config helps SwiftPM find them. The crash and file-system tests (scripts/crash-test.sh,
# scripts/fs-test.sh) read workspaces with sqlite3 and jq.
# `make check-ops` runs promtool (/usr/bin/promtool) from Debian's prometheus package, installed
# without its recommended prometheus-node-exporter (a service the tests do not need).
set -euo pipefail
packages=(libopenblas-dev liblapacke-dev libsqlite3-dev libssl-dev pkg-config sqlite3 jq)
without_recommends=(prometheus)
missing=()
missing_without_recommends=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
for p in "${without_recommends[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    missing_without_recommends+=("$p")
done
[ ${#missing[@]} -eq 0 ] && [ ${#missing_without_recommends[@]} -eq 0 ] && exit 0
echo "Installing: ${missing[*]} ${missing_without_recommends[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
[ ${#missing[@]} -eq 0 ] || $sudo apt-get install -y -qq "${missing[@]}"
[ ${#missing_without_recommends[@]} -eq 0 ] ||
  $sudo apt-get install -y -qq --no-install-recommends "${missing_without_recommends[@]}"
