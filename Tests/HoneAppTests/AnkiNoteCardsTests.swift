import HoneAnki
import HoneCore
import Testing

@testable import HoneApp

@Suite("Anki notes as hone cards: the note type's shape, not its name")
struct AnkiNoteCardsTests {
    typealias Template = AnkiNoteType.Template

    static func noteType(
        _ fields: [String], _ templates: [(String, String)], kind: AnkiNoteType.Kind = .standard, name: String = "x"
    ) -> AnkiNoteType {
        AnkiNoteType(
            id: 1, name: name, kind: kind, fields: fields,
            templates: templates.enumerated().map {
                Template(name: "Card \($0.offset + 1)", questionFormat: $0.element.0, answerFormat: $0.element.1)
            })
    }

    @Test func basicIsFrontThenBack() {
        let basic = Self.noteType(["Front", "Back"], [("{{Front}}", "{{FrontSide}}<hr id=answer>{{Back}}")])
        let cards = AnkiNoteCards(noteType: basic)
        #expect(cards.shape == .basic(question: 0, answer: 1, reversed: false))
        #expect(cards.keySuffix(ordinal: 0) == "")
        #expect(cards.keySuffix(ordinal: 1) == nil)
        #expect(cards.unusedFields.isEmpty)
    }

    @Test func aRenamedReversedTypeIsStillReversed() {
        let reversed = Self.noteType(
            ["Vorderseite", "Rückseite"],
            [
                ("{{Vorderseite}}", "{{FrontSide}}<hr id=answer>{{Rückseite}}"),
                ("{{Rückseite}}", "{{FrontSide}}<hr id=answer>{{Vorderseite}}"),
            ], name: "Einfach (mit umgekehrter Karte)")
        let cards = AnkiNoteCards(noteType: reversed)
        #expect(cards.shape == .basic(question: 0, answer: 1, reversed: true))
        #expect(cards.keySuffix(ordinal: 1) == "#r")
    }

    @Test func theOptionalReverseSwitchIsNotAnUnusedField() {
        let optional = Self.noteType(
            ["Front", "Back", "Add Reverse"],
            [
                ("{{Front}}", "{{FrontSide}}<hr id=answer>{{Back}}"),
                ("{{#Add Reverse}}{{Back}}{{/Add Reverse}}", "{{FrontSide}}<hr id=answer>{{Front}}"),
            ])
        let cards = AnkiNoteCards(noteType: optional)
        #expect(cards.shape == .basic(question: 0, answer: 1, reversed: true))
        #expect(cards.unusedFields.isEmpty)
    }

    @Test func typeInTheAnswerTypesTheBack() {
        let typed = Self.noteType(
            ["Front", "Back"], [("{{Front}}\n\n{{type:Back}}", "{{Front}}<hr id=answer>{{Back}}")])
        #expect(AnkiNoteCards(noteType: typed).shape == .typed(question: 0, answer: 1))
    }

    @Test func clozeKeepsItsTextAndBackExtra() {
        let cloze = Self.noteType(
            ["Text", "Back Extra"], [("{{cloze:Text}}", "{{cloze:Text}}<br>\n{{Back Extra}}")], kind: .cloze)
        let cards = AnkiNoteCards(noteType: cloze)
        #expect(cards.shape == .cloze(text: 0, extra: 1))
        #expect(cards.keySuffix(ordinal: 0) == "#c1")
        #expect(cards.keySuffix(ordinal: 2) == "#c3")
        #expect(cards.keySuffix(ordinal: Int.max) == nil)
    }

    @Test func anotherTypeUsesTheFieldsItsFirstTemplateShowsAndNamesTheRest() {
        let vocabulary = Self.noteType(
            ["Word", "Picture", "Meaning", "Notes"],
            [("<div>{{Word}}</div>", "{{FrontSide}}<hr id=answer>{{Picture}}{{text:Meaning}}")])
        let cards = AnkiNoteCards(noteType: vocabulary)
        #expect(cards.shape == .basic(question: 0, answer: 1, reversed: false))
        #expect(cards.unusedFields == [2, 3])
    }

    @Test func guidsBecomeIDsACardCanHold() {
        #expect(AnkiImport.entryID(guid: "f3Kq#/x%") == "f3Kq%23%2Fx%25")
        #expect(AnkiImport.entryID(guid: "a b") == "a%20b")
        #expect(AnkiImport.entryID(guid: "plain-Guid_1") == "plain-Guid_1")
    }

    @Test func deckNamesBecomePathsUnderTheDeckFolder() {
        #expect(AnkiImport.deckPath(ofAnkiDeck: "Languages::French") == "Languages/French")
        #expect(AnkiImport.deckPath(ofAnkiDeck: "A/B::.hidden::") == "A-B/_hidden/_")
    }

    @Test func aStepsLengthIsNotADifferenceAnkiCanTell() {
        func learning(_ seconds: Int) -> PhaseState {
            .learning(LearningState(step: 0, stepSeconds: seconds, due: .instant(1_000)))
        }
        #expect(AnkiImportPlan.sameSchedule(learning(330), learning(60)))
        #expect(
            !AnkiImportPlan.sameSchedule(
                learning(60), .learning(LearningState(step: 1, stepSeconds: 60, due: .instant(1_000)))))
    }
}
