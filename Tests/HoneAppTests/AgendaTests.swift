import Foundation
import HoneCore
import Testing

@testable import HoneApp

@Suite("the agenda: what is due, from decks, stored states and today's answers")
struct AgendaTests {
    static let deck = """
        [deck]
        name = "Basics"
        skill = "Reading"

        [[card]]
        id = "a"
        q = "A?"
        a = "a"

        [[card]]
        id = "b"
        q = "B?"
        a = "b"

        [[card]]
        id = "t"
        q = "T?"
        a = "t"

        [[card]]
        id = "c"
        q = "C?"
        a = "c"

        [[card]]
        id = "d"
        q = "D?"
        a = "d"
        """

    /// Yesterday `a` graduated (good, good: due today) and `gone`, no longer in the deck, was
    /// answered; today `b` was started (good: a learning step, due again in ten minutes) and
    /// `t` graduated (due tomorrow). Three new cards a day.
    static func scene() throws -> (Scratch, Workspace) {
        let scratch = try Scratch()
        try scratch.write("decks/basics.toml", deck)
        try scratch.write("config.toml", "[daily]\nnew_per_day = 3\n")
        let clock = scratch.workspace().clock
        let today = clock.day(of: 1_772_524_800)  // 2026-03-03T08:00:00Z
        let start = clock.start(ofDay: today)
        let yesterday = clock.start(ofDay: today - 1)
        let log = scratch.log(
            [
                ("basics/a", yesterday + 5 * 3600, "good"), ("basics/a", yesterday + 5 * 3600 + 900, "good"),
                ("basics/gone", yesterday + 6 * 3600, "good"),
                ("basics/b", start + 5 * 3600, "good"),
                ("basics/t", start + 5 * 3600, "good"), ("basics/t", start + 5 * 3600 + 900, "good"),
            ], clock: clock)
        try scratch.write("log.csv", log)
        let workspace = scratch.workspace(at: start + 8 * 3600)
        let (summary, _) = try LogImport.run(scratch.path("log.csv"), workspace: workspace)
        #expect(summary.added == 6)
        return (scratch, workspace)
    }

    @Test func countsWhatIsDueNowWithinTheLimitsAndWhatComesTomorrow() throws {
        let (scratch, workspace) = try Self.scene()
        let agenda = try Agenda(workspace: workspace, decks: workspace.loadIndexes(), store: workspace.openStore())
        // b and t were introduced today, so one new card of three is left; a is due, b's step
        // is within the 20 minutes learned ahead, t comes back tomorrow.
        #expect(agenda.total == DueCounts(learning: 1, reviews: 1, new: 1, laterToday: 0, tomorrow: 1))
        #expect(agenda.counts(deck: "basics") == agenda.total)
        #expect(agenda.bySkill.map(\.skill) == ["Reading"])
        #expect(agenda.orphans() == ["basics/gone"])
        #expect(scratch.notices.all.isEmpty)
    }

    @Test func aNewCardLimitGivenForTheSessionReplacesTheConfiguredOne() throws {
        let (scratch, workspace) = try Self.scene()
        defer { withExtendedLifetime(scratch) {} }
        let decks = workspace.loadIndexes()
        let more = try Agenda(workspace: workspace, decks: decks, store: workspace.openStore(), newPerDay: 10)
        #expect(more.total.new == 2, "only c and d are left to introduce")
        let none = try Agenda(workspace: workspace, decks: decks, store: workspace.openStore(), newPerDay: 0)
        #expect(none.total.new == 0)
        #expect(none.total.reviews == 1)
    }

    @Test func theNextDayTheGraduatedCardIsAReview() throws {
        let (scratch, workspace) = try Self.scene()
        defer { withExtendedLifetime(scratch) {} }
        let tomorrow = workspace.at(seconds: workspace.nowSeconds + 86_400)
        let agenda = try Agenda(workspace: tomorrow, decks: tomorrow.loadIndexes(), store: tomorrow.openStore())
        // t is due; b's learning step is long overdue; a was due yesterday and is still due;
        // c and d are new; nothing was introduced on the new day yet.
        #expect(agenda.total.reviews == 2)
        #expect(agenda.total.learning == 1)
        #expect(agenda.total.new == 2)
    }
}
