import ArgumentParser
import HoneApp
import HoneReport

extension Hone {
    struct Simulate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Play your next days of practice forward at one or more desired retentions.",
            discussion: """
                Your cards, as your log leaves them, are reviewed day by day by FSRS's \
                simulator (the one in fsrs-rs and Anki): each answer is drawn at random from the \
                card's chance of recall, each card is then scheduled at the retention, new cards \
                come in at --new-per-day. Answer times and button choices are fsrs-rs's averages \
                of many Anki users; the weights are the config's [scheduler] parameters. A higher \
                retention means more reviews for more cards known.

                Per retention: reviews and new cards a day (averages), minutes a day, the cards \
                known at the end (the sum of their chances of recall) and the answers in all \
                (reviews and first answers; learning steps count in the minutes only).

                Examples:
                  hone simulate                              at the config's desired_retention
                  hone simulate --retention 0.8 0.9 0.95     three at once
                  hone simulate --days 90 --new-per-day 10 --json
                  hone simulate --optimal                    and the cheapest retention
                """)

        @OptionGroup var global: GlobalOptions

        @Option(
            parsing: .upToNextOption,
            help: ArgumentHelp(
                "Desired retentions to simulate, 0.70 to 0.99 (default: the config's desired_retention).",
                valueName: "r"))
        var retention: [Float] = []

        @Option(help: ArgumentHelp("Days to simulate, today first (1 to 36500).", valueName: "n"))
        var days = 365

        @Option(help: ArgumentHelp("New cards a day at most (default: [daily] new_per_day).", valueName: "n"))
        var newPerDay: Int?

        @Flag(help: "Also search 0.70-0.95 for the retention with the least time per card known (fsrs-rs's method).")
        var optimal = false

        @Option(help: ArgumentHelp("The random seed: the same seed gives the same figures.", valueName: "n"))
        var seed: UInt64 = 42

        @Flag(help: "Print the figures as JSON.")
        var json = false

        var request: SimulationRun.Request {
            SimulationRun.Request(
                retentions: retention.isEmpty ? nil : retention, days: days, newPerDay: newPerDay, optimal: optimal,
                seed: seed)
        }

        func validate() throws {
            if let problem = request.problem { throw ValidationError(problem) }
        }

        func run() throws {
            let run = try SimulationRun.run(try global.workspace(), request)
            try Output.write(json ? SimulationText.json(run) : SimulationText.table(run))
        }
    }
}
