import HoneCore
import Synchronization

/// A deck as a session starts from it: the deck's settings and every card's key, note and
/// line at hand, and a card's whole text decoded only when it is asked for. Made from a deck
/// just read, or from the deck cache, where a hundred thousand cards cost a few milliseconds.
/// A class: it is handed around once per card in a session's start, and a struct of ten
/// fields costs ten retains a copy.
public final class DeckIndex: Sendable {
    public let id: String
    public let name: String
    public let skill: String
    public let newPerDay: Int?
    public let reviewsPerDay: Int?
    /// The file it was read from, as found.
    public let path: String
    /// Every card's key, in deck order.
    public let keys: [String]
    /// Every card's note key (shared by siblings); the same string as its key for most cards.
    public let noteKeys: [String]
    /// Every card's line in the deck file.
    public let lines: [Int32]
    let cards: Cards
    /// The deck file's cards by key, once a cached card turned out damaged and the file was
    /// read again: a cache damaged all through costs one more read of the deck, not one a card.
    private let reread = Mutex<[String: Card]?>(nil)

    /// Where the whole cards come from.
    enum Cards: Sendable {
        case parsed([Card])
        /// In a cache file: card `i` is encoded from `start + offsets[i]` up to the next card's
        /// start (or the end of the file), behind its checksum. `sizeLimit` bounds the deck file
        /// read again should a card be damaged.
        case encoded(CacheFile, start: Int, offsets: [UInt32], sizeLimit: Int)
    }

    init(
        id: String, name: String, skill: String, newPerDay: Int?, reviewsPerDay: Int?, path: String, keys: [String],
        noteKeys: [String], lines: [Int32], cards: Cards
    ) {
        self.id = id
        self.name = name
        self.skill = skill
        self.newPerDay = newPerDay
        self.reviewsPerDay = reviewsPerDay
        self.path = path
        self.keys = keys
        self.noteKeys = noteKeys
        self.lines = lines
        self.cards = cards
    }

    public convenience init(_ deck: Deck) {
        self.init(
            id: deck.id, name: deck.name, skill: deck.skill, newPerDay: deck.newPerDay,
            reviewsPerDay: deck.reviewsPerDay,
            path: deck.path, keys: deck.cards.map(\.key), noteKeys: deck.cards.map(\.noteKey),
            lines: deck.cards.map { Int32(clamping: $0.line) }, cards: .parsed(deck.cards))
    }

    public var count: Int { keys.count }

    /// The whole card at `position`. A cached card that fails its checksum or cannot be decoded
    /// (damaged on disk) gives way to the deck file read again; nil only if that fails too.
    public func card(at position: Int) -> Card? {
        switch cards {
        case .parsed(let cards):
            return cards[position]
        case .encoded(let file, let start, let offsets, let sizeLimit):
            let end = position + 1 < offsets.count ? start + Int(offsets[position + 1]) : file.size
            if let bytes = file.bytes(start + Int(offsets[position])..<end),
                let card = bytes.withUnsafeBytes({ raw -> Card? in
                    var reader = ByteReader(raw)
                    guard let stored = reader.i64(),
                        CacheChecksum.of(UnsafeRawBufferPointer(rebasing: raw[8...])) == UInt64(bitPattern: stored)
                    else { return nil }
                    return CardRecord.decode(
                        &reader, key: keys[position], noteKey: noteKeys[position], line: Int(lines[position]))
                })
            {
                return card
            }
            return reread.withLock { reread in
                if reread == nil {
                    var cards: [Card] = []
                    if case .success(let bytes) = DeckFinder.contents(of: path, limit: sizeLimit) {
                        cards =
                            DeckReader.read(bytes: bytes, path: path, deckID: id, options: [.buildCards]).deck?.cards
                            ?? []
                    }
                    reread = Dictionary(cards.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
                }
                return reread?[keys[position]]
            }
        }
    }

    /// The same deck with only the cards `keep` accepts (each decoded to be asked), or nil when
    /// it accepts none: `--tag` narrows a session or the stats to the cards tagged so.
    public func keeping(where keep: (Card) -> Bool) -> DeckIndex? {
        let kept = (0..<count).compactMap { card(at: $0) }.filter(keep)
        guard !kept.isEmpty else { return nil }
        return DeckIndex(
            id: id, name: name, skill: skill, newPerDay: newPerDay, reviewsPerDay: reviewsPerDay, path: path,
            keys: kept.map(\.key), noteKeys: kept.map(\.noteKey), lines: kept.map { Int32(clamping: $0.line) },
            cards: .parsed(kept))
    }
}
