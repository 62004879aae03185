import Foundation

/// A write that failed, as a value: what was being written (`standard output`, or a file as
/// the person named it) and the system's reason (`errno`).
public struct OutputError: Error, Sendable, CustomStringConvertible {
    /// Standard output, or the file's path as given.
    public let target: String
    /// The `errno` of the failed call.
    public let code: Int32

    public init(target: String, code: Int32) {
        self.target = target
        self.code = code
    }

    /// The reader of a pipe has gone (`hone log export | head -1`): not a failure to report.
    public var isBrokenPipe: Bool { code == EPIPE }

    /// The system's words for `code`: "No space left on device".
    public var reason: String { String(cString: strerror(code)) }

    public var description: String { "cannot write to \(target): \(reason)" }
}
