/// How many terminal columns text takes, one grapheme cluster (`Character`) at a time: a cluster
/// takes the columns of the character a terminal draws for it, so an accent, a skin tone or a family of
/// emoji joined by ZWJ does not add columns to its base. The scalar classes come from the Unicode
/// Character Database through the generated `DisplayWidthTable`.
public enum DisplayWidth {
    public static func of(_ text: String) -> Int {
        if let columns = asciiColumns(text) { return columns }
        return text.reduce(0) { $0 + of($1) }
    }

    /// Columns of one grapheme cluster. Scalars that take no column (marks, format and control characters,
    /// variation selectors) add nothing, so a cluster of only those takes 0. The first other scalar is the
    /// base: a wide one takes 2, any other 1. An emoji is 2 however it is built: a base with emoji
    /// presentation (😀, a flag, a family joined by ZWJ, a skin tone), or an emoji-capable base followed by
    /// U+FE0F (❤️, 1️⃣), an emoji modifier or a ZWJ-joined emoji. In any other cluster each further spacing
    /// scalar adds its own columns, as terminals give it a cell: a spacing vowel sign (कि), a consonant
    /// joined by a virama (स्त), a halfwidth voiced mark (ｶﾞ).
    public static func of(_ character: Character) -> Int {
        if let ascii = character.asciiValue { return ascii >= 0x20 && ascii != 0x7F ? 1 : 0 }
        var columns = 0
        var emojiBase = false
        for scalar in character.unicodeScalars {
            let value = scalar.value
            if contains(DisplayWidthTable.zero, value) {
                if emojiBase && value == 0xFE0F { return 2 }
                continue
            }
            let wide = contains(DisplayWidthTable.wide, value)
            let emoji = contains(DisplayWidthTable.emoji, value)
            if columns == 0 {
                if wide && emoji { return 2 }
                emojiBase = emoji
            } else if emojiBase && emoji {
                return 2
            }
            columns += wide ? 2 : 1
        }
        return columns
    }

    /// Columns of ASCII-only text without forming grapheme clusters (the common case: most card text is
    /// ASCII), or nil when the text has other characters. Control characters take no column.
    private static func asciiColumns(_ text: String) -> Int? {
        var columns = 0
        for byte in text.utf8 {
            if byte >= 0x80 { return nil }
            if byte >= 0x20 && byte != 0x7F { columns += 1 }
        }
        return columns
    }

    /// Whether `value` lies in one of the inclusive ranges of `table` (flat `[low, high, ...]` pairs,
    /// sorted and disjoint): a binary search for the first range whose high end reaches `value`.
    private static func contains(_ table: [UInt32], _ value: UInt32) -> Bool {
        guard let first = table.first, value >= first else { return false }
        var low = 0
        var high = table.count / 2
        while low < high {
            let middle = (low + high) / 2
            if table[2 * middle + 1] < value { low = middle + 1 } else { high = middle }
        }
        return low < table.count / 2 && table[2 * low] <= value
    }
}
