import Foundation

/// A field of an imported note (Anki keeps HTML in its fields) as the plain text a deck card
/// holds: entities decoded, line-breaking tags as new lines, other tags dropped. What plain
/// text cannot carry (images, sounds) is named in `dropped`, so that the import can say so.
public enum PlainHTML {
    public struct Result: Equatable, Sendable {
        public var text: String
        /// What was left out, in order: "image a.png", "sound b.mp3".
        public var dropped: [String]
    }

    /// Whether `text` looks like HTML: a tag such as `<br>` or `</b>`, or an entity such as `&amp;`.
    public static func looksLikeHTML(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() where scalar == "<" || scalar == "&" {
            var next = index + 1
            if scalar == "<", next < scalars.count, scalars[next] == "/" { next += 1 }
            guard next < scalars.count else { continue }
            if scalar == "<", scalars[next].properties.isAlphabetic, scalars[next...].contains(">") { return true }
            if scalar == "&", entity(in: scalars, at: index) != nil { return true }
        }
        return false
    }

    /// `html` as plain text. `[sound:...]` is dropped as Anki's own reference to a sound.
    public static func text(of html: String) -> Result {
        let scalars = Array(html.unicodeScalars)
        var text = String.UnicodeScalarView()
        var dropped: [String] = []
        var index = 0
        func newLine() {
            if let last = text.last, last != "\n" { text.append("\n") }
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "<", let close = scalars[index...].firstIndex(of: ">"),
                let tag = Tag(String(String.UnicodeScalarView(scalars[(index + 1)..<close])))
            {
                switch tag.name {
                case "br": text.append("\n")
                case "div", "p", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table": newLine()
                case "img": dropped.append("image " + (tag.source ?? "(no src)"))
                case "audio", "video", "source":
                    if let source = tag.source { dropped.append((tag.name == "video" ? "video " : "sound ") + source) }
                default: break
                }
                index = close + 1
                continue
            }
            if scalar == "&", let (decoded, length) = entity(in: scalars, at: index) {
                text.append(decoded)
                index += length
                continue
            }
            if scalar == "[", let sound = sound(in: scalars, at: index) {
                dropped.append("sound " + sound.name)
                index += sound.length
                continue
            }
            // A line break in the HTML source is only spacing; `<br>` is the break.
            text.append(scalar == "\n" || scalar == "\r" || scalar == "\t" ? " " : scalar)
            index += 1
        }
        return Result(text: trimmed(text), dropped: dropped)
    }

    /// Each line without the spaces at its ends (a no-break space counts as one, and becomes
    /// one), and the text without blank lines at its ends: one pass over the scalars (an import
    /// of 28,000 fields spent a tenth of its time splitting and rejoining strings here).
    private static func trimmed(_ text: String.UnicodeScalarView) -> String {
        var result = String.UnicodeScalarView()
        var pendingSpaces = 0
        var pendingLines = 0
        var lineStarted = false
        for scalar in text {
            switch scalar {
            case "\n":
                if !result.isEmpty { pendingLines += 1 }
                pendingSpaces = 0
                lineStarted = false
            case " ", "\u{A0}":
                if lineStarted { pendingSpaces += 1 }
            default:
                for _ in 0..<pendingLines { result.append("\n") }
                for _ in 0..<pendingSpaces { result.append(" ") }
                pendingLines = 0
                pendingSpaces = 0
                lineStarted = true
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// A tag's name, lower-cased, and its `src`; nil for what is not a tag (a comment, `a < b`).
    private struct Tag {
        var name: String
        var source: String?

        init?(_ inside: String) {
            var body = Substring(inside)
            if body.hasPrefix("/") { body = body.dropFirst() }
            let name = body.prefix { $0.isLetter || $0.isNumber }.lowercased()
            guard !name.isEmpty, name.first?.isLetter == true else { return nil }
            self.name = name
            source = Self.attribute("src", in: body.dropFirst(name.count))
        }

        private static func attribute(_ key: String, in text: Substring) -> String? {
            guard let range = text.range(of: key + "=", options: .caseInsensitive) else { return nil }
            var rest = text[range.upperBound...]
            if let quote = rest.first, quote == "\"" || quote == "'" {
                rest = rest.dropFirst()
                return String(rest.prefix { $0 != quote })
            }
            return String(rest.prefix { !$0.isWhitespace && $0 != ">" && $0 != "/" })
        }
    }

    private static let named: [String: Unicode.Scalar] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "ndash": "\u{2013}",
        "mdash": "\u{2014}", "hellip": "\u{2026}", "lsquo": "\u{2018}", "rsquo": "\u{2019}", "ldquo": "\u{201C}",
        "rdquo": "\u{201D}", "laquo": "\u{AB}", "raquo": "\u{BB}", "copy": "\u{A9}", "reg": "\u{AE}",
        "trade": "\u{2122}", "deg": "\u{B0}", "times": "\u{D7}", "divide": "\u{F7}", "middot": "\u{B7}",
        "bull": "\u{2022}", "euro": "\u{20AC}", "pound": "\u{A3}", "yen": "\u{A5}", "cent": "\u{A2}",
        "sect": "\u{A7}", "para": "\u{B6}", "plusmn": "\u{B1}", "frac12": "\u{BD}", "larr": "\u{2190}",
        "rarr": "\u{2192}", "uarr": "\u{2191}", "darr": "\u{2193}", "shy": "\u{AD}", "zwj": "\u{200D}",
        "zwnj": "\u{200C}", "eacute": "\u{E9}", "egrave": "\u{E8}", "aacute": "\u{E1}", "agrave": "\u{E0}",
        "iacute": "\u{ED}", "oacute": "\u{F3}", "uacute": "\u{FA}", "ntilde": "\u{F1}", "ccedil": "\u{E7}",
        "auml": "\u{E4}", "ouml": "\u{F6}", "uuml": "\u{FC}", "szlig": "\u{DF}",
    ]

    /// The entity at `index` (`&amp;`, `&#233;`, `&#xE9;`) and its length, or nil.
    private static func entity(in scalars: [Unicode.Scalar], at index: Int) -> (Unicode.Scalar, Int)? {
        guard let end = scalars[index...].prefix(12).firstIndex(of: ";"), end > index + 1 else { return nil }
        let body = String(String.UnicodeScalarView(scalars[(index + 1)..<end]))
        let length = end - index + 1
        if body.hasPrefix("#x") || body.hasPrefix("#X") {
            guard let value = UInt32(body.dropFirst(2), radix: 16), let scalar = Unicode.Scalar(value) else {
                return nil
            }
            return (scalar, length)
        }
        if body.hasPrefix("#") {
            guard let value = UInt32(body.dropFirst()), let scalar = Unicode.Scalar(value) else { return nil }
            return (scalar, length)
        }
        return named[body].map { ($0, length) }
    }

    /// Anki's `[sound:name]` at `index`: the name and the reference's length.
    private static func sound(in scalars: [Unicode.Scalar], at index: Int) -> (name: String, length: Int)? {
        let prefix = Array("[sound:".unicodeScalars)
        guard scalars.count - index > prefix.count, Array(scalars[index..<(index + prefix.count)]) == prefix,
            let close = scalars[(index + prefix.count)...].firstIndex(of: "]")
        else { return nil }
        return (String(String.UnicodeScalarView(scalars[(index + prefix.count)..<close])), close - index + 1)
    }
}
