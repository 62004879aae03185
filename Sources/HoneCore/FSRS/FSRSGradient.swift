import Foundation

/// The loss of FSRS-6's predictions over one card's answers, and its gradient in the 21
/// weights, as `fsrs-rs` computes them to train (`analytic.rs`): the memory state is carried
/// forward in 32-bit floats with the same operations as the model (clamps, short-term,
/// lapse and success branches), and the derivatives are taken back through the branch each
/// step took, in 64-bit floats. A clamp stops the gradient only outside its range (at its
/// bounds it passes, as in PyTorch).
struct FSRSGradient {
    /// One answer of a card as the training sees it: the days since the previous answer, its
    /// rating, and, when it is predicted, whether it passed and the weight of that prediction
    /// (0 when it is not: the first answer, same-day answers).
    struct Position {
        var deltaT: Float
        var rating: Float
        var label: Float
        var weight: Float
    }

    /// What the backward pass needs to know of one step forward.
    fileprivate struct Step {
        var stateS: Float
        var stateD: Float
        var lastS: Float
        var lastD: Float
        var deltaT: Float
        var rating: Float
        var retrievability: Float
        var failureRaw: Float
        var failureFloor: Float
        var usedFailureFloor: Bool
        var shortRaw: Float
        var shortValue: Float
        var shortRawActive: Bool
        var branch: Branch
        var preClampS: Float
        var meanPreClampD: Float
    }

    fileprivate enum Branch { case initial, short, failure, success }

    /// The weights, and the parts of the formulas that depend on them alone.
    let w: [Float]
    private let decay: Float
    private let factor: Float
    private let factorPerDecay: Double
    private let expW8: Float
    private let expW8Double: Double
    private let failureFloorDivisor: Float
    private let easyDifficulty: Float
    private let exp3W5: Double

    static let minimumProbability: Float = 1e-7
    static let maximumProbability: Float = 1 - 1e-7

    init(weights w: [Float]) {
        self.w = w
        decay = -w[20]
        factor = exp(log(Float(0.9)) / decay) - 1
        let c = log(0.9)
        factorPerDecay = exp(c / Double(decay)) * (-c / (Double(decay) * Double(decay)))
        expW8 = exp(w[8])
        expW8Double = exp(Double(w[8]))
        failureFloorDivisor = exp(w[17] * w[18])
        easyDifficulty = w[4] - exp(w[5] * 3) + 1
        exp3W5 = exp(3 * Double(w[5]))
    }

    @inline(__always) private static func clamp(_ x: Float, _ low: Float, _ high: Float) -> Float {
        min(max(x, low), high)
    }

    /// 1 inside [low, high], bounds included; 0 outside.
    @inline(__always) private static func passes(_ x: Float, _ low: Float, _ high: Float) -> Double {
        x >= low && x <= high ? 1 : 0
    }

    @inline(__always) private func clampS(_ s: Float) -> Float {
        Self.clamp(s, FSRSParameters.minimumStability, FSRSParameters.maximumStability)
    }

    @inline(__always) private func clampD(_ d: Float) -> Float {
        Self.clamp(d, FSRSParameters.minimumDifficulty, FSRSParameters.maximumDifficulty)
    }

    @inline(__always) private func curve(_ t: Float, _ s: Float) -> Float {
        Foundation.pow(max(t, 0) / s * factor + 1, decay)
    }

    /// The binary cross-entropy of one prediction, weighted, and its derivative in the
    /// prediction (0 where the prediction was clamped away from 0 or 1).
    @inline(__always) private static func crossEntropy(_ raw: Float, label: Float, weight: Float) -> (Double, Double) {
        guard weight != 0 else { return (0, 0) }
        let r = clamp(raw, minimumProbability, maximumProbability)
        let loss = -((label * log(r)) + ((1 - label) * log(1 - r))) * weight
        let gradient = -weight * (label / r - (1 - label) / (1 - r))
        return (Double(loss), raw > minimumProbability && raw < maximumProbability ? Double(gradient) : 0)
    }

    /// The curve's derivative in the stability, for `dL/dR` = `gR`; adds `dL/dw[20]` to `gw`.
    @inline(__always) private func curveBackward(
        t rawT: Float, s sFloat: Float, r rFloat: Float, gR: Double, _ gw: UnsafeMutablePointer<Double>
    ) -> Double {
        guard gR != 0 else { return 0 }
        let t = Double(max(rawT, 0))
        let s = Double(sFloat)
        let r = Double(rFloat)
        let base = Double(max(rawT, 0) / sFloat * factor + 1)
        let decay = Double(self.decay)
        let dBaseDS = -t * Double(factor) / (s * s)
        let dRDDecay = r * (log(base) + decay / base * (t / s * factorPerDecay))
        gw[20] -= gR * dRDDecay
        return gR * r * decay / base * dBaseDS
    }

    /// One step forward from `(s, d)` (zero stability before the first answer).
    @inline(__always) private func forward(s stateS: Float, d stateD: Float, deltaT: Float, rating: Float, first: Bool)
        -> (s: Float, d: Float, step: Step)
    {
        let lastS = clampS(stateS)
        let lastD = clampD(stateD)
        var step = Step(
            stateS: stateS, stateD: stateD, lastS: lastS, lastD: lastD, deltaT: deltaT, rating: rating,
            retrievability: 0, failureRaw: 0, failureFloor: 0, usedFailureFloor: false, shortRaw: 0, shortValue: 0,
            shortRawActive: false, branch: .initial, preClampS: 0, meanPreClampD: 0)
        if first && stateS == 0 {
            let index = Int(Self.clamp(rating, 1, 4))
            let s = w[index - 1]
            let d = w[4] - exp(w[5] * Float(index - 1)) + 1
            step.preClampS = s
            step.meanPreClampD = d
            step.rating = Float(index)
            return (clampS(s), clampD(d), step)
        }
        let r = curve(deltaT, lastS)
        step.retrievability = r
        let newS: Float
        if deltaT == 0 {
            step.branch = .short
            let raw = exp(w[17] * (rating - 3 + w[18])) * Foundation.pow(lastS, -w[19])
            step.shortRaw = raw
            step.shortRawActive = !(rating >= 2 && raw < 1)
            step.shortValue = rating >= 2 ? max(raw, 1) : raw
            newS = lastS * step.shortValue
        } else if rating == 1 {
            step.branch = .failure
            let raw =
                w[11] * Foundation.pow(lastD, -w[12]) * (Foundation.pow(lastS + 1, w[13]) - 1) * exp((1 - r) * w[14])
            let floor = lastS / failureFloorDivisor
            step.failureRaw = raw
            step.failureFloor = floor
            step.usedFailureFloor = floor < raw
            newS = step.usedFailureFloor ? floor : raw
        } else {
            step.branch = .success
            let hardPenalty = rating == 2 ? w[15] : 1
            let easyBonus = rating == 4 ? w[16] : 1
            let increase =
                expW8 * (11 - lastD) * Foundation.pow(lastS, -w[9]) * (exp((1 - r) * w[10]) - 1) * hardPenalty
                * easyBonus
            newS = lastS * (increase + 1)
        }
        let change = -w[6] * (rating - 3)
        let damped = lastD + (10 - lastD) * change / 9
        let mean = w[7] * (easyDifficulty - damped) + damped
        step.preClampS = newS
        step.meanPreClampD = mean
        return (clampS(newS), clampD(mean), step)
    }

    /// One step back: the gradients in the state before `step`, from those in the state after
    /// it and `gRExtra` (the step's own prediction's `dL/dR`); the weights' go into `gw`.
    @inline(__always) private func backward(
        _ c: Step, gS gOutS: Double, gD gOutD: Double, gRExtra: Double, _ gw: UnsafeMutablePointer<Double>
    ) -> (Double, Double) {
        let gPreS = gOutS * Self.passes(c.preClampS, FSRSParameters.minimumStability, FSRSParameters.maximumStability)
        var gLastS = 0.0
        var gLastD = 0.0
        var gR = gRExtra
        let s = Double(c.lastS)
        let d = Double(c.lastD)
        let r = Double(c.retrievability)
        switch c.branch {
        case .initial:
            let rating = Int(c.rating)
            gw[rating - 1] += gPreS
            let gRawD =
                gOutD
                * Self.passes(c.meanPreClampD, FSRSParameters.minimumDifficulty, FSRSParameters.maximumDifficulty)
            if gRawD != 0 {
                let offset = Double(rating - 1)
                gw[4] += gRawD
                gw[5] += gRawD * -offset * exp(offset * Double(w[5]))
            }
        case .short:
            if gPreS != 0 {
                gLastS += gPreS * Double(c.shortValue)
                if c.shortRawActive {
                    let gRaw = gPreS * s
                    let raw = Double(c.shortRaw)
                    gw[17] += gRaw * raw * Double(c.rating - 3 + w[18])
                    gw[18] += gRaw * raw * Double(w[17])
                    gw[19] += gRaw * raw * -log(s)
                    gLastS += gRaw * raw * (-Double(w[19]) / s)
                }
            }
        case .failure:
            if gPreS != 0 {
                if c.usedFailureFloor {
                    let floor = Double(c.failureFloor)
                    gw[17] += gPreS * floor * -Double(w[18])
                    gw[18] += gPreS * floor * -Double(w[17])
                    gLastS += gPreS * floor / s
                } else {
                    let raw = Double(c.failureRaw)
                    let base = s + 1
                    let p = Foundation.pow(base, Double(w[13]))
                    let dPower = Foundation.pow(d, -Double(w[12]))
                    let er = exp((1 - r) * Double(w[14]))
                    gw[11] += gPreS * raw / Double(w[11])
                    gw[12] += gPreS * raw * -log(d)
                    gw[13] += gPreS * Double(w[11]) * dPower * er * p * log(base)
                    gw[14] += gPreS * raw * (1 - r)
                    gLastS += gPreS * Double(w[11]) * dPower * er * Double(w[13]) * p / base
                    gLastD += gPreS * raw * (-Double(w[12]) / d)
                    gR += gPreS * raw * -Double(w[14])
                }
            }
        case .success:
            if gPreS != 0 {
                let b = 11 - d
                let cS = Foundation.pow(s, -Double(w[9]))
                // As fsrs-rs has them: e first, e + 1 from it.
                let e = exp((1 - r) * Double(w[10])) - 1
                let expE = e + 1
                let hardPenalty = c.rating == 2 ? Double(w[15]) : 1
                let easyBonus = c.rating == 4 ? Double(w[16]) : 1
                let a = expW8Double
                let increase = a * b * cS * e * hardPenalty * easyBonus
                let gIncrease = gPreS * s
                gLastS += gPreS * (increase + 1) + gIncrease * increase * (-Double(w[9]) / s)
                gLastD += -(gIncrease * a * cS * e * hardPenalty * easyBonus)
                gR += gIncrease * a * b * cS * hardPenalty * easyBonus * (-Double(w[10]) * expE)
                gw[8] += gIncrease * increase
                gw[9] += gIncrease * increase * -log(s)
                gw[10] += gIncrease * a * b * cS * hardPenalty * easyBonus * ((1 - r) * expE)
                if c.rating == 2 { gw[15] += gIncrease * a * b * cS * e * easyBonus }
                if c.rating == 4 { gw[16] += gIncrease * a * b * cS * e * hardPenalty }
            }
        }
        if c.branch != .initial, gOutD != 0 {
            // The difficulty's update: damped toward 10 or 1, then pulled toward Easy's start.
            let gMean =
                gOutD
                * Self.passes(c.meanPreClampD, FSRSParameters.minimumDifficulty, FSRSParameters.maximumDifficulty)
            if gMean != 0 {
                let ratingMinus3 = Double(c.rating - 3)
                let change = -Double(w[6]) * ratingMinus3
                let damped = d + (10 - d) * change / 9
                gw[7] += gMean * (Double(easyDifficulty) - damped)
                gw[4] += gMean * Double(w[7])
                gw[5] += gMean * Double(w[7]) * -3 * exp3W5
                let gDamped = gMean * (1 - Double(w[7]))
                gw[6] += gDamped * (10 - d) * -ratingMinus3 / 9
                gLastD += gDamped * (1 - change / 9)
            }
        }
        gLastS += curveBackward(t: c.deltaT, s: c.lastS, r: c.retrievability, gR: gR, gw)
        let gStateS =
            gLastS * Self.passes(c.stateS, FSRSParameters.minimumStability, FSRSParameters.maximumStability)
        let gStateD =
            gLastD * Self.passes(c.stateD, FSRSParameters.minimumDifficulty, FSRSParameters.maximumDifficulty)
        return (gStateS, gStateD)
    }

    /// Scratch space for one thread, reused from card to card.
    struct Scratch {
        fileprivate var steps: [Step] = []
        fileprivate var gR: [Double] = []
        init() {}
    }

    /// The summed loss of every weighted prediction among one card's `positions` (each
    /// predicted from the state after the answers before it), adding its gradient to `gw`.
    func cardLoss(
        _ positions: UnsafeBufferPointer<Position>, scratch: inout Scratch, gradient gw: UnsafeMutablePointer<Double>
    ) -> Double {
        let count = positions.count
        guard count > 0 else { return 0 }
        scratch.steps.removeAll(keepingCapacity: true)
        scratch.gR.removeAll(keepingCapacity: true)
        var s: Float = 0
        var d: Float = 0
        var loss = 0.0
        for t in 0..<(count - 1) {
            let position = positions[t]
            let (nextS, nextD, step) = forward(
                s: s, d: d, deltaT: position.deltaT, rating: position.rating, first: t == 0)
            var gR = 0.0
            if t != 0 {
                let (stepLoss, g) = Self.crossEntropy(
                    step.retrievability, label: position.label, weight: position.weight)
                loss += stepLoss
                gR = g
            }
            scratch.steps.append(step)
            scratch.gR.append(gR)
            (s, d) = (nextS, nextD)
        }
        // The last answer is only predicted: no step from it.
        let last = positions[count - 1]
        var gS = 0.0
        if count > 1, last.weight != 0 {
            let clamped = clampS(s)
            let r = curve(last.deltaT, clamped)
            let (lastLoss, gR) = Self.crossEntropy(r, label: last.label, weight: last.weight)
            loss += lastLoss
            gS =
                curveBackward(t: last.deltaT, s: clamped, r: r, gR: gR, gw)
                * Self.passes(s, FSRSParameters.minimumStability, FSRSParameters.maximumStability)
        }
        var gD = 0.0
        for t in scratch.steps.indices.reversed() {
            (gS, gD) = backward(scratch.steps[t], gS: gS, gD: gD, gRExtra: scratch.gR[t], gw)
        }
        return loss
    }
}
