import ArgumentParser

extension Hone {
    /// Cards from other formats; `hone log import` takes answers, this takes cards.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Make cards from another program's files: CSV, TSV, Anki's plain-text export, Anki packages.",
            subcommands: [CSV.self, Anki.self])
    }
}
