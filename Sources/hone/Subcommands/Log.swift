import ArgumentParser

extension Hone {
    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "log",
            abstract: "Export or import the review log, the record of every answer.",
            subcommands: [Export.self, Import.self])
    }
}
