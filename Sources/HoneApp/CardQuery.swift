import HoneCore
import HoneDeck

/// What `hone cards QUERY...` asks for, every word a condition that must hold (documented in
/// the README): `deck:X` (deck id or name), `skill:X`, `tag:X`, `state:S` (`new`, `learning`,
/// `review`, `suspended`, `leech` or `due`), a bare word that names a deck or skill (as
/// `practice` takes them), and any other word as text the card's prompt, answer, hint or
/// explanation contains. Case is ignored throughout.
public struct CardQuery: Sendable {
    public static let states = ["new", "learning", "review", "suspended", "leech", "due"]

    private var decks: [String] = []
    private var skills: [String] = []
    private var tags: [String] = []
    private var states: [String] = []
    private var texts: [String] = []

    /// `names`: the deck ids, deck names and skills there are, which a bare word may name.
    public init(_ words: [String], names: [String]) throws(HoneError) {
        let known = Set(names.map { $0.lowercased() })
        for word in words {
            let lowered = word.lowercased()
            guard let colon = lowered.firstIndex(of: ":") else {
                if known.contains(lowered) { decks.append(lowered) } else { texts.append(lowered) }
                continue
            }
            let field = String(lowered[..<colon])
            let value = String(lowered[lowered.index(after: colon)...])
            switch field {
            case "deck": decks.append(value)
            case "skill": skills.append(value)
            case "tag": tags.append(value)
            case "state":
                guard Self.states.contains(value) else {
                    throw HoneError(.badQuery(word, expected: "state:" + Self.states.joined(separator: "|")))
                }
                states.append(value)
            default:
                // A key with a colon (`net/a:b`) or a time is text, not a field.
                texts.append(lowered)
            }
        }
    }

    /// Whether `card` of `deck`, in `state`, answers every condition; `now` and `today` say
    /// what is due.
    public func matches(_ card: Card, of deck: Deck, state: CardState, now: Int64, today: Int) -> Bool {
        let deckNames = [deck.id, deck.name, deck.skill].map { $0.lowercased() }
        guard decks.allSatisfy({ deckNames.contains($0) }) else { return false }
        guard skills.allSatisfy({ $0 == deck.skill.lowercased() }) else { return false }
        let cardTags = card.tags.map { $0.lowercased() }
        guard tags.allSatisfy({ cardTags.contains($0) }) else { return false }
        guard states.allSatisfy({ Self.holds($0, state, now: now, today: today) }) else { return false }
        if texts.isEmpty { return true }
        let fields = ([card.front, card.back, card.hint ?? "", card.explain ?? ""] + card.choices + card.rubric)
            .joined(separator: "\n").lowercased()
        return texts.allSatisfy { fields.contains($0) }
    }

    static func holds(_ word: String, _ state: CardState, now: Int64, today: Int) -> Bool {
        switch word {
        case "new": state.phase == .new
        case "learning": state.phase == .learning || state.phase == .relearning
        case "review": state.phase == .review
        case "suspended": state.suspended
        case "leech": state.leech
        default:
            // Due: what practice would show now, apart from the daily limits.
            switch state.due {
            case .none: false
            case .instant(let at): !state.suspended && at <= now
            case .day(let day): !state.suspended && day <= today
            }
        }
    }
}
