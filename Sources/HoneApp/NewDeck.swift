import Foundation
import HoneReport

/// `hone new`: a new deck file from `DeckTemplate`, never over a file that exists.
///
/// The text goes to a hidden temporary file beside the target and is then hard-linked to the
/// target's name: link(2) fails when the name is taken, in one step, so neither a file that was
/// there nor one another process makes meanwhile is ever replaced, and no reader sees the deck
/// half written.
public enum NewDeck {
    /// Writes `template` for `deck` under `deckFolder` (its folders made as needed) and returns
    /// the file's path.
    public static func create(
        _ deck: String, template: DeckTemplate, deckFolder: String
    ) throws(HoneError) -> String {
        let path = DeckTemplate.path(ofDeck: deck, in: deckFolder)
        try write(template.text(forDeck: deck), toNewFile: path)
        return path
    }

    /// Writes `text` to `path`, a file that must not exist yet (`hone import csv` makes its new
    /// decks here too).
    public static func write(_ text: String, toNewFile path: String) throws(HoneError) {
        func refuse(_ reason: String) -> HoneError { HoneError(.cannotWrite(path: path, reason: reason)) }
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw refuse("cannot make the folder \(folder): \((error as NSError).localizedDescription)")
        }
        var temporary = ""
        var descriptor: Int32 = -1
        for _ in 0..<100 {
            temporary = folder + "/.hone-new-" + String(UInt32.random(in: 0...UInt32.max), radix: 16) + ".tmp"
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if descriptor >= 0 || errno != EEXIST { break }
        }
        guard descriptor >= 0 else { throw refuse("cannot create a file in \(folder): \(systemReason())") }
        defer { unlink(temporary) }
        do throws(OutputError) {
            try DescriptorWriter(descriptor: descriptor, target: path).write(text)
            if fsync(descriptor) != 0 { throw OutputError(target: path, code: errno) }
        } catch {
            close(descriptor)
            throw refuse(error.reason)
        }
        guard close(descriptor) == 0 else { throw refuse(systemReason()) }
        guard link(temporary, path) == 0 else {
            if errno == EEXIST {
                throw refuse("it exists already, and hone new never replaces a file; edit it, or give another name")
            }
            throw refuse(systemReason())
        }
    }

    private static func systemReason() -> String { String(cString: strerror(errno)) }
}
