/// One problem found in a file: a value with a 1-based line and column (the column counts
/// Unicode scalars from the start of the line; a BOM is not counted).
public struct Diagnostic: Hashable, Sendable, Comparable {
    public enum Severity: String, Sendable {
        case error
        case warning
    }

    public var severity: Severity
    public var line: Int
    public var column: Int
    public var message: String
    /// The byte offset of the spot in its file, when known: lets the source line be found
    /// without counting lines from the top.
    public var offset: Int?

    public init(_ severity: Severity, line: Int, column: Int, _ message: String, offset: Int? = nil) {
        self.severity = severity
        self.line = line
        self.column = column
        self.message = message
        self.offset = offset
    }

    /// Sorted by position: by line, then column, errors before warnings at one spot.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        if lhs.line != rhs.line { return lhs.line < rhs.line }
        if lhs.column != rhs.column { return lhs.column < rhs.column }
        if lhs.severity != rhs.severity { return lhs.severity == .error }
        return lhs.message < rhs.message
    }
}

/// How many problems one file reports before hone stops looking: enough for any real file,
/// and a bound on the work a hostile one can cause.
enum DiagnosticLimit {
    static let perFile = 1000
    static let message = "too many problems: stopped after \(perFile); fix these first"
}
