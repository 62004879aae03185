import HoneAnki
import HoneDeck

/// One Anki note as a hone `[[card]]` table: its type read from the note type's shape (a cloze
/// type, a `{{type:...}}` field, a template that is the first one reversed), not from its name,
/// which users rename and Anki translates. Fields become plain text (`PlainHTML`); what plain
/// text cannot carry, and fields no card shows, are listed.
struct AnkiNoteCards: Sendable, Equatable {
    enum Shape: Sendable, Equatable {
        /// `q` from `question`, `a` from `answer` (field ordinals); `reversed`: the second
        /// template shows them the other way round.
        case basic(question: Int, answer: Int, reversed: Bool)
        case typed(question: Int, answer: Int)
        /// `text` from field `text`; the field after it (Anki's "Back Extra") as `explain`.
        case cloze(text: Int, extra: Int?)
    }

    let shape: Shape
    /// Fields with content that no card shows (for the summary).
    let unusedFields: [Int]

    init(noteType: AnkiNoteType) {
        let fields = noteType.fields
        func ordinal(_ name: String) -> Int? { fields.firstIndex(of: name) }
        if noteType.kind == .cloze {
            let text =
                noteType.templates.first.flatMap { TemplateFields($0.questionFormat).cloze.first }.flatMap(ordinal) ?? 0
            let extra = fields.indices.first { $0 != text }
            shape = .cloze(text: text, extra: extra)
            unusedFields = fields.indices.filter { $0 != text && $0 != extra }
            return
        }
        let first = noteType.templates.first.map { TemplateFields($0) } ?? TemplateFields(question: [], answer: [])
        let question = first.question.compactMap(ordinal).first ?? 0
        let answer = first.answer.compactMap(ordinal).first { $0 != question } ?? (question == 0 ? 1 : 0)
        if let typed = first.typed.compactMap(ordinal).first {
            shape = .typed(question: question, answer: typed)
        } else {
            let second = noteType.templates.dropFirst().first.map { TemplateFields($0) }
            let reversed =
                second.map {
                    $0.question.compactMap(ordinal).first == answer
                        && $0.answer.compactMap(ordinal).contains(question)
                } ?? false
            shape = .basic(question: question, answer: answer, reversed: reversed)
        }
        let used: Set<Int>
        switch shape {
        case .basic(let q, let a, _), .typed(let q, let a): used = [q, a]
        case .cloze(let text, let extra): used = Set([text] + (extra.map { [$0] } ?? []))
        }
        // A field used only as a section (`{{#Add Reverse}}`) is a switch, not content.
        let switches = Set(noteType.templates.flatMap { TemplateFields($0).sections }.compactMap(ordinal))
        unusedFields = fields.indices.filter { !used.contains($0) && !switches.contains($0) }
    }

    /// The suffix of the hone card made from the template (or cloze deletion) `ordinal`, or nil
    /// when this mapping makes no card of it.
    func keySuffix(ordinal: Int) -> String? {
        switch shape {
        case .basic(_, _, let reversed):
            if ordinal == 0 { return "" }
            return reversed && ordinal == 1 ? "#r" : nil
        case .typed: return ordinal == 0 ? "" : nil
        // Anki numbers deletions up to a few hundred; a damaged ordinal makes no card.
        case .cloze: return (0..<10_000).contains(ordinal) ? "#c\(ordinal + 1)" : nil
        }
    }
}

/// The field names a card template refers to, on its front and on its back.
struct TemplateFields: Sendable, Equatable {
    /// Plain references (`{{Front}}`, `{{text:Front}}`) on the front, in order.
    var question: [String]
    /// Plain references on the back, `{{FrontSide}}` left out.
    var answer: [String]
    /// `{{type:Back}}` on the front: the field the learner types.
    var typed: [String] = []
    /// `{{cloze:Text}}` on the front.
    var cloze: [String] = []
    /// Fields used as sections (`{{#Field}}`, `{{^Field}}`) on either side.
    var sections: [String] = []

    init(question: [String], answer: [String]) {
        self.question = question
        self.answer = answer
    }

    init(_ template: AnkiNoteType.Template) {
        self.init(template.questionFormat)
        for reference in Self.references(in: template.answerFormat) {
            switch reference {
            case .plain(let name) where name != "FrontSide": answer.append(name)
            case .section(let name): sections.append(name)
            default: break
            }
        }
    }

    init(_ questionFormat: String) {
        question = []
        answer = []
        for reference in Self.references(in: questionFormat) {
            switch reference {
            case .plain(let name): question.append(name)
            case .typed(let name): typed.append(name)
            case .cloze(let name): cloze.append(name)
            case .section(let name): sections.append(name)
            }
        }
    }

    enum Reference: Equatable {
        case plain(String)
        case typed(String)
        case cloze(String)
        case section(String)
    }

    /// Names Anki gives itself, never a field's.
    static let special: Set<String> = ["FrontSide", "Tags", "Type", "Deck", "Subdeck", "Card", "CardFlag", "CardID"]

    /// The `{{...}}` references of a template, in order.
    static func references(in template: String) -> [Reference] {
        var references: [Reference] = []
        var rest = Substring(template)
        while let open = rest.firstRange(of: "{{") {
            rest = rest[open.upperBound...]
            guard let close = rest.firstRange(of: "}}") else { break }
            var inside = rest[..<close.lowerBound].trimmingSpaces
            rest = rest[close.upperBound...]
            if let first = inside.first, first == "#" || first == "^" {
                references.append(.section(String(inside.dropFirst().trimmingSpaces)))
                continue
            }
            if inside.first == "/" || inside.first == "!" || inside.isEmpty { continue }
            // Filters come first, the field last: `{{text:Front}}`, `{{type:cloze:Text}}`.
            let parts = inside.split(separator: ":", omittingEmptySubsequences: false)
            inside = parts.last.map { $0.trimmingSpaces } ?? inside
            let name = String(inside)
            let filters = parts.dropLast().map { $0.trimmingSpaces.lowercased() }
            if filters.contains("type") {
                references.append(.typed(name))
            } else if filters.contains("cloze") {
                references.append(.cloze(name))
            } else if !special.contains(name) {
                references.append(.plain(name))
            } else if name == "FrontSide" {
                references.append(.plain(name))
            }
        }
        return references
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var text = self
        while let first = text.first, first.isWhitespace { text = text.dropFirst() }
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return text
    }
}
