/// A note type ("model"): its fields and card templates. hone maps a note by its type's shape
/// (cloze or not, a `{{type:...}}` field, a reversed template), not by its name, which users
/// rename and Anki translates.
public struct AnkiNoteType: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case standard
        case cloze
    }

    /// One card template: the card with this ordinal is made from it.
    public struct Template: Sendable, Equatable {
        public var name: String
        /// The front's template (`{{Front}}`), and the back's (`{{FrontSide}}<hr id=answer>{{Back}}`).
        public var questionFormat: String
        public var answerFormat: String

        public init(name: String, questionFormat: String, answerFormat: String) {
            self.name = name
            self.questionFormat = questionFormat
            self.answerFormat = answerFormat
        }
    }

    public var id: Int64
    public var name: String
    public var kind: Kind
    /// Field names, by ordinal.
    public var fields: [String]
    /// Templates, by ordinal (a cloze type has one).
    public var templates: [Template]

    public init(id: Int64, name: String, kind: Kind, fields: [String], templates: [Template]) {
        self.id = id
        self.name = name
        self.kind = kind
        self.fields = fields
        self.templates = templates
    }
}
