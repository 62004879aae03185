/// The desired retention that costs the least practice for each card known at the end, found
/// as `fsrs-rs`'s `optimal_retention` finds it (6.6.1): Brent's method over 0.70 to 0.95, each
/// retention scored by the mean over several seeded simulations of the seconds spent per card
/// known (`FSRSSimulation.secondsPerKnownCard`).
public enum FSRSOptimalRetention {
    /// The range searched (`R_MIN`, `R_MAX`).
    public static let lowest: Float = 0.70
    public static let highest: Float = 0.95

    /// Simulations averaged for each retention tried (`fsrs-rs`'s sample size): more for
    /// short spans, whose results vary more.
    public static func runs(days: Int) -> Int {
        switch days {
        case ...30: return 180
        case 31..<365:
            let span = Float(days)
            let factor = span * span * 8.20e-7 + (span * 2.41e-3 + 1.30e-2)
            return max(Int((16 / factor).rounded()), 1)
        default: return 16
        }
    }

    /// The seeds of those simulations: 42 onwards, as `fsrs-rs`'s.
    public static func seeds(days: Int) -> [UInt64] {
        (0..<runs(days: days)).map { UInt64(42 + $0) }
    }

    /// The retention in `lowest...highest` at which `objective` is smallest, by Brent's
    /// method (`fsrs-rs`'s `brent`, itself SciPy's), or nil when it does not settle within 64
    /// steps. `objective` is asked at most 65 times.
    public static func search(_ objective: (Float) -> Float) -> Float? {
        let minimumTolerance: Float = 1e-10
        let golden: Float = 0.381_966
        let tolerance: Float = 0.01
        var (a, b) = (lowest, highest)
        var (x, v, w) = (lowest, lowest, lowest)
        let start = objective(lowest)
        var (fx, fv, fw) = (start, start, start)
        var deltaX: Float = 0
        var rat: Float = 0
        var iteration = 0
        while iteration < 64 {
            let tol1 = tolerance * abs(x) + minimumTolerance
            let tol2 = 2 * tol1
            let middle = (a + b) / 2
            if abs(x - middle) < tol2 - (b - a) / 2 { break }
            if abs(deltaX) <= tol1 {
                deltaX = (x >= middle ? a : b) - x
                rat = golden * deltaX
            } else {
                // A parabola through the three best points, if its step is a useful one.
                let t1 = (x - w) * (fx - fv)
                var t2 = (x - v) * (fx - fw)
                var p = (x - v) * t2 - (x - w) * t1
                t2 = 2 * (t2 - t1)
                if t2 > 0 { p = -p }
                t2 = abs(t2)
                let previous = deltaX
                deltaX = rat
                if p > t2 * (a - x), p < t2 * (b - x), abs(p) < abs(t2 * previous / 2) {
                    rat = p / t2
                    let u = x + rat
                    if u - a < tol2 || b - u < tol2 { rat = middle - x >= 0 ? tol1 : -tol1 }
                } else {
                    deltaX = (x >= middle ? a : b) - x
                    rat = golden * deltaX
                }
            }
            let u = x + (abs(rat) < tol1 ? (rat >= 0 ? tol1 : -tol1) : rat)
            let fu = objective(u)
            if fu > fx {
                if u < x { a = u } else { b = u }
                if fu <= fw || w == x {
                    (v, w) = (w, u)
                    (fv, fw) = (fw, fu)
                } else if fu <= fv || v == x || v == w {
                    v = u
                    fv = fu
                }
            } else {
                if u >= x { a = x } else { b = x }
                (v, w, x) = (w, x, u)
                (fv, fw, fx) = (fw, fx, fu)
            }
            iteration += 1
        }
        guard iteration < 64, (lowest...highest).contains(x) else { return nil }
        return x
    }
}
