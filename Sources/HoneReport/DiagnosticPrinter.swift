import HoneDeck

/// Prints diagnostics the way compilers do: `path:line:column: severity: message`, then the
/// source line and a caret under the spot. Everything from the file is made visible first.
public struct DiagnosticPrinter {
    public var terminal: Terminal

    public init(terminal: Terminal) {
        self.terminal = terminal
    }

    public func render(_ diagnostic: Diagnostic, path: String, source: SourceText?) -> String {
        let severity =
            diagnostic.severity == .error
            ? terminal.paint("error", .red) : terminal.paint("warning", .yellow)
        let location = terminal.paint("\(VisibleText.make(path)):\(diagnostic.line):\(diagnostic.column):", .bold)
        var text = "\(location) \(severity): \(VisibleText.make(diagnostic.message))"
        guard let source else { return text }
        let lineText = diagnostic.offset.map { source.lineText(containing: $0) } ?? source.lineText(diagnostic.line)
        var line = Array(lineText.unicodeScalars)
        guard !line.isEmpty || diagnostic.column == 1 else { return text }
        var caretIndex = min(max(diagnostic.column - 1, 0), line.count)
        // A long line is shown as a window around the spot.
        let window = 100
        if line.count > window {
            let start = max(0, min(caretIndex - window / 2, line.count - window))
            let end = min(line.count, start + window)
            var shownPart = Array(line[start..<end])
            if end < line.count { shownPart.append("…") }
            if start > 0 {
                shownPart.insert("…", at: 0)
                caretIndex = caretIndex - start + 1
            }
            line = shownPart
        }
        let prefix = VisibleText.make(String(String.UnicodeScalarView(line[..<min(caretIndex, line.count)])))
        let shown = VisibleText.make(String(String.UnicodeScalarView(line)))
        let number = String(diagnostic.line)
        let gutter = String(repeating: " ", count: number.count)
        text += "\n \(terminal.paint(number + " |", .cyan)) \(shown)"
        text += "\n \(terminal.paint(gutter + " |", .cyan)) "
        text +=
            String(repeating: " ", count: DisplayWidth.of(prefix))
            + terminal.paint("^", diagnostic.severity == .error ? .red : .yellow)
        return text
    }
}
