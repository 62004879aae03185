import ArgumentParser
import Foundation
import HoneApp
import HoneCore
import HoneDeck
import HoneReport

extension Hone {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Append a card to a deck file, from the command line or in your editor.",
            discussion: """
                DECK is a deck file under the deck folder, with or without .toml, as for `hone new`; \
                it must exist. The card is appended as a [[card]] table with an id (--id, or one made \
                from its text as `hone check --fix-ids` makes it); every other byte of the file is \
                kept. The deck is then checked: a card that would give the deck an error (a \
                duplicate id, a missing answer) is not written, and the errors are shown.

                Each type takes its own fields: basic and typed -q and -a (typed also --accept), \
                cloze --text, choice -q, --choice for each option and -a for the right one, practice \
                --prompt, --rubric for each point and --example. Every type takes --tag, --hint and \
                --explain. With no field given, $EDITOR (then $VISUAL, then vi) opens on a commented \
                card of the type, as `git commit` opens a message: the lines starting with '#' are \
                dropped, and an empty text adds nothing.

                Examples:
                  hone add spanish -q "the house" -a "la casa" --tag nouns
                  hone add spanish --type typed -q "to eat" -a comer --accept "comer (to eat)"
                  hone add spanish --type cloze --text "{{c1::Hablo}} español."
                  hone add quiz --type choice -q "2 + 2?" --choice 3 --choice 4 -a 4
                  hone add drills --type practice --prompt "Explain a hash map" --rubric buckets
                  hone add languages/spanish --type cloze     opens your editor on a cloze card
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(
            help: ArgumentHelp("The deck's file under the deck folder, e.g. languages/spanish.", valueName: "deck"))
        var deck: String

        @Option(help: ArgumentHelp("basic, typed, cloze, choice or practice.", valueName: "type"))
        var type: CardKind = .basic

        @Option(help: ArgumentHelp("The card's id (default: made from its text).", valueName: "id"))
        var id: String?

        @Option(name: [.short, .customLong("question")], help: "The question (basic, typed, choice).")
        var question: String?

        @Option(
            name: [.short, .customLong("answer")], help: "The answer (basic, typed), or the right option (choice).")
        var answer: String?

        @Option(help: "Another answer that counts (typed; repeat it for each).")
        var accept: [String] = []

        @Option(help: "The text with its gaps, {{c1::answer}} (cloze).")
        var text: String?

        @Option(help: "An option (choice; repeat it for each, in order).")
        var choice: [String] = []

        @Option(help: "The task (practice).")
        var prompt: String?

        @Option(help: "A point to rate yourself against (practice; repeat it for each).")
        var rubric: [String] = []

        @Option(help: "A good attempt (practice).")
        var example: String?

        @Flag(help: "Also ask the other way round, from the answer to the question (basic).")
        var reverse = false

        @Option(help: "A hint, shown when asked for with :hint.")
        var hint: String?

        @Option(help: "Shown after the answer.")
        var explain: String?

        @Option(help: "A tag (repeat it for each).")
        var tag: [String] = []

        /// The card as given; a choice card's -a is its `answer`, the others' is `a`.
        var draft: CardDraft {
            var draft = CardDraft(kind: type)
            draft.set(.q, question)
            draft.set(type == .choice ? .answer : .a, answer)
            draft.set(.accept, accept)
            draft.set(.text, text)
            draft.set(.choices, choice)
            draft.set(.prompt, prompt)
            draft.set(.rubric, rubric)
            draft.set(.example, example)
            draft.set(.reverse, reverse)
            draft.set(.hint, hint)
            draft.set(.explain, explain)
            return draft
        }

        func validate() throws {
            if let refusal = DeckTemplate.refusal(ofDeck: deck) { throw ValidationError(refusal) }
            if let misplaced = draft.misplaced.first {
                throw ValidationError("a \(type.rawValue) card takes no \(misplaced.rawValue); see hone add --help")
            }
        }

        func run() throws {
            let workspace = Workspace(global.locations, now: Date(), notify: Hone.print)
            switch try DeckAppend.add(
                draft, id: id, tags: tag, toDeck: deck, workspace: workspace, terminal: .forStandardError())
            {
            case .empty: Hone.fail("nothing added: the card was empty")
            case .refused(let path, let report, let kept):
                if !report.isEmpty { Output.error(report) }
                let keptText = kept.map { "; your card is kept in \(VisibleText.make($0))" } ?? ""
                Hone.fail("nothing added to \(VisibleText.make(path)): the deck would have errors\(keptText)")
            case .added(let key, let path, let report):
                if !report.isEmpty { Output.error(report) }
                try Output.out("added \(VisibleText.make(key)) to \(VisibleText.make(path))")
            }
        }
    }
}

extension CardKind: ExpressibleByArgument {}
