import Foundation
import HoneCore
import HoneStore
import Testing

@testable import HoneApp

/// The export writes no character that would act instead of showing, and reads back as the
/// same log.
@Suite("log export")
struct LogExportTests {
    /// A log imported before import refused control characters may still hold one: the export
    /// names the event and writes nothing, instead of letting it out or changing it.
    @Test(
        "an event with a control character or a bidirectional mark is refused, not written",
        arguments: [
            (LogEvent(id: "x\u{1B}]0;owned\u{7}", card: "d/a", time: 1000, utcOffset: 0, action: .suspend), "id"),
            (LogEvent(id: "x", card: "d/\u{9B}2J", time: 1000, utcOffset: 0, action: .suspend), "card"),
            (
                LogEvent(id: "x", card: "d/a", time: 1000, utcOffset: 0, action: .bury, device: "ph\u{202E}one"),
                "device"
            ),
            (LogEvent(id: "x", card: "d/a", time: 1000, utcOffset: 0, action: .undo(target: "a\u{0}")), "target"),
            (LogEvent(id: "x", card: "d/a", time: 1000, utcOffset: 0, action: .bury, note: "ok\r\n"), "note"),
        ])
    func refusesUnprintableText(_ event: LogEvent, _ field: String) throws {
        let scratch = try Scratch()
        let workspace = scratch.workspace()
        _ = try workspace.openStore().merge([event], replay: workspace.replay)
        let error = #expect(throws: HoneError.self) { try LogExport.csv(.hone, workspace: workspace) }
        guard case .unprintableEvent(_, let named, _)? = error?.reason else {
            Issue.record("expected unprintableEvent, got \(String(describing: error))")
            return
        }
        #expect(named == field)
        let message = error?.description ?? ""
        #expect(!message.unicodeScalars.contains(where: PrintableText.isHidden), "\(message.debugDescription)")
        #expect(message.contains("nothing was exported"))
        // The FSRS format writes numbers only, and still works.
        #expect(try LogExport.csv(.fsrs, workspace: workspace).hasPrefix("card_id,"))
    }

    /// A duration longer than replay keeps (a session left open for a month) is written as the
    /// longest one, as the stats count it, so that the export imports back.
    @Test func aDurationPastTheLongestIsWrittenAsTheLongest() throws {
        let scratch = try Scratch()
        let workspace = scratch.workspace()
        let answer = LogEvent.answer(
            id: "x", card: "d/a", time: 1000, utcOffset: 0, answer: .button(.good), durationMilliseconds: 3_000_000_000)
        _ = try workspace.openStore().merge([answer], replay: workspace.replay)
        let exported = try LogExport.csv(.hone, workspace: workspace)
        #expect(exported.contains("x,d/a,1970-01-01T00:00:01Z,good,2147483647,"), "\(exported)")
        try scratch.write("again.csv", exported)
        let other = Workspace(
            Locations(
                decks: scratch.path("decks"), data: scratch.path("other"), config: scratch.path("config.toml"),
                environment: ["HOME": scratch.folder.path, "HONE_NO_CACHE": "1"]),
            now: Date(timeIntervalSince1970: 0)
        ) { _ in }
        #expect(try LogImport.run(scratch.path("again.csv"), workspace: other).summary.added == 1)
    }

    /// Quotes, commas, a multi-line note with a tab, letters of any script, emoji: legal, and
    /// an export of them imports into an empty log and exports again byte for byte.
    @Test func exoticButLegalTextRoundTrips() throws {
        let scratch = try Scratch()
        let csv = #"""
            id,card,reviewed_at,rating,duration_ms,event,device,target,note
            "ü ""1"", 🎉",deck/sub/card-é,2026-03-03T09:00:00+05:30,good,1500,,"phone, 📱",,"line one
            line\#ttwo, ""quoted"""
            e2,"deck/a,b",2026-03-03T09:01:00Z,,,suspend,日本語,,
            e3,"deck/a,b",2026-03-03T09:02:00Z,,,undo,,e2,

            """#
        try scratch.write("log.csv", csv)
        let workspace = scratch.workspace()
        _ = try LogImport.run(scratch.path("log.csv"), workspace: workspace)
        let first = try LogExport.csv(.hone, workspace: workspace)
        #expect(first.contains(#""ü ""1"", 🎉",deck/sub/card-é,2026-03-03T09:00:00+05:30,good,1500"#), "\(first)")
        try scratch.write("again.csv", first)
        let other = Workspace(
            Locations(
                decks: scratch.path("decks"), data: scratch.path("other"), config: scratch.path("config.toml"),
                environment: ["HOME": scratch.folder.path, "HONE_NO_CACHE": "1"]),
            now: Date(timeIntervalSince1970: 0)
        ) { _ in }
        _ = try LogImport.run(scratch.path("again.csv"), workspace: other)
        #expect(try LogExport.csv(.hone, workspace: other) == first)
        #expect(try other.openStore().events() == workspace.openStore().events())
    }

    /// A sync segment holds what the events are, not what one device derived from them: the
    /// derived columns are empty, a set-state's row carries its state, and it reads back as the
    /// same events.
    @Test func aSegmentIsTheEventsWithTheDerivedColumnsEmpty() throws {
        let clock = DayClock(timeZone: TimeZone(identifier: "UTC")!, rolloverHour: 4)
        let state = ImportedState(
            .review(ReviewState(intervalDays: 12, easePermille: 2650, dueDay: 20_527)), reps: 14, lapses: 2,
            stability: 12.5, difficulty: 5.25)
        let events = [
            LogEvent(
                id: "dev-1", card: "d/a", time: 1_772_528_400_000, utcOffset: 3600,
                action: .answer(.button(.good), durationMilliseconds: 4200), device: "dev", note: "said it, \"well\""),
            LogEvent(id: "dev-2", card: "d/a", time: 1_772_528_400_500, utcOffset: 0, action: .undo(target: "dev-1")),
            LogEvent(
                id: "anki-state:d/b", card: "d/b", time: 1_772_528_401_000, utcOffset: 0, action: .setState(state)),
        ]
        let text = LogExport.segment(events, clock: clock)
        let rows = text.split(separator: "\n").map(String.init)
        #expect(rows.first == LogExport.honeHeader)
        #expect(
            rows[1] == "dev-1,d/a,2026-03-03T10:00:00+01:00,good,4200,,,,,,answer,dev,,\"said it, \"\"well\"\"\",,,,,,")
        #expect(rows[2] == "dev-2,d/a,2026-03-03T09:00:00.500Z,,,,,,,,undo,,dev-1,,,,,,,")
        #expect(
            rows[3]
                == "anki-state:d/b,d/b,2026-03-03T09:00:01Z,,,,review,12,2.65,2026-03-15,set-state,,,,14,2,,,12.5,5.25")
        #expect(try ReviewLogCSV.read(Array(text.utf8)).get() == events)
    }
}
