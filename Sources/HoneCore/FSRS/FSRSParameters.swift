import Foundation

/// The 21 weights of FSRS-6, checked and clipped as the `fsrs-rs` engine does when it is built
/// from them (`FSRS::new`): 17 (FSRS-4.5) and 19 (FSRS-5) weights are filled up, and each weight
/// is clamped to the range the optimizer may move it in, so hone and Anki compute from the same
/// numbers whatever the config holds.
public struct FSRSParameters: Hashable, Sendable {
    /// The weights `w[0]` to `w[20]`, after filling and clipping.
    public let weights: [Float]
    /// The forgetting curve's decay, `-w[20]` (negative).
    public let decay: Float
    /// The curve's factor, chosen so that retrievability is 0.9 when the days elapsed equal the
    /// stability: `0.9^(1/decay) - 1`, computed as `fsrs-rs` computes it.
    public let factor: Float

    /// FSRS-6's published defaults (`fsrs-rs` `DEFAULT_PARAMETERS`, also Anki's).
    public static let defaultWeights: [Float] = [
        0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835, 0.0614,
        0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
    ]
    public static let `default` = FSRSParameters(checked: defaultWeights)

    /// Stability and difficulty bounds of `fsrs-rs` (`S_MIN`, `S_MAX`, `D_MIN`, `D_MAX`).
    public static let minimumStability: Float = 0.001
    public static let maximumStability: Float = 36_500
    public static let minimumDifficulty: Float = 1
    public static let maximumDifficulty: Float = 10
    /// The largest initial stability the optimizer may fit (`INIT_S_MAX`).
    static let maximumInitialStability: Float = 100
    /// FSRS-4.5's and FSRS-5's fixed decay, for weights written before FSRS-6.
    static let fsrs5Decay: Float = 0.5

    /// Why a list of weights cannot be used.
    public enum Problem: Error, Equatable, Sendable {
        case count(Int)
        case notFinite(index: Int)
    }

    /// The weights as `fsrs-rs` fills and clips them, or why they cannot be used. None means the
    /// defaults, as in fsrs-rs and Anki.
    public static func make(_ given: [Double]) -> Result<FSRSParameters, Problem> {
        var w = given.map(Float.init)
        switch w.count {
        case 0: w = defaultWeights
        case 21: break
        case 19: w += [0, fsrs5Decay]
        case 17:
            // FSRS-4.5's initial difficulty and its first difficulty step, as FSRS-5 reads them.
            // fsrs-rs's `mul_add`s, fused as there.
            let (w4, w5) = (w[4], w[5])
            w[4] = w4.addingProduct(w5, 2)
            w[5] = log(Float(1).addingProduct(w5, 3)) / 3
            w[6] += 0.5
            w += [0, 0, 0, fsrs5Decay]
        default: return .failure(.count(given.count))
        }
        // Checked after filling up, as fsrs-rs checks: FSRS-4.5's w5 below -1/3 has no logarithm.
        if let bad = w.firstIndex(where: { !$0.isFinite }) {
            return .failure(.notFinite(index: min(bad, max(given.count - 1, 0))))
        }
        return .success(FSRSParameters(checked: w))
    }

    /// `weights` clipped to the optimizer's ranges (`clip_parameters` with one relearning step,
    /// short-term stability not forced).
    init(checked weights: [Float]) {
        var w = weights
        let s = (Self.minimumStability, Self.maximumInitialStability)
        let ranges: [(Float, Float)] = [
            s, s, s, s, (Self.minimumDifficulty, Self.maximumDifficulty), (0.001, 4), (0.001, 4), (0.001, 0.75),
            (0, 4.5), (0, 0.8), (0.001, 3.5), (0.001, 5), (0.001, 0.25), (0.001, 0.9), (0, 4), (0, 1), (1, 6),
            (0, 2), (0, 2), (0, 0.8), (0.1, 0.8),
        ]
        for index in w.indices { w[index] = min(max(w[index], ranges[index].0), ranges[index].1) }
        self.weights = w
        decay = -w[20]
        factor = exp(log(Float(0.9)) / decay) - 1
    }
}
