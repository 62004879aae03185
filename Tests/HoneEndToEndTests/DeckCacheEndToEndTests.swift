import Foundation
import Testing

@Suite("the deck cache, end to end", .serialized)
struct DeckCacheEndToEndTests {
    static let deck = """
        [deck]
        name = "Networking"

        [[card]]
        id = "one"
        q = "What do acquaintances need from you?"
        a = "A clear picture of what you seek"

        [[card]]
        id = "two"
        q = "Who brings news from outside your circle?"
        a = "weak ties"
        """

    /// Writes the deck, its modification time an hour back, and waits out the 2 s in which a
    /// file just changed is not cached (it could change again without its times showing it):
    /// setting the time back is itself a change of the file's status, now.
    static func writeSettled(_ hone: HoneProcess, _ text: String) throws {
        try hone.write("decks/net.toml", text)
        try FileManager.default.setAttributes(
            [.modificationDate: Date().addingTimeInterval(-3600)],
            ofItemAtPath: hone.home.appendingPathComponent("decks/net.toml").path)
        Thread.sleep(forTimeInterval: 2.2)
    }

    static func cacheEntries(_ hone: HoneProcess) -> [String] {
        (try? FileManager.default.contentsOfDirectory(
            atPath: hone.home.appendingPathComponent(".cache/hone/decks").path)) ?? []
    }

    @Test func aSettledDeckIsCachedAndAnEditIsSeenAtTheNextStart() throws {
        let hone = try HoneProcess()
        try Self.writeSettled(hone, Self.deck)
        let first = try hone.run(["status", "--json", "--now", "2026-03-03T09:00:00Z"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(Self.cacheEntries(hone).count == 1, "the deck is kept under $HOME/.cache/hone/decks")

        // From the cache: the same counts, and the cards shown whole.
        let cached = try hone.run(["status", "--json", "--now", "2026-03-03T09:00:00Z"])
        #expect(cached.stdout == first.stdout)
        let session = try hone.run(["--now", "2026-03-03T09:00:00Z"], stdin: "\ngood\n:quit\n")
        #expect(session.stdout.contains("What do acquaintances need from you?"))
        #expect(session.stdout.contains("A clear picture of what you seek"))

        // Reworded to the same length, the file's time set back: the next start reads the edit.
        let edited = Self.deck.replacingOccurrences(of: "weak ties", with: "far links")
        try Self.writeSettled(hone, edited)
        let after = try hone.run(["--now", "2026-03-03T09:05:00Z"], stdin: "\ngood\n\n:quit\n")
        #expect(after.stdout.contains("far links"), "\(after.stdout)")
        #expect(!after.stdout.contains("weak ties"))
    }

    @Test func aDeckJustWrittenIsReadButNotCached() throws {
        let hone = try HoneProcess()
        try hone.write("decks/net.toml", Self.deck)
        let result = try hone.run(["status", "--now", "2026-03-03T09:00:00Z"])
        #expect(result.status == 0)
        #expect(Self.cacheEntries(hone).isEmpty)
    }

    @Test func honeNoCacheTurnsItOffAndADamagedCacheIsIgnored() throws {
        let hone = try HoneProcess()
        try Self.writeSettled(hone, Self.deck)
        _ = try hone.run(["status", "--now", "2026-03-03T09:00:00Z"], environment: ["HONE_NO_CACHE": "1"])
        #expect(Self.cacheEntries(hone).isEmpty)

        _ = try hone.run(["status", "--now", "2026-03-03T09:00:00Z"])
        let entries = Self.cacheEntries(hone)
        #expect(entries.count == 1)
        for entry in entries {
            try hone.write(".cache/hone/decks/" + entry, bytes: Array(repeating: 0xFF, count: 300))
        }
        let session = try hone.run(["--now", "2026-03-03T09:00:00Z"], stdin: "\ngood\n:quit\n")
        #expect(session.status == 0, "\(session.stderr)")
        #expect(session.stdout.contains("A clear picture of what you seek"))
    }

    /// An entry grown past 4 GiB (sparse, so it costs no disk) is a miss, not a crash.
    @Test func aHugeEntryIsAMiss() throws {
        let hone = try HoneProcess()
        try Self.writeSettled(hone, Self.deck)
        _ = try hone.run(["status", "--now", "2026-03-03T09:00:00Z"])
        for entry in Self.cacheEntries(hone) {
            let handle = try FileHandle(forWritingTo: hone.home.appendingPathComponent(".cache/hone/decks/" + entry))
            try handle.truncate(atOffset: 5 << 30)
            try handle.close()
        }
        let session = try hone.run(["--now", "2026-03-03T09:00:00Z"], stdin: "\ngood\n:quit\n")
        #expect(session.status == 0, "\(session.stderr)")
        #expect(session.stdout.contains("A clear picture of what you seek"))
    }

    @Test func aBitFlippedAnywhereInAnEntryNeverChangesTheTextShown() throws {
        let hone = try HoneProcess()
        try Self.writeSettled(hone, Self.deck)
        _ = try hone.run(["status", "--now", "2026-03-03T09:00:00Z"])
        let entries = Self.cacheEntries(hone)
        try #require(entries.count == 1)
        let entry = ".cache/hone/decks/" + entries[0]
        let whole = try hone.read(entry)
        let cards = [
            ("What do acquaintances need from you?", "A clear picture of what you seek"),
            ("Who brings news from outside your circle?", "weak ties"),
        ]
        // About 80 places spread over the whole entry, header, index and texts, a different
        // bit at each. A damaged entry is rewritten by the run that finds it: put it back each time.
        for position in stride(from: 0, to: whole.count, by: max(1, whole.count / 80)) {
            var flipped = whole
            flipped[position] ^= 1 << (position % 8)
            try hone.write(entry, bytes: flipped)
            // A data folder of its own each time, so that the cards are new every time.
            let session = try hone.run(
                ["--now", "2026-03-03T09:00:00Z", "--data", "data-\(position)"], stdin: "\ngood\n:quit\n")
            #expect(session.status == 0, "\(session.stderr)")
            #expect(
                cards.contains { session.stdout.contains($0.0) && session.stdout.contains($0.1) },
                "bit \(position % 8) of byte \(position) of \(whole.count): \(session.stdout)")
        }
    }
}
