/// "Did you mean" for mistyped names: the closest known name, when it is close enough to be
/// a typo (one edit for short names, two for longer ones).
public enum Suggestion {
    static func text(for name: String, among candidates: [String], aliases: [String: String] = [:]) -> String {
        let direct = closest(to: name, among: candidates)
        // A key spelled out (`answer`, `question`) or a typo of it names a short key (`a`, `q`):
        // `anwser` is far from `a` but near `answer`.
        let viaAlias = closest(to: name, among: Array(aliases.keys).sorted()).flatMap { aliases[$0] }
        return (direct ?? viaAlias.flatMap { candidates.contains($0) ? $0 : nil }).map { "; did you mean \"\($0)\"?" }
            ?? ""
    }

    /// Names people reach for, and the card key each stands for.
    static let cardKeyAliases = [
        "answer": "a", "back": "a", "question": "q", "front": "q", "prompt": "q", "explanation": "explain",
        "choice": "choices", "options": "choices", "tag": "tags", "hints": "hint",
    ]

    /// The candidate `name` is most likely a typo of (case aside), or nil when none is close.
    public static func closest(to name: String, among candidates: [String]) -> String? {
        let lowered = name.lowercased()
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = EditDistance.between(lowered, candidate.lowercased())
            if distance <= max(1, min(2, candidate.count / 3)), distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.name
    }
}
