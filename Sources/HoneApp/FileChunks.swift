import Foundation
import HoneDeck

/// A file read a chunk at a time, so that what reads it (the review log import) holds a chunk,
/// not the file: a gigabyte of garbage costs a chunk of memory until the reader gives up on it.
final class FileChunks {
    /// Why the file could not be read, once a read has failed (the chunks then end early).
    private(set) var problem: FileProblem?
    private let path: String
    private var descriptor: Int32

    static let chunkSize = 1 << 18

    /// Opens `path`, or says why it cannot.
    init(path: String) throws(HoneError) {
        self.path = path
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw HoneError(.cannotRead(FileProblem(path: path, message: "cannot open: \(Self.reason())")))
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let message = "cannot read: \(Self.reason())"
            close(descriptor)
            throw HoneError(.cannotRead(FileProblem(path: path, message: message)))
        }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            close(descriptor)
            throw HoneError(.cannotRead(FileProblem(path: path, message: "is a folder, not a file")))
        }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// The next chunk; empty at the end of the file or after a failed read (see `problem`).
    func next() -> [UInt8] {
        guard descriptor >= 0, problem == nil else { return [] }
        while true {
            var failed = false
            let chunk = [UInt8](unsafeUninitializedCapacity: Self.chunkSize) { buffer, initialized in
                let result = read(descriptor, buffer.baseAddress, Self.chunkSize)
                failed = result < 0
                initialized = max(result, 0)
            }
            if failed {
                if errno == EINTR { continue }
                problem = FileProblem(path: path, message: "cannot read: \(Self.reason())")
            }
            return chunk
        }
    }

    private static func reason() -> String {
        String(cString: strerror(errno))
    }
}
