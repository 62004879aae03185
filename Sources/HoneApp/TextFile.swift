import Foundation
import HoneReport

/// A file a command writes whole (`--out`, `--html`): all of it or, should anything fail,
/// nothing, the old file left as it was.
///
/// The text goes to a new temporary file beside the target (created exclusively, so nothing
/// already there is opened), is flushed to the disk, and is renamed over the target in one
/// step; on any failure the temporary file is removed. Only a regular file is replaced: a link
/// is followed to the file it points to (or to where that file would be), which is replaced
/// and the link kept; a folder, a device (`--out /dev/full`), a FIFO or a socket is refused.
public enum TextFile {
    public static func write(_ text: String, to path: String) throws(HoneError) {
        try write(to: path) { writer throws(OutputError) in try writer.write(text) }
    }

    /// Bytes (an archive) written as text is: whole or not at all.
    public static func write(_ bytes: Data, to path: String) throws(HoneError) {
        try write(to: path) { writer throws(OutputError) in try writer.write(bytes) }
    }

    private static func write(
        to path: String, _ body: (DescriptorWriter) throws(OutputError) -> Void
    ) throws(HoneError) {
        let target = try regularFile(at: path)
        let folder = parent(of: target.path)
        let (descriptor, temporary) = try createTemporary(in: folder, for: path)
        // Replacing a file keeps its permissions (an export kept private stays private).
        if let mode = target.mode { fchmod(descriptor, mode) }
        do throws(OutputError) {
            try body(DescriptorWriter(descriptor: descriptor, target: path))
            if fsync(descriptor) != 0 { throw OutputError(target: path, code: errno) }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw HoneError(.cannotWrite(path: path, reason: error.reason))
        }
        // A close or rename that fails leaves the target as it was; the temporary file goes.
        if close(descriptor) != 0 || rename(temporary, target.path) != 0 {
            let reason = systemReason()
            unlink(temporary)
            throw HoneError(.cannotWrite(path: path, reason: reason))
        }
        // The rename itself made durable; the file is in place whether or not this succeeds.
        let folderDescriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderDescriptor >= 0 {
            fsync(folderDescriptor)
            close(folderDescriptor)
        }
    }

    /// The regular file `path` stands for, following links (relative ones from the link's own
    /// folder), and its permission bits when it exists; nil when it is yet to be made in a
    /// folder that exists.
    private static func regularFile(at path: String) throws(HoneError) -> (path: String, mode: mode_t?) {
        func refuse(_ reason: String) -> HoneError { HoneError(.cannotWrite(path: path, reason: reason)) }
        var current = path
        // As many links as the kernel itself follows before it gives up (ELOOP).
        for _ in 0..<40 {
            let name = (current as NSString).lastPathComponent
            if current.isEmpty || current.hasSuffix("/") || name == "." || name == ".." {
                throw refuse("that names no file; give a file name")
            }
            var info = stat()
            if lstat(current, &info) != 0 {
                guard errno == ENOENT else { throw refuse(systemReason()) }
                var folderInfo = stat()
                let folder = parent(of: current)
                guard stat(folder, &folderInfo) == 0 else {
                    throw refuse("cannot use the folder \(folder): \(systemReason())")
                }
                guard folderInfo.st_mode & S_IFMT == S_IFDIR else { throw refuse("\(folder) is not a folder") }
                return (current, nil)
            }
            // What the path leads to, when a link was followed to get there.
            let leadsTo = current == path ? "it is" : "it links to \(current),"
            switch info.st_mode & S_IFMT {
            case S_IFREG: return (current, info.st_mode & 0o777)
            case S_IFLNK: current = try linkTarget(of: current, refuse: refuse)
            case S_IFDIR: throw refuse("\(leadsTo) a folder; give a file name")
            case S_IFCHR, S_IFBLK: throw refuse("\(leadsTo) a device, not a regular file; hone replaces only files")
            case S_IFIFO: throw refuse("\(leadsTo) a FIFO, not a regular file; hone replaces only files")
            case S_IFSOCK: throw refuse("\(leadsTo) a socket, not a regular file; hone replaces only files")
            default: throw refuse("\(leadsTo) not a regular file; hone replaces only files")
            }
        }
        throw refuse(String(cString: strerror(ELOOP)))
    }

    /// Where the link at `link` points, as a path from here.
    private static func linkTarget(of link: String, refuse: (String) -> HoneError) throws(HoneError) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink(link, &buffer, buffer.count - 1)
        guard length > 0 else { throw refuse(systemReason()) }
        let destination = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if destination.hasPrefix("/") { return destination }
        let folder = parent(of: link)
        return folder == "." ? destination : folder + "/" + destination
    }

    /// A new, empty file of `folder` that nothing else has opened (O_EXCL), `rw-r--r--` as the
    /// umask allows, and its path.
    private static func createTemporary(in folder: String, for path: String) throws(HoneError) -> (Int32, String) {
        var attempts = 0
        while true {
            let temporary = folder + "/.hone-" + String(UInt32.random(in: 0...UInt32.max), radix: 16) + ".tmp"
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if descriptor >= 0 { return (descriptor, temporary) }
            attempts += 1
            guard errno == EEXIST, attempts < 100 else {
                throw HoneError(
                    .cannotWrite(path: path, reason: "cannot create a file in \(folder): \(systemReason())"))
            }
        }
    }

    /// The folder of `path`: "." for a bare name, "/" for a name at the root.
    private static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func systemReason() -> String { String(cString: strerror(errno)) }
}
