# Sourced by crash-test.sh and fs-test.sh after their options: makes $bin the absolute path of
# the shelfcast binary to test (the --bin given, else the release build, else the debug build)
# and checks the tools both scripts need.
if [ -z "$bin" ]; then
  if [ -x .build/release/shelfcast ]; then bin=.build/release/shelfcast; else bin=.build/debug/shelfcast; fi
fi
[ -x "$bin" ] || { echo "no shelfcast binary at $bin; build it first" >&2; exit 1; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
for tool in sqlite3 jq sha256sum; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (scripts/install-deps.sh installs it)" >&2; exit 1; }
done
