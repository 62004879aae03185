import HoneAnki
import Testing

@Suite struct AnkiDeckTests {
    @Test func aNestedNameSplitsIntoItsLevels() {
        #expect(AnkiDeck(id: 1, name: "Languages::French::Verbs").path == ["Languages", "French", "Verbs"])
        #expect(AnkiDeck(id: 1, name: "Default").path == ["Default"])
    }
}
