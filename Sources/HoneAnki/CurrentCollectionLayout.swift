import GRDB

/// Anki's current layout (schema 15 to 18; packages carry 18): note types, their fields and
/// templates, and decks in tables of their own, with protobuf blobs for what is not a column
/// (`proto/anki/notetypes.proto`, `decks.proto`), and settings as JSON values in `config`.
enum CurrentCollectionLayout {
    /// `Notetype.Config.kind` (field 1): 1 is cloze.
    private static let noteTypeKindField: UInt64 = 1
    /// `Notetype.Template.Config`: the front's and the back's templates.
    private static let questionFormatField: UInt64 = 1
    private static let answerFormatField: UInt64 = 2
    /// `Deck.KindContainer`: field 1 a normal deck, field 2 a filtered one.
    private static let filteredKindField: UInt64 = 2

    static func rolloverHour(_ db: Database) throws -> Int? {
        var value: Any?
        try StatementColumns.forEachRow(db, "SELECT val FROM config WHERE key = 'rollover'") { row in
            value = JSONValues.fragment(String(decoding: row.bytes(0), as: UTF8.self))
        }
        return RolloverHour.from(value)
    }

    static func noteTypes(_ db: Database) throws -> [Int64: AnkiNoteType] {
        var noteTypes: [Int64: AnkiNoteType] = [:]
        try StatementColumns.forEachRow(db, "SELECT id, name, config FROM notetypes") { row in
            let id = try row.integer(0, "notetypes.id")
            guard let config = ProtobufReader.fields(of: row.bytes(2)) else {
                throw AnkiCollectionReader.Failure.damaged("the config of note type \(id) is not readable")
            }
            let isCloze = config.contains { $0.number == noteTypeKindField && $0.value.integer == 1 }
            noteTypes[id] = AnkiNoteType(
                id: id, name: try row.text(1, "notetypes.name"), kind: isCloze ? .cloze : .standard, fields: [],
                templates: [])
        }
        try StatementColumns.forEachRow(db, "SELECT ntid, name FROM fields ORDER BY ntid, ord") { row in
            noteTypes[try row.integer(0, "fields.ntid")]?.fields.append(try row.text(1, "fields.name"))
        }
        try StatementColumns.forEachRow(db, "SELECT ntid, name, config FROM templates ORDER BY ntid, ord") { row in
            let noteType = try row.integer(0, "templates.ntid")
            guard let config = ProtobufReader.fields(of: row.bytes(2)) else {
                throw AnkiCollectionReader.Failure.damaged(
                    "a template's config of note type \(noteType) is not readable")
            }
            noteTypes[noteType]?.templates.append(
                AnkiNoteType.Template(
                    name: try row.text(1, "templates.name"),
                    questionFormat: config.last { $0.number == questionFormatField }?.value.text ?? "",
                    answerFormat: config.last { $0.number == answerFormatField }?.value.text ?? ""))
        }
        return noteTypes
    }

    static func decks(_ db: Database) throws -> [Int64: AnkiDeck] {
        var decks: [Int64: AnkiDeck] = [:]
        try StatementColumns.forEachRow(db, "SELECT id, name, kind FROM decks") { row in
            let id = try row.integer(0, "decks.id")
            guard let kind = ProtobufReader.fields(of: row.bytes(2)) else {
                throw AnkiCollectionReader.Failure.damaged("the kind of deck \(id) is not readable")
            }
            // Levels are joined by U+001F in this layout, by "::" everywhere else.
            let name = try row.pieces(1, "decks.name", separator: 0x1F).joined(separator: "::")
            decks[id] = AnkiDeck(id: id, name: name, isFiltered: kind.contains { $0.number == filteredKindField })
        }
        return decks
    }
}
