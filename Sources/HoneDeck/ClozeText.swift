/// A cloze text split into plain runs and `{{cN::answer}}` / `{{cN::answer::hint}}` deletions.
public struct ClozeText: Sendable, Equatable {
    public enum Part: Sendable, Equatable {
        case text(String)
        case deletion(number: Int, answer: String, hint: String?)
    }

    public enum Problem: Error, Equatable {
        /// `{{c` with no closing `}}`.
        case unclosed
        /// A deletion whose number is missing, not a whole number, or below 1.
        case badNumber(String)
        /// A deletion with nothing to hide.
        case emptyAnswer(number: Int)
    }

    public var parts: [Part]

    /// The distinct deletion numbers, ascending: one card each.
    public var numbers: [Int] {
        var seen = Set<Int>()
        var result: [Int] = []
        for case .deletion(let number, _, _) in parts where seen.insert(number).inserted {
            result.append(number)
        }
        return result.sorted()
    }

    public init(parsing text: String) throws(Problem) {
        var parts: [Part] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{c") {
            if open.lowerBound > rest.startIndex {
                parts.append(.text(String(rest[rest.startIndex..<open.lowerBound])))
            }
            guard let close = rest[open.upperBound...].range(of: "}}") else { throw .unclosed }
            let body = rest[open.upperBound..<close.lowerBound]
            let fields = body.components(separatedBy: "::")
            guard fields.count == 2 || fields.count == 3, let number = Int(fields[0]), number >= 1 else {
                throw .badNumber(String(body))
            }
            let answer = fields[1]
            guard !answer.allSatisfy(\.isWhitespace) else { throw .emptyAnswer(number: number) }
            parts.append(.deletion(number: number, answer: answer, hint: fields.count == 3 ? fields[2] : nil))
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        self.parts = parts
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

extension Substring {
    fileprivate func range(of needle: String) -> Range<Index>? {
        let target = Array(needle.utf8)
        let utf8 = self.utf8
        var start = utf8.startIndex
        while start != utf8.endIndex {
            if utf8[start...].starts(with: target) {
                let end = utf8.index(start, offsetBy: target.count)
                return start..<end
            }
            start = utf8.index(after: start)
        }
        return nil
    }

    fileprivate func components(separatedBy separator: String) -> [String] {
        var result: [String] = []
        var rest = self
        while let range = rest.range(of: separator) {
            result.append(String(rest[rest.startIndex..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        result.append(String(rest))
        return result
    }
}
