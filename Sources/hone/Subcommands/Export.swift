import ArgumentParser

extension Hone {
    /// Cards and progress for other programs; `hone log export` writes the review log alone.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write decks (and your progress) for another program: Anki.",
            subcommands: [Anki.self])
    }
}
