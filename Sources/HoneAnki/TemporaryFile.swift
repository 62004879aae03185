import Foundation

/// A file of our own in a temporary folder (mkstemp: a fresh name, created for us alone), for the
/// collection taken out of a package so SQLite can open it. Whoever makes one removes it.
struct TemporaryFile {
    struct Failure: Error {
        var detail: String
    }

    let path: String
    private let descriptor: Int32

    init(in folder: String, prefix: String) throws(Failure) {
        let name = (folder.hasSuffix("/") ? folder : folder + "/") + prefix + "XXXXXX"
        // mkstemp fills in the Xs in place: a C string we own, terminated.
        var template = Array(name.utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { mkstemp($0) } ?? -1
        }
        guard descriptor >= 0 else { throw Failure(detail: "\(folder): \(Self.systemReason())") }
        self.descriptor = descriptor
        path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Appends `bytes`, all of them.
    func write(_ bytes: UnsafeRawBufferPointer) throws(Failure) {
        var offset = 0
        while offset < bytes.count, let base = bytes.baseAddress {
            let written = Foundation.write(descriptor, base + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw Failure(detail: Self.systemReason())
            }
            offset += written
        }
    }

    /// Up to `count` bytes from `offset` (fewer at the end of the file).
    func read(count: Int, at offset: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let read = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, count, off_t(offset)) }
        return Array(bytes.prefix(max(read, 0)))
    }

    /// Overwrites bytes in place.
    func overwrite(_ bytes: [UInt8], at offset: Int) throws(Failure) {
        let written = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, bytes.count, off_t(offset)) }
        if written != bytes.count { throw Failure(detail: Self.systemReason()) }
    }

    /// Closes and deletes the file.
    func remove() {
        close(descriptor)
        unlink(path)
    }

    private static func systemReason() -> String { String(cString: strerror(errno)) }
}
