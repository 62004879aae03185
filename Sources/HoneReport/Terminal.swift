import Foundation

/// What the output streams are connected to, and whether to colour them:
/// only on a terminal, never with `NO_COLOR` set or `TERM=dumb`.
struct Terminal {
    var useColour: Bool

    static func forStandardOutput() -> Terminal {
        forStream(fileDescriptor: STDOUT_FILENO)
    }

    static func forStandardError() -> Terminal {
        forStream(fileDescriptor: STDERR_FILENO)
    }

    private static func forStream(fileDescriptor: Int32) -> Terminal {
        let environment = ProcessInfo.processInfo.environment
        let noColour = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        let dumb = environment["TERM"] == "dumb"
        return Terminal(useColour: isatty(fileDescriptor) == 1 && !noColour && !dumb)
    }

    /// The terminal's width in columns: $COLUMNS, else the window size, else 80.
    static func width() -> Int {
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }

    enum Style: String {
        case bold = "1"
        case red = "1;31"
        case yellow = "1;33"
        case green = "1;32"
        case cyan = "36"
        case dim = "2"
    }

    func paint(_ text: String, _ style: Style) -> String {
        useColour ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }
}

/// Plain writes to the standard streams; stdout is flushed per call so pipes see lines at once.
enum Output {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
