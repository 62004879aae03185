import Foundation
import HoneCore
import HoneDeck
import HoneREPL

/// `:edit`: opens a card's deck file at the card's line in `$VISUAL` or `$EDITOR`, then reads
/// the deck again and hands back the card as it now is. Its progress is kept, because progress
/// belongs to the card's id, not its text.
enum CardEditor {
    static func edit(_ item: SessionCard, deckPath: String?) -> (card: SessionCard?, message: String) {
        guard let deckPath else { return (nil, "this card's deck file is not known") }
        let environment = ProcessInfo.processInfo.environment
        let editor = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // The editor may carry its own arguments ("code --wait"): the shell splits them; the
        // line and path are passed as positional parameters, never spliced into the command.
        process.arguments = ["-c", "\(editor) \"+$1\" \"$2\"", "hone-edit", String(item.card.line), deckPath]
        do {
            try process.run()
            process.waitUntilExit()
        } catch {
            return (nil, "could not start the editor \(editor): \(error.localizedDescription)")
        }
        guard case .success(let bytes) = DeckFinder.contents(of: deckPath) else {
            return (nil, "could not read \(deckPath) again; the card is shown as it was")
        }
        let file = DeckReader.read(bytes: bytes, path: deckPath, deckID: item.card.deckID)
        guard let deck = file.deck else {
            return (nil, "\(deckPath) has errors now (see `hone check`); the card is shown as it was")
        }
        guard let card = deck.cards.first(where: { $0.key == item.card.key }) else {
            return (nil, "the card is no longer in \(deckPath) under its id; its history is kept")
        }
        var updated = item
        updated.card = card
        return (updated, "reloaded from \(deckPath)")
    }
}
