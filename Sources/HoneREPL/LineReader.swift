/// Where a session's input lines come from. The session loop depends only on this,
/// so it can be driven by scripted input in tests.
public protocol LineReader {
    /// Reads one line without its line end; `nil` at end of input (Ctrl-D).
    mutating func readLine(prompt: String) -> String?
}

/// Plain lines from standard input, for pipes and scripts: no prompt echo, no editing.
public struct PlainLineReader: LineReader {
    public init() {}

    public mutating func readLine(prompt: String) -> String? {
        Swift.readLine(strippingNewline: true)
    }
}

/// Lines given up front, for tests.
public struct ScriptedLineReader: LineReader {
    private var lines: [String]

    public init(_ lines: [String]) {
        self.lines = lines
    }

    public mutating func readLine(prompt: String) -> String? {
        lines.isEmpty ? nil : lines.removeFirst()
    }
}
