// libFuzzer target for the deck reader: reads any input as a deck and traps when a property
// that must hold for EVERY input does not. Built and run by Tests/Fuzz/run-fuzz (not by SwiftPM).
//
// Properties checked on every input:
//  1. every diagnostic has line >= 1 and column >= 1, and no line past the end of the file;
//  2. the diagnostics are sorted (by line, then column, errors first);
//  3. no document (a syntax error) implies at least one error diagnostic;
//  4. a deck is built exactly when the file has no error;
//  5. IDPinner.pin gives a result exactly when the file has a document; when it does, the
//     pinned file reads again with a document and no "card has no id" warning, its deck is
//     usable exactly when the original's is, it has as many errors as before (unless either
//     read stopped at the diagnostic limit), and when no id is added the bytes are unchanged.
import HoneDeck

/// The warning the schema gives a `[[card]]` without an `id` (Sources/HoneDeck/DeckSchema.swift).
private let missingIDWarning = "card has no id"
/// The last diagnostic of a file that has more than the reader reports (DiagnosticLimit).
private let limitMessage = "too many problems"

@inline(never)
private func violated(_ what: String, _ bytes: [UInt8]) -> Never {
    // The message heads libFuzzer's crash report, so the report says which property broke.
    let preview = String(decoding: bytes.prefix(200), as: UTF8.self).debugDescription
    fatalError("FUZZ INVARIANT VIOLATED: \(what); input of \(bytes.count) bytes, first 200: \(preview)")
}

private func describe(_ diagnostic: Diagnostic) -> String {
    "\(diagnostic.line):\(diagnostic.column): \(diagnostic.severity.rawValue): \(diagnostic.message)"
}

/// A list for a message: its count and its first few elements.
private func brief<T>(_ items: [T], _ show: (T) -> String = { "\($0)" }) -> String {
    let shown = items.prefix(5).map(show).joined(separator: "; ")
    return "\(items.count) [\(shown)\(items.count > 5 ? "; ..." : "")]"
}

private func checkDiagnostics(_ diagnostics: [Diagnostic], of bytes: [UInt8], _ what: String) {
    // A diagnostic can point at the end of the file, never past it.
    var lastLine = 1
    for byte in bytes where byte == UInt8(ascii: "\n") { lastLine += 1 }
    for diagnostic in diagnostics {
        if diagnostic.line < 1 || diagnostic.column < 1 {
            violated("\(what): diagnostic with line or column below 1: \(describe(diagnostic))", bytes)
        }
        if diagnostic.line > lastLine {
            violated("\(what): diagnostic past the last line (\(lastLine)): \(describe(diagnostic))", bytes)
        }
    }
    for (earlier, later) in zip(diagnostics, diagnostics.dropFirst()) where later < earlier {
        violated("\(what): diagnostics not sorted: \(describe(earlier)) before \(describe(later))", bytes)
    }
}

private func check(_ bytes: [UInt8]) {
    let file = DeckReader.read(bytes: bytes, path: "fuzz.toml", deckID: "fuzz")
    checkDiagnostics(file.diagnostics, of: bytes, "read")
    if file.document == nil, !file.hasErrors {
        violated("read: no document but no error diagnostic: \(brief(file.diagnostics, describe))", bytes)
    }
    if (file.deck == nil) != file.hasErrors {
        violated("read: deck \(file.deck == nil ? "missing" : "built") though hasErrors is \(file.hasErrors)", bytes)
    }

    let pinned = IDPinner.pin(bytes)
    if (pinned == nil) != (file.document == nil) {
        violated(
            "pin: returned \(pinned == nil ? "nil" : "a result") "
                + "though the document is \(file.document == nil ? "nil" : "there")",
            bytes)
    }
    guard let pinned else { return }
    if pinned.added.isEmpty, pinned.bytes != bytes {
        violated("pin: added no id but changed the bytes", bytes)
    }
    let again = DeckReader.read(bytes: pinned.bytes, path: "fuzz.toml", deckID: "fuzz")
    checkDiagnostics(again.diagnostics, of: pinned.bytes, "re-read after pin")
    let added = brief(pinned.added)
    guard again.document != nil else {
        violated(
            "pin: the pinned file does not parse (added \(added)): \(brief(again.diagnostics, describe))", pinned.bytes)
    }
    if let left = again.diagnostics.first(where: { $0.message.hasPrefix(missingIDWarning) }) {
        violated("pin: a card still has no id after pinning (added \(added)): \(describe(left))", pinned.bytes)
    }
    if (file.deck == nil) != (again.deck == nil) {
        violated(
            "pin: the deck was \(file.deck == nil ? "unusable" : "usable") before pinning, not after (added \(added))",
            pinned.bytes)
    }
    // A read that stopped at the limit reports only a prefix of its problems: counts differ.
    let limited = [file, again].contains { $0.diagnostics.contains { $0.message.hasPrefix(limitMessage) } }
    let errorsBefore = file.diagnostics.filter { $0.severity == .error }
    let errorsAfter = again.diagnostics.filter { $0.severity == .error }
    if !limited, errorsBefore.count != errorsAfter.count {
        violated(
            "pin: \(errorsBefore.count) errors before pinning, \(errorsAfter.count) after (added \(added)): "
                + brief(errorsAfter, describe),
            pinned.bytes)
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    check(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
