/// A note: the fields that one or more cards are made from.
public struct AnkiNote: Sendable, Equatable {
    public var id: Int64
    /// Stable across collections and exports: what hone derives its card ids from.
    public var guid: String
    public var noteTypeID: Int64
    /// Field values (HTML), by the note type's field ordinal.
    public var fields: [String]
    public var tags: [String]
    /// Seconds since 1970.
    public var modified: Int64

    public init(id: Int64, guid: String, noteTypeID: Int64, fields: [String], tags: [String], modified: Int64) {
        self.id = id
        self.guid = guid
        self.noteTypeID = noteTypeID
        self.fields = fields
        self.tags = tags
        self.modified = modified
    }
}
