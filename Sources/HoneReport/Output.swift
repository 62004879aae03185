import Foundation

/// Plain writes to the standard streams; stdout is flushed per call so pipes see lines at once.
public enum Output {
    /// `text` and a line end, to standard output.
    public static func out(_ text: String) {
        write(text + "\n")
    }

    /// `text` as it is, to standard output: a whole file's worth (CSV), already ending its lines.
    public static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// `text` and a line end, to standard error.
    public static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
