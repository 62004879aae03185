/// Schema 11, Anki's legacy layout (`collection.anki2` and `.anki21`): the note types, the decks
/// and the settings are JSON objects in the `col` row, keyed by id. Read leniently, as Anki's
/// serde does (numbers as strings, a missing `type` as standard), but a note type without a
/// name or a deck without one is damage.
struct LegacyCollectionLayout {
    var rolloverHour: Int?
    var noteTypes: [Int64: AnkiNoteType] = [:]
    var decks: [Int64: AnkiDeck] = [:]

    init(configuration: String, noteTypes models: String, decks deckObjects: String) throws(AnkiCollectionReader
        .Failure)
    {
        rolloverHour = JSONValues.object(configuration).flatMap { RolloverHour.from($0["rollover"]) }
        guard let models = JSONValues.object(models) else { throw .damaged("col.models is not a JSON object") }
        for (key, value) in models {
            guard let model = value as? [String: Any], let id = Self.id(key: key, object: model),
                let name = JSONValues.string(model["name"])
            else { throw .damaged("col.models has a note type without an id or a name (\(key))") }
            // Fields and templates in the array's order, which is their ordinal (Anki renumbers
            // `ord` from the position).
            noteTypes[id] = AnkiNoteType(
                id: id, name: name, kind: JSONValues.integer(model["type"]) == 1 ? .cloze : .standard,
                fields: JSONValues.array(model["flds"]).map { JSONValues.string($0["name"]) ?? "" },
                templates: JSONValues.array(model["tmpls"]).map {
                    AnkiNoteType.Template(
                        name: JSONValues.string($0["name"]) ?? "", questionFormat: JSONValues.string($0["qfmt"]) ?? "",
                        answerFormat: JSONValues.string($0["afmt"]) ?? "")
                })
        }
        guard let deckObjects = JSONValues.object(deckObjects) else { throw .damaged("col.decks is not a JSON object") }
        for (key, value) in deckObjects {
            guard let deck = value as? [String: Any], let id = Self.id(key: key, object: deck),
                let name = JSONValues.string(deck["name"])
            else { throw .damaged("col.decks has a deck without an id or a name (\(key))") }
            // `dyn` is 0 or 1, or a boolean in files some versions wrote.
            decks[id] = AnkiDeck(id: id, name: name, isFiltered: (JSONValues.number(deck["dyn"]) ?? 0) != 0)
        }
    }

    /// The object's key is its id; the `id` inside says the same, and stands in for a bad key.
    private static func id(key: String, object: [String: Any]) -> Int64? {
        Int64(key) ?? JSONValues.integer(object["id"])
    }
}
