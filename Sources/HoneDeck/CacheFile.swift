#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A deck cache entry, open for reading its bytes where they are asked for. Read with `pread`,
/// not mapped: every page of a mapping that is touched (and the file system maps whole
/// groups of pages at a time) counts in the process's memory, while a session needs the
/// keys once and then the texts of a few scattered cards. Entries are replaced by rename,
/// never rewritten, so an open entry stays what it was.
final class CacheFile: @unchecked Sendable {
    private let descriptor: Int32
    let size: Int

    init?(path: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_size > 0 else {
            close(descriptor)
            return nil
        }
        self.descriptor = descriptor
        size = Int(status.st_size)
    }

    deinit { close(descriptor) }

    /// The bytes in `range`, or nil when they cannot all be read (a file cut short).
    func bytes(_ range: Range<Int>) -> [UInt8]? {
        guard range.lowerBound >= 0, range.upperBound <= size else { return nil }
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: range.count) { buffer, initialized in
            initialized = 0
            while initialized < range.count {
                let result = pread(
                    descriptor, buffer.baseAddress.map { $0 + initialized }, range.count - initialized,
                    off_t(range.lowerBound + initialized))
                if result < 0, errno == EINTR { continue }
                if result <= 0 {
                    failed = true
                    return
                }
                initialized += result
            }
        }
        return failed ? nil : bytes
    }
}
