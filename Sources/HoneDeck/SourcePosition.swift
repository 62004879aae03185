/// Where something starts in a file's bytes: the byte offset and the 1-based line.
/// Columns are worked out only when a diagnostic is made, from the source itself.
public struct SourcePosition: Hashable, Sendable {
    public var offset: Int
    public var line: Int

    public init(offset: Int, line: Int) {
        self.offset = offset
        self.line = line
    }
}
