import Foundation
import HoneDeck

/// `hone check`: reads deck files and collects every mistake in them, and with `fixIDs`
/// first writes an id into each card that lacks one.
public struct DeckCheck {
    /// Each file read, with its diagnostics; each given by path that could not be read (an
    /// error); each found in a folder that could not be read (a pipe, a device, too large: a
    /// warning, as when practising); the ids written.
    public var files: [DeckFile] = []
    public var problems: [FileProblem] = []
    public var skipped: [FileProblem] = []
    public var pinned: [(path: String, ids: [String])] = []
    /// What was checked: the paths given, or the deck folder.
    public var targets: [String]

    /// Whether every file was read and none has an error (warnings pass).
    public var passed: Bool { problems.isEmpty && !files.contains(where: \.hasErrors) }

    /// Checks `paths` (files, or folders searched recursively in sorted order), or the deck
    /// folder when there are none. `keepDocuments` keeps each file's parsed document (for JSON).
    /// `sizeLimit`: the largest file read, in bytes (`[decks] max_file_size`).
    public init(
        _ paths: [String], deckFolder: String, fixIDs: Bool, keepDocuments: Bool,
        sizeLimit: Int = DeckFinder.defaultSizeLimit
    ) {
        targets = paths.isEmpty ? [deckFolder] : paths
        var found: [(path: String, deckID: String, given: Bool)] = []
        for target in targets {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory) else {
                let hint = paths.isEmpty ? " (the deck folder: set it with --decks or $HONE_DECKS)" : ""
                problems.append(FileProblem(path: target, message: "no such file or folder\(hint)"))
                continue
            }
            if isDirectory.boolValue {
                found += DeckFinder.files(under: target).map {
                    ($0.path, DeckReader.defaultID(forRelativePath: $0.relativePath), false)
                }
            } else {
                found.append((target, DeckCheck.deckID(ofFile: target, deckFolder: deckFolder), true))
            }
        }
        for file in found {
            switch DeckFinder.contents(of: file.path, limit: sizeLimit) {
            case .failure(let problem):
                if file.given { problems.append(problem) } else { skipped.append(problem) }
            case .success(var bytes):
                if fixIDs, let outcome = IDPinner.pin(bytes), !outcome.added.isEmpty {
                    do {
                        try DeckCheck.replaceContents(of: file.path, with: outcome.bytes)
                        bytes = outcome.bytes
                        pinned.append((file.path, outcome.added))
                    } catch {
                        problems.append(
                            FileProblem(path: file.path, message: "cannot write the ids: \(error.localizedDescription)")
                        )
                    }
                }
                // Only JSON needs the documents; a check never needs the built cards.
                let options: DeckReader.Options = keepDocuments ? [.keepDocument] : []
                files.append(DeckReader.read(bytes: bytes, path: file.path, deckID: file.deckID, options: options))
            }
        }
    }

    /// A file given by path is named by its place under the deck folder when it is there,
    /// else by its file name.
    static func deckID(ofFile path: String, deckFolder: String) -> String {
        let file = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        let folder = URL(fileURLWithPath: deckFolder).standardizedFileURL.resolvingSymlinksInPath().path + "/"
        if file.hasPrefix(folder) {
            return DeckReader.defaultID(forRelativePath: String(file.dropFirst(folder.count)))
        }
        return DeckReader.defaultID(forRelativePath: (path as NSString).lastPathComponent)
    }

    /// Writes through a temporary file and a rename, so a crash leaves the old file or the new
    /// one, never half of either; the file keeps its permissions.
    static func replaceContents(of path: String, with bytes: [UInt8]) throws {
        // A deck that is a link is written where it points, keeping that file's permissions:
        // replacing the link itself would fork the learner's deck.
        let url = URL(fileURLWithPath: path).resolvingSymlinksInPath()
        let path = url.path
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).hone-tmp")
        try Data(bytes).write(to: temporary)
        if let permissions = attributes?[.posixPermissions] {
            try? FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: temporary.path)
        }
        if rename(temporary.path, path) != 0 {
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown)
        }
    }
}
