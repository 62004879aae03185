import HoneCore
import HoneDeck
import Testing

@testable import HoneApp

/// `hone optimize --save`'s edit of the config file: only `parameters` changes, wherever and
/// however it was written, and the result reads back as the weights saved.
@Suite("the config file's weights, edited")
struct ConfigWeightsTests {
    static let weights: [Float] = [
        0.4, 1.8, 3.5, 11.9, 6.7, 0.62, 2.3, 0.015, 1.65, 0.13, 0.9, 1.7, 0.08, 0.32, 1.45, 0.5, 2.1, 0.6, 0.2, 0.1,
        0.22,
    ]

    static func readBack(_ text: String) -> [Float] {
        ConfigReader.read(Array(text.utf8)).settings.fsrsParameters.weights
    }

    @Test func anEmptyFileGetsTheTable() {
        let text = ConfigWeights.edited("", weights: Self.weights)
        #expect(text.hasPrefix("[scheduler]\nparameters = [0.4, 1.8,"))
        #expect(Self.readBack(text) == Self.weights)
    }

    @Test func aFileWithoutTheTableKeepsItsLinesAndGetsItAtTheEnd() {
        let original = "# mine\n[daily]\nnew_per_day = 5"
        let text = ConfigWeights.edited(original, weights: Self.weights)
        #expect(text.hasPrefix(original + "\n\n[scheduler]\nparameters = ["))
        #expect(Self.readBack(text) == Self.weights)
        #expect(ConfigReader.read(Array(text.utf8)).settings.newPerDay == 5)
    }

    @Test func theKeyIsAddedUnderTheTableWhenItHasNone() {
        let original = "[scheduler]\npreset = \"fsrs\"\n\n[daily]\nnew_per_day = 5\n"
        let text = ConfigWeights.edited(original, weights: Self.weights)
        #expect(text.hasPrefix("[scheduler]\nparameters = ["))
        #expect(text.hasSuffix("preset = \"fsrs\"\n\n[daily]\nnew_per_day = 5\n"))
        #expect(Self.readBack(text) == Self.weights)
    }

    @Test func aValueOverSeveralLinesIsReplacedWhereItWasWithItsComment() {
        let original = """
            [scheduler]
            preset = "fsrs"
              parameters = [
                1, 2, 3, 4, 5, 0.5, 1, 0.1, 1, 0.1, 1, 1, 0.1, 0.1, 1, 0.5, 2, 0.5, 0.1, 0.1,
                0.2,  # a note inside
              ]  # mine
            desired_retention = 0.85
            [sync]
            folder = "x"

            """
        let text = ConfigWeights.edited(original, weights: Self.weights)
        #expect(Self.readBack(text) == Self.weights)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[2].hasPrefix("  parameters = [0.4, 1.8,") && lines[2].hasSuffix("]  # mine"), "\(text)")
        #expect(lines[3...] == ["desired_retention = 0.85", "[sync]", "folder = \"x\"", ""], "\(text)")
    }

    @Test func aFileWithWindowsLineEndsIsEditedAndKeepsThem() {
        let original = "[scheduler]\r\npreset = \"fsrs\"\r\n\r\n[daily]\r\nnew_per_day = 5\r\n"
        let text = ConfigWeights.edited(original, weights: Self.weights)
        #expect(text.hasPrefix("[scheduler]\r\nparameters = ["))
        #expect(text.hasSuffix("preset = \"fsrs\"\r\n\r\n[daily]\r\nnew_per_day = 5\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "no bare line end added")
        #expect(Self.readBack(text) == Self.weights)
    }

    @Test func everyWeightReadsBackAsTheSameFloat() {
        let awkward: [Float] = Self.weights.map { $0.nextUp / 3 }
        let text = ConfigWeights.edited("", weights: awkward)
        let expected = FSRSParameters.make(awkward.map(Double.init))
        #expect(Self.readBack(text) == (try? expected.get())?.weights)
    }
}
