import ArgumentParser
import Foundation
import HoneCore
import HoneDeck

extension Hone {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Check deck files and report every mistake with its file, line and column.",
            discussion: """
                With no PATH, checks every *.toml under the deck folder. A folder is searched \
                recursively, in sorted order. Each problem is printed as
                  path:line:column: error|warning: message
                with the source line and a caret under the spot. Errors make a deck unusable \
                (it is skipped in practice; other decks are not affected); warnings do not.

                Exit status: 0 when no file has an error, 1 when any has, 2 on a bad command line.

                Examples:
                  hone check                      check the deck folder
                  hone check decks/networking.toml
                  hone check --json decks > report.json
                  hone check --fix-ids            give every card without an id a readable one
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("Deck files or folders (default: the deck folder).", valueName: "path"), completion: .file(extensions: ["toml"]))
        var paths: [String] = []

        @Flag(help: "Print one JSON object: each file's parsed document and its diagnostics.")
        var json = false

        @Flag(name: .customLong("fix-ids"), help: "Write id = \"...\" into every card that lacks one, changing nothing else in the file.")
        var fixIDs = false

        func run() throws {
            let deckFolder = global.deckFolder
            let targets = paths.isEmpty ? [deckFolder] : paths
            var files: [(path: String, deckID: String)] = []
            var problems: [FileProblem] = []
            for target in targets {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory) else {
                    let hint = paths.isEmpty ? " (the deck folder: set it with --decks or $HONE_DECKS)" : ""
                    problems.append(FileProblem(path: target, message: "no such file or folder\(hint)"))
                    continue
                }
                if isDirectory.boolValue {
                    let found = DeckFinder.files(under: target)
                    files += found.map { ($0.path, DeckReader.defaultID(forRelativePath: $0.relativePath)) }
                } else {
                    files.append((target, Check.deckID(ofFile: target, deckFolder: deckFolder)))
                }
            }

            var results: [DeckFile] = []
            var pinned: [(path: String, ids: [String])] = []
            for file in files {
                switch DeckFinder.contents(of: file.path) {
                case .failure(let problem):
                    problems.append(problem)
                case .success(var bytes):
                    if fixIDs, let outcome = IDPinner.pin(bytes), !outcome.added.isEmpty {
                        do {
                            try Check.replaceContents(of: file.path, with: outcome.bytes)
                            bytes = outcome.bytes
                            pinned.append((file.path, outcome.added))
                        } catch {
                            problems.append(FileProblem(path: file.path, message: "cannot write the ids: \(error.localizedDescription)"))
                        }
                    }
                    // Only --json needs the documents; a check never needs the built cards.
                    let options: DeckReader.Options = json ? [.keepDocument] : []
                    results.append(DeckReader.read(bytes: bytes, path: file.path, deckID: file.deckID, options: options))
                }
            }

            if json {
                Output.out(Check.json(results, problems: problems))
            } else {
                printText(results, problems: problems, pinned: pinned)
            }
            if !problems.isEmpty || results.contains(where: \.hasErrors) {
                throw ExitCode(1)
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

        static func json(_ results: [DeckFile], problems: [FileProblem]) -> String {
            var writer = JSONWriter()
            writer.raw("{\"files\":[")
            var first = true
            for result in results {
                if !first { writer.raw(",") }
                first = false
                writer.raw("{\"path\":")
                writer.string(result.path)
                writer.raw(",\"document\":")
                if let document = result.document { writer.table(document) } else { writer.raw("null") }
                writer.raw(",\"diagnostics\":")
                writer.array(result.diagnostics) { writer, diagnostic in writer.diagnostic(diagnostic) }
                writer.raw("}")
            }
            for problem in problems {
                if !first { writer.raw(",") }
                first = false
                writer.raw("{\"path\":")
                writer.string(problem.path)
                writer.raw(",\"document\":null,\"diagnostics\":[")
                writer.diagnostic(Diagnostic(.error, line: 1, column: 1, problem.message))
                writer.raw("]}")
            }
            writer.raw("]}")
            return writer.text
        }

        private func printText(_ results: [DeckFile], problems: [FileProblem], pinned: [(path: String, ids: [String])]) {
            let terminal = Terminal.forStandardOutput()
            let printer = DiagnosticPrinter(terminal: terminal)
            for entry in pinned {
                let count = entry.ids.count
                Output.out(VisibleText.make("\(entry.path): added \(count) id\(count == 1 ? "" : "s"): \(entry.ids.joined(separator: ", "))"))
            }
            for problem in problems {
                Output.out(printer.render(Diagnostic(.error, line: 1, column: 1, problem.message), path: problem.path, source: nil))
            }
            var errors = problems.count
            var warnings = 0
            var cards = 0
            for result in results {
                for diagnostic in result.diagnostics {
                    Output.out(printer.render(diagnostic, path: result.path, source: result.source))
                    if diagnostic.severity == .error { errors += 1 } else { warnings += 1 }
                }
                cards += result.cardCount
            }
            let fileCount = results.count + problems.count
            func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
            var summary = "checked \(plural(fileCount, "file")) (\(plural(cards, "card")) ready to practise): "
            if errors == 0 && warnings == 0 {
                summary += terminal.paint("no problems", .green)
            } else {
                summary += [errors > 0 ? terminal.paint(plural(errors, "error"), .red) : nil,
                            warnings > 0 ? terminal.paint(plural(warnings, "warning"), .yellow) : nil]
                    .compactMap { $0 }.joined(separator: ", ")
            }
            if fileCount == 0 { summary = "no deck files (*.toml) found in \(paths.isEmpty ? global.deckFolder : paths.joined(separator: ", "))" }
            Output.out(summary)
        }
    }
}
