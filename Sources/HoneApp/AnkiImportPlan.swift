import Foundation
import HoneAnki
import HoneCore
import HoneDeck
import HoneStore

/// The work of one `hone import anki`, in the order it is done: the notes mapped onto deck
/// files (checked by the deck reader, nothing written yet), the events made against the log as
/// it is, then the deck files written. `AnkiImport` runs it.
struct AnkiImportPlan {
    /// The package, named in errors.
    let file: String
    let collection: AnkiCollection
    let workspace: Workspace
    var summary = AnkiImport.Summary()
    /// Anki's card id to the key of the hone card it became.
    private(set) var keys: [Int64: String] = [:]
    /// The deck files to write, by path.
    private var files: [String: DeckFileChange] = [:]
    /// Anki's deck id to its file's path and deck id, worked out once a deck.
    private var deckFiles: [Int64: (path: String, deckID: String)] = [:]

    /// A deck file as it was (nil: new) and the tables it gains.
    struct DeckFileChange {
        var path: String
        var deckID: String
        var original: [UInt8]?
        var name: String
        var entries: Set<String>
        var tables = ""
        var added = 0
    }

    init(file: String, collection: AnkiCollection, workspace: Workspace) {
        self.file = file
        self.collection = collection
        self.workspace = workspace
    }

    // MARK: - Notes to deck files

    mutating func mapNotes() throws(HoneError) {
        let decks = workspace.loadDecks()
        var knownKeys = Set<String>()
        // Where each note is already, by its entry id: a note moved to another deck in Anki, or
        // a deck file moved in hone, stays where hone has it instead of coming in twice.
        var entryHome: [String: String] = [:]
        for deck in decks {
            for card in deck.cards {
                knownKeys.insert(card.key)
                let entry = String(card.noteKey.dropFirst(deck.id.count + 1))
                if entryHome[entry] == nil { entryHome[entry] = deck.id }
            }
        }
        var cardsByNote: [Int64: [AnkiCard]] = [:]
        for card in collection.cards { cardsByNote[card.noteID, default: []].append(card) }
        var shapes: [Int64: AnkiNoteCards] = [:]
        var unsupported: [String: Int] = [:]
        for note in collection.notes.sorted(by: { $0.id < $1.id }) {
            let cards = (cardsByNote[note.id] ?? []).sorted { $0.ordinal < $1.ordinal }
            guard let noteType = collection.noteTypes[note.noteTypeID] else {
                throw HoneError(
                    .cannotRead(
                        FileProblem(
                            path: file,
                            message: "note \(note.id) has a note type the collection does not have (a damaged "
                                + "collection: in Anki, Tools > Check Database); nothing was imported")))
            }
            if Self.isImageOcclusion(noteType) {
                unsupported[noteType.name, default: 0] += 1
                continue
            }
            let shape = shapes[noteType.id] ?? AnkiNoteCards(noteType: noteType)
            shapes[noteType.id] = shape
            if note.guid.hasPrefix(AnkiImport.honeGUIDPrefix) {
                let noteKey = String(note.guid.dropFirst(AnkiImport.honeGUIDPrefix.count))
                if knownKeys.contains(noteKey) || knownKeys.contains(noteKey + "#c1") {
                    for card in cards {
                        guard let suffix = shape.keySuffix(ordinal: card.ordinal),
                            knownKeys.contains(noteKey + suffix)
                        else {
                            summary.cardsNotCarried += 1
                            continue
                        }
                        keys[card.id] = noteKey + suffix
                    }
                    summary.notesKept += 1
                    continue
                }
            }
            let entry = AnkiImport.entryID(guid: note.guid)
            if let home = entryHome[entry] {
                for card in cards {
                    guard let suffix = shape.keySuffix(ordinal: card.ordinal),
                        knownKeys.contains(home + "/" + entry + suffix)
                    else {
                        summary.cardsNotCarried += 1
                        continue
                    }
                    keys[card.id] = home + "/" + entry + suffix
                }
                summary.notesKept += 1
                continue
            }
            let homeDeck = cards.first.map { $0.originalDeckID != 0 ? $0.originalDeckID : $0.deckID } ?? 1
            // Only the path and the deck's id are kept from the file's record: a copy of it held
            // while the record grows would copy its text for every note (quadratic in a deck).
            let (path, deckID) = try deckFile(forAnkiDeck: homeDeck)
            var madeKeys: Set<String>? = nil
            if files[path]?.entries.contains(entry) == true {
                summary.notesKept += 1
            } else {
                let made = table(for: note, shape: shape, cards: cards, entry: entry, noteType: noteType)
                // Each note is read alone first: one that hone cannot read (a cloze whose text
                // lost its deletions) is named and left out, and the rest go on.
                let alone = DeckReader.read(
                    bytes: Array(("[deck]\nname = \"x\"\n" + made.table).utf8), path: path, deckID: deckID)
                if let error = alone.diagnostics.first(where: { $0.severity == .error }) {
                    summary.dropped.append((entry, "the whole note: \(error.message)"))
                    summary.cardsNotCarried += cards.count
                    continue
                }
                madeKeys = Set(alone.deck?.cards.map(\.key) ?? [])
                files[path]?.tables += "\n" + made.table
                files[path]?.entries.insert(entry)
                files[path]?.added += 1
                summary.notesAdded += 1
                summary.dropped += made.dropped.map { (entry, $0) }
            }
            for card in cards {
                guard let suffix = shape.keySuffix(ordinal: card.ordinal) else {
                    summary.cardsNotCarried += 1
                    continue
                }
                let key = deckID + "/" + entry + suffix
                if !(madeKeys ?? knownKeys).contains(key) {
                    summary.cardsNotCarried += 1
                    continue
                }
                keys[card.id] = key
            }
        }
        if !unsupported.isEmpty {
            let names = unsupported.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value) notes)" }
            throw HoneError(
                .cannotRead(
                    FileProblem(
                        path: file,
                        message: "has notes of a type hone cannot carry as text: \(names.joined(separator: ", ")) "
                            + "(image occlusion); nothing was imported")))
        }
        try checkDecks()
    }

    /// Image occlusion notes are cloze notes over shapes drawn on an image: no text to carry.
    static func isImageOcclusion(_ noteType: AnkiNoteType) -> Bool {
        noteType.kind == .cloze && noteType.templates.contains { $0.questionFormat.contains("image-occlusion") }
    }

    /// The path and deck id of the file an Anki deck's notes go to (read when it exists).
    private mutating func deckFile(forAnkiDeck id: Int64) throws(HoneError) -> (path: String, deckID: String) {
        if let known = deckFiles[id] { return known }
        let name = collection.decks[id]?.name ?? "Default"
        let change = try fileChange(forAnkiDeck: name)
        deckFiles[id] = (change.path, change.deckID)
        return (change.path, change.deckID)
    }

    /// The deck file an Anki deck's notes go to, read when it exists.
    private mutating func fileChange(forAnkiDeck name: String) throws(HoneError) -> DeckFileChange {
        let relative = AnkiImport.deckPath(ofAnkiDeck: name)
        let path = DeckTemplate.path(ofDeck: relative, in: workspace.locations.deckFolder)
        if let change = files[path] { return change }
        var change = DeckFileChange(
            path: path, deckID: DeckReader.defaultID(forRelativePath: relative + ".toml"), original: nil, name: name,
            entries: [])
        if FileManager.default.fileExists(atPath: path) {
            let bytes: [UInt8]
            switch DeckFinder.contents(of: path, limit: workspace.deckSizeLimit) {
            case .success(let read): bytes = read
            case .failure(let problem): throw HoneError(.cannotRead(problem))
            }
            let deckID = DeckCheck.deckID(ofFile: path, deckFolder: workspace.locations.deckFolder)
            let file = DeckReader.read(bytes: bytes, path: path, deckID: deckID)
            if let error = file.diagnostics.first(where: { $0.severity == .error }) {
                throw HoneError(
                    .cannotWrite(
                        path: path,
                        reason: "it has an error at \(error.line):\(error.column) (\(error.message)); "
                            + "`hone check` shows it; nothing was imported"))
            }
            change.original = bytes
            change.deckID = file.deck?.id ?? deckID
            for card in file.deck?.cards ?? [] {
                change.entries.insert(String(card.noteKey.dropFirst(change.deckID.count + 1)))
            }
        }
        files[path] = change
        return change
    }

    /// A note's `[[card]]` table, and what it could not carry.
    private func table(
        for note: AnkiNote, shape: AnkiNoteCards, cards: [AnkiCard], entry: String, noteType: AnkiNoteType
    ) -> (table: String, dropped: [String]) {
        var dropped: [String] = []
        func field(_ ordinal: Int) -> (text: String, media: [String]) {
            guard ordinal < note.fields.count else { return ("", []) }
            let plain = PlainHTML.text(of: note.fields[ordinal])
            dropped += plain.dropped
            return (plain.text.trimmingCharacters(in: .whitespacesAndNewlines), plain.dropped)
        }
        /// A required side: when plain text leaves nothing (an image alone), what was there.
        func required(_ ordinal: Int) -> String {
            let (text, media) = field(ordinal)
            if !text.isEmpty { return text }
            return media.isEmpty ? "(empty in Anki)" : media.map { "[\($0)]" }.joined(separator: " ")
        }
        var table = "[[card]]\nid = \(TOMLString.quoted(entry))\n"
        switch shape.shape {
        case .basic(let question, let answer, let reversed):
            table += "q = \(TOMLString.quoted(required(question)))\na = \(TOMLString.quoted(required(answer)))\n"
            if reversed, cards.contains(where: { $0.ordinal == 1 }) { table += "reverse = true\n" }
        case .typed(let question, let answer):
            table += "type = \"typed\"\n"
            table += "q = \(TOMLString.quoted(required(question)))\na = \(TOMLString.quoted(required(answer)))\n"
        case .cloze(let text, let extra):
            table += "type = \"cloze\"\ntext = \(TOMLString.quoted(required(text)))\n"
            if let extra {
                let (explain, _) = field(extra)
                if !explain.isEmpty { table += "explain = \(TOMLString.quoted(explain))\n" }
            }
        }
        let tags = note.tags.filter { !$0.isEmpty && PrintableText.isPrintable($0) }
        if !tags.isEmpty { table += "tags = \(TOMLString.array(tags))\n" }
        for ordinal in shape.unusedFields where ordinal < note.fields.count {
            let (text, _) = field(ordinal)
            if !text.isEmpty, ordinal < noteType.fields.count { dropped.append("field \(noteType.fields[ordinal])") }
        }
        return (table, dropped)
    }

    /// Every deck file as it will be written, read back: a file that would not read (which the
    /// notes, checked one by one, should rule out) stops the import before anything is written.
    private mutating func checkDecks() throws(HoneError) {
        for (path, change) in files where change.added > 0 {
            let bytes = Array(text(of: change).utf8)
            let file = DeckReader.read(bytes: bytes, path: path, deckID: change.deckID)
            if let error = file.diagnostics.first(where: { $0.severity == .error }) {
                throw HoneError(
                    .cannotWrite(
                        path: path,
                        reason: "the imported cards would not read back (\(error.line):\(error.column): "
                            + "\(error.message)); nothing was imported"))
            }
        }
    }

    private func text(of change: DeckFileChange) -> String {
        guard let original = change.original else {
            return "[deck]\nname = \(TOMLString.quoted(change.name))\n" + change.tables
        }
        var text = String(decoding: original, as: UTF8.self)
        if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
        return text + change.tables
    }

    // MARK: - Writing

    /// The deck files written, to be put back when the log refuses the events.
    struct Written {
        var created: [String] = []
        var replaced: [(path: String, original: [UInt8])] = []

        func undo() {
            for path in created { unlink(path) }
            for (path, original) in replaced {
                try? TextFile.write(String(decoding: original, as: UTF8.self), to: path)
            }
        }
    }

    /// Writes every deck file that gains cards: new ones made whole (never over a file that
    /// appeared meanwhile), existing ones replaced whole, each atomically.
    mutating func writeDecks() throws(HoneError) -> Written {
        var written = Written()
        for (path, change) in files.sorted(by: { $0.key < $1.key }) where change.added > 0 {
            do throws(HoneError) {
                if let original = change.original {
                    try TextFile.write(text(of: change), to: path)
                    written.replaced.append((path, original))
                    summary.decksExtended.append(path)
                } else {
                    try NewDeck.write(text(of: change), toNewFile: path)
                    written.created.append(path)
                    summary.decksCreated.append(path)
                }
            } catch {
                written.undo()
                throw error
            }
        }
        return written
    }
}
