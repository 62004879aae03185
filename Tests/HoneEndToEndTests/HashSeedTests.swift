import Foundation
import Testing

/// Swift seeds its `Hasher` afresh in every process, so a `Set` or `Dictionary` walked in its
/// own order comes out in another order in the next run. Nothing hone writes may show it: the
/// same decks and log must give the same import, states, queue, figures and export in a process
/// with a fixed seed (`SWIFT_DETERMINISTIC_HASHING=1`) as in processes with random ones. This is
/// what "replay is deterministic" means, and it can only be seen across processes. The fuzz is
/// on, so intervals hang on the card keys (through FNV-1a, which must not vary either).
@Suite("the same output whatever the hash seed, end to end")
struct HashSeedTests {
    static let now = "2026-03-03T09:00:00Z"

    /// Three decks: reversed cards and cloze deletions (siblings, which wait for each other),
    /// and plain cards, two decks of one skill.
    static var decks: [(path: String, text: String)] {
        var alpha = "[deck]\nname = \"Alpha\"\nskill = \"Listening\"\n"
        for index in 0..<10 {
            alpha += "\n[[card]]\nid = \"q\(index)\"\nq = \"Question \(index)?\"\n"
            alpha += "a = \"Answer \(index)\"\nreverse = true\n"
        }
        var beta = "[deck]\nname = \"Beta\"\nskill = \"Speaking\"\n"
        for index in 0..<5 {
            beta += "\n[[card]]\nid = \"z\(index)\"\ntype = \"cloze\"\n"
            beta += "text = \"Weak {{c1::ties \(index)}} bring {{c2::news \(index)}}.\"\n"
        }
        var gamma = "[deck]\nname = \"Gamma\"\nskill = \"Listening\"\n"
        for index in 0..<10 {
            gamma += "\n[[card]]\nid = \"k\(index)\"\nq = \"Key \(index)?\"\na = \"Value \(index)\"\n"
        }
        return [("decks/a.toml", alpha), ("decks/b.toml", beta), ("decks/c.toml", gamma)]
    }

    /// Six answers to each of 36 cards over four weeks from 1 February, all four ratings, many
    /// cards answered at the same instant; four plain cards are left new.
    static var log: String {
        let keys =
            (0..<10).map { "a/q\($0)" } + (0..<10).map { "a/q\($0)#r" }
            + (0..<5).flatMap { ["b/z\($0)#c1", "b/z\($0)#c2"] } + (0..<6).map { "c/k\($0)" }
        let ratings = ["good", "easy", "hard", "again"]
        let formatter = ISO8601DateFormatter()
        let start = 1_769_936_400  // 2026-02-01 09:00 UTC
        var rows = ["card,reviewed_at,rating,duration_ms"]
        for (index, key) in keys.enumerated() {
            // (day, minute): learnt on the first day, then reviewed, early or late, four times.
            let days = [0, 0, 1 + index % 3, 5 + index % 4, 12 + index % 5, 25 + index % 3]
            for (number, (day, minute)) in zip(days, [0, 10, 0, 0, 0, 0]).enumerated() {
                let seconds = start + (index % 7 + day) * 86_400 + (minute + index % 3) * 60
                let time = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
                let rating = number < 2 ? "good" : ratings[(index + number) % 4]
                rows.append("\(key),\(time),\(rating),\(1000 * (1 + (index + number) % 9))")
            }
        }
        return rows.joined(separator: "\n") + "\n"
    }

    /// Everything a learner reads, from a fresh workspace, each command a process run with
    /// `environment`: (what, output) pairs.
    func outputs(_ environment: [String: String]) throws -> [(what: String, text: String)] {
        let hone = try HoneProcess()
        for deck in Self.decks { try hone.write(deck.path, deck.text) }
        try hone.write("log.csv", Self.log)
        // The deck cache is left out: whether a deck is settled enough to cache depends on timing.
        let environment = environment.merging(["TZ": "UTC", "HONE_NO_CACHE": "1"]) { $1 }
        var outputs: [(what: String, text: String)] = []
        func record(_ what: String, _ arguments: [String], stdin: String = "") throws {
            let result = try hone.run(arguments, environment: environment, stdin: stdin)
            #expect(result.status == 0, "\(what): \(result.stderr)")
            outputs.append((what, result.stdout))
        }
        try record("import", ["log", "import", "log.csv"])
        try record("export", ["log", "export"])
        try record("FSRS export", ["log", "export", "--format", "fsrs"])
        try record("cards", ["cards", "--json", "--now", Self.now])
        try record("status", ["status", "--json", "--now", Self.now])
        try record("stats", ["stats", "--json", "--now", Self.now])
        let ratings = ["good", "again", "easy", "hard"]
        let script = (0..<14).map { "\n\(ratings[$0 % 4])\n" }.joined() + ":quit\n"
        try record("session", ["--now", Self.now], stdin: script)
        // The session's answers, less what hangs on the real clock (a session answer is stamped
        // --now plus the time the session has run, so its id, time and due, and its duration)
        // and the data folder's own random device id. Rows at one instant are exported in id
        // order, and a session's ids hold that device id: the rows are compared sorted (the
        // session's order is in its transcript).
        let after = try hone.run(["log", "export"], environment: environment)
        let lines = after.stdout.split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }
        let varying = ["id", "reviewed_at", "duration_ms", "due", "device"].compactMap {
            lines.first?.firstIndex(of: $0)
        }
        #expect(varying.count == 5, "the export's columns: \(lines.first ?? [])")
        let steady = lines.dropFirst().map { line in
            var fields = line
            for column in varying where column < fields.count { fields[column] = "-" }
            return fields.joined(separator: ",")
        }
        outputs.append(("export after the session", steady.sorted().joined(separator: "\n")))
        return outputs
    }

    @Test func aFixedSeedAndRandomSeedsGiveTheSameOutput() throws {
        let fixed = try outputs(["SWIFT_DETERMINISTIC_HASHING": "1"])
        let text = Dictionary(uniqueKeysWithValues: fixed.map { ($0.what, $0.text) })
        // What is compared is worth comparing: the log went in, the session answered cards.
        #expect(text["import"]?.contains("imported 216 answers for 36 cards") == true, "\(text["import"] ?? "")")
        let rows = { (what: String) in text[what]?.split(separator: "\n").count ?? 0 }
        #expect(rows("export") == 217 && rows("export after the session") == 216 + 14)
        for run in 1...2 {
            // No SWIFT_DETERMINISTIC_HASHING: each process draws its own seed.
            let random = try outputs([:])
            #expect(random.map(\.what) == fixed.map(\.what))
            for (expected, got) in zip(fixed, random) {
                let expectedLines = expected.text.split(separator: "\n", omittingEmptySubsequences: false)
                let gotLines = got.text.split(separator: "\n", omittingEmptySubsequences: false)
                let first = zip(expectedLines, gotLines).first { $0 != $1 }.map { "\($0.0)\n  now: \($0.1)" }
                #expect(
                    expected.text == got.text,
                    "\(expected.what) differs with a random hash seed (run \(run)): \(first ?? "in length")")
            }
        }
    }
}
