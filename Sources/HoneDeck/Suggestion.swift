/// "Did you mean" for mistyped names: the closest known name, when it is close enough to be
/// a typo (one edit for short names, two for longer ones).
enum Suggestion {
    static func text(for name: String, among candidates: [String]) -> String {
        let lowered = name.lowercased()
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = EditDistance.between(lowered, candidate)
            if distance <= max(1, min(2, candidate.count / 3)), distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best.map { "; did you mean \"\($0.name)\"?" } ?? ""
    }
}
