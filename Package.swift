// swift-tools-version: 6.0
import PackageDescription

// Layers point inward only (docs: architecture.md): the command line (hone) -> the use cases (HoneApp)
// -> HoneREPL/HoneStore/HoneDeck -> HoneCore; rendering (HoneReport) sees only HoneCore and HoneDeck,
// and the session loop (HoneREPL) uses it for display width and visible text. HoneAnki (Anki's
// files) stands beside the store and is used only by HoneApp.
let package = Package(
    name: "hone",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "hone", targets: ["hone"]),
        // The core and the reader as libraries, for the benchmark packages under Tests/Benchmarks.
        .library(name: "HoneDeck", targets: ["HoneDeck"]),
        .library(name: "HoneCore", targets: ["HoneCore"]),
        .library(name: "HoneStore", targets: ["HoneStore"]),
        .library(name: "HoneAnki", targets: ["HoneAnki"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    ],
    targets: [
        // Pure core: card model, ratings; no files, no clock, no terminal.
        .target(name: "HoneCore"),
        // The deck reader: a TOML-subset parser with located diagnostics, and the deck schema.
        .target(name: "HoneDeck", dependencies: ["HoneCore"]),
        // SQLite through GRDB: schema, migrations, the review log.
        .target(
            name: "HoneStore",
            dependencies: [
                "HoneCore", "CSQLiteClose", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // One SQLite setting Swift cannot reach (a variadic C function), in a line of C.
        .target(name: "CSQLiteClose", linkerSettings: [.linkedLibrary("sqlite3")]),
        // GNU readline as a system library (libreadline-dev).
        .systemLibrary(name: "CReadline", providers: [.apt(["libreadline-dev"])]),
        // zstd's decompression (libzstd-dev), for Anki's current collection format.
        .systemLibrary(name: "CZstd", providers: [.apt(["libzstd-dev"])]),
        // Anki's files as plain values: packages (.apkg, .colpkg) read and written, both the
        // legacy collection layout and the current zstd-compressed one.
        .target(
            name: "HoneAnki",
            dependencies: [
                "CZstd", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // Rendering: terminal text (colour, width, visible text), diagnostics, the stats as text,
        // JSON, CSV and HTML. Knows nothing of SQLite or the use cases.
        .target(name: "HoneReport", dependencies: ["HoneCore", "HoneDeck"]),
        // Line reading (readline on a terminal, plain lines on a pipe) and the session loop.
        .target(name: "HoneREPL", dependencies: ["HoneCore", "HoneReport", "CReadline"]),
        // The use cases: the workspace, the agenda, session wiring, log export and import, the
        // stats, check and doctor. Knows nothing of argument parsing or rendering.
        .target(
            name: "HoneApp", dependencies: ["HoneAnki", "HoneCore", "HoneDeck", "HoneStore", "HoneREPL", "HoneReport"]),
        // The commands, each a few lines: parse, hand off, print; errors to exit codes in one place.
        .executableTarget(
            name: "hone",
            dependencies: [
                "HoneApp", "HoneDeck", "HoneReport", "HoneStore", "HoneREPL",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "HoneCoreTests", dependencies: ["HoneCore"], resources: [.copy("Fixtures")]),
        .testTarget(name: "HoneDeckTests", dependencies: ["HoneDeck"], resources: [.copy("Corpus")]),
        .testTarget(
            name: "HoneStoreTests", dependencies: ["HoneStore", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(
            name: "HoneAnkiTests",
            dependencies: [
                "HoneAnki", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "HoneREPLTests", dependencies: ["HoneREPL"]),
        .testTarget(name: "HoneReportTests", dependencies: ["HoneReport"]),
        .testTarget(name: "HoneAppTests", dependencies: ["HoneAnki", "HoneApp", "HoneStore", "HoneREPL"]),
        // Runs the built hone: depends on it, so it is built first.
        .testTarget(
            name: "HoneEndToEndTests",
            dependencies: [
                "hone", "HoneDeck", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ], exclude: ["Snapshots"]),
    ],
    swiftLanguageModes: [.v6]
)
