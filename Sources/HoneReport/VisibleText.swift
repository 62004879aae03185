import HoneCore

/// Text from decks is untrusted: before it reaches a terminal, every control character
/// (C0, DEL, C1, and the bidirectional overrides that can disguise text) is replaced by a
/// visible stand-in, so a deck can never move the cursor, ring the bell or retitle the window.
public enum VisibleText {
    /// `keepNewlines` keeps line feeds for multi-line card text; tabs become a space.
    public static func make(_ text: String, keepNewlines: Bool = false) -> String {
        var needsWork = false
        for scalar in text.unicodeScalars where isUnsafe(scalar) || scalar == "\t" {
            if keepNewlines, scalar == "\n" { continue }
            needsWork = true
            break
        }
        guard needsWork else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A where keepNewlines: result.append(scalar)
            case 0x09: result.append(" ")
            case 0x00..<0x20:
                // The Control Pictures block: U+2400 + code shows ␀ ␇ ␛ ...
                result.append(Unicode.Scalar(0x2400 + scalar.value) ?? "?")
            case 0x7F: result.append("\u{2421}")
            default:
                if isUnsafe(scalar) {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    result.append(
                        contentsOf: "<U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex)>".unicodeScalars)
                } else {
                    result.append(scalar)
                }
            }
        }
        return String(result)
    }

    /// The one rule of what may not reach a terminal raw (`PrintableText`).
    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        PrintableText.isHidden(scalar)
    }
}
