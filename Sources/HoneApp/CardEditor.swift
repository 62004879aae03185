import Foundation
import HoneCore
import HoneDeck
import HoneREPL

/// `:edit`: opens a card's deck file at the card's line in `$VISUAL` or `$EDITOR`, then reads
/// the deck again and hands back the card as it now is. Its progress is kept, because progress
/// belongs to the card's id, not its text.
enum CardEditor {
    /// `sizeLimit`: the largest deck file read back (`[decks] max_file_size`).
    static func edit(_ item: SessionCard, deckPath: String?, sizeLimit: Int) -> (card: SessionCard?, message: String) {
        guard let deckPath else { return (nil, "this card's deck file is not known") }
        let environment = ProcessInfo.processInfo.environment
        let editor = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        // As git runs its editor: the shell splits an editor with arguments ("code --wait"),
        // and the line and path are positional parameters, never spliced into the command.
        let command = ["/bin/sh", "-c", "\(editor) \"+$1\" \"$2\"", "hone-edit", String(item.card.line), deckPath]
        switch ForegroundProcess.run(command) {
        case .failure(let error):
            return (nil, "could not start the editor \(editor): \(error.localizedDescription)")
        case .success(let status) where status != 0:
            // Like git: an editor that fails leaves the card as it was (vi's :cq says so).
            return (nil, "the editor \(editor) exited with status \(status); the card is shown as it was")
        case .success:
            break
        }
        guard case .success(let bytes) = DeckFinder.contents(of: deckPath, limit: sizeLimit) else {
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
