import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `hone sync` as a learner with a laptop, a desktop and a server uses it (issue #16): three data
/// folders in one home as three devices, each with its own clock, practising on interleaved
/// simulated days and syncing in a seeded random order, through a plain folder and through a
/// git remote, with a sync tool's half-copied files and a damaged segment in the way, and a sync
/// killed half-way. At the end the devices agree exactly, nothing is lost and nothing counted twice.
@Suite("hone sync, end to end")
struct SyncEndToEndTests {
    static let utc = ["TZ": "UTC"]
    static let gitIdentity = [
        "GIT_AUTHOR_NAME": "Hone Test", "GIT_AUTHOR_EMAIL": "learner@example.invalid",
        "GIT_COMMITTER_NAME": "Hone Test", "GIT_COMMITTER_EMAIL": "learner@example.invalid",
    ]
    /// Few new cards a day, so the simulated weeks have reviews as well as new cards.
    static let config = "[daily]\nnew_per_day = 5\n"
    static let start = Date(timeIntervalSince1970: 1_772_409_600)  // 2026-03-02T00:00:00Z

    static func writeDeck(_ hone: HoneProcess, _ path: String) throws {
        var deck = ""
        for index in 0..<40 {
            deck += "[[card]]\nid = \"w\(index)\"\nq = \"word \(index)?\"\na = \"meaning \(index)\"\n\n"
        }
        try hone.write(path, deck)
    }

    /// A practice session's input: a few answers, a `:suspend`, a `:bury` or an `:undo` now and then.
    static func session(_ random: inout SeededGenerator) -> String {
        var input = ""
        for _ in 0..<Int.random(in: 2...7, using: &random) {
            switch Int.random(in: 0..<16, using: &random) {
            case 0: input += ":suspend\n"
            case 1: input += ":bury\n"
            case 2: input += ":undo\n"
            default:
                let ratings = ["again", "hard", "good", "good", "good", "easy"]
                input += "\n" + ratings[Int.random(in: 0..<ratings.count, using: &random)] + "\n"
            }
        }
        return input + ":quit\n"
    }

    /// A day of a device: a session, and now and then a command between sessions.
    static func practise(_ device: inout SyncDevice, _ random: inout SeededGenerator) throws {
        let session = try device.act(["practice"], stdin: session(&random))
        #expect(session.status == 0, "\(device.data): \(session.stderr)")
        let card = "words/w\(Int.random(in: 0..<12, using: &random))"
        let command: [String]? =
            switch Int.random(in: 0..<6, using: &random) {
            case 0: ["forget", card]
            case 1: ["suspend", card]
            case 2: ["undo"]
            default: nil
            }
        if let command {
            device.advance(by: 60)
            let result = try device.act(command)
            #expect(result.status == 0, "\(device.data): hone \(command): \(result.stderr)")
        }
    }

    /// Runs `hone sync` on `device` and holds what it says to what happened: it published the
    /// events made since the last publish, and the events it says it added are the ones the log
    /// gained.
    @discardableResult
    static func sync(
        _ device: inout SyncDevice, _ arguments: [String] = [], status expected: Int32 = 0,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> HoneProcess.Output {
        device.advance(by: 600)
        let before = try device.logRows().count
        let result = try device.run(["sync"] + arguments)
        let gained = try device.logRows().count - before
        let context = "\(device.data): hone sync \(arguments.joined(separator: " ")): \(result.stdout)\(result.stderr)"
        #expect(result.status == expected, "\(context)", sourceLocation: sourceLocation)
        if device.unpublished > 0 {
            #expect(result.stdout.contains("published \(device.unpublished) event"), "\(context)")
        } else if result.status == 0 {
            #expect(result.stdout.contains("nothing new to publish"), "\(context)", sourceLocation: sourceLocation)
        }
        if result.stdout.contains("published ") { device.unpublished = 0 }
        if let added = addedCount(result.stdout) {
            #expect(added == gained, "the log gained \(gained) events: \(context)", sourceLocation: sourceLocation)
        } else {
            #expect(gained == 0, "the log gained \(gained) events: \(context)", sourceLocation: sourceLocation)
        }
        return result
    }

    /// The N of "N events added", if the output says so.
    static func addedCount(_ output: String) -> Int? {
        guard let range = output.range(of: #"\d+ events? added"#, options: .regularExpression) else { return nil }
        return Int(output[range].prefix { $0.isNumber })
    }

    /// The devices agree exactly: the same log (every column, in the same order), the same card
    /// states and stats at the same time, `hone doctor` clean; no event twice, and every event
    /// each device made is there, once.
    static func expectAgreement(
        _ devices: [SyncDevice], ids: [String], extra: Int = 0, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let now = (devices.map(\.clock).max() ?? start).addingTimeInterval(86_400)
        let exports = try devices.map { try $0.run(["log", "export"], now: now) }
        let rows = exports[0].stdout.split(separator: "\n").dropFirst()
        let eventIDs = rows.map { $0.prefix { $0 != "," } }
        #expect(Set(eventIDs).count == eventIDs.count, "no event twice", sourceLocation: sourceLocation)
        let made = devices.map(\.made).reduce(extra, +)
        #expect(
            rows.count == made, "the events made: \(devices.map(\.made)) and \(extra)", sourceLocation: sourceLocation)
        for (device, id) in zip(devices, ids) {
            let own = eventIDs.filter { $0.hasPrefix("\(id)-") }.count
            #expect(
                own == device.made, "\(device.data) made \(device.made), the log has \(own)",
                sourceLocation: sourceLocation)
        }
        for (command, outputs) in [
            ("log export", exports), ("cards --json", try devices.map { try $0.run(["cards", "--json"], now: now) }),
            ("stats --json", try devices.map { try $0.run(["stats", "--json"], now: now) }),
        ] {
            // A device with a deck folder of its own (a git clone's) names its deck files there.
            let texts = zip(devices, outputs).map { device, output in
                device.decks.map { output.stdout.replacingOccurrences(of: "\"\($0)/", with: "\"DECKS/") }
                    ?? output.stdout
            }
            for (device, (output, text)) in zip(devices, zip(outputs, texts)) {
                #expect(
                    output.status == 0, "\(device.data): \(command): \(output.stderr)", sourceLocation: sourceLocation)
                let same = text == texts[0]
                #expect(
                    same, "\(command) on \(device.data) and \(devices[0].data): \(firstDifference(text, texts[0]))",
                    sourceLocation: sourceLocation)
            }
        }
        for device in devices {
            let doctor = try device.run(["doctor"], now: now)
            #expect(
                doctor.status == 0, "\(device.data): \(doctor.stdout)\(doctor.stderr)", sourceLocation: sourceLocation)
        }
    }

    /// `hone sync --status --json` on each device after a full round: every device seen, nothing
    /// waiting, skipped or unpublished; each device's segments and events as its folder holds
    /// them and as it made them; its last sync the time in its newest segment's name.
    static func expectStatus(
        _ devices: [SyncDevice], ids: [String], folders: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        for (device, folder) in zip(devices, folders) {
            let output = try device.run(["sync", folder, "--status", "--json"])
            let json = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any] ?? [:]
            #expect(json["unpublished"] as? Int == 0, "\(device.data): \(json)", sourceLocation: sourceLocation)
            #expect(
                (json["skipped"] as? [Any])?.isEmpty == true, "\(device.data): \(json)", sourceLocation: sourceLocation)
            let seen = json["devices"] as? [[String: Any]] ?? []
            #expect(seen.compactMap { $0["device"] as? String }.sorted() == ids.sorted(), "\(json)")
            for (other, id) in zip(devices, ids) {
                let entry = seen.first { $0["device"] as? String == id } ?? [:]
                let files = try segments(in: device.hone.home.appendingPathComponent(folder).appendingPathComponent(id))
                let newest = files.last.map { String($0.lastPathComponent.split(separator: "-")[1]) }
                let lastSync = (entry["last_sync"] as? String)?.filter { $0 != "-" && $0 != ":" }
                #expect(
                    entry["this"] as? Bool == (id == ids[devices.firstIndex { $0.data == device.data } ?? 0])
                        && entry["waiting"] as? Int == 0 && entry["segments"] as? Int == files.count
                        && entry["events"] as? Int == other.made && lastSync == newest,
                    "\(device.data) on \(other.data): \(entry), \(files.count) segments, made \(other.made)",
                    sourceLocation: sourceLocation)
            }
        }
    }

    /// Where two texts part, for a failure message that says more than "differs".
    static func firstDifference(_ left: String, _ right: String) -> String {
        let leftLines = left.split(separator: "\n", omittingEmptySubsequences: false)
        let rightLines = right.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, (one, other)) in zip(leftLines, rightLines).enumerated() where one != other {
            return "line \(index + 1): \(one.prefix(300)) vs \(other.prefix(300))"
        }
        return "\(leftLines.count) lines vs \(rightLines.count)"
    }

    /// `hone cards --json` on `device`, by card.
    static func cards(_ device: SyncDevice) throws -> [String: [String: Any]] {
        let output = try device.run(["cards", "--json"])
        let list = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [[String: Any]] ?? []
        return Dictionary(list.map { ($0["card"] as? String ?? "", $0) }) { first, _ in first }
    }

    /// Runs a tool other than hone (git, sha1sum) in `directory`.
    @discardableResult
    static func tool(
        _ path: String, _ arguments: [String], in directory: URL, environment: [String: String] = [:],
        stdin: [UInt8] = []
    ) throws -> HoneProcess.Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": directory.path, "LANG": "C.UTF-8"].merging(
            environment
        ) { $1 }
        let input = Pipe()
        let output = Pipe()
        let error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        input.fileHandleForWriting.write(Data(stdin))
        try input.fileHandleForWriting.close()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return HoneProcess.Output(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self), stdoutBytes: [UInt8](outData))
    }

    @discardableResult
    static func git(_ arguments: [String], in directory: URL) throws -> HoneProcess.Output {
        let result = try tool("/usr/bin/git", arguments, in: directory, environment: gitIdentity)
        guard result.status == 0 else { throw SyncTestFailure("git \(arguments): \(result.stderr)") }
        return result
    }

    /// The first 16 hex digits of the SHA-1 of `bytes`, as a segment's name carries them.
    static func checksum(_ bytes: [UInt8]) throws -> String {
        let result = try tool("/usr/bin/sha1sum", [], in: URL(fileURLWithPath: "/"), stdin: bytes)
        return String(result.stdout.prefix(16))
    }

    /// The finished segments (not dot-named) in a device's folder, by name.
    static func segments(in folder: URL) throws -> [URL] {
        ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.lastPathComponent.hasSuffix(".csv") && !$0.lastPathComponent.hasPrefix(".") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    // MARK: 1. Three devices through a plain folder

    @Test func threeDevicesThroughAPlainFolderAgreeExactly() throws {
        var random = SeededGenerator.fromEnvironment("plain folder", fallback: 20_261_203)
        let hone = try HoneProcess()
        try Self.writeDeck(hone, "decks/words.toml")
        // The folder from the config file, as a learner would set it once.
        try hone.write(".config/hone/config.toml", Self.config + "\n[sync]\nfolder = \"~/sync\"\n")
        try FileManager.default.createDirectory(
            at: hone.home.appendingPathComponent("sync"), withIntermediateDirectories: true)
        // Each device practises at its own hour, and their clocks disagree by minutes.
        let hours: [TimeInterval] = [7 * 3600, 13 * 3600 + 7 * 60 + 13, 22 * 3600 - 9 * 60 + 41]
        var devices = ["laptop", "desktop", "server"].enumerated().map {
            SyncDevice(hone, data: $0.element, environment: Self.utc, clock: Self.start + hours[$0.offset])
        }
        var day = 0
        for _ in 0..<8 {
            day += Int.random(in: 1...3, using: &random)
            for index in devices.indices.shuffled(using: &random) where Int.random(in: 0..<3, using: &random) > 0 {
                devices[index].advance(to: Self.start + Double(day) * 86_400 + hours[index])
                try Self.practise(&devices[index], &random)
                if Bool.random(using: &random) { try Self.sync(&devices[index]) }
            }
            // Now and then a device syncs without practising (a sync at login, say).
            if Bool.random(using: &random) {
                try Self.sync(&devices[Int.random(in: 0..<devices.count, using: &random)])
            }
        }
        // The desktop suspends a card and forgets another, last of all.
        devices[1].advance(to: (devices.map(\.clock).max() ?? Self.start).addingTimeInterval(86_400))
        #expect(try devices[1].act(["suspend", "words/w2"]).status == 0)
        #expect(try devices[1].act(["forget", "words/w0"]).status == 0)
        for _ in 0..<2 {
            for index in devices.indices { try Self.sync(&devices[index]) }
        }
        let ids = try devices.map { try $0.deviceID(folder: "sync") }
        #expect(Set(ids).count == 3 && ids.allSatisfy { $0.count == 16 && $0.allSatisfy(\.isHexDigit) }, "\(ids)")
        try Self.expectAgreement(devices, ids: ids)
        try Self.expectStatus(devices, ids: ids, folders: ["sync", "sync", "sync"])
        for device in [devices[0], devices[2]] {
            let cards = try Self.cards(device)
            #expect(cards["words/w2"]?["suspended"] as? Bool == true, "\(device.data): \(cards["words/w2"] ?? [:])")
            #expect(cards["words/w0"]?["state"] as? String == "new", "\(device.data): \(cards["words/w0"] ?? [:])")
            let forget = try device.logRows().filter { $0.contains(",words/w0,") && $0.contains(",forget,\(ids[1]),") }
            #expect(!forget.isEmpty, "\(device.data) has the desktop's forget")
        }
        // Each device wrote only into its own folder, and only segments.
        let folders = try FileManager.default.contentsOfDirectory(atPath: hone.home.appendingPathComponent("sync").path)
        #expect(Set(folders) == Set(ids), "\(folders)")
    }

    // MARK: 2. Through a git remote

    @Test func threeDevicesThroughAGitRemoteWithTheDecksInTheRepository() throws {
        var random = SeededGenerator.fromEnvironment("git remote", fallback: 16)
        let hone = try HoneProcess()
        try hone.write(".config/hone/config.toml", Self.config)
        let environment = Self.utc.merging(Self.gitIdentity) { $1 }
        try Self.git(["init", "--bare", "-q", "remote.git"], in: hone.home)
        try Self.git(["clone", "-q", "remote.git", "laptop-repo"], in: hone.home)
        try Self.writeDeck(hone, "laptop-repo/decks/words.toml")
        let hours: [TimeInterval] = [6 * 3600 + 30 * 60, 12 * 3600 - 4 * 60, 20 * 3600 + 11 * 60 + 17]
        var laptop = SyncDevice(
            hone, data: "laptop", decks: "laptop-repo/decks", environment: environment, clock: Self.start + hours[0])
        try Self.practise(&laptop, &random)
        // The first device pushes into an empty bare repository, its own folder only.
        try Self.sync(&laptop, ["laptop-repo", "--git"])
        let laptopID = try laptop.deviceID(folder: "laptop-repo")
        let remote = hone.home.appendingPathComponent("remote.git")
        let pushed = try Self.git(["ls-tree", "-r", "--name-only", "HEAD"], in: remote).stdout
        #expect(pushed.split(separator: "\n").map { $0.hasPrefix("\(laptopID)/") } == [true], "\(pushed)")
        // The learner keeps the decks in the same repository.
        let laptopRepo = hone.home.appendingPathComponent("laptop-repo")
        try Self.git(["add", "decks"], in: laptopRepo)
        try Self.git(["commit", "-q", "-m", "decks"], in: laptopRepo)
        try Self.git(["push", "-q"], in: laptopRepo)
        var devices = [laptop]
        for (index, name) in ["desktop", "server"].enumerated() {
            try Self.git(["clone", "-q", "remote.git", "\(name)-repo"], in: hone.home)
            devices.append(
                SyncDevice(
                    hone, data: name, decks: "\(name)-repo/decks", environment: environment,
                    clock: Self.start + hours[index + 1]))
        }
        var day = 0
        for _ in 0..<5 {
            day += Int.random(in: 1...2, using: &random)
            for index in devices.indices.shuffled(using: &random) where Int.random(in: 0..<3, using: &random) > 0 {
                devices[index].advance(to: Self.start + Double(day) * 86_400 + hours[index])
                try Self.practise(&devices[index], &random)
                if Bool.random(using: &random) {
                    try Self.sync(&devices[index], [devices[index].data + "-repo", "--git"])
                }
            }
        }
        // The laptop and the desktop sync at the same moment: one push is refused, and that
        // sync rebases on the other's and pushes again.
        for index in [0, 1] {
            _ = try devices[index].act(["practice"], stdin: "\ngood\n:quit\n")
            devices[index].advance(by: 600)
        }
        let both = try [0, 1].map { try devices[$0].start(["sync", devices[$0].data + "-repo", "--git"]) }
        for (index, running) in zip([0, 1], both) {
            let result = try running.finish()
            #expect(result.status == 0, "\(devices[index].data): \(result.stdout)\(result.stderr)")
            #expect(result.stdout.contains("published \(devices[index].unpublished) event"), "\(result.stdout)")
            devices[index].unpublished = 0
        }
        // The server's learner notes something in a deck file and does not commit it: the sync
        // still pulls (git keeps the edit aside and puts it back) and pushes.
        let serverDeck = "server-repo/decks/words.toml"
        let edited = try hone.read(serverDeck) + Array("# revise w3's wording\n".utf8)
        try hone.write(serverDeck, bytes: edited)
        try Self.sync(&devices[2], ["server-repo", "--git"])
        #expect(try hone.read(serverDeck) == edited, "the uncommitted edit is kept")
        let serverRepo = hone.home.appendingPathComponent("server-repo")
        #expect(try Self.git(["status", "--porcelain"], in: serverRepo).stdout == " M decks/words.toml\n")
        for _ in 0..<2 {
            for index in devices.indices { try Self.sync(&devices[index], [devices[index].data + "-repo", "--git"]) }
        }
        let ids = try devices.map { try $0.deviceID(folder: $0.data + "-repo") }
        try Self.expectAgreement(devices, ids: ids)
        try Self.expectStatus(devices, ids: ids, folders: devices.map { $0.data + "-repo" })
        // The remote holds the decks and each device's folder; nobody's clone has work left over.
        let tree = try Self.git(["ls-tree", "--name-only", "HEAD"], in: remote).stdout
        #expect(Set(tree.split(separator: "\n").map(String.init)) == Set(ids + ["decks"]), "\(tree)")
        for device in devices.prefix(2) {
            let status = try Self.git(
                ["status", "--porcelain"], in: hone.home.appendingPathComponent(device.data + "-repo"))
            #expect(status.stdout.isEmpty, "\(device.data): \(status.stdout)")
        }
    }

    @Test func aGitFailureIsReportedAndWhatTheFolderHoldsIsStillRead() throws {
        let hone = try HoneProcess()
        try Self.writeDeck(hone, "decks/words.toml")
        let environment = Self.utc.merging(Self.gitIdentity) { $1 }
        try Self.git(["init", "--bare", "-q", "remote.git"], in: hone.home)
        var devices = [SyncDevice]()
        for (index, name) in ["laptop", "desktop"].enumerated() {
            try Self.git(["clone", "-q", "remote.git", "\(name)-repo"], in: hone.home)
            devices.append(
                SyncDevice(
                    hone, data: name, environment: environment, clock: Self.start + Double(8 + index * 5) * 3600))
            _ = try devices[index].act(["practice"], stdin: "\ngood\n\neasy\n:quit\n")
            try Self.sync(&devices[index], ["\(name)-repo", "--git"])
        }
        // The desktop's new segment reaches the laptop's clone (the learner pulled), and then the
        // remote is gone.
        devices[1].advance(by: 86_400)
        _ = try devices[1].act(["practice"], stdin: "\ngood\n\ngood\n\nhard\n:quit\n")
        try Self.sync(&devices[1], ["desktop-repo", "--git"])
        try Self.git(["pull", "-q", "--rebase"], in: hone.home.appendingPathComponent("laptop-repo"))
        let remote = hone.home.appendingPathComponent("remote.git")
        let moved = hone.home.appendingPathComponent("remote-moved.git")
        try FileManager.default.moveItem(at: remote, to: moved)
        devices[0].advance(by: 86_400)
        _ = try devices[0].act(["practice"], stdin: "\ngood\n:quit\n")
        let failed = try Self.sync(&devices[0], ["laptop-repo", "--git"], status: 1)
        #expect(
            failed.stderr.contains("does not appear to be a git repository")
                || failed.stderr.contains("Could not read from remote repository"), "git's own words: \(failed.stderr)")
        #expect(
            failed.stdout.contains("read 2 segments from 1 device"), "the desktop's, all the same: \(failed.stdout)")
        // With the remote back, the laptop's segment committed meanwhile goes out.
        try FileManager.default.moveItem(at: moved, to: remote)
        for _ in 0..<2 {
            for index in devices.indices { try Self.sync(&devices[index], ["\(devices[index].data)-repo", "--git"]) }
        }
        let ids = try devices.map { try $0.deviceID(folder: $0.data + "-repo") }
        try Self.expectAgreement(devices, ids: ids)
    }

    // MARK: 3. A folder that changes under hone

    /// A laptop and a desktop on one folder; the desktop's segments reach the laptop half-copied,
    /// under a sync tool's temporary name, damaged, or from a newer hone.
    struct TwoDevices {
        let hone: HoneProcess
        var writer: SyncDevice
        var reader: SyncDevice
        let writerID: String
        let readerID: String
        var folder: URL { hone.home.appendingPathComponent("sync") }

        init() throws {
            hone = try HoneProcess()
            try SyncEndToEndTests.writeDeck(hone, "decks/words.toml")
            try FileManager.default.createDirectory(
                at: hone.home.appendingPathComponent("sync"), withIntermediateDirectories: true)
            let utc = SyncEndToEndTests.utc
            writer = SyncDevice(hone, data: "desktop", environment: utc, clock: SyncEndToEndTests.start + 9 * 3600)
            reader = SyncDevice(hone, data: "laptop", environment: utc, clock: SyncEndToEndTests.start + 20 * 3600)
            writerID = try writer.deviceID(folder: "sync")
            readerID = try reader.deviceID(folder: "sync")
        }

        /// The writer practises a day and publishes it: its new segment, and how many events it holds.
        mutating func publishADay(_ input: String = "\ngood\n\nagain\n:suspend\n\neasy\n:quit\n") throws -> (URL, Int) {
            writer.advance(by: 86_400)
            _ = try writer.act(["practice"], stdin: input)
            let events = writer.unpublished
            try SyncEndToEndTests.sync(&writer, ["sync"])
            let segment = try #require(try SyncEndToEndTests.segments(in: folder.appendingPathComponent(writerID)).last)
            return (segment, events)
        }

        func status() throws -> [String: Any] {
            let status = try reader.run(["sync", "sync", "--status", "--json"])
            #expect(status.status == 0, "\(status.stderr)")
            return try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any] ?? [:]
        }
    }

    /// The warning lines of `stderr` that name `file`.
    static func warnings(_ stderr: String, naming file: URL) -> [Substring] {
        stderr.split(separator: "\n").filter {
            $0.hasPrefix("hone: warning: ") && $0.contains(file.lastPathComponent)
        }
    }

    @Test func aHalfCopiedATemporaryAndADamagedSegmentWaitTillTheyAreWhole() throws {
        var devices = try TwoDevices()
        try Self.sync(&devices.reader, ["sync"])

        // Half-copied: the first half of the segment under its final name.
        var (segment, events) = try devices.publishADay()
        let whole = [UInt8](try Data(contentsOf: segment))
        try Data(whole.prefix(whole.count / 2)).write(to: segment)
        let readerRows = try devices.reader.logRows().count
        var result = try Self.sync(&devices.reader, ["sync"])
        #expect(Self.warnings(result.stderr, naming: segment).count == 1, "\(result.stderr)")
        #expect(try devices.reader.logRows().count == readerRows, "nothing of it imported")
        // --status names it, why, and the device's segment as waiting; --status reads nothing.
        devices.reader.advance(by: 60)
        _ = try devices.reader.act(["suspend", "words/w30"])
        let json = try devices.status()
        #expect(json["device"] as? String == devices.readerID && json["unpublished"] as? Int == 1, "\(json)")
        let skipped = json["skipped"] as? [[String: Any]] ?? []
        #expect(skipped.count == 1, "\(json)")
        #expect((skipped.first?["file"] as? String)?.hasSuffix(segment.lastPathComponent) == true, "\(skipped)")
        let reason = skipped.first?["reason"] as? String ?? ""
        #expect(!reason.isEmpty, "\(skipped)")
        let seen = (json["devices"] as? [[String: Any]] ?? []).first { $0["device"] as? String == devices.writerID }
        #expect(seen?["this"] as? Bool == false && seen?["waiting"] as? Int == 0, "not whole: not waiting \(json)")
        let this = (json["devices"] as? [[String: Any]] ?? []).first { $0["device"] as? String == devices.readerID }
        #expect(this?["this"] as? Bool == true, "\(json)")
        let text = try devices.reader.run(["sync", "sync", "--status"])
        #expect(text.status == 0 && text.stdout.contains(devices.writerID), "\(text.stdout)")
        #expect(text.stdout.contains(segment.lastPathComponent), "the skipped file: \(text.stdout)")
        #expect(try devices.reader.logRows().count == readerRows + 1, "--status read nothing")
        // Once the copy is whole, it waits, and the next sync reads it.
        try Data(whole).write(to: segment)
        let ready = try devices.status()
        let waiting = (ready["devices"] as? [[String: Any]] ?? []).first { $0["device"] as? String == devices.writerID }
        #expect(waiting?["waiting"] as? Int == 1 && (ready["skipped"] as? [Any])?.isEmpty == true, "\(ready)")
        result = try Self.sync(&devices.reader, ["sync"])
        #expect(Self.addedCount(result.stdout) == events, "\(result.stdout)")
        #expect(Self.warnings(result.stderr, naming: segment).isEmpty, "\(result.stderr)")

        // A sync tool's temporary files: Syncthing's, and a `~...partial` one.
        (segment, events) = try devices.publishADay("\nhard\n:bury\n\ngood\n:quit\n")
        let directory = segment.deletingLastPathComponent()
        let syncthing = directory.appendingPathComponent(".syncthing.\(segment.lastPathComponent).tmp")
        let partial = directory.appendingPathComponent("~\(segment.lastPathComponent.prefix(6)).csv.partial")
        let bytes = [UInt8](try Data(contentsOf: segment))
        try FileManager.default.moveItem(at: segment, to: syncthing)
        try Data(bytes.prefix(bytes.count / 3)).write(to: partial)
        result = try Self.sync(&devices.reader, ["sync"])
        #expect(result.status == 0)
        #expect(Self.warnings(result.stderr, naming: syncthing).count == 1, "\(result.stderr)")
        #expect(Self.warnings(result.stderr, naming: partial).count == 1, "\(result.stderr)")
        #expect(Self.addedCount(result.stdout) ?? 0 == 0, "\(result.stdout)")
        try FileManager.default.moveItem(at: syncthing, to: segment)
        try FileManager.default.removeItem(at: partial)
        result = try Self.sync(&devices.reader, ["sync"])
        #expect(Self.addedCount(result.stdout) == events && !result.stderr.contains("warning"), "\(result)")

        // Damaged: one byte changed in the middle of a row.
        (segment, events) = try devices.publishADay("\ngood\n\ngood\n:quit\n")
        let original = [UInt8](try Data(contentsOf: segment))
        var damaged = original
        let header = (damaged.firstIndex(of: UInt8(ascii: "\n")) ?? 0) + 1
        damaged[header + 3] ^= 0x01
        try Data(damaged).write(to: segment)
        result = try Self.sync(&devices.reader, ["sync"])
        #expect(Self.warnings(result.stderr, naming: segment).count == 1, "\(result.stderr)")
        #expect(Self.addedCount(result.stdout) ?? 0 == 0, "\(result.stdout)")
        try Data(original).write(to: segment)
        result = try Self.sync(&devices.reader, ["sync"])
        #expect(Self.addedCount(result.stdout) == events && !result.stderr.contains("warning"), "\(result)")

        try Self.sync(&devices.writer, ["sync"])
        try Self.expectAgreement([devices.writer, devices.reader], ids: [devices.writerID, devices.readerID])
    }

    @Test func aSegmentFromANewerHoneIsNamedAndNotRead() throws {
        var devices = try TwoDevices()
        let (segment, events) = try devices.publishADay()
        // The same events with a column this hone does not know, whole (the checksum is right),
        // under another device's folder; the real segment held back for now.
        let text = String(decoding: try Data(contentsOf: segment), as: UTF8.self)
        let lines = text.split(separator: "\n")
        let newer = ([lines[0] + ",confidence"] + lines.dropFirst().map { $0 + ",0.9" }).joined(separator: "\n") + "\n"
        let name = "000001-20260310T090000Z-\(try Self.checksum(Array(newer.utf8))).csv"
        let newerFile = devices.folder.appendingPathComponent("00000000000000ab").appendingPathComponent(name)
        try devices.hone.write("sync/00000000000000ab/\(name)", newer)
        // And the same events with a bad rating in the last row, whole too.
        let bad = text.replacingOccurrences(of: ",good,", with: ",goood,")
        let badName = "000002-20260310T090000Z-\(try Self.checksum(Array(bad.utf8))).csv"
        let badFile = devices.folder.appendingPathComponent("00000000000000ab").appendingPathComponent(badName)
        try devices.hone.write("sync/00000000000000ab/\(badName)", bad)
        let heldBack = devices.hone.home.appendingPathComponent("held.csv")
        try FileManager.default.moveItem(at: segment, to: heldBack)
        var result = try Self.sync(&devices.reader, ["sync"])
        #expect(result.status == 0)
        let warning = Self.warnings(result.stderr, naming: newerFile)
        #expect(warning.count == 1 && warning.first?.contains("newer hone") == true, "\(result.stderr)")
        let badRow = Self.warnings(result.stderr, naming: badFile)
        #expect(badRow.count == 1 && badRow.first?.contains("line 2, column ") == true, "\(result.stderr)")
        #expect(try devices.reader.logRows().isEmpty, "nothing of it imported")
        // The real segment arrives: read; the newer one is still named, still not read.
        try FileManager.default.moveItem(at: heldBack, to: segment)
        result = try Self.sync(&devices.reader, ["sync"])
        #expect(Self.addedCount(result.stdout) == events, "\(result.stdout)")
        #expect(Self.warnings(result.stderr, naming: newerFile).count == 1, "\(result.stderr)")
        #expect(Self.warnings(result.stderr, naming: badFile).count == 1, "\(result.stderr)")
        let skipped = try devices.status()["skipped"] as? [[String: Any]] ?? []
        #expect(skipped.count == 2, "\(skipped)")
        #expect((skipped.first?["reason"] as? String)?.contains("newer hone") == true, "\(skipped)")
        try Self.expectAgreement([devices.writer, devices.reader], ids: [devices.writerID, devices.readerID])
    }

    @Test func aRenamedSyncFolderIsAnErrorAndNothingIsLost() throws {
        var devices = try TwoDevices()
        _ = try devices.publishADay()
        try Self.sync(&devices.reader, ["sync"])
        let moved = devices.hone.home.appendingPathComponent("sync-moved")
        try FileManager.default.moveItem(at: devices.folder, to: moved)
        devices.writer.advance(by: 86_400)
        _ = try devices.writer.act(["practice"], stdin: "\ngood\n\ngood\n:quit\n")
        let before = try devices.writer.logRows()
        let missing = try devices.writer.run(["sync", "sync"])
        #expect(missing.status == 1, "\(missing.stdout)")
        #expect(missing.stderr.contains("sync folder sync does not exist"), "names the folder: \(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: devices.folder.path), "no new empty folder made")
        #expect(try devices.writer.logRows() == before, "nothing lost")
        let status = try devices.writer.run(["sync", "sync", "--status"])
        #expect(status.status == 1 && status.stderr.contains("sync folder sync does not exist"), "\(status.stderr)")
        let unset = try devices.writer.run(["sync"])
        #expect(unset.status == 1 && unset.stderr.contains("no sync folder"), "no folder given: \(unset.stderr)")
        // The folder is back: the events made meanwhile go out, and arrive.
        try FileManager.default.moveItem(at: moved, to: devices.folder)
        try Self.sync(&devices.writer, ["sync"])
        try Self.sync(&devices.reader, ["sync"])
        try Self.expectAgreement([devices.writer, devices.reader], ids: [devices.writerID, devices.readerID])
    }

    // MARK: 4. A sync killed, a sync beside a session

    @Test func aSyncKilledAtAnyPointLeavesEverythingConsistent() throws {
        var random = SeededGenerator.fromEnvironment("kill -9", fallback: 9)
        let hone = try HoneProcess()
        try Self.writeDeck(hone, "decks/words.toml")
        try FileManager.default.createDirectory(
            at: hone.home.appendingPathComponent("sync"), withIntermediateDirectories: true)
        // A big log: 50,000 answers (2,500 cards, 20 days each), imported.
        var csv = "card,reviewed_at,rating\n"
        for card in 0..<2_500 {
            for day in 0..<20 {
                csv += "big/c\(card),2025-\(String(format: "%02d-%02d", 1 + day / 28, 1 + day % 28))"
                csv += "T08:\(String(format: "%02d:%02d", card % 60, card / 60 % 60))Z,good\n"
            }
        }
        try hone.write("big.csv", csv)
        var big = SyncDevice(hone, data: "big", environment: Self.utc, clock: Self.start + 8 * 3600)
        var small = SyncDevice(hone, data: "small", environment: Self.utc, clock: Self.start + 18 * 3600)
        let imported = try big.run(["log", "import", "big.csv"])
        #expect(imported.status == 0 && imported.stdout.contains("imported 50000 answers"), "\(imported.stdout)")
        _ = try small.act(["practice"], stdin: "\ngood\n\ngood\n:quit\n")
        try Self.sync(&small, ["sync"])
        let bigID = try big.deviceID(folder: "sync")
        let ownFolder = hone.home.appendingPathComponent("sync").appendingPathComponent(bigID)
        var killed = 0
        for attempt in 0..<4 {
            big.advance(by: 60)
            let running = try big.start(["sync", "sync"])
            Thread.sleep(forTimeInterval: Double(Int.random(in: 5..<(400 + attempt * 300), using: &random)) / 1000)
            kill(running.process.processIdentifier, SIGKILL)
            let ended = try running.finish()
            if running.process.terminationReason == .uncaughtSignal {
                killed += 1
            } else {
                #expect(ended.status == 0, "\(ended.stderr)")
            }
            // Every segment under its final name is whole: its checksum is right.
            for segment in try Self.segments(in: ownFolder) {
                let name = segment.lastPathComponent
                let sum = try Self.checksum([UInt8](try Data(contentsOf: segment)))
                #expect(name.hasSuffix("-\(sum).csv"), "attempt \(attempt): \(name) is not whole")
            }
            let doctor = try big.run(["doctor"])
            #expect(doctor.status == 0, "attempt \(attempt): \(doctor.stdout)\(doctor.stderr)")
        }
        #expect(killed > 0, "at least one sync was killed before its end")
        let done = try big.run(["sync", "sync"])
        // The small device's segment is read by now: here, or by an attempt that ran to its end
        // (publishing got faster, and a kill may come after the sync finished).
        #expect(
            done.status == 0 && (done.stdout.contains("read 1 segment") || killed < 4), "\(done.stdout)\(done.stderr)")
        let status = try big.run(["sync", "sync", "--status", "--json"])
        #expect(status.stdout.contains(#""waiting":0"#) && !status.stdout.contains(#""waiting":1"#), "\(status.stdout)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: ownFolder.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "a killed sync's temporary files are cleared: \(leftovers)")
        // The small device reads the big log, killed once on the way.
        small.advance(by: 3600)
        let reading = try small.start(["sync", "sync"])
        Thread.sleep(forTimeInterval: Double(Int.random(in: 50..<600, using: &random)) / 1000)
        kill(reading.process.processIdentifier, SIGKILL)
        _ = try reading.finish()
        #expect(try small.run(["doctor"]).status == 0)
        for device in [small, big, small] {
            let result = try device.run(["sync", "sync"])
            #expect(result.status == 0, "\(device.data): \(result.stderr)")
        }
        big.made = 0
        try Self.expectAgreement([big, small], ids: [bigID, try small.deviceID(folder: "sync")], extra: 50_000)
    }

    @Test func aSyncDuringASessionLosesNothing() throws {
        let hone = try HoneProcess()
        try Self.writeDeck(hone, "decks/words.toml")
        try FileManager.default.createDirectory(
            at: hone.home.appendingPathComponent("sync"), withIntermediateDirectories: true)
        var laptop = SyncDevice(hone, data: "laptop", environment: Self.utc, clock: Self.start + 9 * 3600)
        var desktop = SyncDevice(hone, data: "desktop", environment: Self.utc, clock: Self.start + 8 * 3600)
        _ = try desktop.act(["practice"], stdin: "\ngood\n\neasy\n:suspend\n\nagain\n:quit\n")
        try Self.sync(&desktop, ["sync"])
        // The laptop's session answers a card, the laptop syncs in another terminal, the session goes on.
        let session = try laptop.start(["practice"], stdin: "\ngood\n")
        Thread.sleep(forTimeInterval: 1)
        laptop.advance(by: 120)
        let synced = try laptop.run(["sync", "sync"])
        #expect(
            synced.status == 0 && Self.addedCount(synced.stdout) == desktop.made, "\(synced.stdout)\(synced.stderr)")
        session.input.write(Data("\ngood\n\nhard\n:quit\n".utf8))
        let ended = try session.finish()
        #expect(ended.status == 0 && ended.stdout.contains("Done for now: 3 cards"), "\(ended.stdout)\(ended.stderr)")
        let laptopID = try laptop.deviceID(folder: "sync")
        let rows = try laptop.logRows()
        let answers = rows.filter { $0.hasPrefix("\(laptopID)-") && $0.contains(",answer,") }
        #expect(answers.count == 3, "the session's three answers: \(rows)")
        #expect(rows.count == desktop.made + 3, "and the desktop's events: \(rows)")
        laptop.made = 3
        laptop.unpublished = 2
        // Two terminals sync the laptop at once: they take turns, and its events go out once.
        laptop.advance(by: 60)
        let twice = try [laptop.start(["sync", "sync"]), laptop.start(["sync", "sync"])].map { try $0.finish() }
        #expect(twice.allSatisfy { $0.status == 0 }, "\(twice.map(\.stderr))")
        let published = twice.filter { $0.stdout.contains("published 2 events in ") }
        #expect(published.count == 1, "\(twice.map(\.stdout))")
        laptop.unpublished = 0
        for _ in 0..<2 {
            try Self.sync(&laptop, ["sync"])
            try Self.sync(&desktop, ["sync"])
        }
        let desktopID = try desktop.deviceID(folder: "sync")
        try Self.expectAgreement([laptop, desktop], ids: [laptopID, desktopID])
        // The laptop's answers are the newest: the desktop's `hone undo` takes back its own newest.
        desktop.advance(by: 60)
        _ = try desktop.act(["undo"])
        let undos = try desktop.logRows().filter { $0.contains(",undo,\(desktopID),") }
        let target = undos.last?.split(separator: ",", omittingEmptySubsequences: false)[12]
        #expect(undos.count == 1 && target?.hasPrefix("\(desktopID)-") == true, "\(undos)")
    }

    /// The laptop and the desktop answer the same card at the same millisecond (the same
    /// clock, both showing it first): two answers, on both, whichever arrives first.
    @Test func twoAnswersToOneCardAtOneInstantAreBothKept() throws {
        var devices = try TwoDevices()
        devices.writer.advance(to: devices.reader.clock)
        #expect(devices.reader.clock == devices.writer.clock)
        _ = try devices.writer.act(["practice"], stdin: "\ngood\n:quit\n")
        _ = try devices.reader.act(["practice"], stdin: "\nagain\n:quit\n")
        for _ in 0..<2 {
            try Self.sync(&devices.writer, ["sync"])
            try Self.sync(&devices.reader, ["sync"])
        }
        let answers = try devices.reader.logRows().filter { $0.contains(",words/w0,") }
        #expect(answers.count == 2 && Set(answers.map { $0.split(separator: ",")[2] }).count == 1, "\(answers)")
        try Self.expectAgreement([devices.writer, devices.reader], ids: [devices.writerID, devices.readerID])
    }

    @Test func aDeviceWhoseSegmentsWereDeletedPublishesThemAgain() throws {
        var devices = try TwoDevices()
        _ = try devices.publishADay()
        _ = try devices.publishADay("\ngood\n:quit\n")
        try Self.sync(&devices.reader, ["sync"])
        // Someone tidies the folder: the desktop's segments are gone.
        try FileManager.default.removeItem(at: devices.folder.appendingPathComponent(devices.writerID))
        devices.writer.advance(by: 3600)
        let again = try devices.writer.run(["sync", "sync"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr.hasPrefix("hone: warning: 2 segments this device wrote are missing"), "\(again.stderr)")
        #expect(again.stdout.contains("published \(devices.writer.made) events in "), "\(again.stdout)")
        devices.writer.unpublished = 0
        let read = try Self.sync(&devices.reader, ["sync"])
        #expect(
            read.stdout.contains("0 events added for 0 cards, \(devices.writer.made) already here"), "\(read.stdout)")
        // A new device, started empty, gets everything from the folder.
        var tablet = SyncDevice(
            devices.hone, data: "tablet", environment: Self.utc, clock: devices.writer.clock.addingTimeInterval(60))
        try Self.sync(&tablet, ["sync"])
        let ids = [devices.writerID, devices.readerID, try tablet.deviceID(folder: "sync")]
        try Self.expectAgreement([devices.writer, devices.reader, tablet], ids: ids)
    }
}
