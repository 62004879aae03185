import ArgumentParser

extension Hone {
    struct Suspend: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Hide cards from practice until you lift the suspension.",
            discussion: "Recorded in the event log (hone log export shows it); hone undo takes the last one back.")

        @OptionGroup var options: CardActionOptions

        func run() throws { try options.run(.suspend, saying: "suspended") }
    }
}
