import HoneCore
import HoneDeck
import HoneStore

/// `hone log import`: merges a review log CSV into the store, all of it or, when a row is
/// bad, none of it.
public enum LogImport {
    /// Reads the CSV at `path` and merges it; the cards it touches are replayed. `onlyAnswers`:
    /// whether every event in the file is an answer (the summary then counts answers).
    public static func run(_ path: String, workspace: Workspace) throws
        -> (summary: Store.MergeSummary, onlyAnswers: Bool)
    {
        // Read a chunk at a time: only the events are held, never the file.
        let file = try FileChunks(path: path)
        let read = ReviewLogCSV.read(chunks: file.next)
        // A failed read ends the chunks early: say so rather than what the cut file looks like.
        if let problem = file.problem { throw HoneError(.cannotRead(problem)) }
        let entries: [LogEvent]
        switch read {
        case .success(let events): entries = events
        case .failure(let problem): throw HoneError(.badLogRow(file: path, problem))
        }
        let summary = try workspace.openStore().merge(entries, replay: workspace.replay)
        return (summary, entries.allSatisfy { $0.action.answer != nil })
    }
}
