import HoneCore
import HoneDeck

/// `hone status`: what is due now, later today and tomorrow, in all, per deck and per skill,
/// as text for a person or as JSON (the README documents the schema).
public struct StatusText {
    /// When the counts are for, as the JSON names it.
    public var now: String
    public var total: DueCounts
    public var decks: [(deck: DeckIndex, counts: DueCounts)]
    public var skills: [(skill: String, counts: DueCounts)]
    /// Cards with history that are in no deck any more.
    public var orphans: [String]

    public init(
        now: String, total: DueCounts, decks: [(deck: DeckIndex, counts: DueCounts)],
        skills: [(skill: String, counts: DueCounts)], orphans: [String]
    ) {
        self.now = now
        self.total = total
        self.decks = decks
        self.skills = skills
        self.orphans = orphans
    }

    /// How to start, when the deck folder holds no deck: where hone looked, how to write a
    /// first deck, and the decks that came with hone (`bundled`), when it has them.
    public static func noDecks(in folder: String, bundled: String? = nil) -> String {
        let withBundled =
            bundled.map {
                "\nOr practise the decks that came with hone: hone --decks \(VisibleText.make($0))"
                    + " (or copy them: cp -r \(VisibleText.make($0)) \(VisibleText.make(folder)))."
            } ?? ""
        return """
            No decks found in \(VisibleText.make(folder)).
            hone looks in --decks DIR, then $HONE_DECKS, then ./decks, then $XDG_DATA_HOME/hone/decks.
            To start: create that folder with a deck file, for example
              mkdir -p \(VisibleText.make(folder)) && \
            printf '[[card]]\\nid = "first"\\nq = "What does hone do?"\\na = "Spaced practice"\\n' \
            > \(VisibleText.make(folder))/first.toml
            then run `hone check` and `hone`.
            """ + withBundled
    }

    public func json() -> String {
        var writer = JSONWriter()
        func counts(_ counts: DueCounts) -> String {
            "\"due_now\":\(counts.dueNow),\"learning\":\(counts.learning),\"reviews\":\(counts.reviews),"
                + "\"new\":\(counts.new),\"later_today\":\(counts.laterToday),\"tomorrow\":\(counts.tomorrow)"
        }
        writer.raw("{\"now\":")
        writer.string(now)
        writer.raw("," + counts(total) + ",\"decks\":")
        writer.array(decks) { writer, item in
            let deck = item.deck
            writer.raw("{\"deck\":")
            writer.string(deck.id)
            writer.raw(",\"name\":")
            writer.string(deck.name)
            writer.raw(",\"skill\":")
            writer.string(deck.skill)
            writer.raw(",\"path\":")
            writer.string(deck.path)
            writer.raw(",\"cards\":\(deck.count)," + counts(item.counts) + "}")
        }
        writer.raw(",\"skills\":")
        writer.array(skills) { writer, item in
            writer.raw("{\"skill\":")
            writer.string(item.skill)
            writer.raw("," + counts(item.counts) + "}")
        }
        writer.raw(",\"orphans\":")
        writer.array(orphans) { writer, key in writer.string(key) }
        writer.raw("}")
        return writer.text
    }

    /// Lines for a person: the totals in bold, a line per deck in columns, the skills, and the
    /// cards no longer in any deck.
    /// `width`: the terminal's columns; every line is fitted to it at spaces (`LineFit`).
    public func text(terminal: Terminal, width: Int = .max) -> String {
        var lines = [
            terminal.paint("Due now: \(total.dueNow)", .bold)
                + "  (\(StatsText.count(total.reviews, "review")), \(total.learning) learning, \(total.new) new)"
                + "  ·  later today \(total.laterToday)  ·  tomorrow \(total.tomorrow)"
        ]
        let nameWidth = decks.map { DisplayWidth.of(VisibleText.make($0.deck.name)) }.max() ?? 0
        for (deck, counts) in decks {
            let name = VisibleText.make(deck.name)
            let pad = String(repeating: " ", count: max(0, nameWidth - DisplayWidth.of(name)))
            let now = "now \(counts.dueNow) (\(counts.reviews) rev, \(counts.learning) learn, \(counts.new) new)"
            lines.append("  \(name)\(pad)  \(now)  later \(counts.laterToday)  tomorrow \(counts.tomorrow)")
        }
        lines.append(
            "By skill: " + skills.map { "\(VisibleText.make($0.skill)) \($0.counts.dueNow)" }.joined(separator: " · "))
        if !orphans.isEmpty {
            let shown = orphans.prefix(3).map { VisibleText.make($0) }.joined(separator: ", ")
            let cards = "\(orphans.count) card\(orphans.count == 1 ? "" : "s")"
            lines.append(
                "\(cards) with history no longer in the decks (kept): \(shown)\(orphans.count > 3 ? ", ..." : "")")
        }
        return lines.flatMap { LineFit.fit($0, width: width) }.joined(separator: "\n")
    }
}
