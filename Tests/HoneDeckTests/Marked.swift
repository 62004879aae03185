/// Test input with a `‸` marking where a diagnostic must point: the marker is removed and its
/// 1-based line and column (in Unicode scalars) are remembered, so no test counts columns by hand.
struct Marked {
    var bytes: [UInt8]
    var line: Int
    var column: Int

    init(_ text: String) {
        var line = 1
        var column = 1
        var found: (Int, Int)?
        var cleaned = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "‸" {
                found = (line, column)
                continue
            }
            cleaned.append(scalar)
            if scalar == "\n" {
                line += 1
                column = 1
            } else if scalar != "\u{FEFF}" || !cleaned.isEmpty && cleaned.count > 1 {
                column += 1
            }
        }
        bytes = Array(String(cleaned).utf8)
        (self.line, self.column) = found ?? (0, 0)
    }
}
