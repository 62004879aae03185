import Foundation
import HoneCore
import Testing

@testable import HoneApp

@Suite("log import and export, and the card list")
struct LogImportTests {
    @Test func aBadRowImportsNothingAndSaysWhere() throws {
        let scratch = try Scratch()
        try scratch.write("log.csv", "card,reviewed_at,rating\nd/a,2026-03-01T09:00:00Z,good\nd/b,yesterday,good\n")
        let workspace = scratch.workspace()
        let error = #expect(throws: HoneError.self) { try LogImport.run(scratch.path("log.csv"), workspace: workspace) }
        guard case .badLogRow(_, let problem)? = error?.reason else {
            Issue.record("expected badLogRow, got \(String(describing: error))")
            return
        }
        #expect(problem.line == 3)
        #expect(try workspace.openStore().events().isEmpty)
    }

    @Test func anExportReadsBackAsTheSameLog() throws {
        let scratch = try Scratch()
        try scratch.write(
            "log.csv", "card,reviewed_at,rating\nd/a,2026-03-01T09:00:00Z,good\nd/a,2026-03-01T09:15:00Z,good\n")
        let workspace = scratch.workspace()
        _ = try LogImport.run(scratch.path("log.csv"), workspace: workspace)
        let exported = try LogExport.csv(.hone, workspace: workspace)
        let rows = exported.split(separator: "\n")
        #expect(rows.count == 3)
        // The second good graduates the card: a review, one day, ease 2.5.
        #expect(rows.last?.contains(",good,0,learn,review,1,2.5,") == true, "\(exported)")
        try scratch.write("again.csv", exported)
        let (again, _) = try LogImport.run(scratch.path("again.csv"), workspace: workspace)
        #expect(again.added == 0 && again.skipped == 2)
    }

    @Test func theCardListNamesAnUnknownDeckAndTheDecksThereAre() throws {
        let scratch = try Scratch()
        try scratch.write(
            "decks/net.toml", "[[card]]\nid = \"a\"\nq = \"Q\"\na = \"A\"\n[[card]]\nid = \"b\"\nq = \"Q\"\na = \"A\"\n"
        )
        let workspace = scratch.workspace()
        let rows = try CardList.rows(workspace, deckIDs: [])
        #expect(rows.map(\.card.key) == ["net/a", "net/b"])
        #expect(rows.allSatisfy { $0.deck == "net" && $0.state == .new })
        let error = #expect(throws: HoneError.self) { try CardList.rows(workspace, deckIDs: ["go"]) }
        #expect(error?.description == "no deck named go; the decks are: net")
    }
}
