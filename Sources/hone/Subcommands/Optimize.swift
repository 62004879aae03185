import ArgumentParser
import HoneApp
import HoneReport

extension Hone {
    struct Optimize: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fit FSRS-6's weights to your review log.",
            discussion: """
                Learns the 21 weights of the fsrs preset from your own answers, as Anki's \
                "Optimize" does (fsrs-rs 6.6.1's optimizer, Anki's settings), and prints how well \
                the current and the fitted weights predict your log: log loss and RMSE(bins), \
                lower is better. A review counts when it is on a later day than the card's previous \
                answer and the card was first learnt in hone; at least 64 are needed.

                Examples:
                  hone optimize           compare the weights, change nothing
                  hone optimize --save    also write the fitted ones into the config file

                --save sets [scheduler] parameters = [...] and keeps the rest of the file as \
                written (the file is made when there is none).

                The weights take effect with [scheduler] preset = "fsrs". If the fitted weights \
                predict your log no better than the current ones, the current ones are kept. \
                See the README ("hone optimize") for the data preparation and --json's fields.
                """)

        @OptionGroup var global: GlobalOptions

        @Flag(help: "Write the fitted weights into the config file's [scheduler] table.")
        var save = false

        @Flag(help: "Print JSON instead of text.")
        var json = false

        func run() throws {
            let workspace = try global.workspace()
            let r = try HoneApp.Optimize.run(workspace, save: save)
            let text = OptimizeText(r, configFile: workspace.locations.configFile)
            try Output.out(json ? text.json() : text.text())
        }
    }
}
