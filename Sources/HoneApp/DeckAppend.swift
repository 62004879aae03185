import Foundation
import HoneDeck
import HoneReport

/// `hone add`: appends one card to a deck file that exists, every byte already there kept,
/// and writes the file only when the deck reader finds no error in the result.
public enum DeckAppend {
    /// What an append came to: the card's key and the file's warnings, or the errors that kept
    /// it from being written (shown with the file's own lines).
    public struct Outcome: Sendable {
        public var path: String
        /// The key of the card added (`deck/id`), nil when nothing was written.
        public var key: String?
        /// The diagnostics of the file as it would be, rendered for standard error.
        public var report: String
    }

    /// What `hone add` came to.
    public enum Result: Sendable {
        /// The card was written: its key, the deck file, its warnings.
        case added(key: String, path: String, report: String)
        /// The editor was left with no card in it: nothing written.
        case empty
        /// The deck would have had errors: nothing written; `kept` is the editor's file, left
        /// so the card written there is not lost.
        case refused(path: String, report: String, kept: String?)
    }

    /// `hone add`: the card `draft` with `tags` (and `id`, else one made from its text), or,
    /// when the draft has no field, the card written in the editor on a commented template,
    /// appended to the deck file `deck` of `workspace`'s deck folder.
    public static func add(
        _ draft: CardDraft, id: String?, tags: [String], toDeck deck: String, workspace: Workspace,
        terminal: Terminal
    ) throws(HoneError) -> Result {
        let folder = workspace.locations.deckFolder
        var card = draft
        card.set(.tags, tags)
        var editorFile: String?
        let table: String
        if draft.fields.isEmpty {
            let path = try existingPath(of: deck, in: folder)
            let edited = try edited(
                template: CardDraft.template(kind: draft.kind, deckPath: path), header: card.table(id: id))
            guard let text = edited.text else {
                unlink(edited.file)
                return .empty
            }
            (table, editorFile) = (text, edited.file)
        } else {
            table = card.table(id: id)
        }
        let outcome = try append(
            table, toDeck: deck, deckFolder: folder, sizeLimit: workspace.deckSizeLimit, terminal: terminal)
        guard let key = outcome.key else {
            return .refused(path: outcome.path, report: outcome.report, kept: editorFile)
        }
        if let editorFile { unlink(editorFile) }
        return .added(key: key, path: outcome.path, report: outcome.report)
    }

    /// Appends `table` (a `[[card]]` table; an id is pinned into it when it has none) to the
    /// deck file `deck` under `deckFolder`.
    public static func append(
        _ table: String, toDeck deck: String, deckFolder: String, sizeLimit: Int, terminal: Terminal
    ) throws(HoneError) -> Outcome {
        let path = try existingPath(of: deck, in: deckFolder)
        let original: [UInt8]
        switch DeckFinder.contents(of: path, limit: sizeLimit) {
        case .success(let bytes): original = bytes
        case .failure(let problem): throw HoneError(.cannotRead(problem))
        }
        // New bytes go only after the old ones: a final newline when the file lacks one, a
        // blank line between cards, then the table.
        var joined = original
        if let last = joined.last, last != UInt8(ascii: "\n") { joined.append(UInt8(ascii: "\n")) }
        if !joined.isEmpty { joined.append(UInt8(ascii: "\n")) }
        let start = joined.count
        joined += Array(table.utf8)
        // The id `hone check --fix-ids` would give it, clear of every id in the file.
        if let pinned = IDPinner.pin(joined, from: start) { joined = pinned.bytes }
        let deckID = DeckCheck.deckID(ofFile: path, deckFolder: deckFolder)
        let file = DeckReader.read(bytes: joined, path: path, deckID: deckID)
        let printer = DiagnosticPrinter(terminal: terminal)
        let report = file.diagnostics.map { printer.render($0, path: path, source: file.source) }.joined()
        guard let built = file.deck, !file.hasErrors else { return Outcome(path: path, key: nil, report: report) }
        // The file is written as text; a file that is not UTF-8 was refused by the reader.
        let text = String(decoding: joined, as: UTF8.self)
        guard Array(text.utf8) == joined else {
            throw HoneError(.cannotWrite(path: path, reason: "the file is not UTF-8 text"))
        }
        try TextFile.write(text, to: path)
        // The card added is the last of the file (a cloze card's note is several cards).
        let key = built.cards.last.map(\.noteKey) ?? built.id
        return Outcome(path: path, key: key, report: report)
    }

    /// The path of the deck file `deck` names, which must exist.
    public static func existingPath(of deck: String, in deckFolder: String) throws(HoneError) -> String {
        let path = DeckTemplate.path(ofDeck: deck, in: deckFolder)
        guard FileManager.default.fileExists(atPath: path) else {
            let stem = deck.hasSuffix(".toml") ? String(deck.dropLast(".toml".count)) : deck
            throw HoneError(
                .cannotRead(
                    FileProblem(
                        path: path, message: "no such deck file; start it with `hone new \(stem)`, then add cards")))
        }
        return path
    }

    /// The card written in an editor, as `git commit` takes a message: `template` in a new
    /// temporary file, `$EDITOR` (then `$VISUAL`, then vi) run on it, the lines starting with
    /// '#' dropped. The text is nil when nothing is left; `header` goes first when the text has
    /// no `[[card]]` line of its own. The file is left for the caller to remove, so that a card
    /// the check refuses is not lost.
    public static func edited(template: String, header: String) throws(HoneError) -> (text: String?, file: String) {
        let folder = NSTemporaryDirectory()
        let path = (folder.hasSuffix("/") ? folder : folder + "/") + "hone-add-\(UUID().uuidString).toml"
        guard
            FileManager.default.createFile(
                atPath: path, contents: Data(template.utf8), attributes: [.posixPermissions: 0o600])
        else { throw HoneError(.cannotWrite(path: path, reason: "cannot create the file for the editor")) }
        let environment = ProcessInfo.processInfo.environment
        let editor = [environment["EDITOR"], environment["VISUAL"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        // As git runs its editor: the shell splits an editor with arguments, and the path is a
        // positional parameter, never spliced into the command.
        switch ForegroundProcess.run(["/bin/sh", "-c", "\(editor) \"$1\"", "hone-add", path]) {
        case .failure(let error):
            unlink(path)
            throw HoneError(
                .cannotRead(
                    FileProblem(
                        path: path, message: "could not start the editor \(editor): \(error.localizedDescription)")))
        case .success(let status) where status != 0:
            throw HoneError(
                .cannotRead(
                    FileProblem(path: path, message: "the editor \(editor) exited with status \(status); nothing added")
                ))
        case .success: break
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw HoneError(.cannotRead(FileProblem(path: path, message: "cannot read the editor's file again")))
        }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let kept = lines.filter { !$0.hasPrefix("#") }
        let text = kept.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return (nil, path) }
        let hasHeader = kept.contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix("[[card]]") }
        return ((hasHeader ? "" : header) + text + "\n", path)
    }
}
