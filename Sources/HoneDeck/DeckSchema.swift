import HoneCore

/// Checks a parsed deck document against the schema of `deck-format.md` and builds the deck:
/// errors for what makes a card unusable, warnings for what is merely suspicious.
struct DeckSchema {
    private let source: SourceText
    private let path: String
    private var diagnostics: [Diagnostic] = []
    private var errorCount = 0

    static let deckKeys = ["id", "name", "skill", "description", "tags", "new_per_day", "reviews_per_day"]
    /// Whether to build the practisable cards (a check only counts them).
    private let buildCards: Bool
    private var cards: [Card] = []
    private(set) var cardCount = 0
    private var cardTableCount = 0
    private var usable = true
    private var firstIDLine: [String: Int] = [:]
    private var firstTextLine: [TextFingerprint: Int] = [:]

    init(source: SourceText, path: String, buildCards: Bool = true) {
        self.source = source
        self.path = path
        self.buildCards = buildCards
        // A card takes 100 bytes or more: room for them all up front spares regrowing.
        let cardsAtMost = source.bytes.count / 100
        firstIDLine.reserveCapacity(cardsAtMost)
        firstTextLine.reserveCapacity(cardsAtMost)
    }

    /// Checks the whole document: `[deck]`, the shape of `card`, unknown tables, and every card
    /// not already handed to `validateCard` (a streamed read hands them over one by one).
    /// Returns the deck (nil when any error was found) and every diagnostic.
    mutating func finish(_ document: TOMLTable, defaultID: String) -> (Deck?, [Diagnostic]) {
        let fileName = String(path.split(separator: "/").last ?? Substring(path))
        let defaultName = fileName.hasSuffix(".toml") ? String(fileName.dropLast(5)) : fileName
        var deck = Deck(id: defaultID, name: defaultName, skill: defaultName, path: path)
        var skillGiven = false
        var cardShapeIsWrong = false

        for entry in document.entries {
            switch entry.key {
            case "deck":
                guard case .table(let table) = entry.node.value else {
                    error(
                        at: entry.node.position,
                        "\"deck\" must be a table written as [deck], not \(describeShape(entry.node.value))")
                    continue
                }
                skillGiven = readDeckTable(table, into: &deck)
            case "card":
                guard case .array(let elements) = entry.node.value, isTableArray(entry) || elements.isEmpty else {
                    error(
                        at: entry.node.position,
                        "\"card\" must be an array of tables, each written as [[card]], "
                            + "not \(describeShape(entry.node.value))"
                    )
                    cardShapeIsWrong = true
                    continue
                }
                for element in elements {
                    if case .table(let table) = element.value { validateCard(table) }
                }
            default:
                let what = entry.node.value.isTable ? "table [\(entry.key)]" : "key \"\(entry.key)\""
                warning(
                    at: entry.keyPosition, "unknown \(what)\(Suggestion.text(for: entry.key, among: ["deck", "card"]))")
            }
        }
        if !skillGiven { deck.skill = deck.name }
        // An id from `[deck] id` was checked as it was read; one from the file's path was not,
        // and a file name can hold anything but '/' and NUL.
        if let bad = PrintableText.firstHidden(in: deck.id)?.scalar {
            error(
                at: SourcePosition(offset: source.bomLength, line: 1),
                "the deck's id comes from the file's path, \"\(PrintableText.escaped(deck.id))\", which holds "
                    + "\(PrintableText.describe(bad)); rename the file "
                    + "or give the deck an id with [deck] id = \"...\""
            )
        }
        // Past the limit problems are counted, not described: make sure an error counted is
        // also an error shown, or a deck would be skipped with nothing said.
        if errorCount > 0, !diagnostics.contains(where: { $0.severity == .error }) {
            diagnostics.append(
                Diagnostic(.error, line: 1, column: 1, DiagnosticLimit.message, offset: source.bomLength))
        }
        if cardTableCount == 0, !cardShapeIsWrong {
            diagnostics.append(Diagnostic(.warning, line: 1, column: 1, "deck has no cards; add one with [[card]]"))
        }
        let hasErrors = !usable || errorCount > 0
        guard !hasErrors else { return (nil, diagnostics) }
        // Card keys are made with the final deck id, which `[deck]` may set after the cards.
        // In place, then moved: copying every card would retain each of its texts again.
        let prefix = deck.id + "/"
        for index in cards.indices {
            cards[index].deckID = deck.id
            cards[index].key = prefix + cards[index].key
            cards[index].noteKey = prefix + cards[index].noteKey
        }
        deck.cards = cards
        cards = []
        return (deck, diagnostics)
    }

    /// `[[x]]` entries are arrays of tables; `x = [...]` arrays are values. Both read as arrays,
    /// so tell them apart by what the entry's node points at: a header starts with `[`.
    private func isTableArray(_ entry: TOMLTable.Entry) -> Bool {
        guard case .array(let elements) = entry.node.value else {
            return false
        }
        guard let first = elements.first else { return false }
        if case .table = first.value { return true }
        return false
    }

    private func describeShape(_ value: TOMLValue) -> String {
        switch value {
        case .array(let elements):
            if let first = elements.first, case .table = first.value { return "an array of tables" }
            return "an array"
        default: return value.typeDescription
        }
    }

    // MARK: - [deck]

    /// Returns whether a `skill` was given.
    private mutating func readDeckTable(_ table: TOMLTable, into deck: inout Deck) -> Bool {
        var skillGiven = false
        for entry in table.entries {
            switch entry.key {
            case "id":
                if let id = string(entry), validID(id, at: entry.node.position) { deck.id = id }
            case "name":
                if let name = string(entry), nonEmpty(name, entry) { deck.name = name }
            case "skill":
                if let skill = string(entry), nonEmpty(skill, entry) {
                    deck.skill = skill
                    skillGiven = true
                }
            case "description":
                deck.description = string(entry)
            case "tags":
                deck.tags = stringArray(entry) ?? []
            case "new_per_day":
                deck.newPerDay = dailyLimit(entry) ?? deck.newPerDay
            case "reviews_per_day":
                deck.reviewsPerDay = dailyLimit(entry) ?? deck.reviewsPerDay
            default:
                warning(
                    at: entry.keyPosition,
                    "unknown key \"\(entry.key)\" in [deck]"
                        + Suggestion.text(for: entry.key, among: DeckSchema.deckKeys)
                )
            }
        }
        return skillGiven
    }

    /// A per-deck daily limit: a whole number of 0 or more.
    private mutating func dailyLimit(_ entry: TOMLTable.Entry) -> Int? {
        guard case .integer(let value) = entry.node.value else {
            error(
                at: entry.node.position,
                "\"\(entry.key)\" must be an integer of 0 or more, found \(entry.node.value.typeDescription)")
            return nil
        }
        guard value >= 0, value <= Int64(Int32.max) else {
            error(at: entry.node.position, "\"\(entry.key)\" must be 0 or more, found \(value)")
            return nil
        }
        return Int(value)
    }

    // MARK: - [[card]]

    /// Checks one `[[card]]` table and keeps the cards it makes.
    mutating func validateCard(_ table: TOMLTable) {
        cardTableCount += 1
        let errorsBefore = errorCount
        var kind = CardKind.basic
        if let typeNode = table["type"] {
            guard case .string(let name) = typeNode.value else {
                error(at: typeNode.position, "\"type\" must be a string, found \(typeNode.value.typeDescription)")
                usable = false
                return
            }
            guard let known = CardKind(name: name) else {
                let names = CardKind.allCases.map(\.rawValue)
                error(
                    at: typeNode.position,
                    "unknown card type \"\(name)\"; expected one of \(names.joined(separator: ", "))"
                        + Suggestion.text(for: name, among: names)
                )
                usable = false
                return
            }
            kind = known
        }
        var values = CardValues()
        for entry in table.entries {
            guard let field = CardField(key: entry.key), field.isTaken(by: kind) else {
                if CardField(key: entry.key) != nil {
                    warning(
                        at: entry.keyPosition, "\"\(entry.key)\" is not used by \(kind.rawValue) cards; it is ignored")
                } else {
                    let candidates = CardField.allCases.filter { $0.isTaken(by: kind) }.map(\.rawValue).sorted()
                    warning(
                        at: entry.keyPosition,
                        "unknown key \"\(entry.key)\" in a \(kind.rawValue) card"
                            + Suggestion.text(for: entry.key, among: candidates, aliases: Suggestion.cardKeyAliases)
                    )
                }
                continue
            }
            switch field.valueType {
            case .string:
                if let value = string(entry) { values[string: field] = value }
            case .stringArray:
                if let list = stringArray(entry) { values[array: field] = list }
            case .boolean:
                guard case .boolean(let flag) = entry.node.value else {
                    error(
                        at: entry.node.position,
                        "\"\(entry.key)\" must be true or false, found \(entry.node.value.typeDescription)")
                    continue
                }
                values.reverse = flag
            }
        }

        for field in CardField.required(by: kind) {
            guard let node = table[field.rawValue] else {
                error(
                    at: table.headerPosition,
                    "\(kind.rawValue) card is missing \"\(field.rawValue)\" (\(field.meaning))")
                continue
            }
            if let value = values[string: field], !nonEmpty(value, node: node, key: field.rawValue) {
                values[string: field] = nil
            }
        }

        var id: String?
        if let idNode = table["id"] {
            if let value = values[string: .id], validID(value, at: idNode.position) {
                if let first = firstIDLine[value] {
                    error(at: idNode.position, "duplicate id \"\(value)\" (first used on line \(first))")
                } else {
                    firstIDLine[value] = idNode.position.line
                    id = value
                }
            }
        } else {
            warning(
                at: table.headerPosition,
                "card has no id: its progress is keyed on its text and lost if the text is edited; "
                    + "`hone check --fix-ids` adds one"
            )
        }

        var cloze: ClozeText?
        if kind == .cloze, let text = values[string: .text], let node = table["text"] {
            do {
                let parsed = try ClozeText(parsing: text)
                if parsed.numbers.isEmpty {
                    error(
                        at: node.position,
                        "cloze text has no deletion; mark one as {{c1::answer}} or {{c1::answer::hint}}")
                } else {
                    cloze = parsed
                }
            } catch {
                let message: String =
                    switch error.reason {
                    case .unclosed: "cloze deletion is not closed: expected '}}' after {{c"
                    case .missingSeparator(let body):
                        "cloze deletion {{c\(body)}} needs '::' between its number and its answer, as in {{c1::answer}}"
                    case .badNumber(let body):
                        "cloze deletion {{c\(body)}} needs a whole number of 1 or more after 'c', as in {{c1::answer}}"
                    case .emptyAnswer(let number): "cloze deletion c\(number) has an empty answer"
                    }
                self.error(at: position(within: node, text: text, offset: error.offset), message)
            }
        }
        if kind == .choice, let answer = values[string: .answer], let choices = values[array: .choices],
            let node = table["answer"], !choices.contains(answer)
        {
            error(at: node.position, "\"answer\" must be one of \"choices\"; \"\(answer)\" is not")
        }

        for finding in CardPitfalls.findings(
            kind: kind, table: table, values: values, cloze: cloze,
            locate: { node, text, offset in position(within: node, text: text, offset: offset) })
        {
            warning(at: finding.position, finding.message)
        }

        let mainField = CardField.main(of: kind)
        let mainText = values[string: mainField]
        if let mainText, let node = table[mainField.rawValue] {
            // Texts are remembered by a 64-bit hash, not kept whole: a large deck stays small.
            let fingerprint = TextFingerprint(kind: kind, text: mainText)
            if let first = firstTextLine[fingerprint] {
                warning(
                    at: node.position,
                    "same \(mainField == .q ? "question" : mainField.rawValue) as the card on line \(first)")
            } else {
                firstTextLine[fingerprint] = table.headerPosition.line
            }
        }

        guard errorCount == errorsBefore else {
            usable = false
            return
        }
        cardCount += kind == .cloze ? cloze?.numbers.count ?? 0 : (kind == .basic && values.reverse ? 2 : 1)
        guard buildCards else { return }
        // Keys get their deck id prefix in `finish`, once the deck id is known.
        let cardID = id ?? CardKeys.fallbackID(kind: kind, mainText: mainText ?? "")
        DeckSchema.expand(
            kind: kind, noteKey: cardID, values: values, cloze: cloze, line: table.headerPosition.line, into: &cards)
    }

    /// Appends the cards of one entry straight to `cards`: a temporary array per entry would
    /// copy every card once more. Static, so that passing the schema's own `cards` inout does
    /// not make a copy of the schema (and of every card) for each call.
    private static func expand(
        kind: CardKind, noteKey: String, values: CardValues, cloze: ClozeText?, line: Int, into cards: inout [Card]
    ) {
        func card(_ key: String, front: String, back: String) -> Card {
            Card(
                key: key, noteKey: noteKey, deckID: "", kind: kind, front: front, back: back,
                hint: values[string: .hint], explain: values[string: .explain], tags: values[array: .tags] ?? [],
                accept: values[array: .accept] ?? [], choices: values[array: .choices] ?? [],
                rubric: values[array: .rubric] ?? [], line: line)
        }
        switch kind {
        case .basic:
            let q = values[string: .q] ?? ""
            let a = values[string: .a] ?? ""
            cards.append(card(noteKey, front: q, back: a))
            if values.reverse { cards.append(card(noteKey + "#r", front: a, back: q)) }
        case .cloze:
            guard let cloze else { return }
            for number in cloze.numbers {
                cards.append(
                    card(
                        "\(noteKey)#c\(number)", front: cloze.question(hiding: number),
                        back: cloze.answers(of: number).joined(separator: ", ")))
            }
        case .typed:
            cards.append(card(noteKey, front: values[string: .q] ?? "", back: values[string: .a] ?? ""))
        case .choice:
            cards.append(card(noteKey, front: values[string: .q] ?? "", back: values[string: .answer] ?? ""))
        case .practice:
            cards.append(card(noteKey, front: values[string: .prompt] ?? "", back: values[string: .example] ?? ""))
        }
    }

    /// The spot `offset` bytes into a string value's text, when the file spells that much of the
    /// text literally on the value's line (no escapes before it); else the value's start.
    private func position(within node: TOMLNode, text: String, offset: Int) -> SourcePosition {
        let start = node.position.offset + 1
        let prefix = text.utf8.prefix(offset)
        let bytes = source.bytes
        guard start + offset <= bytes.count, !prefix.contains(UInt8(ascii: "\n")),
            bytes[start..<(start + offset)].elementsEqual(prefix)
        else { return node.position }
        return SourcePosition(offset: start + offset, line: node.position.line)
    }

    // MARK: - Values

    private mutating func string(_ entry: TOMLTable.Entry) -> String? {
        guard case .string(let value) = entry.node.value else {
            error(
                at: entry.node.position, "\"\(entry.key)\" must be a string, found \(entry.node.value.typeDescription)")
            return nil
        }
        return value
    }

    private mutating func stringArray(_ entry: TOMLTable.Entry) -> [String]? {
        guard case .array(let elements) = entry.node.value else {
            error(
                at: entry.node.position,
                "\"\(entry.key)\" must be an array of strings, found \(entry.node.value.typeDescription)")
            return nil
        }
        var values: [String] = []
        var ok = true
        for element in elements {
            if case .string(let value) = element.value {
                values.append(value)
            } else {
                error(
                    at: element.position,
                    "\"\(entry.key)\" must hold only strings, found \(element.value.typeDescription)")
                ok = false
            }
        }
        return ok ? values : nil
    }

    private mutating func nonEmpty(_ value: String, _ entry: TOMLTable.Entry) -> Bool {
        nonEmpty(value, node: entry.node, key: entry.key)
    }

    private mutating func nonEmpty(_ value: String, node: TOMLNode, key: String) -> Bool {
        if DeckSchema.isBlank(value) {
            error(at: node.position, "\"\(key)\" is empty")
            return false
        }
        return true
    }

    /// Empty or only white space. Checked byte by byte first: nearly every text starts with
    /// a visible ASCII character, and Unicode properties are slow to look up.
    static func isBlank(_ text: String) -> Bool {
        for byte in text.utf8 {
            if byte > 0x20 && byte < 0x80 { return false }
            if byte >= 0x80 { return text.unicodeScalars.allSatisfy(\.properties.isWhitespace) }
        }
        return true
    }

    private mutating func validID(_ id: String, at position: SourcePosition) -> Bool {
        if id.isEmpty {
            error(at: position, "an id cannot be empty")
            return false
        }
        // Printable ASCII but '/' and '#' is nearly every id; otherwise one walk finds the first
        // character that is not allowed, with Unicode properties looked up (slowly) only for
        // what is not ASCII.
        let plain = id.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "#") }
        guard !plain,
            let bad = id.unicodeScalars.first(where: {
                $0.value < 0x80
                    ? $0 == "/" || $0 == "#" || $0.value <= 0x20 || $0.value == 0x7F
                    : PrintableText.isHidden($0) || $0.properties.isWhitespace
            })
        else { return true }
        if PrintableText.isHidden(bad) {
            error(
                at: position,
                "an id cannot contain \(PrintableText.describe(bad)): ids are printed, and a terminal acts on it")
        } else {
            let shown = bad == "/" || bad == "#" ? "'\(bad)'" : "white space"
            error(at: position, "an id cannot contain \(shown) (ids are joined with '/' and '#' into card keys)")
        }
        return false
    }

    private mutating func error(at position: SourcePosition, _ message: String) {
        errorCount += 1
        record(.error, at: position, message)
    }

    private mutating func warning(at position: SourcePosition, _ message: String) {
        record(.warning, at: position, message)
    }

    /// Past the limit, problems are counted (errors still make the deck unusable) but not
    /// described: a file with thousands of them gets its first thousand.
    private mutating func record(_ severity: Diagnostic.Severity, at position: SourcePosition, _ message: String) {
        if diagnostics.count < DiagnosticLimit.perFile {
            diagnostics.append(source.diagnostic(severity, at: position, message))
        } else if diagnostics.count == DiagnosticLimit.perFile {
            diagnostics.append(source.diagnostic(severity, at: position, DiagnosticLimit.message))
        }
    }
}

extension TOMLValue {
    var isTable: Bool {
        if case .table = self { return true }
        if case .array(let elements) = self, let first = elements.first, case .table = first.value { return true }
        return false
    }
}

/// A card's type and main text, reduced to a 64-bit FNV-1a hash of its bytes, for the
/// duplicate-text warning (a collision among a deck's texts is vanishingly unlikely).
struct TextFingerprint: Hashable {
    private let hash: UInt64

    init(kind: CardKind, text: String) {
        var hasher = FNV1a(seed: FNV1a.offsetBasis ^ UInt64(kind.rawValue.utf8.count))
        hasher.add(text)
        hash = hasher.value
    }
}
