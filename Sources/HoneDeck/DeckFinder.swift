import Foundation

/// Finds deck files: every `*.toml` under a folder, recursively, in sorted order.
public enum DeckFinder {
    public struct Found: Sendable, Equatable {
        /// The path to show: the folder as given joined with the path under it.
        public var path: String
        /// The path under the folder, which names the deck when it has no `[deck] id`.
        public var relativePath: String
    }

    /// The deck files under `folder`; hidden files and folders (`.git`) are skipped.
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
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            found.append(Found(path: full, relativePath: relative))
        }
        return found.sorted { $0.relativePath.utf8.lexicographicallyPrecedes($1.relativePath.utf8) }
    }

    /// Reads a file's bytes, or says why it cannot. Read straight into the array, with no
    /// intermediate `Data`, so a large deck is held in memory once.
    public static func contents(of path: String) -> Result<[UInt8], FileProblem> {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            return .failure(FileProblem(path: path, message: "cannot open: \(String(cString: strerror(errno)))"))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            return .failure(FileProblem(path: path, message: "cannot read: \(String(cString: strerror(errno)))"))
        }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            return .failure(FileProblem(path: path, message: "is a folder, not a deck file"))
        }
        var bytes: [UInt8] = []
        // One byte more than the size, so a file read whole is seen to end in the same call.
        var capacity = max(Int(status.st_size), 0) + 1
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
            capacity = 1 << 16
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
