import ArgumentParser

extension Hone {
    struct Forget: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send cards back to new, to be learned from the start; their history stays in the log.",
            discussion: "Recorded in the event log (hone log export shows it); hone undo takes the last one back.")

        @OptionGroup var options: CardActionOptions

        func run() throws { try options.run(.forget, saying: "forgotten") }
    }
}
