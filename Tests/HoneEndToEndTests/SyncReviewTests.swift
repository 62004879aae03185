import Foundation
import Testing

/// Reproductions from the review of `hone sync` (issue #16): each fails on the code as reviewed,
/// and says what a learner would see.
@Suite("hone sync, review reproductions")
struct SyncReviewTests {
    static func device(_ hone: HoneProcess, _ data: String, hour: TimeInterval) -> SyncDevice {
        SyncDevice(hone, data: data, environment: SyncEndToEndTests.utc, clock: SyncEndToEndTests.start + hour * 3600)
    }

    static func home() throws -> HoneProcess {
        let hone = try HoneProcess()
        try SyncEndToEndTests.writeDeck(hone, "decks/words.toml")
        for folder in ["sync", "sync2"] {
            try FileManager.default.createDirectory(
                at: hone.home.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        return hone
    }

    /// A data folder put back from a copy taken before its last synced answers (a backup, as the
    /// README allows: copy the folder while no hone runs). The sync brings those answers back
    /// from the device's own folder, but the event counter is the copy's: the next answers take
    /// ids already in the log, and are dropped while the session says they were saved.
    @Test func aDataFolderPutBackFromACopyKeepsEveryNewAnswer() throws {
        let hone = try Self.home()
        var laptop = Self.device(hone, "laptop", hour: 9)
        _ = try laptop.run(["practice"], stdin: "\ngood\n:quit\n")
        laptop.advance(by: 60)
        _ = try laptop.run(["sync", "sync"])
        let data = hone.home.appendingPathComponent("laptop")
        let copy = hone.home.appendingPathComponent("laptop-copy")
        try FileManager.default.copyItem(at: data, to: copy)
        laptop.advance(by: 86_400)
        _ = try laptop.run(["practice"], stdin: "\ngood\n\ngood\n:quit\n")
        laptop.advance(by: 60)
        _ = try laptop.run(["sync", "sync"])
        try FileManager.default.removeItem(at: data)
        try FileManager.default.moveItem(at: copy, to: data)
        laptop.advance(by: 86_400)
        _ = try laptop.run(["sync", "sync"])
        let before = try laptop.logRows().count
        let session = try laptop.run(["practice"], stdin: "\nagain\n\nagain\n\nagain\n:quit\n")
        #expect(session.stdout.contains("3 cards"), "\(session.stdout)")
        let after = try laptop.logRows().count
        #expect(after == before + 3, "the log gained only \(after - before)")
        let doctor = try laptop.run(["doctor"])
        #expect(doctor.status == 0, "\(doctor.stdout)")
    }

    /// The learner moves to a new sync folder (Dropbox to a git clone, say) after retiring an
    /// old device. The devices still in use publish again only what they made themselves, so a
    /// new device started from the new folder never gets the retired device's answers.
    @Test func aNewFolderCarriesTheAnswersOfADeviceNoLongerInUse() throws {
        let hone = try Self.home()
        var old = Self.device(hone, "old", hour: 8)
        var laptop = Self.device(hone, "laptop", hour: 10)
        var tablet = Self.device(hone, "tablet", hour: 30)
        _ = try old.run(["practice"], stdin: "\ngood\n\ngood\n:quit\n")
        old.advance(by: 60)
        _ = try old.run(["sync", "sync"])
        _ = try laptop.run(["practice"], stdin: "\ngood\n:quit\n")
        _ = try laptop.run(["sync", "sync"])
        laptop.advance(by: 86_400)
        _ = try laptop.run(["sync", "sync2"])
        _ = try tablet.run(["sync", "sync2"])
        let laptopRows = try laptop.logRows()
        let tabletRows = try tablet.logRows()
        #expect(laptopRows.count == 3)
        #expect(
            tabletRows == laptopRows, "the tablet has \(tabletRows.count) of the laptop's \(laptopRows.count) events")
    }

    /// An answer imported without an id on one device, and one with an id at the same card and
    /// instant on the other: each device keeps its own and skips the other's, for good.
    @Test func answersAtOneInstantWithAndWithoutAnIdEndTheSameOnBothDevices() throws {
        let hone = try Self.home()
        var laptop = Self.device(hone, "laptop", hour: 9)
        var desktop = Self.device(hone, "desktop", hour: 10)
        try hone.write("a.csv", "card,reviewed_at,rating\nwords/w0,2026-03-01T10:00:00Z,good\n")
        try hone.write("b.csv", "id,card,reviewed_at,rating\nx1,words/w0,2026-03-01T10:00:00Z,again\n")
        _ = try laptop.run(["log", "import", "a.csv"])
        _ = try desktop.run(["log", "import", "b.csv"])
        for _ in 0..<2 {
            laptop.advance(by: 60)
            _ = try laptop.run(["sync", "sync"])
            desktop.advance(by: 60)
            _ = try desktop.run(["sync", "sync"])
        }
        let laptopRows = try laptop.logRows()
        let desktopRows = try desktop.logRows()
        #expect(laptopRows == desktopRows)
    }

    /// `--git` when the rebase meets a conflict in a deck file kept in the same repository: the
    /// repository is left half-way through the rebase, the learner's uncommitted deck edit out
    /// of the work tree (in the rebase's autostash) and this device's newest segment with it.
    @Test func aRebaseConflictLeavesTheRepositoryAsItWas() throws {
        let hone = try Self.home()
        let git = { (arguments: [String], folder: String) throws -> HoneProcess.Output in
            try SyncEndToEndTests.git(arguments, in: hone.home.appendingPathComponent(folder))
        }
        _ = try git(["init", "--quiet", "--bare", "remote.git"], ".")
        for clone in ["a", "b"] { _ = try git(["clone", "--quiet", "remote.git", clone], ".") }
        try hone.write("a/decks/words.toml", String(decoding: try hone.read("decks/words.toml"), as: UTF8.self))
        _ = try git(["add", "-A"], "a")
        _ = try git(["commit", "--quiet", "-m", "decks"], "a")
        _ = try git(["push", "--quiet", "origin", "HEAD"], "a")
        _ = try git(["pull", "--quiet"], "b")
        let deck = String(decoding: try hone.read("a/decks/words.toml"), as: UTF8.self)
        try hone.write("b/decks/words.toml", deck.replacingOccurrences(of: "meaning 0\"", with: "zero (b)\""))
        _ = try git(["commit", "--quiet", "-am", "b"], "b")
        _ = try git(["push", "--quiet"], "b")
        try hone.write("a/decks/words.toml", deck.replacingOccurrences(of: "meaning 0\"", with: "nought (a)\""))
        _ = try git(["commit", "--quiet", "-am", "a"], "a")
        let edited = deck.replacingOccurrences(of: "meaning 0\"", with: "nought (a)\"")
            .replacingOccurrences(of: "meaning 1\"", with: "one, not committed\"")
        try hone.write("a/decks/words.toml", edited)
        var laptop = SyncDevice(
            hone, data: "laptop", decks: "a/decks",
            environment: SyncEndToEndTests.utc.merging(
                SyncEndToEndTests.gitIdentity
            ) { $1 }, clock: SyncEndToEndTests.start)
        _ = try laptop.run(["practice"], stdin: "\ngood\n:quit\n")
        laptop.advance(by: 60)
        let sync = try laptop.run(["sync", "--git", "a"])
        #expect(sync.status == 1)
        let status = try git(["status"], "a")
        #expect(!status.stdout.contains("rebase in progress"), "\(status.stdout)")
        let now = String(decoding: try hone.read("a/decks/words.toml"), as: UTF8.self)
        #expect(now == edited, "the deck file now:\n\(now)")
    }
}
