/// The one rule for text that comes from outside (a review log CSV, a deck file's name) and
/// goes out again (exports, JSON, the terminal): it must hold no character that acts instead
/// of showing. Those are the C0 controls and DEL (U+0000-U+001F, U+007F: escape sequences move
/// the cursor, retitle the window, ring the bell), the C1 controls (U+0080-U+009F: U+009B is a
/// one-character escape sequence on many terminals), and the bidirectional marks, embeddings,
/// overrides and isolates (U+200E, U+200F, U+061C, U+202A-U+202E, U+2066-U+2069), which make
/// text read differently from what it is ("Trojan Source").
///
/// Tab and line feed are the only controls a format may let through, and only where it says
/// so (a multi-line note); everything else here is refused on the way in and escaped or refused
/// on the way out.
public enum PrintableText {
    /// Whether `scalar` is one of the characters the rule refuses.
    @inlinable
    public static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// The first character of `text` the rule refuses, with its place counted in characters
    /// (Unicode scalars) from 0; `allowingLayout` lets tab and line feed through. Nil when the
    /// text is printable.
    public static func firstHidden(in text: some StringProtocol, allowingLayout: Bool = false) -> (
        offset: Int, scalar: Unicode.Scalar
    )? {
        // Printable ASCII, the common case, is told by its bytes alone.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return nil }
        for (offset, scalar) in text.unicodeScalars.enumerated() where isHidden(scalar) {
            if allowingLayout, scalar == "\t" || scalar == "\n" { continue }
            return (offset, scalar)
        }
        return nil
    }

    /// The same for a `String`, with printable ASCII told from its contiguous bytes: called from
    /// another module, the generic one above is not specialised, and walking a string's bytes
    /// through it was a quarter of writing a sync segment.
    public static func firstHidden(in text: String, allowingLayout: Bool = false) -> (
        offset: Int, scalar: Unicode.Scalar
    )? {
        let plain = text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
        }
        if plain == true { return nil }
        return firstHidden(in: Substring(text), allowingLayout: allowingLayout)
    }

    /// Whether `text` holds nothing the rule refuses.
    public static func isPrintable(_ text: some StringProtocol, allowingLayout: Bool = false) -> Bool {
        firstHidden(in: text, allowingLayout: allowingLayout) == nil
    }

    /// A refused character as a message names it: "U+001B".
    public static func name(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// `text` in double quotes for a message, every refused character written as `\u{1B}`, so an
    /// error that quotes hostile text shows it instead of obeying it.
    public static func quoted(_ text: some StringProtocol) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            if isHidden(scalar) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// `text` with each refused character written as `\u{1B}`, for a message that must name it
    /// without letting it act (a backslash is doubled, so the result reads one way).
    public static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if isHidden(scalar) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else if scalar == "\\" {
                result += "\\\\"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// How a message names a refused character: "a control character (U+001B)".
    public static func describe(_ scalar: Unicode.Scalar) -> String {
        let kind = scalar.value <= 0x9F ? "a control character" : "a bidirectional formatting character"
        return "\(kind) (\(name(scalar)))"
    }
}
