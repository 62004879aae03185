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

    /// `hone cards QUERY`: every word must hold; a bare word names a deck or skill, or is text.
    @Test func theCardListAnswersAQuery() throws {
        let scratch = try Scratch()
        try scratch.write(
            "decks/net.toml",
            "[deck]\nname = \"Networking\"\nskill = \"Soft skills\"\n"
                + "[[card]]\nid = \"a\"\nq = \"Ask for help\"\na = \"A\"\ntags = [\"Follow-up\"]\n"
                + "[[card]]\nid = \"b\"\nq = \"Give first\"\na = \"Trust\"\n")
        try scratch.write("decks/go.toml", "[[card]]\nid = \"c\"\nq = \"Corner\"\na = \"trust\"\n")
        let workspace = scratch.workspace()
        func keys(_ query: [String]) throws -> [String] { try CardList.rows(workspace, query: query).map(\.card.key) }
        #expect(try keys([]) == ["go/c", "net/a", "net/b"])
        #expect(try keys(["networking"]) == ["net/a", "net/b"], "a deck by its name, as practice takes it")
        #expect(try keys(["skill:soft skills"]) == ["net/a", "net/b"])
        #expect(try keys(["deck:go"]) == ["go/c"])
        #expect(try keys(["tag:follow-up"]) == ["net/a"], "tags ignore case")
        #expect(try keys(["TRUST"]) == ["go/c", "net/b"], "text in the answer")
        #expect(try keys(["trust", "deck:net"]) == ["net/b"], "every word must hold")
        #expect(try keys(["state:new"]).count == 3 && keys(["state:due"]).isEmpty && keys(["state:suspended"]).isEmpty)
        let error = #expect(throws: HoneError.self) { try CardList.rows(workspace, query: ["state:sleeping"]) }
        #expect(error?.description.hasPrefix("cannot read state:sleeping in the query; expected state:new|") == true)
    }
}
