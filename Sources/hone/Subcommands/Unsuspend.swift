import ArgumentParser

extension Hone {
    struct Unsuspend: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Lift the suspension of cards, so they are practised again.",
            discussion: "Recorded in the event log (hone log export shows it); hone undo takes the last one back.")

        @OptionGroup var options: CardActionOptions

        func run() throws { try options.run(.unsuspend, saying: "unsuspended") }
    }
}
