import CReadline
import HoneCore

#if canImport(Glibc)
    import Glibc
#endif

/// GNU readline on a terminal: line editing, history within the session, Tab completion
/// of the `:commands`.
public struct ReadlineLineReader: LineReader {
    public init(completions: [String]) {
        ReadlineCompletion.install(completions)
        // Ctrl-C clears the line being typed instead of ending hone (Ctrl-D ends a session).
        signal(SIGINT) { _ in hone_rl_cancel_line() }
    }

    public mutating func readLine(prompt: String) -> String? {
        guard let raw = readline(prompt) else { return nil }
        defer { free(raw) }
        let line = String(cString: raw)
        if !line.trimmingSpaces.isEmpty {
            add_history(raw)
        }
        return line
    }

    /// The version of the linked GNU readline, proving the system library is wired in.
    public static var libraryVersion: String {
        guard let version = hone_rl_library_version() else { return "unknown" }
        return String(cString: version)
    }
}
