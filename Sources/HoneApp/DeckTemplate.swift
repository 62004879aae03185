import HoneCore
import HoneDeck

/// The deck file `hone new` writes: a `[deck]` table and one card of every type, each key
/// commented, so that a first deck teaches the format by example. It passes `hone check`
/// with no error and no warning, and its cards (about hone itself) can be practised as they are.
public struct DeckTemplate: Sendable {
    /// The deck's name; nil for the one made from the file name.
    public var name: String?
    /// The deck's skill; nil leaves the key commented out (the skill is then the name).
    public var skill: String?

    public init(name: String? = nil, skill: String? = nil) {
        self.name = name
        self.skill = skill
    }

    /// Why `deck` cannot name a new deck file, or nil when it can: it must be a relative path
    /// under the deck folder, with no `..`, no hidden part (hone skips hidden files and
    /// folders) and no character that acts on a terminal.
    public static func refusal(ofDeck deck: String) -> String? {
        if let hidden = PrintableText.firstHidden(in: deck)?.scalar {
            return "the deck name holds \(PrintableText.describe(hidden)); give a name of printable characters"
        }
        let stem = deck.hasSuffix(".toml") ? String(deck.dropLast(".toml".count)) : deck
        if stem.isEmpty { return "the deck name is empty; give one, e.g. hone new spanish" }
        if deck.hasPrefix("/") {
            return "\(deck) is an absolute path; give a name under the deck folder, e.g. languages/spanish"
        }
        let parts = stem.split(separator: "/", omittingEmptySubsequences: false)
        if parts.contains("..") { return "\(deck) leads out of the deck folder (..); give a name under it" }
        if parts.contains(where: \.isEmpty) { return "\(deck) has an empty part (//, or a / at an end)" }
        if parts.contains(where: { $0.hasPrefix(".") }) {
            return "\(deck) has a part starting with '.', and hone skips hidden files and folders"
        }
        return nil
    }

    /// Why `value`, given as `option`, cannot be a deck's name or skill, or nil when it can.
    public static func refusal(of value: String, givenAs option: String) -> String? {
        if let hidden = PrintableText.firstHidden(in: value)?.scalar {
            return "\(option) holds \(PrintableText.describe(hidden)); give printable text"
        }
        if value.allSatisfy(\.isWhitespace) { return "\(option) is empty; give a name" }
        return nil
    }

    /// The file's path for `deck` (with or without `.toml`) under `deckFolder`.
    public static func path(ofDeck deck: String, in deckFolder: String) -> String {
        let file = deck.hasSuffix(".toml") ? deck : deck + ".toml"
        return deckFolder.hasSuffix("/") ? deckFolder + file : deckFolder + "/" + file
    }

    /// A name from the file's name: `soft-skills/first_steps` is "First steps".
    public static func defaultName(ofDeck deck: String) -> String {
        let file = deck.split(separator: "/").last.map(String.init) ?? deck
        let stem = file.hasSuffix(".toml") ? String(file.dropLast(".toml".count)) : file
        let words = stem.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// `text` as a TOML basic string.
    static func quoted(_ text: String) -> String {
        TOMLString.quoted(text)
    }

    /// The file's text for `deck`.
    public func text(forDeck deck: String) -> String {
        let name = name ?? Self.defaultName(ofDeck: deck)
        let skillLine = skill.map { "skill = \(Self.quoted($0))" } ?? "# skill = \(Self.quoted(name))"
        return """
            # A hone deck: a [deck] table, then one [[card]] table per card, one of each type below.
            # Edit them into your own cards, copy one to add a card, delete the ones you do not need,
            # and run `hone check` after each edit: it names every mistake with its line and column.
            # The whole format: the README's "Deck files" section.

            [deck]
            # Shown in menus and by `hone status`; `hone practice NAME` practises this deck.
            name = \(Self.quoted(name))
            # The skill this deck builds (decks with one skill are counted together); default: the name.
            \(skillLine)
            # description = "What this deck is for."
            # new_per_day = 10             # optional: new cards a day for this deck
            # reviews_per_day = 100        # optional: reviews a day for this deck

            # Every card has an id: your progress is kept under it, so keep it when you edit the card's
            # text. It is not empty and holds no '/', '#' or space. Every card also takes tags, hint
            # (asked for with :hint) and explain (shown after the answer).

            [[card]]                       # basic, the default type: recall the answer, Enter shows it
            id = "check-command"
            q = "Which command finds the mistakes in a deck file?"
            a = "hone check"
            hint = "It is named for what it does."
            explain = "It names each mistake with its file, line and column."
            tags = ["commands"]
            # reverse = true               # also ask the other way round, from a to q

            [[card]]
            id = "progress-key"
            type = "typed"                 # type the answer; case and outer punctuation are ignored
            q = "A card's progress belongs to its text or to its id?"
            a = "its id"
            accept = ["id", "the id"]      # other answers that count as right

            [[card]]
            id = "where-things-live"
            type = "cloze"                 # a text with gaps {{cN::answer}}: one card per number N
            text = "Hone keeps decks in {{c1::text files}} and progress in {{c2::a database::SQLite}}."

            [[card]]
            id = "drill-type"
            type = "choice"                # numbered options, shuffled each day; answer with the number
            q = "Which card type asks you to do something, then rate yourself?"
            choices = ["practice", "basic", "cloze"]
            answer = "practice"            # one of the choices, written out

            [[card]]
            id = "first-card"
            type = "practice"              # a drill: do it, then rate yourself against the rubric
            prompt = "Write one card of your own into this deck, then run hone check on it."
            rubric = ["it has an id", "its question has one answer", "hone check finds no problems"]
            example = "[[card]], then id = \\"my-card\\", q = \\"...\\" and a = \\"...\\" on lines of their own"

            """
    }
}
