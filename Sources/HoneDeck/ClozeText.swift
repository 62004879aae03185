/// A cloze text split into plain runs and `{{cN::answer}}` / `{{cN::answer::hint}}` deletions.
public struct ClozeText: Sendable, Equatable {
    public enum Part: Sendable, Equatable {
        case text(String)
        case deletion(number: Int, answer: String, hint: String?)
    }

    /// What is wrong with a deletion, and where it starts (a UTF-8 offset into the text).
    public struct Problem: Error, Equatable {
        public enum Reason: Equatable, Sendable {
            /// `{{c` with no closing `}}`.
            case unclosed
            /// `{{c1:answer}}`: the number and the answer are not separated by `::`.
            case missingSeparator(String)
            /// A deletion whose number is missing, not a whole number, or below 1.
            case badNumber(String)
            /// A deletion with nothing to hide.
            case emptyAnswer(number: Int)
        }

        public var reason: Reason
        public var offset: Int
    }

    /// A deletion that has a hint, with where its hint starts (a UTF-8 offset into the text).
    public struct HintedDeletion: Sendable, Equatable {
        public var number: Int
        public var answer: String
        public var hint: String
        public var hintOffset: Int
    }

    public var parts: [Part]
    /// The distinct deletion numbers, ascending: one card each.
    public private(set) var numbers: [Int] = []
    /// The deletions that have a hint, in order: for checks that point at a hint.
    public private(set) var hintedDeletions: [HintedDeletion] = []

    public init(parsing text: String) throws(Problem) {
        let bytes = Array(text.utf8)
        var parts: [Part] = []
        var hinted: [HintedDeletion] = []
        var textStart = 0
        var index = 0
        func string(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        while let open = ClozeText.find([0x7B, 0x7B, 0x63], in: bytes, from: index) {  // "{{c"
            if open > textStart { parts.append(.text(string(textStart..<open))) }
            guard let close = ClozeText.find([0x7D, 0x7D], in: bytes, from: open + 3) else {  // "}}"
                throw Problem(reason: .unclosed, offset: open)
            }
            var fields: [Range<Int>] = []
            var fieldStart = open + 3
            // 0x3A 0x3A is "::".
            while let separator = ClozeText.find([0x3A, 0x3A], in: bytes, from: fieldStart), separator < close {
                fields.append(fieldStart..<separator)
                fieldStart = separator + 2
            }
            fields.append(fieldStart..<close)
            if fields.count == 1 {
                throw Problem(reason: .missingSeparator(string((open + 3)..<close)), offset: open)
            }
            guard fields.count == 2 || fields.count == 3, let number = Int(string(fields[0])), number >= 1 else {
                throw Problem(reason: .badNumber(string((open + 3)..<close)), offset: open)
            }
            let answer = string(fields[1])
            guard !answer.allSatisfy(\.isWhitespace) else {
                throw Problem(reason: .emptyAnswer(number: number), offset: open)
            }
            let hint = fields.count == 3 ? string(fields[2]) : nil
            if let hint {
                hinted.append(
                    HintedDeletion(number: number, answer: answer, hint: hint, hintOffset: fields[2].lowerBound))
            }
            parts.append(.deletion(number: number, answer: answer, hint: hint))
            index = close + 2
            textStart = index
        }
        if textStart < bytes.count { parts.append(.text(string(textStart..<bytes.count))) }
        self.parts = parts
        hintedDeletions = hinted
        var numbers: [Int] = []
        for case .deletion(let number, _, _) in parts where !numbers.contains(number) { numbers.append(number) }
        self.numbers = numbers.sorted()
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0], bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    /// The text with deletion `number` hidden as `[...]` (or `[hint]`) and the others shown.
    public func question(hiding number: Int) -> String {
        parts.map { part in
            switch part {
            case .text(let text): text
            case .deletion(let n, let answer, let hint): n == number ? "[\(hint ?? "...")]" : answer
            }
        }.joined()
    }

    /// The answers of deletion `number`, in order.
    public func answers(of number: Int) -> [String] {
        parts.compactMap { part in
            if case .deletion(number, let answer, _) = part { return answer }
            return nil
        }
    }

    /// The whole text with every deletion shown.
    public var revealed: String {
        parts.map { part in
            switch part {
            case .text(let text): text
            case .deletion(_, let answer, _): answer
            }
        }.joined()
    }
}
