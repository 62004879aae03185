import CReadline

#if canImport(Glibc)
    import Glibc
#endif

/// Tab completion for readline. Readline's callbacks are C function pointers that cannot
/// capture context, so the word list lives in the one piece of global state a C callback forces.
enum ReadlineCompletion {
    nonisolated(unsafe) private static var words: [String] = []
    nonisolated(unsafe) private static var candidates: [String] = []

    static func install(_ completions: [String]) {
        words = completions
        hone_rl_set_completion { text, _, _ in
            // Never fall back to readline's file-name completion.
            hone_rl_set_completion_over(1)
            guard let text else { return nil }
            return rl_completion_matches(text) { word, state in
                ReadlineCompletion.match(word: word, state: Int(state))
            }
        }
    }

    private static func match(word: UnsafePointer<CChar>?, state: Int) -> UnsafeMutablePointer<CChar>? {
        if state == 0 {
            let typed = word.map { String(cString: $0) } ?? ""
            candidates = words.filter { $0.hasPrefix(typed) }
        }
        guard state < candidates.count else { return nil }
        return strdup(candidates[state])
    }
}
