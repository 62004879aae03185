/// Reads deck files: the TOML subset first, then the schema, collecting every diagnostic.
public enum DeckReader {
    /// Reads one deck from its bytes. `path` is shown in messages; `deckID` is the id the deck
    /// gets when its `[deck]` table names none (its path under the deck folder, without `.toml`).
    public static func read(bytes: [UInt8], path: String, deckID: String) -> DeckFile {
        let parsed = TOMLReader.parse(bytes)
        let source = SourceText(bytes: bytes)
        guard let document = parsed.document else {
            return DeckFile(path: path, source: source, document: nil, diagnostics: parsed.diagnostics, deck: nil)
        }
        var schema = DeckSchema(source: source, path: path)
        let (deck, schemaDiagnostics) = schema.validate(document, defaultID: deckID)
        let diagnostics = (parsed.diagnostics + schemaDiagnostics).sorted()
        return DeckFile(path: path, source: source, document: document, diagnostics: diagnostics, deck: deck)
    }

    /// The default id of a deck at `relativePath` under the deck folder: the path without `.toml`.
    public static func defaultID(forRelativePath relativePath: String) -> String {
        relativePath.hasSuffix(".toml") ? String(relativePath.dropLast(5)) : relativePath
    }
}
