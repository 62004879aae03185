import Foundation

/// Writes text whole to an open file descriptor with write(2), and says when it could not.
/// Neither stdio nor Foundation's `FileHandle` is in between: stdio keeps a buffer whose failed
/// flush goes unseen at exit, and `FileHandle.write` traps on any error (a full disk, a closed
/// pipe), ending hone with a crash instead of a message.
public struct DescriptorWriter: Sendable {
    public let descriptor: Int32
    /// What the descriptor is, for the error: "standard output", or a file's path.
    public let target: String

    public init(descriptor: Int32, target: String) {
        self.descriptor = descriptor
        self.target = target
    }

    /// All of `text`'s UTF-8, in as few calls as the kernel takes (one for a file), straight from
    /// the string's own storage: no copy, however long the text.
    public func write(_ text: String) throws(OutputError) {
        var text = text
        let failure: Int32? = text.withUTF8 { write(UnsafeRawBufferPointer($0)) }
        if let failure { throw OutputError(target: target, code: failure) }
    }

    /// All of `bytes`, as `write(_:)` writes text.
    public func write(_ bytes: Data) throws(OutputError) {
        let failure: Int32? = bytes.withUnsafeBytes { write($0) }
        if let failure { throw OutputError(target: target, code: failure) }
    }

    /// Writes every byte: a write cut short by a signal or a full pipe goes on from where it
    /// stopped. The `errno` of the first failure, or nil when all of it was written.
    private func write(_ bytes: UnsafeRawBufferPointer) -> Int32? {
        guard var next = bytes.baseAddress else { return nil }
        var left = bytes.count
        while left > 0 {
            let written = Foundation.write(descriptor, next, left)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            next += written
            left -= written
        }
        return nil
    }
}
