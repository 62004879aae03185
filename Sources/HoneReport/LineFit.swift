/// Lines broken at spaces to fit a terminal, by display width (a colour code takes none):
/// what the session and `hone status` print, at 80 columns and at 40.
public enum LineFit {
    /// `line` broken at spaces into lines no wider than the terminal (by
    /// display width; colour codes take none), each after the first indented as the line was
    /// plus two. A word wider than a whole line stays whole on a line of its own. Colour spans
    /// may cross the break: a terminal carries them over the line end.
    public static func fit(_ line: String, width: Int) -> [String] {
        guard columns(line) > width else { return [line] }
        let indent = line.prefix { $0 == " " }.count
        // Items set apart by three spaces (a session's buttons) break between items first.
        let items = line.dropFirst(indent).components(separatedBy: "   ")
        if items.count > 1 {
            let margin = String(repeating: " ", count: min(indent + 2, width / 2))
            var lines: [String] = []
            var current = String(line.prefix(indent))
            var atStart = true
            for item in items {
                if !atStart, columns(current) + 3 + columns(item) > width {
                    lines.append(current)
                    current = margin
                    atStart = true
                }
                current += (atStart ? "" : "   ") + item
                atStart = false
            }
            lines.append(current)
            return lines.flatMap { columns($0) > width ? fitWords($0, width: width) : [$0] }
        }
        return fitWords(line, width: width)
    }

    /// `line` broken at single spaces.
    private static func fitWords(_ line: String, width: Int) -> [String] {
        let indent = line.prefix { $0 == " " }.count
        let margin = String(repeating: " ", count: min(indent + 2, width / 2))
        var lines: [String] = []
        var current = String(line.prefix(indent))
        var currentWidth = indent
        var atStart = true
        for word in line.dropFirst(indent).split(separator: " ", omittingEmptySubsequences: false) {
            let wordWidth = columns(String(word))
            if !atStart, currentWidth + 1 + wordWidth > width {
                lines.append(current)
                current = margin
                currentWidth = margin.count
                atStart = true
            }
            if !atStart {
                current += " "
                currentWidth += 1
            }
            current += word
            currentWidth += wordWidth
            atStart = false
        }
        lines.append(current)
        return lines
    }

    /// Display columns of `text`, an ANSI colour code (ESC [ ... m) counting none.
    public static func columns(_ text: String) -> Int {
        guard text.contains("\u{1B}") else { return DisplayWidth.of(text) }
        var plain = ""
        var inCode = false
        for character in text {
            if inCode {
                if character == "m" { inCode = false }
            } else if character == "\u{1B}" {
                inCode = true
            } else {
                plain.append(character)
            }
        }
        return DisplayWidth.of(plain)
    }

    /// `text` cut to `width` columns (by display width), "…" marking the cut.
    public static func cut(_ text: String, to width: Int) -> String {
        guard DisplayWidth.of(text) > width else { return text }
        var kept = ""
        var used = 0
        for character in text {
            let columns = DisplayWidth.of(String(character))
            if used + columns > width - 1 { break }
            kept.append(character)
            used += columns
        }
        return kept + "…"
    }
}
