import Foundation

/// A file a command writes whole (an export, a report): all of it or, should anything fail,
/// nothing, the old file left as it was.
public enum TextFile {
    public static func write(_ text: String, to path: String) throws(HoneError) {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw HoneError(.cannotWrite(path: path, reason: error.localizedDescription))
        }
    }
}
