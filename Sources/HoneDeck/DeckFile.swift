/// One deck file as read: its document (nil on a syntax error), every diagnostic, and the
/// deck when the file has no error.
public struct DeckFile: Sendable {
    public var path: String
    public var source: SourceText
    public var document: TOMLTable?
    public var diagnostics: [Diagnostic]
    public var deck: Deck?
    /// The number of practisable cards, also when they were only counted, not built.
    public var cardCount: Int

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
