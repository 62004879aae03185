import HoneCore
import HoneDeck

/// Prints diagnostics the way compilers do: `path:line:column: severity: message`, then the
/// source line and a caret under the spot. Everything from the file is made visible first.
struct DiagnosticPrinter {
    var terminal: Terminal

    func render(_ diagnostic: Diagnostic, path: String, source: SourceText?) -> String {
        let severity =
            diagnostic.severity == .error
            ? terminal.paint("error", .red) : terminal.paint("warning", .yellow)
        let location = terminal.paint("\(VisibleText.make(path)):\(diagnostic.line):\(diagnostic.column):", .bold)
        var text = "\(location) \(severity): \(VisibleText.make(diagnostic.message))"
        guard let source else { return text }
        let line = Array(source.lineText(diagnostic.line).unicodeScalars)
        guard !line.isEmpty || diagnostic.column == 1 else { return text }
        let prefixCount = min(max(diagnostic.column - 1, 0), line.count)
        let prefix = VisibleText.make(String(String.UnicodeScalarView(line[..<prefixCount])))
        let shown = VisibleText.make(String(String.UnicodeScalarView(line)))
        let number = String(diagnostic.line)
        let gutter = String(repeating: " ", count: number.count)
        text += "\n \(terminal.paint(number + " |", .cyan)) \(shown)"
        text += "\n \(terminal.paint(gutter + " |", .cyan)) "
        text += String(repeating: " ", count: DisplayWidth.of(prefix)) + terminal.paint("^", diagnostic.severity == .error ? .red : .yellow)
        return text
    }
}
