/// Where something starts in a file's bytes: the byte offset and the 1-based line.
/// Columns are worked out only when a diagnostic is made, from the source itself.
/// Stored in 32 bits each (files are limited to 1 GiB) to keep large documents small.
public struct SourcePosition: Hashable, Sendable {
    private var storedOffset: Int32
    private var storedLine: Int32

    public var offset: Int { Int(storedOffset) }
    public var line: Int { Int(storedLine) }

    public init(offset: Int, line: Int) {
        storedOffset = Int32(truncatingIfNeeded: offset)
        storedLine = Int32(truncatingIfNeeded: line)
    }
}
