// swift-tools-version: 6.0
import PackageDescription

// Times the scheduler core in a release build, apart from the main package so its build
// carries nothing of this.
let package = Package(
    name: "CoreBench",
    dependencies: [.package(name: "hone", path: "../../..")],
    targets: [
        .executableTarget(
            name: "CoreBench",
            dependencies: [.product(name: "HoneCore", package: "hone")]
        )
    ]
)
