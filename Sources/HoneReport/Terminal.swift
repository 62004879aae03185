import Foundation

/// What the output streams are connected to, and whether to colour them:
/// only on a terminal, never with `NO_COLOR` set or `TERM=dumb`.
public struct Terminal: Sendable {
    public var useColour: Bool

    public init(useColour: Bool) {
        self.useColour = useColour
    }

    public static func forStandardOutput() -> Terminal {
        forStream(fileDescriptor: STDOUT_FILENO)
    }

    public static func forStandardError() -> Terminal {
        forStream(fileDescriptor: STDERR_FILENO)
    }

    /// Whether a person is typing: standard input is a terminal, not a pipe or a file.
    public static var inputIsInteractive: Bool { isatty(STDIN_FILENO) == 1 }

    private static func forStream(fileDescriptor: Int32) -> Terminal {
        let environment = ProcessInfo.processInfo.environment
        let noColour = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        let dumb = environment["TERM"] == "dumb"
        return Terminal(useColour: isatty(fileDescriptor) == 1 && !noColour && !dumb)
    }

    /// The terminal's width in columns: $COLUMNS, else the window size, else 80.
    public static func width() -> Int {
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 0 {
            return columns
        }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }

    public enum Style: String, Sendable {
        case bold = "1"
        case red = "1;31"
        case yellow = "1;33"
        case green = "1;32"
        case cyan = "36"
        case dim = "2"
    }

    public func paint(_ text: String, _ style: Style) -> String {
        useColour ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }
}
