import Foundation
import HoneCore
import HoneDeck

/// Writes FSRS weights into the config file's `[scheduler]` table as `parameters = [...]`,
/// leaving every other line as it was written (comments, order, spacing): the key's value is
/// replaced where it is, added under `[scheduler]` when the table has none, and the table added
/// at the end when the file has none (the file made when there is none).
enum ConfigWeights {
    static func save(_ weights: [Float], to path: String) throws(HoneError) {
        let exists = FileManager.default.fileExists(atPath: path)
        var original = ""
        if exists {
            switch DeckFinder.contents(of: path, limit: DeckFinder.defaultSizeLimit) {
            case .success(let bytes):
                // Bytes that are not UTF-8 would be rewritten as U+FFFD: the file is left as it is.
                guard let text = String(bytes: bytes, encoding: .utf8) else {
                    throw HoneError(
                        .cannotWrite(
                            path: path, reason: "it is not UTF-8 text; set parameters = \(list(weights)) by hand"))
                }
                original = text
            case .failure(let problem): throw HoneError(.cannotRead(problem))
            }
            // The file is replaced by a rename, which a read-only file would not stop: ask first.
            guard access(path, W_OK) == 0 else {
                throw HoneError(.cannotWrite(path: path, reason: "it is not writable"))
            }
        }
        let text = edited(original, weights: weights)
        // Written only when it reads back as these weights, with no new mistake.
        let before = ConfigReader.read(Array(original.utf8))
        let after = ConfigReader.read(Array(text.utf8))
        let expected = FSRSParameters.make(weights.map(Double.init))
        guard case .success(let parameters) = expected, after.settings.fsrsParameters == parameters,
            after.diagnostics.count <= before.diagnostics.count
        else {
            throw HoneError(
                .cannotWrite(
                    path: path,
                    reason: "its [scheduler] table is written in a way hone cannot edit safely; "
                        + "set parameters = \(list(weights)) in it by hand"))
        }
        if !exists {
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty {
                do {
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                } catch {
                    throw HoneError(.cannotWrite(path: path, reason: "cannot create its folder \(folder)"))
                }
            }
        }
        try TextFile.write(text, to: path)
    }

    /// The weights as a TOML array, each in the fewest digits that read back as the same float.
    static func list(_ weights: [Float]) -> String {
        "[" + weights.map { "\($0)" }.joined(separator: ", ") + "]"
    }

    /// `text` with `parameters` set in its `[scheduler]` table.
    /// A file with Windows line ends (CRLF) keeps them.
    static func edited(_ text: String, weights: [Float]) -> String {
        // "\r\n" is one Character in Swift: splitting at "\n" would not see it.
        guard !text.contains("\r\n") else {
            let unix = text.replacingOccurrences(of: "\r\n", with: "\n")
            return edited(unix, weights: weights).replacingOccurrences(of: "\n", with: "\r\n")
        }
        let line = "parameters = \(list(weights))"
        var lines = text.components(separatedBy: "\n")
        // The last piece is what follows the final line end (empty for a file that ends in one).
        func bare(_ line: String) -> Substring {
            let code = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
            guard let first = code.firstIndex(where: { !blank($0) }), let last = code.lastIndex(where: { !blank($0) })
            else { return "" }
            return code[first...last]
        }
        guard let header = lines.firstIndex(where: { bare($0) == "[scheduler]" }) else {
            var appended = text
            if !appended.isEmpty, !appended.hasSuffix("\n") { appended += "\n" }
            if !appended.isEmpty { appended += "\n" }
            return appended + "[scheduler]\n" + line + "\n"
        }
        let end = lines[(header + 1)...].firstIndex { isTableHeader(bare($0)) } ?? lines.count
        if let key = lines[(header + 1)..<end].firstIndex(where: { isKey(bare($0)) }) {
            // The value may span lines: up to the line of its closing bracket.
            var depth = 0
            var last = key
            scan: for index in key..<end {
                for character in bare(lines[index]) {
                    if character == "[" { depth += 1 }
                    if character == "]" {
                        depth -= 1
                        if depth == 0 {
                            last = index
                            break scan
                        }
                    }
                }
            }
            let indent = String(lines[key].prefix { $0 == " " || $0 == "\t" })
            // A comment after the value stays, with the space before it.
            let closing = lines[last]
            var comment: Substring = ""
            if var start = closing.firstIndex(of: "#") {
                while start > closing.startIndex, [" ", "\t"].contains(closing[closing.index(before: start)]) {
                    start = closing.index(before: start)
                }
                comment = closing[start...]
            }
            lines.replaceSubrange(key...last, with: [indent + line + comment])
        } else {
            lines.insert(line, at: header + 1)
        }
        return lines.joined(separator: "\n")
    }

    /// A `parameters = ...` line.
    private static func isKey(_ code: Substring) -> Bool {
        guard code.hasPrefix("parameters") else { return false }
        return code.dropFirst("parameters".count).drop { $0 == " " || $0 == "\t" }.hasPrefix("=")
    }

    /// `[table]` or `[[array]]`; a line of a multi-line array (`1.5,`, `[1, 2],`) is not one.
    private static func isTableHeader(_ code: Substring) -> Bool {
        code.hasPrefix("[") && code.hasSuffix("]") && !code.contains(",") && !code.contains("=")
    }
}
