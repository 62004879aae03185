/// "Did you mean" for mistyped names: the closest known name, when it is close enough to be
/// a typo (one edit for short names, two for longer ones).
public enum Suggestion {
    static func text(for name: String, among candidates: [String]) -> String {
        closest(to: name, among: candidates).map { "; did you mean \"\($0)\"?" } ?? ""
    }

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
