import HoneDeck
import HoneReport

/// Something a command goes on despite, for the person to know: a mistake in the config file
/// (its defaults are used instead), decks skipped for their errors, or files in the deck
/// folder that could not be read as decks. A workspace hands each
/// to the one who made it as it happens; printing it is the command line's job.
public enum Notice: Sendable {
    /// A mistake at a place in the config file, whose text is `source`.
    case configMistake(Diagnostic, path: String, source: SourceText)
    /// The config file exists but cannot be read.
    case configUnreadable(FileProblem)
    /// Deck files not used because they have errors (`hone check` shows them).
    case skippedDecks([String])
    /// A `*.toml` in the deck folder that was not read: not a regular file (a pipe, a device),
    /// larger than `[decks] max_file_size`, or not readable.
    case unreadableDeck(FileProblem)
}

extension Notice {
    /// The notice as stderr shows it: a config mistake with its source line (coloured on
    /// `terminal` when it takes colour), the rest one line each, paths made visible.
    public func text(terminal: Terminal) -> String {
        switch self {
        case .configMistake(let diagnostic, let path, let source):
            return DiagnosticPrinter(terminal: terminal).render(diagnostic, path: path, source: source)
        case .configUnreadable(let problem):
            return "hone: warning: cannot read the config file "
                + VisibleText.make("\(problem.path): \(problem.message)")
        case .unreadableDeck(let problem):
            return "hone: warning: skipped " + VisibleText.make("\(problem.path): \(problem.message)")
        case .skippedDecks(let paths):
            let decks = "\(paths.count) deck\(paths.count == 1 ? "" : "s")"
            let names = paths.map { VisibleText.make($0) }.joined(separator: ", ")
            return "hone: skipped \(decks) with errors (see `hone check`): \(names)"
        }
    }
}
