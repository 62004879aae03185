import ArgumentParser
import HoneApp
import HoneReport

extension Hone {
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start a deck: write DECK.toml in the deck folder, one commented card of every type.",
            discussion: """
                DECK is a path under the deck folder, with or without .toml; its folders are made \
                as needed. The file teaches the deck format by example and passes `hone check` as \
                it is: edit its cards into your own. An existing file is never replaced.

                Examples:
                  hone new spanish                          writes DECKS/spanish.toml
                  hone new languages/spanish --skill Spanish --name "Spanish verbs"
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(
            help: ArgumentHelp("The deck's file under the deck folder, e.g. languages/spanish.", valueName: "deck"))
        var deck: String

        @Option(help: ArgumentHelp("The deck's name (default: from the file name).", valueName: "name"))
        var name: String?

        @Option(help: ArgumentHelp("The skill the deck builds (default: its name).", valueName: "skill"))
        var skill: String?

        func validate() throws {
            let refusal =
                DeckTemplate.refusal(ofDeck: deck) ?? name.flatMap { DeckTemplate.refusal(of: $0, givenAs: "--name") }
                ?? skill.flatMap { DeckTemplate.refusal(of: $0, givenAs: "--skill") }
            if let refusal { throw ValidationError(refusal) }
        }

        func run() throws {
            let template = DeckTemplate(name: name, skill: skill)
            let path = try NewDeck.create(deck, template: template, deckFolder: global.locations.deckFolder)
            try Output.out(
                "wrote \(VisibleText.make(path)); edit its cards, then run `hone check \(VisibleText.make(path))`")
        }
    }
}
