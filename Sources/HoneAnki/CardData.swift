/// What hone reads from a card's `data` column (JSON, written by Anki's scheduler): the FSRS
/// memory state, kept only when both halves are there, as Anki does. Stored as 32-bit floats by
/// Anki, so read through `Float` to be the very values Anki works with.
struct CardData {
    var stability: Double?
    var difficulty: Double?

    init(json: String) {
        // Most cards' data is empty or `{}`: skip the parser for them.
        guard json.utf8.count > 2, let object = JSONValues.object(json),
            let stability = JSONValues.number(object["s"]), let difficulty = JSONValues.number(object["d"])
        else { return }
        self.stability = Double(Float(stability))
        self.difficulty = Double(Float(difficulty))
    }
}
