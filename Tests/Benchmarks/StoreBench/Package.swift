// swift-tools-version: 6.0
import PackageDescription

// Times the progress store in a release build, apart from the main package.
let package = Package(
    name: "StoreBench",
    dependencies: [.package(name: "hone", path: "../../..")],
    targets: [
        .executableTarget(
            name: "StoreBench",
            dependencies: [.product(name: "HoneStore", package: "hone"), .product(name: "HoneCore", package: "hone")]
        )
    ]
)
