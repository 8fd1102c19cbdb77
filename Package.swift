// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "pfmplan",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "pfmplan", targets: ["pfmplan"]),
        .executable(name: "pfmplan-bench", targets: ["pfmplan-bench"]),
        .library(name: "PFMCatalog", targets: ["PFMCatalog"]),
        .library(name: "PFMSimulation", targets: ["PFMSimulation"]),
        .library(name: "PFMPlanning", targets: ["PFMPlanning"]),
        .library(name: "PFMReporting", targets: ["PFMReporting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // catalog -> simulation -> planning -> reporting -> CLI: dependencies point one way.
        .target(
            name: "PFMCatalog",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        // The engine is compiled with -O in debug builds too: `swift test` simulates millions of
        // requests, end to end and in-process, and an unoptimised engine (retains and struct
        // copies on every pass) made the suite 20 times slower. To step through the engine
        // unoptimised, drop this setting locally.
        .target(
            name: "PFMSimulation", dependencies: ["PFMCatalog", "CPrefetch"],
            // Release: no run-time exclusivity checks. The language executors are classes (one per
            // instance, never copied), and checking each access to their stored properties took a
            // quarter of a continuous-batching run (swift_beginAccess, perf record); the compile-time
            // checks stay, and the debug build (which `swift test` runs) keeps the run-time ones.
            swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug)),
                            .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        // CPrefetch: the engine's cache-line prefetch hint (__builtin_prefetch), not expressible in Swift.
        .target(name: "CPrefetch"),
        .target(name: "PFMPlanning", dependencies: ["PFMCatalog", "PFMSimulation"]),
        .target(name: "PFMReporting", dependencies: ["PFMCatalog", "PFMSimulation", "PFMPlanning"]),
        .executableTarget(
            name: "pfmplan",
            dependencies: [
                "PFMCatalog", "PFMSimulation", "PFMPlanning", "PFMReporting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks: `swift run -c release pfmplan-bench` (README, Performance).
        .target(name: "CMallocCounter"),
        .executableTarget(name: "pfmplan-bench", dependencies: ["PFMCatalog", "PFMSimulation", "PFMPlanning", "CMallocCounter"]),
        // Fuzzing: .ci/fuzz.sh builds it with libFuzzer; a plain build runs files through the same harness.
        .executableTarget(name: "pfmplan-fuzz", dependencies: ["PFMCatalog", "PFMSimulation", "PFMPlanning"]),
        .testTarget(name: "PFMCatalogTests", dependencies: ["PFMCatalog"], exclude: ["Fixtures"]),
        // CMallocCounter: the allocation tests count the hot loop's heap allocations.
        .testTarget(name: "PFMSimulationTests", dependencies: ["PFMCatalog", "PFMSimulation", "CMallocCounter"]),
        .testTarget(name: "PFMPlanningTests", dependencies: ["PFMCatalog", "PFMSimulation", "PFMPlanning", "PFMReporting"]),
        .testTarget(
            name: "pfmplanTests",
            dependencies: ["pfmplan", "pfmplan-bench", "PFMCatalog", "PFMReporting"],
            exclude: ["Snapshots"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
