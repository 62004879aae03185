import Foundation

/// Numbers as hone's exports and reports write them.
public enum NumberText {
    /// A whole number stays whole ("3"); a fraction keeps six decimals at most ("0.006944").
    public static func plain(_ value: Double) -> String {
        if value == value.rounded() { return String(Int(value)) }
        var text = String(format: "%.6f", value)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
