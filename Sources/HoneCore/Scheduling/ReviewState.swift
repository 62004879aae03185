/// A card in review: SM-2's interval and ease, and the day it is due. Also the review part a
/// relearning card returns to.
public struct ReviewState: Hashable, Sendable {
    /// Days between this review and the next; while relearning, the interval kept for after.
    public var intervalDays: Int
    /// Permille: 2500 is an ease (SM-2's E-Factor) of 2.5. An integer, so the ease steps of
    /// every preset (exact hundredths) add up without binary-float noise.
    public var easePermille: Int
    /// A day number of `DayClock`. While relearning, the day the review was due when it lapsed
    /// (nothing reads it then: the card is due by its step).
    public var dueDay: Int

    /// Permille in one unit of ease.
    public static let permille = 1000
    /// SM-2's floor for the ease, 1.3, in every preset.
    public static let minimumEase = 1300
    /// A review is at least a day away, whatever the knobs say.
    public static let shortestInterval = 1

    public init(intervalDays: Int, easePermille: Int, dueDay: Int) {
        self.intervalDays = intervalDays
        self.easePermille = easePermille
        self.dueDay = dueDay
    }

    /// The ease as the interval formulas use it: 2.5 for 2500.
    var easeFactor: Float { Float(easePermille) / Float(Self.permille) }
}
