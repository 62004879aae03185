/// The characters an id must not hold, because ids are printed (in `hone status`, in the
/// review log, in every message about a card) and a terminal acts on them: C0 controls, DEL
/// and C1 controls (escape sequences, the bell), and the bidirectional formatting characters
/// that can make printed text read other than it is.
public enum UnprintableText {
    public static func isUnprintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        // Bidirectional embeddings, overrides and isolates; the left-to-right, right-to-left
        // and Arabic letter marks.
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
        default: false
        }
    }

    /// The first character of `text` that must not be printed, if any.
    public static func first(in text: String) -> Unicode.Scalar? {
        // Nearly every id is printable ASCII: skip the scalar walk for those.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return nil }
        return text.unicodeScalars.first(where: isUnprintable)
    }

    /// `text` with each unprintable character written as `\u{1B}`, for a message that must
    /// name it without letting it act (a backslash is doubled, so the result reads one way).
    public static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if isUnprintable(scalar) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else if scalar == "\\" {
                result += "\\\\"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// How a message names `scalar`: "a control character (U+001B)".
    public static func describe(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        let kind = scalar.value <= 0x9F ? "a control character" : "a bidirectional formatting character"
        return "\(kind) (\(code))"
    }
}
