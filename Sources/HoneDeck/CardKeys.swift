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
    /// Built as UTF-8 bytes, ASCII lower-cased by arithmetic, and the scan stops at the last
    /// word used: Unicode property lookups and scalar-by-scalar strings for every character
    /// made `--fix-ids` spend most of its time here.
    public static func slug(_ text: String, maximumWords: Int = 5, maximumLength: Int = 40) -> String {
        guard maximumWords > 0 else { return "card" }
        var slug: [UInt8] = []
        var slugLength = 0  // in Unicode scalars, as `maximumLength` counts
        var words = 0
        var word: [UInt8] = []
        var wordLength = 0
        /// Adds the word to the slug; true when the slug is complete.
        func endWord() -> Bool {
            defer {
                word.removeAll(keepingCapacity: true)
                wordLength = 0
            }
            let length = slug.isEmpty ? wordLength : slugLength + 1 + wordLength
            if length > maximumLength {
                // A first word too long is cut; any later one ends the slug before it.
                if slug.isEmpty { slug = prefix(word, scalars: maximumLength) }
                return true
            }
            if !slug.isEmpty { slug.append(UInt8(ascii: "-")) }
            slug += word
            slugLength = length
            words += 1
            return words >= maximumWords
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                switch value {
                case 0x61...0x7A, 0x30...0x39:
                    word.append(UInt8(value))
                    wordLength += 1
                    continue
                case 0x41...0x5A:
                    word.append(UInt8(value + 0x20))
                    wordLength += 1
                    continue
                case 0x27:
                    continue  // "don't" reads better as "dont" than "don-t"
                default:
                    break
                }
            } else if scalar.properties.isAlphabetic {
                let lower = scalar.properties.lowercaseMapping
                word += lower.utf8
                wordLength += lower.unicodeScalars.count
                continue
            } else if value == 0x2019 {
                continue
            }
            if !word.isEmpty, endWord() { return String(decoding: slug, as: UTF8.self) }
        }
        if !word.isEmpty { _ = endWord() }
        return slug.isEmpty ? "card" : String(decoding: slug, as: UTF8.self)
    }

    /// The UTF-8 bytes of the first `scalars` Unicode scalars of `bytes`.
    private static func prefix(_ bytes: [UInt8], scalars: Int) -> [UInt8] {
        var count = 0
        for (index, byte) in bytes.enumerated() where byte & 0xC0 != 0x80 {
            if count == scalars { return Array(bytes[..<index]) }
            count += 1
        }
        return bytes
    }
}
