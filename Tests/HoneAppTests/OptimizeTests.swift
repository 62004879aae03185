import Foundation
import HoneCore
import Testing

@testable import HoneApp

/// What `hone optimize` reads from the store: the replayed log as Anki's training items.
@Suite("hone optimize's reading of the log")
struct OptimizeTests {
    static let header =
        "id,card,reviewed_at,rating,duration_ms,kind,state,interval,ease,due,event,device,target,note,"
        + "reps,lapses,step,step_seconds,stability,difficulty"

    static func answer(_ id: String, _ card: String, _ time: String, _ rating: String) -> String {
        "\(id),\(card),\(time),\(rating),,,,,,,answer,,,,,,,,,"
    }

    @Test func forgottenImportedAndUndoneAnswersAreReadAsAnkiReadsThem() throws {
        let scratch = try Scratch()
        let rows = [
            Self.header,
            // d/a: learnt, reviewed, forgotten, learnt again: only the second history counts.
            Self.answer("a1", "d/a", "2026-03-01T10:00:00Z", "good"),
            Self.answer("a2", "d/a", "2026-03-01T10:10:00Z", "good"),
            Self.answer("a3", "d/a", "2026-03-03T10:00:00Z", "good"),
            "a4,d/a,2026-03-04T10:00:00Z,,,,,,,,forget,,,,,,,,,",
            Self.answer("a5", "d/a", "2026-03-05T10:00:00Z", "good"),
            Self.answer("a6", "d/a", "2026-03-05T10:10:00Z", "good"),
            Self.answer("a7", "d/a", "2026-03-07T10:00:00Z", "again"),
            // d/b: imported with its schedule, never new here: left out.
            "b1,d/b,2026-03-01T09:00:00Z,,,,review,12,2.65,2026-03-13,set-state,,,,14,2,,,12.5,5.25",
            Self.answer("b2", "d/b", "2026-03-13T10:00:00Z", "good"),
            Self.answer("b3", "d/b", "2026-03-30T10:00:00Z", "good"),
            // d/c: an answer taken back is not there.
            Self.answer("c1", "d/c", "2026-03-01T11:00:00Z", "easy"),
            Self.answer("c2", "d/c", "2026-03-02T11:00:00Z", "again"),
            "c3,d/c,2026-03-02T11:01:00Z,,,,,,,,undo,,c2,,,,,,,",
            Self.answer("c4", "d/c", "2026-03-05T11:00:00Z", "good"),
        ]
        try scratch.write("log.csv", rows.joined(separator: "\n") + "\n")
        let workspace = scratch.workspace()
        _ = try LogImport.run(scratch.path("log.csv"), workspace: workspace)
        let set = try Optimize.trainingSet(workspace)
        let items = set.items.map { item in set.reviews(of: item).map { [$0.rating, $0.deltaT] } }
        // In the time order of the answers predicted: c4 (March 5), then a7 (March 7).
        #expect(items == [[[4, 0], [3, 4]], [[3, 0], [3, 0], [1, 2]]])
        #expect(set.cardCount == 2)
        #expect(set.answerCount == 5)
    }
}
