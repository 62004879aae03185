import Foundation
import Testing

/// The README's examples run as written against the bundled decks: every `$ hone ...` line of
/// it, read from the README at test time (so an example changed there is checked), and the
/// scripted session, in a home holding a copy of the bundled decks.
@Suite("the README's examples, end to end")
struct ReadmeExamplesTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A home with the bundled decks in `./decks`, as after the README's first command.
    func home() throws -> HoneProcess {
        let hone = try HoneProcess()
        try FileManager.default.copyItem(
            at: Self.root.appendingPathComponent("decks"), to: hone.home.appendingPathComponent("decks"))
        return hone
    }

    /// The scripted session answers the cards it meets as it says: no card refuses its input.
    @Test func theScriptedSessionRunsAsWritten() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let line = try #require(
            readme.split(separator: "\n").first { $0.hasPrefix("printf ") && $0.contains("| hone") })
        let parts = line.components(separatedBy: " | ")
        let input = try #require(parts.first?.dropFirst("printf '".count).split(separator: "'").first)
            .replacingOccurrences(of: "\\n", with: "\n")
        let arguments = try #require(parts.last?.split(separator: " ").dropFirst().map(String.init))
        let hone = try home()
        let result = try hone.run(arguments, environment: ["TZ": "UTC"], stdin: input)
        #expect(result.status == 0, "\(line): \(result.stderr)")
        #expect(!result.stdout.contains("Answer with a number"), "\(line) answers a choice card with a word")
        #expect(!result.stdout.contains("Rate with"), "\(line) gives a rating where none is read")
        #expect(result.stdout.contains("Done for now: 2 cards"), "\(result.stdout)")
    }

    /// Every `$ hone ...` command of the README exits 0, after a session that gave the cards a
    /// history and a `backup.csv` exported for `hone log import backup.csv`.
    @Test func everyCommandRunsAsWritten() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let hone = try home()
        // No shell runs them: `~/` is expanded here, as a shell would.
        let commands = readme.split(separator: "\n").filter { $0.hasPrefix("$ hone") }.map {
            $0.dropFirst("$ hone".count).split(separator: " ").map {
                $0.hasPrefix("~/") ? hone.home.path + $0.dropFirst() : String($0)
            }
        }
        #expect(commands.count >= 10)
        try prepareSyncFolders(for: commands, in: hone)
        let utc = ["TZ": "UTC"].merging(SyncEndToEndTests.gitIdentity) { $1 }
        let session = try hone.run(
            ["--now", "2026-03-03T09:00:00Z"], environment: utc, stdin: String(repeating: "\ngood\n", count: 40))
        #expect(session.status == 0)
        try hone.write("backup.csv", try hone.run(["log", "export"]).stdout)
        for arguments in commands {
            // The bare `$ hone` is a session: given nothing to read, it shows the first card and ends.
            let result = try hone.run(arguments + ["--now", "2026-03-05T09:00:00Z"], environment: utc)
            #expect(result.status == 0, "hone \(arguments.joined(separator: " ")): \(result.stderr)")
        }
    }

    /// What a learner has set up before the `$ hone sync` examples: the folders they name (hone
    /// never creates one), a git work tree with a remote for a `--git` one, and the config file
    /// naming the first of them (else `~/Sync/hone`) for a `hone sync` that names none.
    func prepareSyncFolders(for commands: [[String]], in hone: HoneProcess) throws {
        let valued: Set<String> = ["--data", "--decks", "--config", "--now"]
        var folders: [(path: String, git: Bool)] = []
        var configured: String?
        var configuredGit = false
        for arguments in commands where arguments.first == "sync" {
            var folder: String?
            var index = 1
            while index < arguments.count {
                if valued.contains(arguments[index]) {
                    index += 1
                } else if !arguments[index].hasPrefix("-") {
                    folder = arguments[index]
                }
                index += 1
            }
            let git = arguments.contains("--git")
            if let folder {
                folders.append((folder, git))
                if configured == nil { configured = folder }
            } else {
                configuredGit = configuredGit || git
            }
        }
        guard commands.contains(where: { $0.first == "sync" }) else { return }
        let standard = configured ?? hone.home.appendingPathComponent("Sync/hone").path
        folders.append((standard, configuredGit))
        try hone.write(".config/hone/config.toml", "[sync]\nfolder = \"\(standard)\"\n")
        for (index, (path, git)) in folders.enumerated() {
            let folder = URL(fileURLWithPath: path, relativeTo: hone.home)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let isClone = FileManager.default.fileExists(atPath: folder.appendingPathComponent(".git").path)
            guard git, !isClone else { continue }
            let remote = hone.home.appendingPathComponent("remote-\(index).git")
            try SyncEndToEndTests.git(["init", "--bare", "-q", remote.path], in: hone.home)
            try SyncEndToEndTests.git(["init", "-q"], in: folder)
            try SyncEndToEndTests.git(["remote", "add", "origin", remote.path], in: folder)
        }
    }
}
