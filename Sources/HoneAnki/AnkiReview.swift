/// One row of Anki's review log (`revlog`).
public struct AnkiReview: Sendable, Equatable {
    /// The answer's time in milliseconds since 1970, unique in the collection.
    public var id: Int64
    public var cardID: Int64
    /// 1 again, 2 hard, 3 good, 4 easy; 0 for a row that is not an answer (a manual reschedule).
    public var ease: Int
    /// The interval after the answer: days, or negative seconds for a learning step.
    public var interval: Int
    public var lastInterval: Int
    public var factor: Int
    /// Time spent answering, in milliseconds.
    public var durationMilliseconds: Int
    /// 0 learning, 1 review, 2 relearning, 3 filtered (cram), 4 manual, 5 rescheduled.
    public var type: Int

    public init(
        id: Int64, cardID: Int64, ease: Int, interval: Int, lastInterval: Int, factor: Int, durationMilliseconds: Int,
        type: Int
    ) {
        self.id = id
        self.cardID = cardID
        self.ease = ease
        self.interval = interval
        self.lastInterval = lastInterval
        self.factor = factor
        self.durationMilliseconds = durationMilliseconds
        self.type = type
    }
}
