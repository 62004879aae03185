import Foundation
import HoneAnki
import HoneCore
import HoneDeck
import HoneReport
import HoneStore

/// `hone import anki`: an Anki package (`.apkg`, `.colpkg`) becomes deck files, one per Anki
/// deck (`A::B` is `A/B.toml`), and events of the log: every review of Anki's `revlog` as an
/// answer (`anki:REVLOG_ID`, so a second import skips it), then, where replaying them does not
/// land on Anki's state (Anki's fuzz, a manual reschedule, other steps), a `set-state` with
/// Anki's state, so that every card stands where Anki has it. Suspensions and buries come as
/// their own events.
///
/// A card's id comes from its note's GUID and its template ordinal, so a newer package of the
/// same collection finds the same cards: their deck files gain only new notes, and the log only
/// new reviews. A note that hone exported (`hone:DECK/CARD` GUIDs, `hone export anki`) maps back
/// onto hone's own card, and its reviews there that hone already has (the same card and
/// millisecond) are skipped. Deck files and the log change together or not at all: the decks
/// are written first, and put back as they were when the log refuses the events.
public enum AnkiImport {
    public struct Summary: Sendable {
        /// Deck files made, and those that gained cards.
        public var decksCreated: [String] = []
        public var decksExtended: [String] = []
        /// Notes written as `[[card]]` tables, and those already there.
        public var notesAdded = 0
        public var notesKept = 0
        /// Events added to the log, and those it had already.
        public var answersAdded = 0
        public var statesRecorded = 0
        public var eventsSkipped = 0
        /// Cards that took Anki's reviews, cards hone had already (exported from hone).
        public var cards = 0
        /// What plain text could not carry, by card id: images, sounds, unused fields.
        public var dropped: [(card: String, what: String)] = []
        /// Anki cards this import makes no card of (a third template of an unknown note type).
        public var cardsNotCarried = 0
        /// Review rows whose time is outside 1970-9999 (a damaged package).
        public var reviewsNotCarried = 0

        /// What was not carried, a line each, for standard error (package text made visible).
        public var warnings: [String] {
            dropped.map { "card \(VisibleText.make($0.card)): not carried: \(VisibleText.make($0.what))" }
        }

        /// What the import did, for standard output.
        public var report: String {
            func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
            var lines = [
                "imported \(count(notesAdded, "note")) into "
                    + "\(count(decksCreated.count + decksExtended.count, "deck file")) "
                    + "(\(notesKept) already there); \(count(answersAdded, "review")) "
                    + "and \(count(statesRecorded, "card state")) into the log"
            ]
            if cardsNotCarried > 0 { lines.append("\(count(cardsNotCarried, "Anki card")) not carried (see above)") }
            if reviewsNotCarried > 0 {
                lines.append("\(count(reviewsNotCarried, "review")) not carried: its time is not between 1970 and 9999")
            }
            lines += decksCreated.map { "  new   \(VisibleText.make($0))" }
            lines += decksExtended.map { "  added \(VisibleText.make($0))" }
            return lines.joined(separator: "\n")
        }
    }

    public static func run(_ file: String, workspace: Workspace) throws(HoneError) -> Summary {
        let collection: AnkiCollection
        do throws(AnkiPackageError) {
            collection = try AnkiPackage.read(file)
        } catch {
            // The message starts with the file's name, which the problem gives already.
            let message =
                error.message.hasPrefix(file + ": ") ? String(error.message.dropFirst(file.count + 2)) : error.message
            throw HoneError(.cannotRead(FileProblem(path: file, message: message + "; nothing was imported")))
        }
        var plan = AnkiImportPlan(file: file, collection: collection, workspace: workspace)
        try plan.mapNotes()
        let store: Store
        do {
            store = try workspace.openStore()
        } catch {
            throw HoneError(.cannotWrite(path: workspace.locations.dataFolder, reason: "\(error)"))
        }
        let events = try plan.events(existing: store)
        let written = try plan.writeDecks()
        do {
            let merged = try store.merge(events, replay: workspace.replay)
            plan.summary.eventsSkipped = merged.skipped
            plan.summary.cards = merged.cards
        } catch {
            written.undo()
            throw HoneError(
                .cannotWrite(
                    path: workspace.locations.dataFolder,
                    reason: "\(error); the deck files were put back as they were, nothing was imported"))
        }
        return plan.summary
    }

    /// The id of the `[[card]]` made from a note: its GUID, with the characters a card id
    /// cannot hold (`/`, `#`, white space, quotes, controls) and `%` written as `%XX`. The same
    /// note gives the same id in every import.
    static func entryID(guid: String) -> String {
        var id = ""
        for byte in guid.utf8 {
            let scalar = Unicode.Scalar(byte)
            let plain =
                byte < 0x80 && byte > 0x20 && byte != 0x7F && !"/#%\"'\\".unicodeScalars.contains(scalar)
            if plain {
                id.unicodeScalars.append(scalar)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                id += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return id.isEmpty ? "%" : id
    }

    /// The GUID `hone export anki` gives a hone note: `hone:` and the note's key.
    static let honeGUIDPrefix = "hone:"

    /// The relative path (without `.toml`) of the deck file for an Anki deck: a level a path
    /// cannot hold as it is (`/`, a leading `.`, nothing, a control character) is made safe.
    static func deckPath(ofAnkiDeck name: String) -> String {
        AnkiDeck(id: 0, name: name).path.map { level in
            var part = String(
                level.unicodeScalars.map { scalar -> Character in
                    scalar == "/" || PrintableText.isHidden(scalar) || scalar == "\\" ? "-" : Character(scalar)
                })
            part = part.trimmingCharacters(in: .whitespaces)
            if part.hasPrefix(".") { part = "_" + part.dropFirst() }
            return part.isEmpty ? "_" : part
        }.joined(separator: "/")
    }
}
