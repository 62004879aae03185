import Foundation

/// FSRS-6's formulas, in 32-bit floats and in the order of operations of the `fsrs-rs` engine
/// (`model.rs`), so that a memory state computed here is the one Anki and `fsrs-rs` compute,
/// bit for bit on the same C library. Pure: the scheduler, the optimizer's scoring, the
/// simulator and the stats all read the curve from here.
public struct FSRSModel: Sendable {
    public let parameters: FSRSParameters
    /// The weights, as `w[i]` in the formulas.
    let w: [Float]
    /// Parts of the formulas that depend on the weights alone, worked out once: the same
    /// operations on the same numbers, so the results do not change.
    private let successScale: Float
    private let meanDifficulty: Float
    private let failureCeilingDivisor: Float

    public init(parameters: FSRSParameters = .default) {
        self.parameters = parameters
        let w = parameters.weights
        self.w = w
        successScale = exp(w[8])
        meanDifficulty = Self.initialDifficulty(w, rating: 4)
        failureCeilingDivisor = exp(w[17] * w[18])
    }

    /// The probability of recall after `days` with `stability`: `(1 + factor·t/S)^decay`.
    @inline(__always)
    public func retrievability(days: Float, stability: Float) -> Float {
        Foundation.pow(days / stability * parameters.factor + 1, parameters.decay)
    }

    /// The interval, in days (not rounded), at which retrievability falls to `retention`.
    @inline(__always)
    public func interval(stability: Float, retention: Float) -> Float {
        stability / parameters.factor * (Foundation.pow(retention, 1 / parameters.decay) - 1)
    }

    /// The memory state after a card's first answer.
    public func initial(_ rating: Rating) -> FSRSMemoryState {
        let r = rating.rawValue
        return FSRSMemoryState(
            stability: clampStability(w[r - 1]),
            difficulty: clampDifficulty(Self.initialDifficulty(w, rating: r)))
    }

    /// The memory state after answering `rating`, `days` days after the previous answer (0 on
    /// the same day: FSRS-6's short-term formula), from `state` (nil for a card's first answer).
    public func step(_ state: FSRSMemoryState?, _ rating: Rating, days: Float) -> FSRSMemoryState {
        guard let state, state.stability != 0 else { return initial(rating) }
        let s = clampStability(state.stability)
        let d = clampDifficulty(state.difficulty)
        let g = Float(rating.rawValue)
        let newStability: Float
        if days == 0 {
            newStability = shortTermStability(s, g)
        } else {
            let r = retrievability(days: days, stability: s)
            newStability = rating == .again ? failureStability(s, d, r) : successStability(s, d, r, g)
        }
        return FSRSMemoryState(stability: clampStability(newStability), difficulty: nextDifficulty(d, g))
    }

    /// All four ratings' next states from one state, sharing the retrievability: what
    /// `fsrs-rs`'s `next_states` gives (its intervals are `interval(stability:retention:)`).
    public func nextStates(_ state: FSRSMemoryState?, days: Float) -> [FSRSMemoryState] {
        Rating.allCases.map { step(state, $0, days: days) }
    }

    /// Anki's estimate of a memory state from SM-2's ease and interval (`memory_state_from_sm2`),
    /// for a card whose history starts without FSRS: the stability that would have given the
    /// interval at `retention`, and the difficulty that would have grown it by the ease. Nil
    /// when the numbers give no finite state.
    public func memoryFromSM2(ease: Float, interval: Float, retention: Float) -> FSRSMemoryState? {
        let decay = parameters.decay
        let factor = Foundation.pow(Float(0.9), 1 / decay) - 1
        let stability =
            max(interval, FSRSParameters.minimumStability) * factor / (Foundation.pow(retention, 1 / decay) - 1)
        let difficulty =
            11 - (ease - 1) / (exp(w[8]) * Foundation.pow(stability, -w[9]) * expm1((1 - retention) * w[10]))
        guard stability.isFinite, difficulty.isFinite else { return nil }
        return FSRSMemoryState(stability: stability, difficulty: clampDifficulty(difficulty))
    }

    // MARK: - The formulas

    static func initialDifficulty(_ w: [Float], rating: Int) -> Float {
        w[4] - exp(w[5] * Float(rating - 1)) + 1
    }

    private func successStability(_ s: Float, _ d: Float, _ r: Float, _ g: Float) -> Float {
        let hardPenalty = g == 2 ? w[15] : 1
        let easyBonus = g == 4 ? w[16] : 1
        return s
            * (successScale * (11 - d) * Foundation.pow(s, -w[9]) * (exp((1 - r) * w[10]) - 1) * hardPenalty
                * easyBonus + 1)
    }

    private func failureStability(_ s: Float, _ d: Float, _ r: Float) -> Float {
        let stability =
            w[11] * Foundation.pow(d, -w[12]) * (Foundation.pow(s + 1, w[13]) - 1) * exp((1 - r) * w[14])
        return min(stability, s / failureCeilingDivisor)
    }

    private func shortTermStability(_ s: Float, _ g: Float) -> Float {
        let increase = exp(w[17] * (g - 3 + w[18])) * Foundation.pow(s, -w[19])
        return s * (g >= 2 ? max(increase, 1) : increase)
    }

    private func nextDifficulty(_ d: Float, _ g: Float) -> Float {
        let change = -w[6] * (g - 3)
        let damped = d + (10 - d) * change / 9
        return clampDifficulty(w[7] * (meanDifficulty - damped) + damped)
    }

    private func clampStability(_ s: Float) -> Float {
        min(max(s, FSRSParameters.minimumStability), FSRSParameters.maximumStability)
    }

    private func clampDifficulty(_ d: Float) -> Float {
        min(max(d, FSRSParameters.minimumDifficulty), FSRSParameters.maximumDifficulty)
    }
}
