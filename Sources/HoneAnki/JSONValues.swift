import Foundation

/// Reading values out of `JSONSerialization`'s output the way Anki's serde reads them: a
/// number may arrive as an integer, a real, a boolean or a numeric string (old Anki versions and
/// add-ons wrote all of these), and a value of any other kind counts as absent.
enum JSONValues {
    /// The top-level object of `text`, `nil` when it is not a JSON object.
    static func object(_ text: String) -> [String: Any]? {
        text.isEmpty ? nil : fragment(text) as? [String: Any]
    }

    /// Any JSON value (`3`, `"text"`, `{...}`), `nil` when `text` is not JSON.
    static func fragment(_ text: String) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    static func number(_ value: Any?) -> Double? {
        switch value {
        case let number as NSNumber: number.doubleValue.isFinite ? number.doubleValue : nil
        case let flag as Bool: flag ? 1 : 0
        case let text as String: Double(text).flatMap { $0.isFinite ? $0 : nil }
        default: nil
        }
    }

    /// A whole number in range, `nil` for a fraction or anything that is not a number.
    static func integer(_ value: Any?) -> Int64? {
        if let text = value as? String, let integer = Int64(text) { return integer }
        guard let number = number(value) else { return nil }
        return Int64(exactly: number)
    }

    static func string(_ value: Any?) -> String? { value as? String }

    static func array(_ value: Any?) -> [[String: Any]] {
        (value as? [Any])?.compactMap { $0 as? [String: Any] } ?? []
    }
}
