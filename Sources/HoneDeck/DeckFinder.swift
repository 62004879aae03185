import Foundation

/// Finds deck files: every `*.toml` under a folder, recursively, in sorted order.
public enum DeckFinder {
    public struct Found: Sendable, Equatable {
        /// The path to show: the folder as given joined with the path under it.
        public var path: String
        /// The path under the folder, which names the deck when it has no `[deck] id`.
        public var relativePath: String

        public init(path: String, relativePath: String) {
            self.path = path
            self.relativePath = relativePath
        }
    }

    /// The largest deck (or config) file read unless the config file says otherwise: ten times
    /// a deck of 100,000 cards, and a bound on what a stray file costs in memory.
    public static let defaultSizeLimit = 64 << 20

    /// The deck files under `folder`; hidden files and folders (`.git`) are skipped. A folder
    /// named `x.toml` is walked like any other; anything else named `*.toml` is listed, so that
    /// what cannot be read as a deck (a pipe, a device, a link to nothing) is named when read.
    public static func files(under folder: String) -> [Found] {
        let manager = FileManager.default
        guard let enumerator = manager.enumerator(atPath: folder) else { return [] }
        var found: [Found] = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") {
                enumerator.skipDescendants()
                continue
            }
            guard name.hasSuffix(".toml") else { continue }
            let full = folder.hasSuffix("/") ? folder + relative : folder + "/" + relative
            var status = stat()
            if stat(full, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR { continue }
            found.append(Found(path: full, relativePath: relative))
        }
        return found.sorted { $0.relativePath.utf8.lexicographicallyPrecedes($1.relativePath.utf8) }
    }

    /// Reads a regular file's bytes (a link is followed), at most `limit` of them, or says why
    /// it cannot. Opened without waiting (a named pipe with no writer would block the open and
    /// every read) and checked on the open descriptor, not by name before, so that what is
    /// read is what was checked; a pipe, a device or a socket is refused, whatever its name.
    /// No more than `limit + 1` bytes are ever read: `/dev/zero` behind a link, or a file
    /// growing while it is read, costs no more than that. Read straight into the array, with
    /// no intermediate `Data`, so a large deck is held in memory once.
    public static func contents(of path: String, limit: Int? = nil) -> Result<[UInt8], FileProblem> {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else {
            return .failure(FileProblem(path: path, message: "cannot open: \(String(cString: strerror(errno)))"))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            return .failure(FileProblem(path: path, message: "cannot read: \(String(cString: strerror(errno)))"))
        }
        if let refusal = refusal(ofMode: status.st_mode) {
            return .failure(FileProblem(path: path, message: refusal))
        }
        let size = max(Int(status.st_size), 0)
        let limit = limit ?? Int.max - 1
        if size > limit {
            return .failure(FileProblem(path: path, message: "is \(size) bytes, over the limit of \(limit) bytes"))
        }
        var bytes: [UInt8] = []
        // One byte more than the size, so a file read whole is seen to end in the same call.
        var capacity = size + 1
        while true {
            var failed = false
            let chunk = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
                let result = read(descriptor, buffer.baseAddress, capacity)
                failed = result < 0
                initialized = max(result, 0)
            }
            if failed {
                if errno == EINTR { continue }
                return .failure(FileProblem(path: path, message: "cannot read: \(String(cString: strerror(errno)))"))
            }
            if chunk.isEmpty { return .success(bytes) }
            if bytes.isEmpty { bytes = chunk } else { bytes += chunk }
            if bytes.count > limit {
                return .failure(FileProblem(path: path, message: "grew past the limit of \(limit) bytes while read"))
            }
            capacity = min(1 << 16, limit + 1 - bytes.count)
        }
    }

    /// Why a file of this kind is not read, or nil for a regular file.
    static func refusal(ofMode mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: "is a folder, not a file"
        case S_IFIFO: "is a named pipe (FIFO), not a regular file"
        case S_IFCHR, S_IFBLK: "is a device, not a regular file"
        case S_IFSOCK: "is a socket, not a regular file"
        default: "is not a regular file"
        }
    }
}

/// A file that could not be read at all.
public struct FileProblem: Error, Sendable {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
}
