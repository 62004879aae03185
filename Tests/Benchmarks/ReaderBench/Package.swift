// swift-tools-version: 6.0
import PackageDescription

// Times the deck reader alone, in process, on a file read into memory once.
// Build and run from this folder: swift run -c release ReaderBench FILE [RUNS]
let package = Package(
    name: "ReaderBench",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "hone", path: "../../..")
    ],
    targets: [
        .executableTarget(
            name: "ReaderBench",
            dependencies: [.product(name: "HoneDeck", package: "hone")]
        )
    ],
    swiftLanguageModes: [.v6]
)
