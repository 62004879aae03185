/// What each of the four buttons would do to a card now, from one call: the intervals shown
/// before the learner answers, and the outcome saved when they do (the shape of Anki's
/// `SchedulingStates`), so the interval shown is the interval given.
///
/// The `classic` preset reads SM-2's quality 0-5, and its four buttons are the qualities 1, 3,
/// 4 and 5 (`Answer.quality`). Qualities 0 and 2 move the E-Factor otherwise (-0.80 and -0.32,
/// where 1 and 3 move it -0.54 and -0.14), so no button's outcome is theirs: `outcome(of:)`
/// returns nil for them, and the caller answers them with `Scheduler.answer`, which honours
/// every quality exactly. Four outcomes rather than six keep the preview the same four buttons
/// in every preset, and a quality the learner rarely types costs one more answer, not a
/// preview of six.
public struct NextStates: Hashable, Sendable {
    public var again: ScheduledAnswer
    public var hard: ScheduledAnswer
    public var good: ScheduledAnswer
    public var easy: ScheduledAnswer
    /// Whether the algorithm reads SM-2's quality (the `classic` preset) rather than the button.
    let readsQuality: Bool

    public subscript(rating: Rating) -> ScheduledAnswer {
        switch rating {
        case .again: again
        case .hard: hard
        case .good: good
        case .easy: easy
        }
    }

    /// The outcome of `answer`, or nil when it is a `classic` quality no button stands for.
    public func outcome(of answer: Answer) -> ScheduledAnswer? {
        guard readsQuality else { return self[answer.rating] }
        switch answer {
        case .button(let rating): return self[rating]
        case .quality(let quality):
            let button = Answer.quality(quality).rating
            return Answer.button(button).quality == quality ? self[button] : nil
        }
    }
}
