import Foundation
import HoneCore
import HoneDeck
import HoneReport

/// `hone import csv`: notes from a CSV, TSV or Anki plain-text export become `[[card]]` tables
/// of a deck file. A new deck file is made whole or not at all; an existing one only gains
/// tables at its end, every byte it had kept, and cards it already has (the same id or the same
/// front) are skipped, so importing a file twice adds nothing the second time. The result is
/// read back by the deck reader before anything is written: a deck with an error is not written.
public enum CardImport {
    public struct Summary: Sendable {
        public var path: String
        public var imported: Int
        public var skipped: Int
        /// What the cards' HTML had that plain text cannot carry, by card id.
        public var dropped: [(card: String, what: String)]
    }

    /// The card types an import may make: both have a front (`q`) and a back (`a`).
    public static let kinds: [CardKind] = [.basic, .typed]

    public static func run(
        _ file: String, deck: String, columns: [String]?, kind: CardKind, deckFolder: String
    ) throws(HoneError) -> Summary {
        let notes: NotesText
        let bytes = try read(file)
        do throws(NotesText.Problem) {
            notes = try NotesText(bytes: bytes, columns: columns)
        } catch {
            throw HoneError(
                .cannotRead(
                    FileProblem(
                        path: "\(file):\(error.line):\(error.column)", message: error.message + "; nothing was imported"
                    )))
        }
        let path = DeckTemplate.path(ofDeck: deck, in: deckFolder)
        let deckID = DeckReader.defaultID(forRelativePath: deck.hasSuffix(".toml") ? deck : deck + ".toml")
        let existing: [UInt8]? = FileManager.default.fileExists(atPath: path) ? try read(path) : nil
        var used = Set<String>()
        var fronts = Set<String>()
        if let existing {
            let file = DeckReader.read(bytes: existing, path: path, deckID: deckID)
            if let error = file.diagnostics.first(where: { $0.severity == .error }) {
                throw HoneError(
                    .cannotWrite(
                        path: path,
                        reason: "it has an error at \(error.line):\(error.column) (\(error.message)); "
                            + "`hone check` shows it; nothing was imported"))
            }
            for card in file.deck?.cards ?? [] where card.key == card.noteKey {
                used.insert(String(card.noteKey.dropFirst(deckID.count + 1)))
                fronts.insert(card.front)
            }
        }
        var summary = Summary(path: path, imported: 0, skipped: 0, dropped: [])
        var tables = ""
        var nextSuffix: [String: Int] = [:]
        for note in notes.notes {
            func plain(_ text: String) -> (String, [String]) {
                let html = notes.header.html ?? PlainHTML.looksLikeHTML(text)
                guard html else { return (text, []) }
                let result = PlainHTML.text(of: text)
                return (result.text, result.dropped)
            }
            let (front, frontDropped) = plain(note.front)
            let (back, backDropped) = plain(note.back)
            if front.isEmpty && back.isEmpty && frontDropped.isEmpty && backDropped.isEmpty { continue }
            guard !front.isEmpty else {
                throw HoneError(
                    .cannotRead(
                        FileProblem(
                            path: "\(file):\(note.line):1",
                            message: "the front is empty (a card needs its question); nothing was imported")))
            }
            let slug = CardKeys.slug(front)
            if fronts.contains(front) || (used.contains(slug) && fronts.contains(front)) {
                summary.skipped += 1
                continue
            }
            fronts.insert(front)
            let id = IDPinner.uniqueID(slug.isEmpty ? "card" : slug, used: &used, nextSuffix: &nextSuffix)
            tables += "\n[[card]]\nid = \(TOMLString.quoted(id))\n"
            if kind != .basic { tables += "type = \(TOMLString.quoted(kind.rawValue))\n" }
            tables += "q = \(TOMLString.quoted(front))\na = \(TOMLString.quoted(back))\n"
            if !note.tags.isEmpty { tables += "tags = \(TOMLString.array(note.tags))\n" }
            summary.dropped += (frontDropped + backDropped).map { (id, $0) }
            summary.imported += 1
        }
        guard summary.imported > 0 else { return summary }
        var text: [UInt8]
        if let existing {
            text = existing
            if let last = existing.last, last != UInt8(ascii: "\n") { text.append(UInt8(ascii: "\n")) }
        } else {
            text = Array("[deck]\nname = \(TOMLString.quoted(DeckTemplate.defaultName(ofDeck: deck)))\n".utf8)
        }
        text += Array(tables.utf8)
        let checked = DeckReader.read(bytes: text, path: path, deckID: deckID)
        if let error = checked.diagnostics.first(where: { $0.severity == .error }) {
            throw HoneError(
                .cannotWrite(
                    path: path,
                    reason: "the imported cards would not read back (\(error.line):\(error.column): \(error.message)); "
                        + "nothing was written"))
        }
        if let existing {
            try append(Array(text[existing.count...]), to: path, expectedSize: existing.count)
        } else {
            try NewDeck.write(String(decoding: text, as: UTF8.self), toNewFile: path)
        }
        return summary
    }

    private static func read(_ path: String) throws(HoneError) -> [UInt8] {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw HoneError(.cannotRead(FileProblem(path: path, message: "is a folder, not a file")))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw HoneError(.cannotRead(FileProblem(path: path, message: "cannot read: \(systemReason())")))
        }
        return Array(data)
    }

    /// Adds `bytes` at the end of the deck file, which must still be as long as when it was
    /// read; a failed write is cut off again, so the file is either extended or as it was.
    private static func append(_ bytes: [UInt8], to path: String, expectedSize: Int) throws(HoneError) {
        func refuse(_ reason: String) -> HoneError { HoneError(.cannotWrite(path: path, reason: reason)) }
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard descriptor >= 0 else { throw refuse(systemReason()) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, Int(status.st_size) == expectedSize else {
            throw refuse("it changed while the cards were being imported; nothing was written, try again")
        }
        do throws(OutputError) {
            try DescriptorWriter(descriptor: descriptor, target: path).write(String(decoding: bytes, as: UTF8.self))
            if fsync(descriptor) != 0 { throw OutputError(target: path, code: errno) }
        } catch {
            _ = ftruncate(descriptor, off_t(expectedSize))
            throw refuse(error.reason + "; the file is as it was")
        }
    }

    private static func systemReason() -> String { String(cString: strerror(errno)) }
}
