/// One event of the log: the truth that card states, suspensions and buries are derived from.
/// Appended once, never updated or deleted (`event-log.md`).
public struct LogEvent: Hashable, Sendable, ReplayEvent {
    /// Unique across devices: `DEVICE-COUNTER` for events hone made, `CARD@MILLISECONDS` for an
    /// answer imported without one, or the id the source gave.
    public var id: String {
        get { storedID.isEmpty ? LogEvent.defaultID(card: card, milliseconds: time) : storedID }
        set { storedID = LogEvent.isDefaultID(newValue, card: card, milliseconds: time) ? "" : newValue }
    }
    /// The id as the log stores it: empty for the default `CARD@MILLISECONDS`, which is built
    /// only when read. A million-row import or replay built (and retained, and compared) a
    /// string an event for it.
    public private(set) var storedID: String
    /// `DECK_ID/CARD_ID`.
    public var card: String
    /// Milliseconds since 1970, UTC.
    public var time: Int64
    /// The UTC offset of the place the event happened, in seconds (kept for the record).
    public var utcOffset: Int
    public var action: EventAction
    /// The device that made the event, when known.
    public var device: String?
    /// What the learner wrote with it: the notes typed during a practice drill (their evidence
    /// of practice), nil when none.
    public var note: String?

    /// `id` empty stands for the default, `CARD@MILLISECONDS`.
    public init(
        id: String, card: String, time: Int64, utcOffset: Int, action: EventAction, device: String? = nil,
        note: String? = nil
    ) {
        storedID = LogEvent.isDefaultID(id, card: card, milliseconds: time) ? "" : id
        self.card = card
        self.time = time
        self.utcOffset = utcOffset
        self.action = action
        self.device = device
        self.note = note
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

    /// Whether `id` is `card@milliseconds`, checked without building that string.
    public static func isDefaultID(_ id: String, card: String, milliseconds: Int64) -> Bool {
        var id = id.utf8[...]
        guard id.starts(with: card.utf8) else { return false }
        id = id.dropFirst(card.utf8.count)
        guard id.first == UInt8(ascii: "@") else { return false }
        id = id.dropFirst()
        var value: Int64 = 0
        var negative = false
        if id.first == UInt8(ascii: "-") {
            negative = true
            id = id.dropFirst()
        }
        guard !id.isEmpty, id.count < 19 else { return false }
        for byte in id {
            guard byte >= 0x30, byte <= 0x39 else { return false }
            value = value * 10 + Int64(byte - 0x30)
        }
        return (negative ? -value : value) == milliseconds && (id.first != 0x30 || id.count == 1)
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
    /// Sets the card's scheduling state as given (an import from another tool, rescheduling
    /// by hand); what the learner set (suspended, buried) and the leech mark stay. Indirect: the
    /// state is about a hundred bytes, and held inline it would grow every event of a
    /// million-answer import by as much.
    case setState(ImportedState)
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
        case .setState: "set-state"
        case .undo: "undo"
        case .other(let name): name
        }
    }

    /// The names of every kind of event, in the order the README lists them.
    public static let names = ["answer", "suspend", "unsuspend", "bury", "forget", "set-state", "undo"]

    /// An action without a payload from its name (`answer`, `set-state` and `undo` need theirs).
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
