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

    /// Reads a file's bytes, or says why it cannot.
    public static func contents(of path: String) -> Result<[UInt8], FileProblem> {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            return .failure(FileProblem(path: path, message: exists ? "cannot read the file (permission denied?)" : "no such file"))
        }
        defer { try? handle.close() }
        do {
            let data = try handle.readToEnd() ?? Data()
            return .success([UInt8](data))
        } catch {
            return .failure(FileProblem(path: path, message: "cannot read the file: \(error.localizedDescription)"))
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
