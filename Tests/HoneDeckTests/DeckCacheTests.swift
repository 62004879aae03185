import Foundation
import HoneCore
import Testing

@testable import HoneDeck

@Suite("deck cache")
struct DeckCacheTests {
    static let deckText = """
        [deck]
        name = "Networking"
        skill = "people"
        new_per_day = 3

        [[card]]
        id = "ask"
        q = "What do acquaintances need from you?"
        a = "A clear picture of what you seek"
        hint = "be specific"
        tags = ["intro"]
        reverse = true

        [[card]]
        id = "typed"
        type = "typed"
        q = "Your network works like a set of what?"
        a = "sensors"
        accept = ["antennae"]

        [[card]]
        id = "gap"
        type = "cloze"
        text = "Weak {{c1::ties}} bring {{c2::news}}."

        [[card]]
        id = "pick"
        type = "choice"
        q = "Which comes first?"
        choices = ["giving", "asking"]
        answer = "giving"

        [[card]]
        id = "drill"
        type = "practice"
        prompt = "Introduce yourself in two sentences."
        rubric = ["names what you do", "asks a question"]
        explain = "Practise aloud."
        """

    /// A folder with one deck file last changed an hour ago, so the cache accepts it.
    struct Fixture {
        let folder: String
        let found: DeckFinder.Found
        let cache: DeckCache

        init(text: String = DeckCacheTests.deckText) throws {
            folder = NSTemporaryDirectory() + "hone-cache-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: folder + "/decks", withIntermediateDirectories: true)
            found = DeckFinder.Found(path: folder + "/decks/net.toml", relativePath: "net.toml")
            cache = DeckCache(folder: folder + "/cache")
            try write(text)
        }

        func write(_ text: String) throws {
            try Data(text.utf8).write(to: URL(fileURLWithPath: found.path))
            let anHourAgo = Date().addingTimeInterval(-3600)
            try FileManager.default.setAttributes([.modificationDate: anHourAgo], ofItemAtPath: found.path)
        }

        func deck() throws -> Deck {
            guard case .success(let bytes) = DeckFinder.contents(of: found.path) else {
                throw CocoaError(.fileReadUnknown)
            }
            let file = DeckReader.read(bytes: bytes, path: found.path, deckID: "net", options: [.buildCards])
            return try #require(file.deck)
        }

        func stamp() throws -> FileStamp { try #require(FileStamp.of(found.path)) }

        func entryFiles() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: cache.folder).map { cache.folder + "/" + $0 }
        }
    }

    @Test func anUnchangedDeckComesBackWithEveryCardWhole() throws {
        let fixture = try Fixture()
        let deck = try fixture.deck()
        #expect(deck.cards.count == 7)  // a reversed card, two deletions
        #expect(fixture.cache.lookup(fixture.found, stamp: try fixture.stamp()) == nil)
        fixture.cache.save(deck, for: fixture.found, stamp: try fixture.stamp())

        let index = try #require(fixture.cache.lookup(fixture.found, stamp: try fixture.stamp()))
        #expect(index.id == "net" && index.name == "Networking" && index.skill == "people")
        #expect(index.newPerDay == 3 && index.reviewsPerDay == nil && index.path == fixture.found.path)
        #expect(index.keys == deck.cards.map(\.key))
        #expect(index.noteKeys == deck.cards.map(\.noteKey))
        #expect(index.lines.map(Int.init) == deck.cards.map(\.line))
        for position in deck.cards.indices {
            #expect(index.card(at: position) == deck.cards[position])
        }
    }

    @Test func anEditedDeckIsAMissEvenWithTheSameSizeAndTime() throws {
        let fixture = try Fixture()
        fixture.cache.save(try fixture.deck(), for: fixture.found, stamp: try fixture.stamp())
        let before = try fixture.stamp()
        // The same number of bytes, the modification time set back as it was: only the
        // status-change time tells, and it must.
        try fixture.write(DeckCacheTests.deckText.replacingOccurrences(of: "sensors", with: "signals"))
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: TimeInterval(before.modified) / 1e9)],
            ofItemAtPath: fixture.found.path)
        let after = try fixture.stamp()
        #expect(after.size == before.size)
        #expect(fixture.cache.lookup(fixture.found, stamp: after) == nil)
    }

    @Test func aDamagedEntryIsAMissNeverACrash() throws {
        let fixture = try Fixture()
        let deck = try fixture.deck()
        let stamp = try fixture.stamp()
        fixture.cache.save(deck, for: fixture.found, stamp: stamp)
        let entry = try #require(try fixture.entryFiles().first)
        let whole = [UInt8](try Data(contentsOf: URL(fileURLWithPath: entry)))
        // Where the texts start: the little-endian word after the magic and the version.
        let textsStart = whole[12..<16].reversed().reduce(0) { $0 << 8 | Int($1) }
        #expect((16..<whole.count).contains(textsStart))
        // Cut at every length up to the start of the texts, and with a length field blown up.
        for length in stride(from: 0, to: whole.count, by: 7) {
            try Data(whole.prefix(length)).write(to: URL(fileURLWithPath: entry))
            let index = fixture.cache.lookup(fixture.found, stamp: stamp)
            if length < textsStart {
                #expect(index == nil, "an entry cut at \(length) of \(textsStart) index bytes is a miss")
            } else if let index {
                // A cut inside the texts passes the index: then each card is read from the deck.
                #expect((0..<index.count).map { index.card(at: $0) } == deck.cards, "cut at \(length)")
            }
        }
        var corrupt = whole
        for offset in stride(from: 8, to: min(corrupt.count, 400), by: 13) { corrupt[offset] = 0xFF }
        try Data(corrupt).write(to: URL(fileURLWithPath: entry))
        #expect(fixture.cache.lookup(fixture.found, stamp: stamp) == nil, "a scribbled-over entry is a miss")
    }

    @Test func aBitFlipInEveryByteIsAMissOrTheTrueCards() throws {
        let fixture = try Fixture()
        let deck = try fixture.deck()
        let stamp = try fixture.stamp()
        fixture.cache.save(deck, for: fixture.found, stamp: stamp)
        let entry = try #require(try fixture.entryFiles().first)
        let whole = [UInt8](try Data(contentsOf: URL(fileURLWithPath: entry)))
        let intact = try #require(fixture.cache.lookup(fixture.found, stamp: stamp))
        #expect((0..<intact.count).map { intact.card(at: $0) } == deck.cards)
        // The deck file says what the true cards are; a damaged card must come from it.
        var misses = 0
        var changed: [String] = []
        // Every byte, header, index and texts, each with one bit flipped, a different one from
        // byte to byte (every bit of every byte takes ten times as long, for little more).
        for byte in whole.indices {
            let bit = byte * 8 + (byte * 5) % 8
            var flipped = whole
            flipped[bit / 8] ^= 1 << (bit % 8)
            try Data(flipped).write(to: URL(fileURLWithPath: entry))
            guard let index = fixture.cache.lookup(fixture.found, stamp: stamp) else {
                misses += 1
                continue
            }
            let cards = (0..<index.count).map { index.card(at: $0) }
            if index.keys != deck.cards.map(\.key) || index.noteKeys != deck.cards.map(\.noteKey)
                || index.lines.map(Int.init) != deck.cards.map(\.line) || index.name != deck.name
                || index.id != deck.id || index.skill != deck.skill || index.newPerDay != deck.newPerDay
                || cards != deck.cards
            {
                changed.append("bit \(bit % 8) of byte \(bit / 8)")
            }
        }
        #expect(changed == [], "\(changed.count) of \(whole.count) flips changed what the cache gives")
        #expect(misses > 0)
    }

    @Test func aFileChangedJustNowIsNotSettled() throws {
        let fixture = try Fixture()
        let stamp = try fixture.stamp()
        let changed = max(stamp.modified, stamp.changed) / 1_000_000_000
        #expect(stamp.settled(now: changed + 2))
        #expect(!stamp.settled(now: changed + 1))
    }
}
