import HoneCore

/// Card mistakes that a deck can hold and still load, but that spoil a session: warnings, each
/// at the value at fault. The rules are simple and documented so that a clean check means
/// something and a warning is rarely wrong.
enum CardPitfalls {
    struct Finding {
        var position: SourcePosition
        var message: String
    }

    /// The findings for one card. `locate` turns a UTF-8 offset into a string value's text into
    /// the spot in the file where that text is spelled out.
    static func findings(
        kind: CardKind, table: TOMLTable, values: CardValues, cloze: ClozeText?,
        locate: (TOMLNode, String, Int) -> SourcePosition
    ) -> [Finding] {
        var found: [Finding] = []
        switch kind {
        case .typed:
            if let answer = values[string: .a], let node = table["a"], startsWithColon(answer) {
                found.append(Finding(position: node.position, message: colonMessage("answer", answer)))
            }
            if let node = table["accept"], case .array(let elements) = node.value {
                for element in elements {
                    if case .string(let answer) = element.value, startsWithColon(answer) {
                        found.append(
                            Finding(position: element.position, message: colonMessage("accepted answer", answer)))
                    }
                }
            }
        case .choice:
            if let node = table["choices"], case .array(let elements) = node.value {
                found += optionFindings(node: node, elements: elements)
            }
            if let explain = values[string: .explain], let node = table["explain"],
                let named = namedOptionNumber(in: explain)
            {
                found.append(
                    Finding(
                        position: node.position,
                        message: "\"explain\" names an option by its number (\"\(named)\"), but a choice card's "
                            + "options are shuffled every day, so the number is wrong on most days; "
                            + "name the option by its words instead"))
            }
        case .cloze:
            if let cloze, let node = table["text"], let text = values[string: .text] {
                for deletion in cloze.hintedDeletions where gives(deletion.hint, away: deletion.answer) {
                    found.append(
                        Finding(position: locate(node, text, deletion.hintOffset), message: hintMessage(deletion)))
                }
            }
        case .basic, .practice:
            break
        }
        return found
    }

    // MARK: - Typed

    /// A session reads a line that starts with ':' (after spaces) as a command: such an answer
    /// runs the command (`:undo` takes back the previous card) or is refused as unknown.
    static func startsWithColon(_ answer: String) -> Bool {
        answer.trimmingSpaces.hasPrefix(":")
    }

    private static func colonMessage(_ what: String, _ answer: String) -> String {
        "typed \(what) \"\(answer)\" starts with ':', so typing it in a session runs a command instead of "
            + "answering; reword it, or make this a basic or choice card"
    }

    // MARK: - Choice

    private static func optionFindings(node: TOMLNode, elements: [TOMLNode]) -> [Finding] {
        if elements.count == 1 {
            return [
                Finding(
                    position: node.position,
                    message: "a choice card with a single option gives its answer away; "
                        + "add plausible wrong options to \"choices\", or make it a basic card")
            ]
        }
        var found: [Finding] = []
        var firstIndex: [String: Int] = [:]
        for (index, element) in elements.enumerated() {
            guard case .string(let option) = element.value else { continue }
            let trimmed = option.trimmingSpaces
            if let first = firstIndex[trimmed] {
                found.append(
                    Finding(
                        position: element.position,
                        message: "option \(index + 1) \"\(trimmed)\" is the same as option \(first + 1)"
                            + " (spaces around it aside); a learner sees it twice: remove or reword one"))
            } else {
                firstIndex[trimmed] = index
            }
        }
        return found
    }

    /// Words that, followed by a digit from 1 to 9, name an option by its place in the list:
    /// "option 2", "answer 3", "choice 1", "number 1", "pick 2", and "#2" as a word of its own.
    private static let numberingWords: Set<String> = ["option", "answer", "choice", "number", "pick", "#"]
    /// Words that name an option's number only when the digit ends a clause: "Here that was 1."
    /// names one; "it was 1 of the reasons" does not.
    private static let clauseWords: Set<String> = ["was", "is"]

    /// The words in `explain` that name an option by its number, as written, or nil. Only a
    /// single digit from 1 to 9 counts: "1990", "10" and "1st" never do.
    static func namedOptionNumber(in explain: String) -> String? {
        let words = ExplainWords(explain).words
        for (index, word) in words.enumerated() where index > 0 && word.count == 1 {
            guard let digit = word.unicodeScalars.first, ("1"..."9").contains(digit) else { continue }
            let before = words[index - 1].lowercased()
            let next = index + 1 < words.count ? words[index + 1] : nil
            let endsClause = next.map { [".", ",", ";", ":", "!", "?", ")"].contains($0) } ?? true
            if numberingWords.contains(before) || (clauseWords.contains(before) && endsClause) {
                return words[index - 1] + (before == "#" ? "" : " ") + word
            }
        }
        return nil
    }

    // MARK: - Cloze

    /// A hint gives its answer away when, both trimmed and case folded, it is the answer or
    /// holds it.
    private static func gives(_ hint: String, away answer: String) -> Bool {
        let answer = folded(answer)
        return !answer.isEmpty && folded(hint).contains(answer)
    }

    private static func hintMessage(_ deletion: ClozeText.HintedDeletion) -> String {
        let verb = folded(deletion.hint) == folded(deletion.answer) ? "is" : "contains"
        return "the hint \"\(deletion.hint)\" of deletion c\(deletion.number) \(verb) its answer "
            + "\"\(deletion.answer)\", which gives it away; give a hint that points at the answer without "
            + "naming it, or move the clue to \"hint\""
    }

    private static func folded(_ text: String) -> String {
        text.trimmingSpaces.lowercased()
    }
}

/// An explain split into words (runs of letters and digits) and single punctuation marks,
/// spaces dropped: "Here that was 1." is `Here`, `that`, `was`, `1`, `.`.
private struct ExplainWords {
    var words: [String] = []

    init(_ text: String) {
        var current = ""
        for character in text {
            if character.isLetter || character.isNumber {
                current.append(character)
                continue
            }
            if !current.isEmpty {
                words.append(current)
                current = ""
            }
            if !character.isWhitespace { words.append(String(character)) }
        }
        if !current.isEmpty { words.append(current) }
    }
}
