import HoneCore
import Testing

@testable import HoneDeck

@Suite("config file")
struct ConfigReaderTests {
    @Test func everyKnobIsSettable() {
        let text = """
            [scheduler]
            preset = "classic"
            learning_steps = ["30s", "5m", "1h"]
            graduating_interval = 2
            easy_interval = 5
            starting_ease = 2.3
            easy_bonus = 1.5
            hard_factor = 1.1
            interval_modifier = 0.9
            relearning_steps = ["15m"]
            lapse_factor = 0.2
            minimum_interval = 2
            max_interval = 3650
            leech_threshold = 6
            leech_action = "suspend"
            fuzz = false
            learn_ahead = "10m"

            [daily]
            new_per_day = 5
            reviews_per_day = 50
            rollover_hour = 3
            """
        let result = ConfigReader.read(Array(text.utf8))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let s = result.settings
        #expect(s.preset == .classic && s.learningSteps.map(\.seconds) == [30, 300, 3600])
        #expect(s.graduatingInterval == 2 && s.easyInterval == 5 && s.startingEase == 2300)
        #expect(s.easyBonus == 1.5 && s.hardFactor == 1.1 && s.intervalModifier == 0.9)
        #expect(s.relearningSteps.map(\.seconds) == [900] && s.lapseFactor == 0.2 && s.minimumInterval == 2)
        #expect(s.maximumInterval == 3650 && s.leechThreshold == 6 && s.leechAction == .suspend)
        #expect(!s.fuzz && s.learnAhead.seconds == 600)
        #expect(s.newPerDay == 5 && s.reviewsPerDay == 50 && s.rolloverHour == 3)
    }

    @Test func theFSRSKnobsAreRead() {
        let weights = FSRSParameters.defaultWeights.enumerated().map { $0.offset == 20 ? "0.2" : "\($0.element)" }
        let text = """
            [scheduler]
            preset = "fsrs"
            desired_retention = 0.85
            parameters = [\(weights.joined(separator: ", "))]
            """
        let result = ConfigReader.read(Array(text.utf8))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.settings.preset == .fsrs && result.settings.desiredRetention == 0.85)
        #expect(result.settings.fsrsParameters.weights.last == 0.2 && result.settings.fsrsParameters.decay == -0.2)
        #expect(SchedulerSettings().fsrsParameters == .default && SchedulerSettings().desiredRetention == 0.9)
    }

    @Test func fsrs5WeightsAreFilledUpAndOutOfRangeOnesClipped() {
        // 19 weights (FSRS-5): fsrs-rs adds w19 = 0 and FSRS-5's decay of 0.5.
        let nineteen = Array(FSRSParameters.defaultWeights.prefix(19)).map(Double.init)
        let filled = try? FSRSParameters.make(nineteen).get()
        #expect(filled?.weights.count == 21 && filled?.weights[19] == 0 && filled?.decay == -0.5)
        // A first stability of 500 days is more than the optimizer's 100: clipped as fsrs-rs does.
        var large = FSRSParameters.defaultWeights.map(Double.init)
        large[0] = 500
        #expect((try? FSRSParameters.make(large).get())?.weights[0] == 100)
    }

    @Test func badFSRSKnobsAreLocated() {
        let text = """
            [scheduler]
            desired_retention = 1.2
            parameters = [1, 2, 3]
            """
        let result = ConfigReader.read(Array(text.utf8))
        let messages = result.diagnostics.map { "\($0.line):\($0.column) \($0.message)" }
        #expect(messages.contains { $0.hasPrefix("2:21") && $0.contains("between 0.7 and 0.99") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("3:14") && $0.contains("21 numbers") && $0.contains("found 3") })
        #expect(result.settings.desiredRetention == 0.9 && result.settings.fsrsParameters == .default)
    }

    @Test func fsrs45WeightsWithoutALogarithmAreRefusedAndNoneMeanTheDefaults() {
        // FSRS-4.5's w5 below -1/3 has no logarithm once filled up (fsrs-rs checks after filling).
        var seventeen = FSRSParameters.defaultWeights.prefix(17).map { "\($0)" }
        seventeen[5] = "-0.5"
        let text = "[scheduler]\nparameters = [\(seventeen.joined(separator: ", "))]\n"
        let result = ConfigReader.read(Array(text.utf8))
        #expect(result.diagnostics.contains { $0.line == 2 && $0.message.contains("finite") }, "\(result.diagnostics)")
        #expect(result.settings.fsrsParameters == .default)
        let empty = ConfigReader.read(Array("[scheduler]\nparameters = []\n".utf8))
        #expect(empty.diagnostics.isEmpty && empty.settings.fsrsParameters == .default, "as fsrs-rs and Anki")
    }

    @Test func anEmptyConfigGivesAnkisDefaults() {
        let s = ConfigReader.read([]).settings
        #expect(s == SchedulerSettings())
        #expect(s.learningSteps.map(\.seconds) == [60, 600] && s.relearningSteps.map(\.seconds) == [600])
        #expect(s.graduatingInterval == 1 && s.easyInterval == 4 && s.startingEase == 2500)
        #expect(
            s.maximumInterval == 36_500 && s.leechThreshold == 8 && s.fuzz && s.newPerDay == 20
                && s.reviewsPerDay == 200)
    }

    @Test func badValuesAreLocatedAndKeepTheDefault() {
        let marked = Marked("[scheduler]\nlearning_steps = [\"1m\", ‸\"10 minutes\"]\nfuzz = true\n")
        let result = ConfigReader.read(marked.bytes)
        let error = result.diagnostics.first
        #expect(error?.line == marked.line && error?.column == marked.column)
        #expect(error?.message.contains("not a duration") == true)
        #expect(result.settings.learningSteps.map(\.seconds) == [60, 600])
        let typo = ConfigReader.read(Array("[scheduler]\nmax_intervall = 10\n".utf8))
        #expect(typo.diagnostics.first?.message.contains("did you mean \"max_interval\"") == true)
    }

    @Test func theDeckSizeLimitIsSettableAndDefaultsTo64MB() {
        #expect(ConfigReader.read([]).deckSizeLimit == 64 * 1024 * 1024)
        let set = ConfigReader.read(Array("[decks]\nmax_file_size = 1_000_000\n".utf8))
        #expect(set.diagnostics.isEmpty && set.deckSizeLimit == 1_000_000)
        let marked = Marked("[decks]\nmax_file_size = ‸0\n")
        let bad = ConfigReader.read(marked.bytes)
        #expect(bad.deckSizeLimit == 64 * 1024 * 1024)
        #expect(bad.diagnostics.first?.line == marked.line && bad.diagnostics.first?.column == marked.column)
        #expect(bad.diagnostics.first?.message.contains("must be between 1 and") == true)
        let typo = ConfigReader.read(Array("[decks]\nmax_filesize = 10\n".utf8))
        #expect(typo.diagnostics.first?.message.contains("did you mean \"max_file_size\"") == true)
    }

    @Test func theSyncFolderIsAStringWhenGiven() {
        #expect(ConfigReader.read([]).syncFolder == nil)
        let set = ConfigReader.read(Array("[sync]\nfolder = \"~/Sync/hone\"\n".utf8))
        #expect(set.diagnostics.isEmpty && set.syncFolder == "~/Sync/hone")
        let marked = Marked("[sync]\nfolder = ‸3\n")
        let bad = ConfigReader.read(marked.bytes)
        #expect(bad.syncFolder == nil)
        #expect(bad.diagnostics.first?.line == marked.line && bad.diagnostics.first?.column == marked.column)
        #expect(bad.diagnostics.first?.message.contains("must be a string") == true)
        let typo = ConfigReader.read(Array("[sync]\nfolders = \"x\"\n".utf8))
        #expect(typo.diagnostics.first?.message.contains("did you mean \"folder\"") == true)
    }
}
