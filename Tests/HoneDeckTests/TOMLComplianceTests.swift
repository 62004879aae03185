import Foundation
import Testing

@testable import HoneDeck

/// The TOML project's own compliance files (`../shared/toml-test` beside the repository):
/// every invalid file must be rejected, and every valid file must read exactly as its JSON
/// says, unless it uses a construct that deck files leave out, which must be named.
@Suite("toml-test compliance")
struct TOMLComplianceTests {
    static let root: URL? = {
        if let path = ProcessInfo.processInfo.environment["HONE_TOML_TEST"] {
            return URL(fileURLWithPath: path)
        }
        let repository = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let beside = repository.deletingLastPathComponent().appendingPathComponent("shared/toml-test")
        return FileManager.default.fileExists(atPath: beside.path) ? beside : nil
    }()

    static func files(_ kind: String) -> [String] {
        guard let root,
            let listing = try? String(contentsOf: root.appendingPathComponent("files-toml-1.0.0"), encoding: .utf8)
        else { return [] }
        return listing.split(separator: "\n").map(String.init)
            .filter { $0.hasPrefix(kind + "/") && $0.hasSuffix(".toml") }
    }

    @Test(
        "every invalid file is rejected", .enabled(if: root != nil, "../shared/toml-test is absent: skipped"),
        arguments: files("invalid"))
    func invalidIsRejected(_ file: String) throws {
        let root = try #require(Self.root)
        let bytes = [UInt8](try Data(contentsOf: root.appendingPathComponent(file)))
        let result = TOMLReader.parse(bytes)
        #expect(result.document == nil, "accepted an invalid file")
        #expect(!result.diagnostics.isEmpty)
        for diagnostic in result.diagnostics {
            #expect(diagnostic.line >= 1 && diagnostic.column >= 1)
        }
    }

    @Test(
        "every valid file reads as its JSON says, or names the left-out construct",
        .enabled(if: root != nil, "../shared/toml-test is absent: skipped"), arguments: files("valid"))
    func validIsRead(_ file: String) throws {
        let root = try #require(Self.root)
        let url = root.appendingPathComponent(file)
        let bytes = [UInt8](try Data(contentsOf: url))
        let result = TOMLReader.parse(bytes)
        guard let document = result.document else {
            let named = result.diagnostics.contains { $0.message.contains("not supported in deck files") }
            #expect(
                named, "rejected a valid file: \(result.diagnostics.map { "\($0.line):\($0.column) \($0.message)" })")
            return
        }
        let expectedURL = url.deletingPathExtension().appendingPathExtension("json")
        let expected = try JSONSerialization.jsonObject(
            with: Data(contentsOf: expectedURL), options: [.fragmentsAllowed])
        let mismatch = TaggedJSON.mismatch(.table(document), expected, path: "$")
        #expect(mismatch == nil, "\(mismatch ?? "")")
    }
}

/// Compares a document with toml-test's tagged JSON (`{"type": "integer", "value": "42"}`).
enum TaggedJSON {
    static func mismatch(_ value: TOMLValue, _ expected: Any, path: String) -> String? {
        switch value {
        case .table(let table):
            guard let object = expected as? [String: Any], !isTagged(object) else {
                return "\(path): expected \(expected), found a table"
            }
            if Set(object.keys) != Set(table.entries.map(\.key)) {
                return "\(path): keys \(table.entries.map(\.key).sorted()) != \(object.keys.sorted())"
            }
            for entry in table.entries {
                if let problem = mismatch(entry.node.value, object[entry.key] as Any, path: path + "." + entry.key) {
                    return problem
                }
            }
            return nil
        case .array(let nodes):
            guard let array = expected as? [Any], array.count == nodes.count else {
                return "\(path): expected \(expected), found an array of \(nodes.count)"
            }
            for (index, node) in nodes.enumerated() {
                if let problem = mismatch(node.value, array[index], path: "\(path)[\(index)]") { return problem }
            }
            return nil
        default:
            guard let object = expected as? [String: Any], isTagged(object), let type = object["type"] as? String,
                let text = object["value"] as? String
            else { return "\(path): expected \(expected), found \(value)" }
            switch (value, type) {
            case (.string(let string), "string"):
                return string == text ? nil : "\(path): \(string.debugDescription) != \(text.debugDescription)"
            case (.integer(let integer), "integer"):
                return Int64(text) == integer ? nil : "\(path): \(integer) != \(text)"
            case (.boolean(let bool), "bool"): return String(bool) == text ? nil : "\(path): \(bool) != \(text)"
            case (.float(let double), "float"):
                let wanted: Double? =
                    switch text {
                    case "inf", "+inf": .infinity
                    case "-inf": -.infinity
                    case "nan", "+nan", "-nan": .nan
                    default: Double(text)
                    }
                guard let wanted else { return "\(path): cannot read \(text)" }
                if wanted.isNaN { return double.isNaN ? nil : "\(path): \(double) != nan" }
                return double == wanted && double.sign == wanted.sign ? nil : "\(path): \(double) != \(text)"
            default: return "\(path): \(value) is not a \(type)"
            }
        }
    }

    static func isTagged(_ object: [String: Any]) -> Bool {
        object.count == 2 && object["type"] is String && object["value"] is String
    }
}
