import HoneCore
import HoneDeck
import HoneStore

/// A failure the person can act on: a deck or skill that is not there, a file that cannot be
/// read or written, a bad row in a log. The command line prints it as `hone: error: ...` and
/// exits 1. Tests match the reason; the words are for people.
public struct HoneError: Error, Sendable, CustomStringConvertible {
    public enum Reason: Sendable {
        /// No deck in the deck folder at all.
        case noDecks(folder: String)
        /// Filters (deck id, deck name or skill) that match no deck, and the names there are.
        case noDeckOrSkill([String], known: [String])
        /// Deck ids that name no deck, and the ids there are.
        case noDeck([String], known: [String])
        case cannotRead(FileProblem)
        case cannotWrite(path: String, reason: String)
        /// A word that names no card (a key or a card id), and the nearest key.
        case noCard(String, suggestion: String?)
        /// A card id that more than one deck has.
        case ambiguousCard(String, matches: [String])
        /// Tags (`--tag`) that no card of the decks chosen has.
        case noTag([String])
        /// A word of a card query that cannot be read, and what was expected.
        case badQuery(String, expected: String)
        /// A review log CSV with a bad row: nothing of it was imported.
        case badLogRow(file: String, ReviewLogCSV.Problem)
        /// An event of the log whose text has a character no CSV export may hold (`LogExport`).
        case unprintableEvent(id: String, field: String, character: Unicode.Scalar)
        /// `hone sync` with no folder given and none in the config file.
        case noSyncFolder(configFile: String)
        /// A sync folder that is not there (renamed, deleted, or not mounted).
        case syncFolderMissing(String)
        /// `hone sync --git` in a folder that is not in a git work tree; git's message.
        case notGitWorkTree(String, git: String)
        /// `hone sync --git` in a repository in the middle of a rebase or a merge.
        case gitBusy(String, what: String)
        /// `hone optimize` with fewer items to learn from than the optimizer's minimum.
        case tooFewReviews(items: Int, minimum: Int)
        /// The optimizer's weights came out as no numbers.
        case optimizerFailed
    }

    public let reason: Reason

    public init(_ reason: Reason) {
        self.reason = reason
    }

    /// A mistake on the command line (exit status 2): a word that names no deck, skill, card or
    /// tag, or a query hone cannot read. Every other error is one in the person's files (1).
    public var isCommandLineMistake: Bool {
        switch reason {
        case .noDeckOrSkill, .noCard, .ambiguousCard, .badQuery, .noTag: true
        default: false
        }
    }

    public var description: String {
        switch reason {
        case .noDecks(let folder):
            "no decks found in \(folder); `hone status` says where hone looks and how to start"
        case .noDeckOrSkill(let filters, let known):
            "no deck or skill named \(filters.joined(separator: ", "))"
                + (filters.first.flatMap { Suggestion.closest(to: $0, among: known) }.map {
                    "; did you mean \"\($0)\"?"
                }
                    ?? "")
                + "; `hone status` lists them"
        case .noDeck(let names, let known):
            "no deck named \(names.joined(separator: ", ")); the decks are: \(known.joined(separator: ", "))"
        case .noCard(let word, let suggestion):
            "no card \(word)" + (suggestion.map { "; did you mean \($0)?" } ?? "")
                + "; `hone cards` lists the cards (a key is DECK/CARD)"
        case .ambiguousCard(let word, let matches):
            "more than one card has the id \(word): \(matches.joined(separator: ", ")); give the whole key"
        case .noTag(let tags):
            "no card is tagged \(tags.joined(separator: " and ")); `hone cards tag:TAG` finds tagged cards"
        case .badQuery(let word, let expected):
            "cannot read \(word) in the query; expected \(expected)"
        case .cannotRead(let problem):
            "\(problem.path): \(problem.message)"
        case .cannotWrite(let path, let reason):
            "cannot write \(path): \(reason)"
        case .badLogRow(let file, let problem):
            "\(file):\(problem.line):\(problem.column): \(problem.message); nothing was imported"
        case .unprintableEvent(let id, let field, let character):
            "the event \(PrintableText.quoted(id)) has \(PrintableText.name(character)) in its \(field), a character "
                + "that would act instead of showing; hone writes no such character into a CSV, so nothing was "
                + "exported (--format fsrs writes no text and still works)"
        case .noSyncFolder(let configFile):
            "no sync folder: give one (hone sync ~/Sync/hone), or set it in \(configFile) as [sync] folder = \"...\""
        case .syncFolderMissing(let path):
            "the sync folder \(path) does not exist (renamed, deleted or not mounted?); hone does not create it, "
                + "so that a moved folder does not quietly become a new, empty one: create it (mkdir -p) or name "
                + "the right one; nothing was synced"
        case .notGitWorkTree(let path, let git):
            "\(path) is not in a git work tree (git: \(git)); clone your sync repository there, or run hone sync "
                + "without --git"
        case .gitBusy(let path, let what):
            "the git repository of \(path) is in the middle of \(what): finish it (or abort it) first; "
                + "nothing was synced"
        case .tooFewReviews(let items, let minimum):
            "hone optimize needs at least \(minimum) reviews to learn from, and the log has \(items): an answer "
                + "counts when it is on a later day than the card's previous one, the card was first learnt "
                + "in hone (its history starts from new), and it is not an outlier (fsrs-rs's filter); fsrs-rs "
                + "fits nothing but the first four weights below \(minimum), so hone leaves the weights as they are"
        case .optimizerFailed:
            "the optimizer's weights came out as no numbers; the config was left as it was"
        }
    }
}
