/// One event of the log: the truth that card states, suspensions and buries are derived from.
/// Appended once, never updated or deleted (`event-log.md`).
public struct LogEvent: Hashable, Sendable, ReplayEvent {
    /// Unique across devices: `DEVICE-COUNTER` for events hone made, `CARD@MILLISECONDS` for an
    /// answer imported without one, or the id the source gave.
    public var id: String
    /// `DECK_ID/CARD_ID`.
    public var card: String
    /// Milliseconds since 1970, UTC.
    public var time: Int64
    /// The UTC offset of the place the event happened, in seconds (kept for the record).
    public var utcOffset: Int
    public var action: EventAction
    /// The device that made the event, when known.
    public var device: String?

    public init(id: String, card: String, time: Int64, utcOffset: Int, action: EventAction, device: String? = nil) {
        self.id = id
        self.card = card
        self.time = time
        self.utcOffset = utcOffset
        self.action = action
        self.device = device
    }

    /// An answer event.
    public static func answer(
        id: String, card: String, time: Int64, utcOffset: Int, answer: Answer, durationMilliseconds: Int = 0
    ) -> LogEvent {
        LogEvent(
            id: id, card: card, time: time, utcOffset: utcOffset,
            action: .answer(answer, durationMilliseconds: durationMilliseconds))
    }

    /// The id an event without one is known by: its card and time, unique in the log.
    public static func defaultID(card: String, milliseconds: Int64) -> String {
        "\(card)@\(milliseconds)"
    }

    public var milliseconds: Int64 { time }
}

/// What an event does to its card.
public enum EventAction: Hashable, Sendable {
    /// Schedules the card by the preset.
    case answer(Answer, durationMilliseconds: Int)
    /// Takes the card out of the queue until it is unsuspended.
    case suspend
    case unsuspend
    /// Hides the card until the next learning day.
    case bury
    /// Back to new; the history is kept.
    case forget
    /// Takes back the event with this id: the replay skips it.
    case undo(target: String)
    /// An event of a kind this hone does not know (a newer one wrote it): it changes nothing,
    /// and is kept and exported as it came.
    case other(String)

    /// The event column's word for it, as the log and its CSV write it.
    public var name: String {
        switch self {
        case .answer: "answer"
        case .suspend: "suspend"
        case .unsuspend: "unsuspend"
        case .bury: "bury"
        case .forget: "forget"
        case .undo: "undo"
        case .other(let name): name
        }
    }

    /// The names of every kind of event, in the order the README lists them.
    public static let names = ["answer", "suspend", "unsuspend", "bury", "forget", "undo"]

    /// An action without a payload from its name (`answer` and `undo` need theirs).
    public init?(plainName name: String) {
        switch name {
        case "suspend": self = .suspend
        case "unsuspend": self = .unsuspend
        case "bury": self = .bury
        case "forget": self = .forget
        default: return nil
        }
    }

    public var answer: Answer? {
        if case .answer(let answer, _) = self { return answer }
        return nil
    }
}
