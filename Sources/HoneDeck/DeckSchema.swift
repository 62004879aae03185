import HoneCore

/// Checks a parsed deck document against the schema of `deck-format.md` and builds the deck:
/// errors for what makes a card unusable, warnings for what is merely suspicious.
struct DeckSchema {
    private let source: SourceText
    private let path: String
    private var diagnostics: [Diagnostic] = []

    static let deckKeys = ["id", "name", "skill", "description", "tags", "new_per_day"]
    static let commonCardKeys = ["id", "type", "tags", "hint", "explain"]
    static let cardKeys: [CardKind: [String]] = [
        .basic: ["q", "a", "reverse"],
        .cloze: ["text"],
        .typed: ["q", "a", "accept"],
        .choice: ["q", "choices", "answer"],
        .practice: ["prompt", "rubric", "example"],
    ]
    static let requiredKeys: [CardKind: [String]] = [
        .basic: ["q", "a"], .cloze: ["text"], .typed: ["q", "a"], .choice: ["q", "choices", "answer"],
        .practice: ["prompt"],
    ]
    static let stringKeys: Set<String> = [
        "id", "type", "q", "a", "text", "answer", "prompt", "example", "hint", "explain",
    ]
    static let stringArrayKeys: Set<String> = ["tags", "accept", "choices", "rubric"]
    static let allCardKeys = Set(commonCardKeys + cardKeys.values.flatMap { $0 })
    private static let keyMeaning = [
        "q": "the question", "a": "the answer", "text": "the cloze text", "choices": "the options",
        "answer": "the right option", "prompt": "the task",
    ]

    init(source: SourceText, path: String) {
        self.source = source
        self.path = path
    }

    /// Validates `document`; returns the deck (nil when any error was found) and the diagnostics.
    mutating func validate(_ document: TOMLTable, defaultID: String) -> (Deck?, [Diagnostic]) {
        let fileName = String(path.split(separator: "/").last ?? Substring(path))
        let defaultName = fileName.hasSuffix(".toml") ? String(fileName.dropLast(5)) : fileName
        var deck = Deck(id: defaultID, name: defaultName, skill: defaultName, path: path)
        var skillGiven = false
        var cardTables: [TOMLTable] = []
        var sawCardKey = false

        for entry in document.entries {
            switch entry.key {
            case "deck":
                guard case .table(let table) = entry.node.value, !isTableArray(entry) else {
                    error(at: entry.node.position, "\"deck\" must be a table written as [deck], not \(describeShape(entry.node.value))")
                    continue
                }
                skillGiven = readDeckTable(table, into: &deck)
            case "card":
                sawCardKey = true
                guard case .array(let elements) = entry.node.value, isTableArray(entry) || elements.isEmpty else {
                    error(at: entry.node.position, "\"card\" must be an array of tables, each written as [[card]], not \(describeShape(entry.node.value))")
                    continue
                }
                for element in elements {
                    if case .table(let table) = element.value { cardTables.append(table) }
                }
            default:
                let what = entry.node.value.isTable ? "table [\(entry.key)]" : "key \"\(entry.key)\""
                warning(at: entry.keyPosition, "unknown \(what)\(suggestion(for: entry.key, among: ["deck", "card"]))")
            }
        }
        if !skillGiven { deck.skill = deck.name }

        var firstIDLine: [String: Int] = [:]
        var firstTextLine: [String: Int] = [:]
        var usable = true
        for table in cardTables {
            if let cards = readCard(table, deckID: deck.id, firstIDLine: &firstIDLine, firstTextLine: &firstTextLine) {
                deck.cards.append(contentsOf: cards)
            } else {
                usable = false
            }
        }
        if cardTables.isEmpty, !(sawCardKey && diagnostics.contains { $0.severity == .error }) {
            diagnostics.append(Diagnostic(.warning, line: 1, column: 1, "deck has no cards; add one with [[card]]"))
        }
        let hasErrors = !usable || diagnostics.contains { $0.severity == .error }
        return (hasErrors ? nil : deck, diagnostics)
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
                if case .integer(let value) = entry.node.value {
                    if value < 0 || value > Int64(Int32.max) {
                        error(at: entry.node.position, "\"new_per_day\" must be 0 or more, found \(value)")
                    } else {
                        deck.newPerDay = Int(value)
                    }
                } else {
                    error(at: entry.node.position, "\"new_per_day\" must be an integer of 0 or more, found \(entry.node.value.typeDescription)")
                }
            default:
                warning(at: entry.keyPosition, "unknown key \"\(entry.key)\" in [deck]\(suggestion(for: entry.key, among: DeckSchema.deckKeys))")
            }
        }
        return skillGiven
    }

    // MARK: - [[card]]

    private mutating func readCard(
        _ table: TOMLTable, deckID: String, firstIDLine: inout [String: Int], firstTextLine: inout [String: Int]
    ) -> [Card]? {
        let errorsBefore = errorCount
        var kind = CardKind.basic
        if let typeNode = table["type"] {
            guard case .string(let name) = typeNode.value else {
                error(at: typeNode.position, "\"type\" must be a string, found \(typeNode.value.typeDescription)")
                return nil
            }
            guard let known = CardKind(rawValue: name) else {
                let names = CardKind.allCases.map(\.rawValue)
                error(at: typeNode.position, "unknown card type \"\(name)\"; expected one of \(names.joined(separator: ", "))\(suggestion(for: name, among: names))")
                return nil
            }
            kind = known
        }
        let allowed = Set(DeckSchema.commonCardKeys + (DeckSchema.cardKeys[kind] ?? []))
        var strings: [String: String] = [:]
        var arrays: [String: [String]] = [:]
        var reverse = false
        var id: String?
        for entry in table.entries {
            let key = entry.key
            guard allowed.contains(key) else {
                if DeckSchema.allCardKeys.contains(key) {
                    warning(at: entry.keyPosition, "\"\(key)\" is not used by \(kind.rawValue) cards; it is ignored")
                } else {
                    let candidates = Array(allowed).sorted()
                    warning(at: entry.keyPosition, "unknown key \"\(key)\" in a \(kind.rawValue) card\(suggestion(for: key, among: candidates))")
                }
                continue
            }
            if DeckSchema.stringKeys.contains(key) {
                guard let value = string(entry) else { continue }
                strings[key] = value
            } else if DeckSchema.stringArrayKeys.contains(key) {
                guard let values = stringArray(entry) else { continue }
                arrays[key] = values
            } else if key == "reverse" {
                guard case .boolean(let flag) = entry.node.value else {
                    error(at: entry.node.position, "\"reverse\" must be true or false, found \(entry.node.value.typeDescription)")
                    continue
                }
                reverse = flag
            }
        }

        for key in DeckSchema.requiredKeys[kind] ?? [] where table[key] == nil {
            let meaning = DeckSchema.keyMeaning[key].map { " (\($0))" } ?? ""
            error(at: table.headerPosition, "\(kind.rawValue) card is missing \"\(key)\"\(meaning)")
        }
        for key in DeckSchema.requiredKeys[kind] ?? [] {
            if let value = strings[key], let node = table[key], !nonEmpty(value, node: node, key: key) {
                strings[key] = nil
            }
        }

        if let idNode = table["id"], let value = strings["id"], validID(value, at: idNode.position) {
            if let first = firstIDLine[value] {
                error(at: idNode.position, "duplicate id \"\(value)\" (first used on line \(first))")
            } else {
                firstIDLine[value] = idNode.position.line
                id = value
            }
        } else if table["id"] == nil {
            warning(at: table.headerPosition, "card has no id: its progress is keyed on its text and lost if the text is edited; `hone check --fix-ids` adds one")
        }

        var cloze: ClozeText?
        if kind == .cloze, let text = strings["text"], let node = table["text"] {
            do {
                let parsed = try ClozeText(parsing: text)
                if parsed.numbers.isEmpty {
                    error(at: node.position, "cloze text has no deletion; mark one as {{c1::answer}} or {{c1::answer::hint}}")
                } else {
                    cloze = parsed
                }
            } catch {
                switch error {
                case .unclosed:
                    self.error(at: node.position, "cloze deletion is not closed: expected '}}' after {{c")
                case .badNumber(let body):
                    self.error(at: node.position, "cloze deletion {{c\(body)}} needs a whole number of 1 or more after 'c', as in {{c1::answer}}")
                case .emptyAnswer(let number):
                    self.error(at: node.position, "cloze deletion c\(number) has an empty answer")
                }
            }
        }
        if kind == .choice, let answer = strings["answer"], let choices = arrays["choices"], let node = table["answer"],
            !choices.contains(answer)
        {
            error(at: node.position, "\"answer\" must be one of \"choices\"; \"\(answer)\" is not")
        }

        let mainText = DeckSchema.mainText(kind: kind, strings: strings)
        if let mainText, let mainKey = DeckSchema.mainKey(kind), let node = table[mainKey] {
            let fingerprint = kind.rawValue + "\u{1F}" + mainText
            if let first = firstTextLine[fingerprint] {
                warning(at: node.position, "same \(mainKey == "q" ? "question" : mainKey) as the card on line \(first)")
            } else {
                firstTextLine[fingerprint] = table.headerPosition.line
            }
        }

        guard errorCount == errorsBefore else { return nil }
        let cardID = id ?? CardKeys.fallbackID(kind: kind, mainText: mainText ?? "")
        return expand(
            kind: kind, noteKey: "\(deckID)/\(cardID)", strings: strings, arrays: arrays, reverse: reverse,
            cloze: cloze, deckID: deckID, line: table.headerPosition.line)
    }

    /// The text that identifies a card when it has no `id`.
    static func mainText(kind: CardKind, strings: [String: String]) -> String? {
        mainKey(kind).flatMap { strings[$0] }
    }

    static func mainKey(_ kind: CardKind) -> String? {
        switch kind {
        case .basic, .typed, .choice: "q"
        case .cloze: "text"
        case .practice: "prompt"
        }
    }

    private func expand(
        kind: CardKind, noteKey: String, strings: [String: String], arrays: [String: [String]], reverse: Bool,
        cloze: ClozeText?, deckID: String, line: Int
    ) -> [Card] {
        func card(_ key: String, front: String, back: String) -> Card {
            Card(
                key: key, noteKey: noteKey, deckID: deckID, kind: kind, front: front, back: back,
                hint: strings["hint"], explain: strings["explain"], tags: arrays["tags"] ?? [],
                accept: arrays["accept"] ?? [], choices: arrays["choices"] ?? [], rubric: arrays["rubric"] ?? [],
                line: line)
        }
        switch kind {
        case .basic:
            let q = strings["q"] ?? ""
            let a = strings["a"] ?? ""
            var cards = [card(noteKey, front: q, back: a)]
            if reverse { cards.append(card(noteKey + "#r", front: a, back: q)) }
            return cards
        case .cloze:
            guard let cloze else { return [] }
            return cloze.numbers.map { number in
                card(
                    "\(noteKey)#c\(number)", front: cloze.question(hiding: number),
                    back: cloze.answers(of: number).joined(separator: ", "))
            }
        case .typed:
            return [card(noteKey, front: strings["q"] ?? "", back: strings["a"] ?? "")]
        case .choice:
            return [card(noteKey, front: strings["q"] ?? "", back: strings["answer"] ?? "")]
        case .practice:
            return [card(noteKey, front: strings["prompt"] ?? "", back: strings["example"] ?? "")]
        }
    }

    // MARK: - Values

    private var errorCount: Int { diagnostics.count { $0.severity == .error } }

    private mutating func string(_ entry: TOMLTable.Entry) -> String? {
        guard case .string(let value) = entry.node.value else {
            error(at: entry.node.position, "\"\(entry.key)\" must be a string, found \(entry.node.value.typeDescription)")
            return nil
        }
        return value
    }

    private mutating func stringArray(_ entry: TOMLTable.Entry) -> [String]? {
        guard case .array(let elements) = entry.node.value else {
            error(at: entry.node.position, "\"\(entry.key)\" must be an array of strings, found \(entry.node.value.typeDescription)")
            return nil
        }
        var values: [String] = []
        var ok = true
        for element in elements {
            if case .string(let value) = element.value {
                values.append(value)
            } else {
                error(at: element.position, "\"\(entry.key)\" must hold only strings, found \(element.value.typeDescription)")
                ok = false
            }
        }
        return ok ? values : nil
    }

    private mutating func nonEmpty(_ value: String, _ entry: TOMLTable.Entry) -> Bool {
        nonEmpty(value, node: entry.node, key: entry.key)
    }

    private mutating func nonEmpty(_ value: String, node: TOMLNode, key: String) -> Bool {
        if value.allSatisfy(\.isWhitespace) {
            error(at: node.position, "\"\(key)\" is empty")
            return false
        }
        return true
    }

    private mutating func validID(_ id: String, at position: SourcePosition) -> Bool {
        if id.isEmpty {
            error(at: position, "an id cannot be empty")
            return false
        }
        if let bad = id.unicodeScalars.first(where: { $0 == "/" || $0 == "#" || $0.properties.isWhitespace }) {
            let shown = bad == "/" || bad == "#" ? "'\(bad)'" : "white space"
            error(at: position, "an id cannot contain \(shown) (ids are joined with '/' and '#' into card keys)")
            return false
        }
        return true
    }

    private mutating func error(at position: SourcePosition, _ message: String) {
        diagnostics.append(source.diagnostic(.error, at: position, message))
    }

    private mutating func warning(at position: SourcePosition, _ message: String) {
        diagnostics.append(source.diagnostic(.warning, at: position, message))
    }

    /// "; did you mean "x"?" when a known name is close enough to be a typo.
    private func suggestion(for name: String, among candidates: [String]) -> String {
        let lowered = name.lowercased()
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = EditDistance.between(lowered, candidate)
            if distance <= max(1, min(2, candidate.count / 3)), distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best.map { "; did you mean \"\($0.name)\"?" } ?? ""
    }
}

extension TOMLValue {
    var isTable: Bool {
        if case .table = self { return true }
        if case .array(let elements) = self, let first = elements.first, case .table = first.value { return true }
        return false
    }
}
