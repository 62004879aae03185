/// Session output with every line fitted to the terminal's width (`SessionStyle.fit`): the
/// header, the buttons, `:help`, the summary and the closing line wrap at word boundaries as
/// the card's text does, at 80 columns and at 40.
public struct FittedOutput<Inner: SessionOutput>: SessionOutput {
    public var inner: Inner
    let style: SessionStyle

    public init(_ inner: Inner, style: SessionStyle) {
        self.inner = inner
        self.style = style
    }

    public mutating func write(_ line: String) {
        for piece in style.fit(line) { inner.write(piece) }
    }
}
