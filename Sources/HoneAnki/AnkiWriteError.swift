/// Why a package could not be made: the temporary collection, the archive, or the file.
public struct AnkiWriteError: Error, Sendable, CustomStringConvertible {
    /// What was being done ("write the collection", "write /tmp/out.apkg").
    public var action: String
    public var reason: String

    public init(_ action: String, reason: String) {
        self.action = action
        self.reason = reason
    }

    public var description: String { "cannot \(action): \(reason)" }
}
