import HoneDeck

/// `hone check`: each file's diagnostics, as compiler-style text with a summary, or as one
/// JSON object with each file's parsed document (the README documents the schema). A file that
/// could not be read is reported as an error at its line 1, column 1.
public enum CheckReport {
    public static func json(_ files: [DeckFile], problems: [FileProblem]) -> String {
        var writer = JSONWriter()
        writer.raw("{\"files\":[")
        var first = true
        for file in files {
            if !first { writer.raw(",") }
            first = false
            writer.raw("{\"path\":")
            writer.string(file.path)
            writer.raw(",\"document\":")
            if let document = file.document { writer.table(document) } else { writer.raw("null") }
            writer.raw(",\"diagnostics\":")
            writer.array(file.diagnostics) { writer, diagnostic in writer.diagnostic(diagnostic) }
            writer.raw("}")
        }
        for problem in problems {
            if !first { writer.raw(",") }
            first = false
            writer.raw("{\"path\":")
            writer.string(problem.path)
            writer.raw(",\"document\":null,\"diagnostics\":[")
            writer.diagnostic(Diagnostic(.error, line: 1, column: 1, problem.message))
            writer.raw("]}")
        }
        writer.raw("]}")
        return writer.text
    }

    /// The ids `--fix-ids` added (`pinned`), every diagnostic with its source line, then a
    /// summary; `searched` is what was checked, named when no deck file was found in it.
    public static func text(
        _ files: [DeckFile], problems: [FileProblem], pinned: [(path: String, ids: [String])], searched: [String],
        terminal: Terminal
    ) -> String {
        let printer = DiagnosticPrinter(terminal: terminal)
        var lines: [String] = []
        for entry in pinned {
            let count = entry.ids.count
            lines.append(
                VisibleText.make(
                    "\(entry.path): added \(count) id\(count == 1 ? "" : "s"): \(entry.ids.joined(separator: ", "))"))
        }
        for problem in problems {
            lines.append(
                printer.render(Diagnostic(.error, line: 1, column: 1, problem.message), path: problem.path, source: nil)
            )
        }
        var errors = problems.count
        var warnings = 0
        var cards = 0
        for file in files {
            for diagnostic in file.diagnostics {
                lines.append(printer.render(diagnostic, path: file.path, source: file.source))
                if diagnostic.severity == .error { errors += 1 } else { warnings += 1 }
            }
            cards += file.cardCount
        }
        let fileCount = files.count + problems.count
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        var summary = "checked \(plural(fileCount, "file")) (\(plural(cards, "card")) ready to practise): "
        if errors == 0 && warnings == 0 {
            summary += terminal.paint("no problems", .green)
        } else {
            summary += [
                errors > 0 ? terminal.paint(plural(errors, "error"), .red) : nil,
                warnings > 0 ? terminal.paint(plural(warnings, "warning"), .yellow) : nil,
            ]
            .compactMap { $0 }.joined(separator: ", ")
        }
        if fileCount == 0 { summary = "no deck files (*.toml) found in \(searched.joined(separator: ", "))" }
        lines.append(summary)
        return lines.joined(separator: "\n")
    }
}
