import Foundation

/// A small tmpfs mounted on a folder inside a user and mount namespace of its own (`unshare`):
/// a disk that really fills up (ENOSPC) and can really be made read-only (EROFS), with no root
/// needed, and gone with its last process, so a failed test leaves nothing mounted. Only the
/// commands started through `launcher(in:)` (`nsenter` into those namespaces) see it.
final class SmallDisk {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let folder: URL
    /// Holds the namespaces: a `cat` that ends when its input, `keepAlive`, is closed.
    private let holder = Process()
    private let keepAlive = Pipe()

    /// Whether this machine lets an ordinary process make one (user namespaces allowed, and
    /// util-linux's unshare and nsenter installed): found out by making a tiny one.
    static let available: Bool = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hone-disk-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        guard (try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)) != nil,
            let disk = try? SmallDisk(at: folder, size: "64k")
        else { return false }
        defer { disk.unmount() }
        return (try? disk.run(["test", "-w", folder.path], in: folder)) == 0
    }()

    /// Whether a test that needs a small disk runs: wherever one can be made, and always as root
    /// or under CI (`CI` set), where one must be makeable: there its absence fails the test
    /// instead of skipping it.
    static let shouldRun: Bool = available || geteuid() == 0 || ProcessInfo.processInfo.environment["CI"] != nil

    /// Mounts a tmpfs of `size` (as `mount -o size=` takes it: "1m") on the existing `folder`.
    init(at folder: URL, size: String) throws {
        self.folder = folder
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = [
            "unshare", "--user", "--map-root-user", "--mount", "/bin/sh", "-c",
            "mount -t tmpfs -o size=\"$1\" tmpfs \"$0\" && echo mounted && exec cat >/dev/null 2>&1", folder.path, size,
        ]
        let output = Pipe()
        holder.standardInput = keepAlive
        holder.standardOutput = output
        holder.standardError = output
        try holder.run()
        // The pipe closes once `cat` has let go of it, or the shell has given up.
        let said = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard said == "mounted\n" else {
            unmount()
            throw Failure(description: "cannot mount a small tmpfs on \(folder.path): \(said)")
        }
    }

    /// The command line that runs a command inside the namespaces, from `directory`. (A working
    /// directory opened outside would show the folder as it is outside: not mounted.)
    func launcher(in directory: URL) -> [String] {
        [
            "/usr/bin/env", "nsenter", "--target", "\(holder.processIdentifier)", "--user", "--mount",
            "--preserve-credentials", "--", "/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", directory.path,
        ]
    }

    /// From now on every write under the folder fails as on a read-only file system.
    func makeReadOnly() throws {
        let status = try run(["mount", "-o", "remount,bind,ro", folder.path], in: folder)
        guard status == 0 else { throw Failure(description: "cannot make \(folder.path) read-only: status \(status)") }
    }

    /// Ends the holder, and with it the namespaces and the mount.
    func unmount() {
        try? keepAlive.fileHandleForWriting.close()
        holder.waitUntilExit()
    }

    /// Runs `command` inside the namespaces, from `directory`; its exit status.
    func run(_ command: [String], in directory: URL) throws -> Int32 {
        let launcher = launcher(in: directory)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: launcher[0])
        process.arguments = Array(launcher.dropFirst()) + command
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
