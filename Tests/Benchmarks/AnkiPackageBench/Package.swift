// swift-tools-version: 6.0
import PackageDescription

// Times HoneAnki's package reader in a release build, apart from the main package.
let package = Package(
    name: "AnkiPackageBench",
    dependencies: [.package(name: "hone", path: "../../..")],
    targets: [
        .executableTarget(name: "AnkiPackageBench", dependencies: [.product(name: "HoneAnki", package: "hone")])
    ]
)
