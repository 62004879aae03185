import ArgumentParser
import HoneApp
import HoneReport

extension Hone {
    struct StatsCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stats",
            abstract: "Show your progress: streaks, a heatmap, what is coming due, retention, the skill mix.",
            discussion: """
                Without options, prints the figures for the terminal (80 columns). --json prints \
                all of them as one object, --csv one row per day (date,answers,correct,new,\
                time_seconds,due) for spreadsheets, and --html FILE writes one self-contained \
                page with SVG charts. The README documents every figure and the JSON schema.

                Examples:
                  hone stats                      everything, all decks
                  hone stats listening --days 90  one skill, totals over 90 days
                  hone stats --csv --days 365 > progress.csv
                  hone stats --html progress.html
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(
            help: ArgumentHelp("Only these decks or skills (deck id, deck name or skill).", valueName: "deck-or-skill"))
        var filters: [String] = []

        @Option(
            help: ArgumentHelp("Only the cards with this tag (repeat for several: all must hold).", valueName: "tag"))
        var tag: [String] = []

        @Option(
            help: ArgumentHelp(
                "Days (today included) the period totals and the CSV/JSON day rows cover.", valueName: "n"))
        var days = 30

        @Flag(help: "Print every figure as JSON.")
        var json = false

        @Flag(help: "Print one CSV row per day: date,answers,correct,new,time_seconds,due.")
        var csv = false

        @Option(
            help: ArgumentHelp("Write a self-contained HTML report with SVG charts to this file.", valueName: "file"))
        var html: String?

        func validate() throws {
            guard (1...36_500).contains(days) else { throw ValidationError("--days: expected 1 to 36500, got \(days)") }
            let formats = [json, csv, html != nil].filter { $0 }.count
            if formats > 1 { throw ValidationError("--json, --csv and --html: choose one") }
            if html == "" { throw ValidationError("--html: expected a file name") }
        }

        func run() throws {
            let workspace = try global.workspace()
            let stats = try StatsQuery.compute(workspace, filters: filters, tags: tag, days: days)
            // The tags are part of what the figures cover, and say so.
            let scopeWords = filters + tag.map { "tag:" + $0 }
            let scope = StatsText.scope(filters: scopeWords)
            if json {
                try Output.out(StatsExport.json(stats, clock: workspace.clock, filters: scopeWords))
            } else if csv {
                try Output.write(StatsExport.csv(stats, clock: workspace.clock))
            } else if let html {
                let page = StatsHTML.render(stats, clock: workspace.clock, scope: scope)
                try TextFile.write(page, to: html)
                try Output.out(StatsHTML.written(page, to: html))
            } else {
                try Output.out(
                    StatsText(stats: stats, clock: workspace.clock, terminal: .forStandardOutput(), scope: scope)
                        .render())
            }
        }
    }
}
