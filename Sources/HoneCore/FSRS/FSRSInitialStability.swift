import Foundation

/// The first four weights (the stability after a card's first answer, by its rating) as
/// `fsrs-rs` starts the fit from them (`parameter_initialization.rs`): for each first rating,
/// the stability whose forgetting curve (with the default decay) best fits how often the
/// card's first answer on a later day passed, by how many days later, pulled a little toward
/// the default; ratings never seen are filled in from the others.
enum FSRSInitialStability {
    /// Per first rating (1 to 4): how many cards had that first rating, and the stability fitted.
    struct Fit {
        var stabilities: [Float]
        var ratingCounts: [Int: Int]
    }

    /// `items`: those whose answer is the card's first on a later day (after the outlier filter).
    /// `averageRecall`: the share of passed answers among all the items trained on, which every
    /// group's pass rate is smoothed toward. Nil when there is no such item (`NotEnoughData`).
    static func fit(_ items: [FSRSTrainingSet.Item], of set: FSRSTrainingSet, averageRecall: Float) -> Fit? {
        // First rating -> days to the second answer -> (passed, count).
        var groups: [Int: [Int: (passed: Int, count: Int)]] = [:]
        for item in items {
            let reviews = set.reviews(of: item)
            guard let first = reviews.first, let last = reviews.last else { continue }
            groups[Int(first.rating), default: [:]][Int(last.deltaT), default: (0, 0)].passed += last.rating > 1 ? 1 : 0
            groups[Int(first.rating), default: [:]][Int(last.deltaT), default: (0, 0)].count += 1
        }
        var stabilities: [Int: Float] = [:]
        var counts: [Int: Int] = [:]
        for (rating, byDays) in groups {
            let data = byDays.sorted { $0.key < $1.key }.map {
                (
                    deltaT: Double($0.key), recall: Double($0.value.passed) / Double($0.value.count),
                    count: Double($0.value.count)
                )
            }
            counts[rating] = data.reduce(0) { $0 + Int($1.count) }
            stabilities[rating] = search(data, averageRecall: averageRecall, rating: rating)
        }
        guard let filled = smoothAndFill(stabilities, counts: counts) else { return nil }
        return Fit(stabilities: filled, ratingCounts: counts)
    }

    /// A ternary search over [S_MIN, INIT_S_MAX] for the stability of the least loss.
    private static func search(
        _ data: [(deltaT: Double, recall: Double, count: Double)], averageRecall: Float, rating: Int
    ) -> Float {
        let defaultStability = Double(FSRSParameters.defaultWeights[rating - 1])
        // Each group's pass rate, smoothed toward the average by one answer's worth.
        let recalls = data.map { ($0.recall * $0.count + Double(averageRecall)) / ($0.count + 1) }
        let decay = -Double(FSRSParameters.defaultWeights[20])
        let factor = Foundation.pow(0.9, 1 / decay) - 1
        func loss(_ stability: Double) -> Double {
            var total = 0.0
            for (index, point) in data.enumerated() {
                let predicted = Foundation.pow(point.deltaT / stability * factor + 1, decay)
                let recall = recalls[index]
                total += -(recall * log(predicted) + (1 - recall) * log(1 - predicted)) * point.count
            }
            return total + abs(stability - defaultStability) / 16
        }
        var low = Double(FSRSParameters.minimumStability)
        var high = Double(FSRSParameters.maximumInitialStability)
        var best = defaultStability
        var iterations = 0
        while high - low > Double.ulpOfOne, iterations < 1000 {
            iterations += 1
            let third = (high - low) / 3
            let (lower, upper) = (low + third, high - third)
            if loss(lower) < loss(upper) { high = upper } else { low = lower }
            best = (high + low) / 2
        }
        return Float(best)
    }

    /// `smooth_and_fill`: stabilities made to grow with the rating (the rating seen more often
    /// wins), the missing ones filled in by fsrs-rs's fixed proportions, all clamped. Nil when
    /// no rating has any (`NotEnoughData`).
    static func smoothAndFill(_ given: [Int: Float], counts: [Int: Int]) -> [Float]? {
        var stability = given.filter { counts[$0.key] != nil }
        for (small, big) in [(1, 2), (2, 3), (3, 4), (1, 3), (2, 4), (1, 4)] {
            guard let smallValue = stability[small], let bigValue = stability[big], smallValue > bigValue else {
                continue
            }
            if counts[small, default: 0] > counts[big, default: 0] {
                stability[big] = smallValue
            } else {
                stability[small] = bigValue
            }
        }
        let w1: Float = 0.41
        let w2: Float = 0.54
        func pow(_ x: Float, _ y: Float) -> Float { Foundation.pow(x, y) }
        var s: [Float?] = [nil, stability[1], stability[2], stability[3], stability[4]]
        switch stability.count {
        case 0:
            return nil
        case 1:
            guard let (rating, value) = stability.first else { return nil }
            let factor = value / FSRSParameters.defaultWeights[rating - 1]
            s = [nil] + FSRSParameters.defaultWeights[0..<4].map { $0 * factor }.sorted()
        case 2:
            switch (s[1], s[2], s[3], s[4]) {
            case (nil, nil, let r3?, let r4?):
                let r2 = pow(r3, 1 / (1 - w2)) * pow(r4, 1 - 1 / (1 - w2))
                s[2] = r2
                s[1] = pow(r2, 1 / w1) * pow(r3, 1 - 1 / w1)
            case (nil, let r2?, nil, let r4?):
                let r3 = pow(r2, 1 - w2) * pow(r4, w2)
                s[3] = r3
                s[1] = pow(r2, 1 / w1) * pow(r3, 1 - 1 / w1)
            case (nil, let r2?, let r3?, nil):
                s[4] = pow(r2, 1 - 1 / w2) * pow(r3, 1 / w2)
                s[1] = pow(r2, 1 / w1) * pow(r3, 1 - 1 / w1)
            case (let r1?, nil, nil, let r4?):
                // fsrs-rs's `w1.mul_add(-w2, w1 + w2)`, fused as there.
                let denominator = (w1 + w2).addingProduct(w1, -w2)
                let r2 = pow(r1, w1 / denominator) * pow(r4, 1 - w1 / denominator)
                s[2] = r2
                s[3] = pow(r1, 1 - w2 / denominator) * pow(r4, w2 / denominator)
            case (let r1?, nil, let r3?, nil):
                let r2 = pow(r1, w1) * pow(r3, 1 - w1)
                s[2] = r2
                s[4] = pow(r2, 1 - 1 / w2) * pow(r3, 1 / w2)
            case (let r1?, let r2?, nil, nil):
                let r3 = pow(r1, 1 - 1 / (1 - w1)) * pow(r2, 1 / (1 - w1))
                s[3] = r3
                s[4] = pow(r2, 1 - 1 / w2) * pow(r3, 1 / w2)
            default: break
            }
        case 3:
            switch (s[1], s[2], s[3], s[4]) {
            case (nil, let r2?, let r3?, _): s[1] = pow(r2, 1 / w1) * pow(r3, 1 - 1 / w1)
            case (let r1?, nil, let r3?, _): s[2] = pow(r1, w1) * pow(r3, 1 - w1)
            case (_, let r2?, nil, let r4?): s[3] = pow(r2, 1 - w2) * pow(r4, w2)
            case (_, let r2?, let r3?, nil): s[4] = pow(r2, 1 - 1 / w2) * pow(r3, 1 / w2)
            default: break
            }
        default: break
        }
        let filled = s.compactMap { $0 }
        guard filled.count == 4 else { return nil }
        return filled.map { min(max($0, FSRSParameters.minimumStability), FSRSParameters.maximumInitialStability) }
    }
}
