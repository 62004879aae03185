import ArgumentParser

extension Hone {
    struct Bury: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Hide cards until tomorrow (the next learning day).",
            discussion: "Recorded in the event log (hone log export shows it); hone undo takes the last one back.")

        @OptionGroup var options: CardActionOptions

        func run() throws { try options.run(.bury, saying: "buried") }
    }
}
