import HoneCore
import HoneReport

/// How a session's text looks: colour or none, and the width to wrap at. Every piece of deck
/// text passes through `visible` first, so no control character reaches the terminal raw.
public struct SessionStyle: Sendable {
    public var colour: Bool
    public var width: Int

    public init(colour: Bool, width: Int) {
        self.colour = colour
        self.width = max(20, width)
    }

    public func visible(_ text: String) -> String { VisibleText.make(text) }

    private func paint(_ text: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    public func heading(_ text: String) -> String { paint(text, "1;36") }
    public func dim(_ text: String) -> String { paint(text, "2") }
    public func good(_ text: String) -> String { paint(text, "32") }
    public func bad(_ text: String) -> String { paint(text, "31") }
    public func key(_ text: String) -> String { paint(text, "1") }

    /// Deck text made visible and wrapped to the width, counting wide characters as two
    /// columns; each line starts with `indent` spaces. Line ends in the text are kept.
    public func wrap(_ text: String, indent: Int) -> [String] {
        let margin = String(repeating: " ", count: indent)
        let room = max(10, width - indent)
        var lines: [String] = []
        for paragraph in VisibleText.make(text, keepNewlines: true).split(
            separator: "\n", omittingEmptySubsequences: false)
        {
            var line = ""
            var lineWidth = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
                let wordWidth = DisplayWidth.of(String(word))
                if lineWidth > 0, lineWidth + 1 + wordWidth > room {
                    lines.append(margin + line)
                    line = ""
                    lineWidth = 0
                }
                if lineWidth > 0 {
                    line += " "
                    lineWidth += 1
                }
                line += word
                lineWidth += wordWidth
            }
            lines.append(margin + line)
        }
        return lines
    }
}

/// Checking what the learner typed or chose.
public enum AnswerCheck {
    /// Whether `typed` is one of `expected`, after Unicode normalisation (Swift's string
    /// comparison is canonical), ignoring case and surrounding spaces and punctuation.
    public static func matches(_ typed: String, expected: [String]) -> Bool {
        let given = normalised(typed)
        return !given.isEmpty && expected.contains { normalised($0) == given }
    }

    static func normalised(_ text: String) -> String {
        var scalars = Substring(text.lowercased()).unicodeScalars[...]
        while let first = scalars.first, !first.properties.isAlphabetic, !("0"..."9").contains(first) {
            scalars.removeFirst()
        }
        while let last = scalars.last, !last.properties.isAlphabetic, !("0"..."9").contains(last) {
            scalars.removeLast()
        }
        return String(String.UnicodeScalarView(scalars))
    }

    /// For a near miss (a few letters off), the expected answer with what the learner left out
    /// in `[ ]` and what they added in `{ }`, and a few words on it; nil when the answer is not
    /// close to any expected one. Markers, not colour alone, so it reads with `NO_COLOR`.
    public static func nearMiss(_ typed: String, expected: [String]) -> (marked: String, words: String)? {
        let given = Array(normalised(typed))
        guard !given.isEmpty else { return nil }
        var best: (marked: String, missing: Int, extra: Int)?
        for answer in expected {
            let target = Array(normalised(answer))
            guard !target.isEmpty, abs(target.count - given.count) <= 3 else { continue }
            let (marked, missing, extra) = difference(given, target)
            let changes = missing + extra
            guard changes > 0, changes <= max(2, target.count / 4) else { continue }
            if best == nil || changes < (best?.missing ?? 0) + (best?.extra ?? 0) { best = (marked, missing, extra) }
        }
        guard let best else { return nil }
        func count(_ n: Int, _ what: String) -> String { n == 1 ? "one letter \(what)" : "\(n) letters \(what)" }
        let words = [
            best.missing > 0 ? count(best.missing, "missing") : nil, best.extra > 0 ? count(best.extra, "extra") : nil,
        ]
        .compactMap { $0 }.joined(separator: ", ")
        return (best.marked, words)
    }

    /// A character diff by longest common subsequence (answers are short).
    static func difference(_ given: [Character], _ target: [Character]) -> (String, Int, Int) {
        var table = Array(repeating: Array(repeating: 0, count: target.count + 1), count: given.count + 1)
        for i in stride(from: given.count - 1, through: 0, by: -1) {
            for j in stride(from: target.count - 1, through: 0, by: -1) {
                table[i][j] = given[i] == target[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var marked = ""
        var missing = 0
        var extra = 0
        var i = 0
        var j = 0
        while i < given.count || j < target.count {
            if i < given.count, j < target.count, given[i] == target[j] {
                marked.append(target[j])
                i += 1
                j += 1
            } else if j < target.count, i == given.count || table[i][j + 1] >= table[i + 1][j] {
                marked += "[\(target[j])]"
                missing += 1
                j += 1
            } else {
                marked += "{\(given[i])}"
                extra += 1
                i += 1
            }
        }
        return (marked, missing, extra)
    }

    /// The options in an order fixed for a card and a day: shuffled, but the same on a rerun.
    public static func shuffled(_ options: [String], key: String, day: Int) -> [String] {
        var hasher = FNV1a(seed: UInt64(bitPattern: Int64(day)) &* 0x9E37_79B9_7F4A_7C15)
        hasher.add(key)
        var seed = hasher.value
        var result = options
        guard result.count > 1 else { return result }
        for index in stride(from: result.count - 1, to: 0, by: -1) {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let pick = Int((seed >> 33) % UInt64(index + 1))
            result.swapAt(index, pick)
        }
        return result
    }
}

/// Intervals as a rating prompt shows them: `1m`, `10m`, `2h`, `3d`, `2.1mo`, `1.4y`.
public enum IntervalText {
    public static func format(days: Double) -> String {
        let minutes = days * 1440
        if minutes < 60 { return "\(max(1, Int(minutes.rounded())))m" }
        if days < 1 { return "\(Int((minutes / 60).rounded()))h" }
        if days < 30 { return "\(Int(days.rounded()))d" }
        if days < 365 { return one(days / 30) + "mo" }
        return one(days / 365) + "y"
    }

    private static func one(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
    }
}

extension SessionStyle {
    /// A line the session prints, fitted to the terminal's width (`LineFit`).
    public func fit(_ line: String) -> [String] { LineFit.fit(line, width: width) }

    static func columns(_ text: String) -> Int { LineFit.columns(text) }
}
