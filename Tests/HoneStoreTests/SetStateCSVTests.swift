import Foundation
import HoneCore
import Testing

@testable import HoneStore

/// `set-state` rows of a review log CSV: the state columns carry the state set, the columns
/// after `note` the rest; every field read exactly or refused at its line and column.
@Suite("set-state in the review log CSV")
struct SetStateCSVTests {
    static let header =
        "id,card,reviewed_at,event,state,interval,ease,due,reps,lapses,step,step_seconds,stability,difficulty"

    func read(_ rows: [String]) -> Result<[LogEvent], ReviewLogCSV.Problem> {
        ReviewLogCSV.read(Array(([Self.header] + rows).joined(separator: "\n").utf8))
    }

    /// Day numbers of the dates used: 2026-12-20 and 2026-03-05.
    static let december20 = 20_807
    static let march5 = 20_517

    @Test func readsEachPhaseExactly() throws {
        let events = try read([
            "n,d/a,2026-03-03T09:00:00Z,set-state,new,0,0,,0,0,,,,",
            "l,d/a,2026-03-03T09:01:00Z,set-state,learning,0,0,2026-03-03T10:10:00+01:00,1,0,1,600,,",
            "L,d/a,2026-03-03T09:02:00Z,SET-STATE,Learning,,,2026-03-05,3,0,2,172800,,",
            "r,d/a,2026-03-03T09:03:00Z,set-state,review,12,2.65,2026-12-20,14,2,,,12.345678901234567,5.25",
            "R,d/a,2026-03-03T09:04:00Z,set-state,relearning,3,1.305,2026-03-03T09:10:00Z,30,9,0,600,0.1,",
        ]).get()
        #expect(events.map(\.action.name) == ["set-state", "set-state", "set-state", "set-state", "set-state"])
        func given(_ index: Int) -> ImportedState? {
            if case .setState(let state) = events[index].action { return state }
            return nil
        }
        #expect(given(0) == ImportedState(.new, reps: 0, lapses: 0))
        #expect(
            given(1)
                == ImportedState(
                    .learning(LearningState(step: 1, stepSeconds: 600, due: .instant(1_772_529_000))), reps: 1,
                    lapses: 0))
        #expect(
            given(2)
                == ImportedState(
                    .learning(LearningState(step: 2, stepSeconds: 172_800, due: .day(Self.march5))), reps: 3, lapses: 0)
        )
        #expect(
            given(3)
                == ImportedState(
                    .review(ReviewState(intervalDays: 12, easePermille: 2650, dueDay: Self.december20)), reps: 14,
                    lapses: 2, stability: 12.345678901234567, difficulty: 5.25))
        #expect(
            given(4)
                == ImportedState(
                    .relearning(
                        RelearningState(
                            learning: LearningState(step: 0, stepSeconds: 600, due: .instant(1_772_529_000)),
                            review: ReviewState(intervalDays: 3, easePermille: 1305, dueDay: 0))),
                    reps: 30, lapses: 9, stability: 0.1))
    }

    /// A file of answers alone, from another tool, with no state columns, reads as before; an
    /// answer's state columns are derived, and ignored as they always were.
    @Test func answersReadAsBefore() throws {
        let text = "card,reviewed_at,rating\nd/a,2026-03-03T09:00:00Z,good\n"
        let events = try ReviewLogCSV.read(Array(text.utf8)).get()
        #expect(events.map(\.action) == [.answer(.button(.good), durationMilliseconds: 0)])
        let derived =
            "card,reviewed_at,rating,event,state,interval,ease,due,reps,lapses,step,step_seconds\n"
            + "d/a,2026-03-03T09:00:00Z,good,answer,sleeping,x,y,z,-1,-1,q,r\n"
        #expect(try ReviewLogCSV.read(Array(derived.utf8)).get().map(\.action) == events.map(\.action))
    }

    @Test(
        "a bad set-state field names its line and column",
        arguments: [
            (
                "n,d/a,2026-03-03T09:00:00Z,set-state,sleeping,0,0,,0,0,,,,", "state",
                "\"state\" of a set-state must be new"
            ),
            (
                "r,d/a,2026-03-03T09:00:00Z,set-state,review,12,2.5,2026-12-20T04:00:00Z,1,0,,,,", "due",
                "the day it is due"
            ),
            ("r,d/a,2026-03-03T09:00:00Z,set-state,review,12,2.5,,1,0,,,,", "due", "the day it is due"),
            ("r,d/a,2026-03-03T09:00:00Z,set-state,review,twelve,2.5,2026-12-20,1,0,,,,", "interval", "\"interval\""),
            ("r,d/a,2026-03-03T09:00:00Z,set-state,review,12,2.5001,2026-12-20,1,0,,,,", "ease", "\"ease\""),
            ("r,d/a,2026-03-03T09:00:00Z,set-state,review,12,-2.5,2026-12-20,1,0,,,,", "ease", "\"ease\""),
            ("r,d/a,2026-03-03T09:00:00Z,set-state,review,12,2.5,2026-12-20,,0,,,,", "reps", "\"reps\""),
            ("r,d/a,2026-03-03T09:00:00Z,set-state,review,12,2.5,2026-12-20,1,-1,,,,", "lapses", "\"lapses\""),
            (
                "r,d/a,2026-03-03T09:00:00Z,set-state,review,12,2.5,2026-12-20,1,0,2,,,", "step",
                "a review card has no \"step\""
            ),
            ("r,d/a,2026-03-03T09:00:00Z,set-state,review,12,2.5,2026-12-20,1,0,,,nan,", "stability", "\"stability\""),
            (
                "r,d/a,2026-03-03T09:00:00Z,set-state,review,12,2.5,2026-12-20,1,0,,,,0x1p3", "difficulty",
                "\"difficulty\""
            ),
            (
                "l,d/a,2026-03-03T09:00:00Z,set-state,learning,0,0,2026-03-03T09:10:00.5Z,1,0,1,600,,", "due",
                "whole seconds"
            ),
            ("l,d/a,2026-03-03T09:00:00Z,set-state,learning,0,0,2026-03-03T09:10:00Z,1,0,,600,,", "step", "\"step\""),
            (
                "l,d/a,2026-03-03T09:00:00Z,set-state,learning,5,0,2026-03-03T09:10:00Z,1,0,1,600,,", "interval",
                "a learning card has no \"interval\""
            ),
            ("n,d/a,2026-03-03T09:00:00Z,set-state,new,0,0,2026-12-20,0,0,,,,", "due", "a new card has no \"due\""),
        ])
    func badField(_ row: String, _ name: String, _ words: String) throws {
        guard case .failure(let problem) = read([row]) else {
            Issue.record("accepted \(row)")
            return
        }
        // The named field's column: one past the fields before it and their commas.
        let index = try #require(Self.header.split(separator: ",").firstIndex(of: Substring(name)))
        let column =
            1 + row.split(separator: ",", omittingEmptySubsequences: false)[..<index].map { $0.count + 1 }.reduce(0, +)
        #expect((problem.line, problem.column) == (2, column), "\(problem)")
        #expect(problem.message.contains(words), "\(problem.message)")
    }

    /// A set-state in a file without the columns it needs is refused at its event field.
    @Test func aMissingColumnIsNamed() throws {
        let text =
            "card,reviewed_at,event,state,interval,ease,due\n"
            + "d/a,2026-03-03T09:00:00Z,set-state,review,12,2.5,2026-12-20\n"
        let problem = try #require(ReviewLogCSV.read(Array(text.utf8)).failure)
        #expect((problem.line, problem.column) == (2, 26))
        #expect(problem.message == "a set-state needs the column \"reps\", and the file has none")
    }
}
