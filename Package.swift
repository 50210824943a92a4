// swift-tools-version:6.0
import PackageDescription

// MARK: - Dependencies (all from the local mirror, at the versions it lists)

let dependencies: [Package.Dependency] = [
  .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
  .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
  .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
  .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
  .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
  // The HTTP API (`shelfcast serve`, module Serving).
  .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
  .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird", from: "2.1.0"),
  .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
  .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
]

let grdb: Target.Dependency = .product(name: "GRDB", package: "GRDB.swift")
let logging: Target.Dependency = .product(name: "Logging", package: "swift-log")
// SHA-256 through the system's libcrypto (module _Digest; docs/engineering.md says why not
// swift-crypto).
let digest: Target.Dependency = "_Digest"
let yams: Target.Dependency = .product(name: "Yams", package: "Yams")
let prometheus: Target.Dependency = .product(name: "Prometheus", package: "swift-prometheus")
let serving: [Target.Dependency] = [
  .product(name: "Hummingbird", package: "hummingbird"),
  .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
  .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
  .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
]

// MARK: - Public API (one module per pipeline stage, upstream first)

// The modules whose loops the test suite spends its time in (parsing, storage, feature rows, model fits, chain
// generation, simulation) are optimised in debug builds too: unoptimised, a one-night demo takes
// 42 s instead of 3 s, and `make test` runs such chains dozens of times. Preconditions stay on
// (`-O`, not `-Ounchecked`) and `@testable import` still works. They are compiled whole-module
// (`-wmo`, as release builds are), on two threads: file by file, `-O` type-checks and optimises
// each file's callees again in every batch, and rebuilding ShelfCast's modules and tests took
// 43 s longer (docs/engineering.md, "make test's time"). The price: an edit recompiles its whole
// module. `-num-threads` keeps one object file per source file, which the index store needs.
// `SHELFCAST_ONONE=1 swift build` builds them unoptimised and incrementally, for stepping through
// them in a debugger.
let hotLoops: [SwiftSetting] =
  Context.environment["SHELFCAST_ONONE"] == "1"
  ? [] : [.unsafeFlags(["-O", "-wmo", "-num-threads", "2"], .when(configuration: .debug))]

// The byte writers (`ByteSink`: every CSV ShelfCast writes) and the monitor's joins touch a
// class's stored properties on every field they write, and Swift checks each such access for
// exclusivity at run time: 6 % of a 200 × 500 night's CPU, most of it while writing
// `forecast_vs_actual.csv`. Those modules turn the run-time check off (the compile-time one
// stays); their sinks are single-owner by contract.
let uncheckedAccess: [SwiftSetting] = hotLoops + [.unsafeFlags(["-enforce-exclusivity=unchecked"])]

let libraries: [Target] = [
  .target(name: "LinearAlgebra", dependencies: ["_CBLAS"], swiftSettings: hotLoops),
  .target(name: "DemandCore", swiftSettings: hotLoops),
  .target(name: "Tabular", swiftSettings: uncheckedAccess),
  .target(
    name: "History", dependencies: ["DemandCore", "_Parallel", grdb], swiftSettings: hotLoops),
  .target(
    name: "Ingest",
    dependencies: ["DemandCore", "Tabular", "History", "_Parallel", digest, logging],
    swiftSettings: hotLoops),
  .target(name: "Synthetic", dependencies: ["DemandCore", "Tabular"], swiftSettings: hotLoops),
  .target(name: "Features", dependencies: ["DemandCore"], swiftSettings: hotLoops),
  .target(
    name: "Models", dependencies: ["DemandCore", "Features", "LinearAlgebra"],
    swiftSettings: hotLoops),
  .target(
    name: "Forecasting",
    dependencies: ["DemandCore", "Features", "Models", "Tabular", "_Parallel", digest, logging],
    swiftSettings: hotLoops),
  .target(
    name: "Inventory", dependencies: ["DemandCore", "Models", "Forecasting", "Tabular"],
    swiftSettings: hotLoops),
  .target(
    name: "Monitoring",
    dependencies: ["DemandCore", "Tabular", "History", "_Parallel", prometheus],
    swiftSettings: uncheckedAccess),
  .target(name: "Reports", dependencies: ["DemandCore", "Monitoring", "Tabular"]),
  .target(
    name: "Registry",
    dependencies: [
      "DemandCore", "Tabular", "History", "Features", "Forecasting", grdb, digest, logging,
    ]),
  .target(
    name: "Pipeline",
    dependencies: [
      "DemandCore", "Tabular", "History", "Ingest", "Synthetic", "LinearAlgebra", "Features",
      "Models", "Forecasting", "Inventory", "Monitoring", "Registry", "Reports", "_BuildInfo",
      "_Parallel", digest, logging, yams,
    ]),
  // The read-only HTTP API of `shelfcast serve` over a workspace's finished nights.
  .target(
    name: "Serving",
    dependencies: [
      "Pipeline", "DemandCore", "Tabular", "History", "Forecasting", "Inventory", "Monitoring",
      "Registry", digest, logging, prometheus,
    ] + serving,
    exclude: ["openapi.yaml", "openapi-generator-config.yaml", "Generated/openapi.sha256"]),
  .executableTarget(
    name: "shelfcast",
    dependencies: [
      "Pipeline", "DemandCore", "Tabular", "History", "Ingest", "Models", "Forecasting",
      "Inventory", "Monitoring", "Registry", "Reports", "LinearAlgebra", "_BuildInfo", "Serving",
      .product(name: "ArgumentParser", package: "swift-argument-parser"),
      logging,
    ]),
  .executableTarget(name: "ReportDemo", dependencies: ["Reports", "Monitoring", "DemandCore"]),
]

// MARK: - Implementation details

let implementation: [Target] = [
  .systemLibrary(
    name: "_CBLAS",
    pkgConfig: nil,
    providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]),
  .systemLibrary(name: "_CLibcrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
  // SHA-256, the one module that calls libcrypto.
  .target(name: "_Digest", dependencies: ["_CLibcrypto"]),
  .target(name: "_TestSupport", dependencies: ["DemandCore"]),
  // Work spread over the cores with results gathered in a fixed order (no domain types).
  .target(name: "_Parallel"),
  // The git commit, written before every build by the plugin below (see BuildInfo.gitCommit).
  .target(name: "_BuildInfo", plugins: ["GitCommitPlugin"]),
  .plugin(name: "GitCommitPlugin", capability: .buildTool()),
  // Benchmark driver of `make bench-drift` (Benchmarks/bench-drift.sh); not a product.
  .executableTarget(name: "DriftBench", dependencies: ["Pipeline", "Monitoring", "DemandCore"]),
  // The fuzz target of `make fuzz` (scripts/fuzz.sh) and the checks it runs on every input; a
  // plain build makes a replayer of inputs given as files. Not a product.
  .target(name: "_IngestFuzzing", dependencies: ["DemandCore", "Tabular", "History", "Ingest"]),
  .executableTarget(name: "ShelfCastFuzz", dependencies: ["_IngestFuzzing"]),
]

// MARK: - Tests (mirror Sources)

let tests: [Target] = [
  .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "_TestSupport"]),
  .testTarget(name: "ParallelTests", dependencies: ["_Parallel"]),
  .testTarget(name: "DigestTests", dependencies: ["_Digest"]),
  .testTarget(name: "DemandCoreTests", dependencies: ["DemandCore", "_TestSupport"]),
  .testTarget(name: "TabularTests", dependencies: ["Tabular", "_TestSupport"]),
  .testTarget(
    name: "HistoryTests", dependencies: ["History", "DemandCore", "_TestSupport", grdb]),
  .testTarget(
    name: "IngestTests",
    dependencies: ["Ingest", "History", "DemandCore", "_TestSupport", "_IngestFuzzing"]),
  .testTarget(name: "SyntheticTests", dependencies: ["Synthetic", "DemandCore", "_TestSupport"]),
  .testTarget(name: "FeaturesTests", dependencies: ["Features", "DemandCore", "_TestSupport"]),
  .testTarget(
    name: "ModelsTests", dependencies: ["Models", "Features", "DemandCore", "_TestSupport"],
    resources: [.copy("Fixtures")]),
  .testTarget(
    name: "ForecastingTests",
    dependencies: ["Forecasting", "Models", "Features", "DemandCore", "_TestSupport"]),
  .testTarget(
    name: "InventoryTests",
    dependencies: ["Inventory", "Forecasting", "Features", "Models", "DemandCore", "_TestSupport"]),
  .testTarget(
    name: "MonitoringTests",
    dependencies: ["Monitoring", "History", "Tabular", "DemandCore", "_TestSupport"],
    resources: [.copy("Fixtures")]),
  .testTarget(
    name: "ReportsTests", dependencies: ["Reports", "Monitoring", "DemandCore", "_TestSupport"]),
  .testTarget(
    name: "RegistryTests",
    dependencies: [
      "Registry", "History", "Forecasting", "Features", "Models", "DemandCore", "_TestSupport",
      grdb,
    ],
    resources: [.copy("Fixtures")]),
  .testTarget(
    name: "ServingTests",
    dependencies: [
      "Serving", "Pipeline", "Registry", "Synthetic", "DemandCore", "_TestSupport", logging,
    ]),
  .testTarget(
    name: "PipelineTests",
    dependencies: [
      "Pipeline", "Ingest", "History", "Synthetic", "DemandCore", "Forecasting", "Models",
      "Inventory", "Monitoring", "Registry", "Tabular", "_TestSupport", grdb, digest,
    ]),
]

// The executable's own tests: its `--help` against docs/commands.md, the README's examples.
let executableTests: [Target] = [
  .testTarget(
    name: "ShelfCastTests",
    dependencies: [
      "shelfcast", "_TestSupport",
      .product(name: "ArgumentParser", package: "swift-argument-parser"),
    ]
  )
]

let package = Package(
  name: "ShelfCast",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "shelfcast", targets: ["shelfcast"])
  ],
  dependencies: dependencies,
  targets: libraries + implementation + tests + executableTests,
  swiftLanguageModes: [.v6]
)
