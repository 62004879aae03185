import ArgumentParser

@main
struct Hone: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hone",
        abstract: "Spaced-repetition practice for the skills you are building.",
        version: "0.1.0",
        subcommands: [Check.self]
    )
}
