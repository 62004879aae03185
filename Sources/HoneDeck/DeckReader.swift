/// Reads deck files: the TOML subset first, then the schema, collecting every diagnostic.
public enum DeckReader {
    /// Reads one deck from its bytes. `path` is shown in messages; `deckID` is the id the deck
    /// gets when its `[deck]` table names none (its path under the deck folder, without `.toml`).
    public static func read(bytes: [UInt8], path: String, deckID: String) -> DeckFile {
        read(bytes: bytes, path: path, deckID: deckID, options: [.keepDocument, .buildCards])
    }

    /// What a read keeps beyond the diagnostics.
    public struct Options: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// Keep the whole document (for `--json`); otherwise cards are checked as they are read
        /// and dropped, so a large deck is checked in little memory.
        public static let keepDocument = Options(rawValue: 1)
        /// Build the practisable cards; otherwise they are only counted.
        public static let buildCards = Options(rawValue: 2)
    }

    public static func read(bytes: [UInt8], path: String, deckID: String, options: Options) -> DeckFile {
        let source = SourceText(bytes: bytes)
        var schema = DeckSchema(source: source, path: path, buildCards: options.contains(.buildCards))
        let parsed =
            options.contains(.keepDocument)
            ? TOMLReader.parse(bytes)
            : TOMLReader.parse(bytes, streaming: "card") { schema.validateCard($0) }
        guard let document = parsed.document else {
            return DeckFile(
                path: path, source: source, document: nil, diagnostics: parsed.diagnostics, deck: nil, cardCount: 0)
        }
        let (deck, schemaDiagnostics) = schema.finish(document, defaultID: deckID)
        let diagnostics = (parsed.diagnostics + schemaDiagnostics).sorted()
        return DeckFile(
            path: path, source: source, document: options.contains(.keepDocument) ? document : nil,
            diagnostics: diagnostics, deck: deck, cardCount: deck == nil ? 0 : schema.cardCount)
    }

    /// The default id of a deck at `relativePath` under the deck folder: the path without `.toml`.
    public static func defaultID(forRelativePath relativePath: String) -> String {
        relativePath.hasSuffix(".toml") ? String(relativePath.dropLast(5)) : relativePath
    }
}
