import Foundation
import Testing

/// `hone optimize`: refuses a log too small to learn from, and `--save` writes weights the
/// config file then gives back, the rest of the file kept as written.
@Suite("hone optimize")
struct OptimizeCommandTests {
    /// A review log CSV: `cards` cards each learnt on its own day (Good, then Good ten minutes
    /// later), then reviewed on growing intervals; about two answers in five fail, far more
    /// than FSRS's defaults expect, so that fitting has something to find.
    static func log(cards: Int) -> String {
        let start = 1_767_261_600  // 2026-01-01T10:00:00Z
        var rows = ["card,reviewed_at,rating"]
        func row(_ card: Int, _ seconds: Int, _ rating: String) {
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            rows.append("d/c\(card),\(date.ISO8601Format()),\(rating)")
        }
        for card in 0..<cards {
            var day = card % 40
            row(card, start + day * 86_400, "good")
            row(card, start + day * 86_400 + 600, "good")
            for review in 0..<6 {
                day += [1, 2, 3, 5, 8, 13][review]
                let failed = (card * 7 + review * 3) % 5 < 2
                row(card, start + day * 86_400, failed ? "again" : "good")
                if failed { row(card, start + day * 86_400 + 600, "good") }
            }
        }
        return rows.joined(separator: "\n") + "\n"
    }

    @Test func aSmallLogIsRefused() throws {
        let hone = try HoneProcess()
        try hone.write("log.csv", Self.log(cards: 8))
        let imported = try hone.run(["log", "import", "log.csv"], environment: ["TZ": "UTC"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let result = try hone.run(["optimize", "--save"], environment: ["TZ": "UTC"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("needs at least 64 reviews"), "\(result.stderr)")
        #expect(
            !FileManager.default.fileExists(atPath: hone.home.appendingPathComponent(".config/hone/config.toml").path))
    }

    @Test func suspendedCardsAreLeftOutAsAnkiLeavesThemOut() throws {
        let hone = try HoneProcess()
        try hone.write("log.csv", Self.log(cards: 40))
        _ = try hone.run(["log", "import", "log.csv"], environment: ["TZ": "UTC"])
        func cardsFitted() throws -> Int? {
            let run = try hone.run(["optimize", "--json"], environment: ["TZ": "UTC"])
            #expect(run.status == 0, "\(run.stderr)")
            let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
            return json?["cards"] as? Int
        }
        let all = try cardsFitted()
        let suspended = try hone.run(["suspend", "d/c0", "d/c1", "d/c2"], environment: ["TZ": "UTC"])
        #expect(suspended.status == 0, "\(suspended.stderr)")
        let after = try cardsFitted()
        #expect(all == 40 && after == 37, "\(String(describing: all)) then \(String(describing: after))")
    }

    @Test func savedWeightsAreTheConfigsAndTheRestOfItStays() throws {
        let hone = try HoneProcess()
        try hone.write("log.csv", Self.log(cards: 150))
        let config = """
            # my settings
            [daily]
            new_per_day = 7  # fewer

            [scheduler]
            preset = "fsrs"
            desired_retention = 0.85
            parameters = [
              0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
              1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
            ]  # Anki's defaults

            [sync]
            folder = "~/Sync/hone"

            """
        try hone.write(".config/hone/config.toml", config)
        #expect(try hone.run(["log", "import", "log.csv"], environment: ["TZ": "UTC"]).status == 0)
        let saved = try hone.run(["optimize", "--save", "--json"], environment: ["TZ": "UTC"])
        #expect(saved.status == 0, "\(saved.stderr)")
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(saved.stdout.utf8)) as? [String: Any], "\(saved.stdout)")
        let best = try #require(report["best"] as? [Double])
        let fitted = try #require(report["fitted"] as? [String: Any])
        let current = try #require(report["current"] as? [String: Any])
        let fittedLoss = try #require(fitted["log_loss"] as? Double)
        let currentLoss = try #require(current["log_loss"] as? Double)
        // A learner who forgets this much is predicted better by weights fitted to them.
        #expect(fittedLoss < currentLoss)
        #expect(best == fitted["parameters"] as? [Double])
        let written = String(decoding: try hone.read(".config/hone/config.toml"), as: UTF8.self)
        for kept in [
            "# my settings", "new_per_day = 7  # fewer", "desired_retention = 0.85", "# Anki's defaults",
            "folder = \"~/Sync/hone\"",
        ] {
            #expect(written.contains(kept), "\(written)")
        }
        #expect(!written.contains("0.8334"), "the old weights are replaced: \(written)")
        // Read back: the weights in use are now the saved ones.
        let again = try hone.run(["optimize", "--json"], environment: ["TZ": "UTC"])
        #expect(again.status == 0, "\(again.stderr)")
        let second = try #require(
            try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any], "\(again.stdout)")
        let inUse = try #require(second["current"] as? [String: Any])
        #expect(inUse["parameters"] as? [Double] == best)
        #expect(inUse["log_loss"] as? Double == fittedLoss)
        // Fitted again, the weights are the ones in use: --save leaves the file as it is.
        let resaved = try hone.run(["optimize", "--save"], environment: ["TZ": "UTC"])
        #expect(resaved.status == 0, "\(resaved.stderr)")
        #expect(resaved.stdout.contains("the fitted weights are the ones already in use"), "\(resaved.stdout)")
        #expect(String(decoding: try hone.read(".config/hone/config.toml"), as: UTF8.self) == written)
    }

    @Test func withoutAConfigFileSaveMakesOne() throws {
        let hone = try HoneProcess()
        try hone.write("log.csv", Self.log(cards: 150))
        #expect(try hone.run(["log", "import", "log.csv"], environment: ["TZ": "UTC"]).status == 0)
        let saved = try hone.run(["optimize", "--save"], environment: ["TZ": "UTC"])
        #expect(saved.status == 0, "\(saved.stderr)")
        #expect(saved.stdout.contains("saved to"), "\(saved.stdout)")
        #expect(saved.stdout.contains("preset = \"fsrs\""), "says the weights need the fsrs preset: \(saved.stdout)")
        let written = String(decoding: try hone.read(".config/hone/config.toml"), as: UTF8.self)
        #expect(written.hasPrefix("[scheduler]\nparameters = ["), "\(written)")
    }
}
