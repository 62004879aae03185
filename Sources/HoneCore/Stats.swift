/// Progress figures over a review log and the cards' current states: what `hone stats`
/// shows, writes as JSON and CSV and draws. Built by `StatsBuilder`; every figure is defined
/// where it is declared, and the README gives the same definitions to readers of the JSON.
public struct Stats: Sendable, Equatable {
    /// One learning day of the log.
    public struct Day: Sendable, Equatable {
        /// A `DayClock` day number.
        public var day: Int
        public var answers = 0
        /// Answers not rated Again (SM-2 quality 3-5).
        public var correct = 0
        /// Answers that were their card's first (a card a set-state gave a schedule had its first).
        public var new = 0
        public var durationMilliseconds: Int64 = 0
        /// Cards of the decks scheduled for this day. For a past day (and today), as the schedule stood
        /// when the day began: a card answered early, before the day came, is not counted,
        /// and an overdue card counts only on the day it fell due. For a day to come, the
        /// cards due that day by their current state (suspended cards left out).
        public var due = 0

        public init(day: Int) { self.day = day }
    }

    /// Answers passed out of answers given; `share` is nil when there were none.
    public struct Retention: Sendable, Equatable {
        public var passed = 0
        public var total = 0
        public var share: Double? { total == 0 ? nil : Double(passed) / Double(total) }

        public init(passed: Int = 0, total: Int = 0) {
            self.passed = passed
            self.total = total
        }

        static func + (lhs: Retention, rhs: Retention) -> Retention {
            Retention(passed: lhs.passed + rhs.passed, total: lhs.total + rhs.total)
        }
    }

    /// True retention over the last `days` learning days (today included): review answers
    /// (the card was in review before the answer) not rated Again, split by the interval the
    /// card had before the answer: young under 21 days, mature 21 or more.
    public struct RetentionPeriod: Sendable, Equatable {
        public var days: Int
        public var young = Retention()
        public var mature = Retention()
        public var all: Retention { young + mature }
    }

    /// Cards by where they stand. Suspended cards count as suspended only.
    public struct StateCounts: Sendable, Equatable {
        public var new = 0
        public var learning = 0
        public var relearning = 0
        /// In review with an interval under 21 days.
        public var young = 0
        /// In review with an interval of 21 days or more.
        public var mature = 0
        public var suspended = 0
        public var total: Int { new + learning + relearning + young + mature + suspended }
    }

    /// A bar of a distribution: values from `lower` up to `upper` (inclusive; nil: no limit).
    public struct Bucket: Sendable, Equatable {
        public var label: String
        public var lower: Int
        public var upper: Int?
        public var count = 0
    }

    /// One skill of the skill mix.
    public struct Skill: Sendable, Equatable {
        public var skill: String
        public var cards = 0
        /// Cards answered at least once (not new).
        public var learned = 0
        /// Cards in review with an interval of 21 days or more.
        public var mature = 0
        /// Review answers of the last 30 days, young and mature together.
        public var retention = Retention()
        public var learnedShare: Double { cards == 0 ? 0 : Double(learned) / Double(cards) }
        public var matureShare: Double { cards == 0 ? 0 : Double(mature) / Double(cards) }
    }

    /// A week's true retention, for the chart of retention over time.
    public struct Week: Sendable, Equatable {
        /// Its first day (a Monday).
        public var start: Int
        public var retention = Retention()
    }

    /// A card named in the leech and most-failed lists, with where it is written.
    public struct CardLine: Sendable, Equatable {
        public var key: String
        public var path: String
        public var line: Int
        public var lapses: Int
        /// Answers rated Again, over the whole log.
        public var again: Int
        public var leech: Bool
    }

    /// What FSRS models of the cards (the `fsrs` preset only): cards in learning, review or
    /// relearning that are not suspended, each with its memory state and its retrievability now
    /// (recall after the whole days since its last answer, as its next answer would count them).
    public struct Memory: Sendable, Equatable {
        public var cards = 0
        /// Retrievability in percent, by tenths (the last bar holds 90-100%).
        public var retrievability: [Bucket] = []
        /// Stability in days, in the intervals' bars.
        public var stability: [Bucket] = []
        /// Difficulty (1-10) in tenths of a point: "5-6" holds 5.0 up to 5.99.
        public var difficulty: [Bucket] = []
        public var averageRetrievability: Double?
        public var averageStability: Double?
        public var averageDifficulty: Double?
        /// The sum of retrievability: how many of the cards the learner would recall now
        /// (Anki's "estimated total knowledge").
        public var expectedKnown = 0.0
        /// Cards due today (overdue included), and the sum of their retrievability: how many of
        /// today's reviews the model expects to be recalled.
        public var dueToday = 0
        public var expectedRecalledToday = 0.0

        public init() {}
    }

    /// The day the figures are for, and the instant they were computed at (seconds).
    public var today: Int
    public var now: Int64
    /// Today's answers (a `Day` whose `due` is the cards scheduled for today).
    public var todayTotals: Day
    /// Days practised in a row up to today (or yesterday, when today has no answer yet).
    public var currentStreak = 0
    public var longestStreak = 0
    public var daysPractised = 0
    /// Answers in the whole log counted here, and over the last `periodDays` days.
    public var totalAnswers = 0
    public var periodDays: Int
    public var period: Day
    /// 26 whole weeks of days, Monday first, ending with today's week (days after today are
    /// left out): the calendar heatmap.
    public var heatmap: [Day] = []
    /// Cards due on each of the next 30 days (tomorrow first), by their current state.
    public var forecast: [Day] = []
    /// Cards due now or earlier today (learning steps due later today included), and how many
    /// of them fell due on an earlier day.
    public var dueToday = 0
    public var overdue = 0
    /// Anki's daily load: the sum of 1 / max(1, interval) over the cards in learning,
    /// relearning or review that are not suspended (a learning step counts as one day); about
    /// how many reviews a day the collection costs in the long run. Anki shows it truncated.
    public var dailyLoad = 0.0
    /// True retention over 7, 30 and 365 days.
    public var retention: [RetentionPeriod] = []
    /// True retention per week of the heatmap (young and mature together): its first day and
    /// the figure.
    public var retentionByWeek: [Week] = []
    public var states = StateCounts()
    /// Intervals of cards in review or relearning, in days.
    public var intervals: [Bucket] = []
    /// Eases of cards in review or relearning, in percent.
    public var eases: [Bucket] = []
    public var averageInterval: Double?
    public var averageEase: Double?
    /// FSRS's figures; nil outside the `fsrs` preset.
    public var memory: Memory?
    /// Every skill, strongest first: by mature share, then learned share, then retention.
    public var skills: [Skill] = []
    /// Cards marked as leeches, most lapses first.
    public var leeches: [CardLine] = []
    /// The cards rated Again most often (at most 10; only cards failed at least twice).
    public var mostFailed: [CardLine] = []
    /// One row per day from `periodDays - 1` days ago through the 30 forecast days.
    public var days: [Day] = []

    public init(today: Int, now: Int64, periodDays: Int) {
        self.today = today
        self.now = now
        self.periodDays = periodDays
        todayTotals = Day(day: today)
        period = Day(day: today)
    }
}
