#!/usr/bin/env bash
# Regenerates Sources/Serving/Generated/*.swift (types and server) from the API's contract,
# Sources/Serving/openapi.yaml, with swift-openapi-generator 1.14.3 from the local package mirror.
#
# The generated code is committed on purpose (not made by the generator's build plugin): the
# plugin builds the generator and its dependencies (OpenAPIKit, Yams and the rest,
# about 300 targets) in every fresh clone, adding minutes to CI's `make test`, which already pays
# for Hummingbird and SwiftNIO. Run this after every change of openapi.yaml and commit both;
# ServingContractTests fails when the committed code is older than the document.
#
# The generator is built once in a scratch package (default /tmp/shelfcast-openapi-generator,
# or $OPENAPI_GENERATOR_DIR), never in the repository.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
scratch="${OPENAPI_GENERATOR_DIR:-/tmp/shelfcast-openapi-generator}"
mkdir -p "$scratch/Sources/Placeholder"
[ -f "$scratch/Sources/Placeholder/Placeholder.swift" ] \
  || echo "// Only here so that the scratch package has a target." \
    > "$scratch/Sources/Placeholder/Placeholder.swift"
cat > "$scratch/Package.swift" <<'SWIFT'
// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "GenerateOpenAPI",
  dependencies: [
    .package(url: "https://github.com/apple/swift-openapi-generator", exact: "1.14.3")
  ],
  targets: [.target(name: "Placeholder")]
)
SWIFT
(cd "$scratch" && swift build --product swift-openapi-generator >&2)
generator="$(cd "$scratch" && swift build --product swift-openapi-generator --show-bin-path)/swift-openapi-generator"
serving="$root/Sources/Serving"
"$generator" generate "$serving/openapi.yaml" \
  --config "$serving/openapi-generator-config.yaml" \
  --output-directory "$serving/Generated"
# The document's SHA-256, checked by ServingContractTests against openapi.yaml.
sha256sum "$serving/openapi.yaml" | cut -d' ' -f1 > "$serving/Generated/openapi.sha256"
# The generator's own layout is kept (4-space indentation, long lines), and swift-format is told
# to leave the files alone (the lint runs over Sources).
for file in "$serving"/Generated/*.swift; do
  { echo "// swift-format-ignore-file"; cat "$file"; } >"$file.tmp" && mv "$file.tmp" "$file"
done
echo "Generated $serving/Generated/ from openapi.yaml"
