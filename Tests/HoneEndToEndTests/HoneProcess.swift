import Foundation

/// Runs the built `hone` binary as a user would: a temporary HOME, data and deck folders,
/// no terminal, and `--now` where time matters.
struct HoneProcess {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
        var stdoutBytes: [UInt8]
    }

    /// A scratch folder that stands in for the user's home.
    let home: URL

    init() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("hone-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    }

    /// The `hone` built beside the test bundle.
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["HONE_BIN"] { return URL(fileURLWithPath: path) }
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return bundle.appendingPathComponent("hone")
    }

    func write(_ relativePath: String, _ text: String) throws {
        try write(relativePath, bytes: Array(text.utf8))
    }

    func write(_ relativePath: String, bytes: [UInt8]) throws {
        let url = home.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    func read(_ relativePath: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: home.appendingPathComponent(relativePath)))
    }

    /// A hone started and not yet waited for: its input still open, for a test that writes to
    /// it while other hones run.
    struct Running {
        let process: Process
        let input: FileHandle
        let output: Pipe
        let error: Pipe

        /// Closes the input, waits for the end and returns what it printed.
        func finish() throws -> Output {
            try input.close()
            let outData = output.fileHandleForReading.readDataToEndOfFile()
            let errData = error.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return Output(
                status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                stderr: String(decoding: errData, as: UTF8.self), stdoutBytes: [UInt8](outData))
        }
    }

    /// Starts hone with `arguments`; through `launcher` (a command line that ends by running the
    /// command it is given) when there is one.
    func start(
        _ arguments: [String], environment extra: [String: String] = [:], stdin: String = "", launcher: [String] = []
    ) throws -> Running {
        let process = Process()
        if let first = launcher.first {
            process.executableURL = URL(fileURLWithPath: first)
            process.arguments = launcher.dropFirst() + [HoneProcess.binary.path] + arguments
        } else {
            process.executableURL = HoneProcess.binary
            process.arguments = arguments
        }
        process.currentDirectoryURL = home
        var environment = [
            "HOME": home.path, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TERM": "xterm-256color",
            "XDG_DATA_HOME": home.appendingPathComponent(".local/share").path,
            "XDG_CONFIG_HOME": home.appendingPathComponent(".config").path,
        ]
        environment.merge(extra) { $1 }
        process.environment = environment
        let input = Pipe()
        let output = Pipe()
        let error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        return Running(process: process, input: input.fileHandleForWriting, output: output, error: error)
    }

    /// Runs hone with `arguments` to its end (see `start`).
    func run(
        _ arguments: [String], environment extra: [String: String] = [:], stdin: String = "", launcher: [String] = []
    ) throws -> Output {
        try start(arguments, environment: extra, stdin: stdin, launcher: launcher).finish()
    }
}
