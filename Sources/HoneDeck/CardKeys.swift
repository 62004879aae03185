import HoneCore

/// How cards are named: explicit ids where the author gave one, a stable hash of the text
/// otherwise, and readable slugs when `--fix-ids` pins ids into a file.
public enum CardKeys {
    /// The id of a card without one: a hash of its type and main text (64-bit FNV-1a,
    /// fixed across runs and machines, unlike Swift's seeded `Hasher`).
    public static func fallbackID(kind: CardKind, mainText: String) -> String {
        var hasher = FNV1a()
        hasher.add(kind.rawValue)
        hasher.add(0x1F)
        hasher.add(mainText)
        let hex = String(hasher.value, radix: 16)
        return "h-" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// A readable id from a card's text: its first few words, lower-cased, joined with '-'.
    public static func slug(_ text: String, maximumWords: Int = 5, maximumLength: Int = 40) -> String {
        var words: [String] = []
        var word = ""
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                word.unicodeScalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            } else if scalar == "'" || scalar == "\u{2019}" {
                continue  // "don't" reads better as "dont" than "don-t"
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        var slug = ""
        for word in words.prefix(maximumWords) {
            let candidate = slug.isEmpty ? word : slug + "-" + word
            if candidate.unicodeScalars.count > maximumLength, !slug.isEmpty { break }
            slug = String(String.UnicodeScalarView(candidate.unicodeScalars.prefix(maximumLength)))
        }
        return slug.isEmpty ? "card" : slug
    }
}
