// swift-tools-version: 6.0
import PackageDescription

// hone's deck reader against TOMLKit (Swift bindings of the C++ toml++ parser), in process, on
// one file held in memory. A package of its own, so hone's build never carries TOMLKit.
// Build and run from this folder: swift run -c release TOMLKitBench FILE [RUNS]
let package = Package(
    name: "TOMLKitBench",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "hone", path: "../../.."),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        .executableTarget(
            name: "TOMLKitBench",
            dependencies: [
                .product(name: "HoneDeck", package: "hone"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        )
    ],
    swiftLanguageModes: [.v6]
)
