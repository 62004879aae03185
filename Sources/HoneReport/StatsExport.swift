import HoneCore
import HoneDeck

/// `hone stats --json` and `--csv`: the figures for other tools. The README documents the
/// schema; field names only ever get added to it.
public enum StatsExport {
    /// One row per day: `date,answers,correct,new,time_seconds,due`, oldest first, from
    /// `--days` days ago through the 30 forecast days.
    public static func csv(_ stats: Stats, clock: DayClock) -> String {
        var text = "date,answers,correct,new,time_seconds,due\n"
        for day in stats.days {
            text +=
                "\(clock.isoDate(ofDay: day.day)),\(day.answers),\(day.correct),\(day.new),"
                + "\(seconds(day.durationMilliseconds)),\(day.due)\n"
        }
        return text
    }

    public static func json(_ stats: Stats, clock: DayClock, filters: [String]) -> String {
        var writer = JSONWriter()
        writer.raw("{\"now\":")
        writer.string(clock.format(seconds: stats.now))
        writer.raw(",\"today\":")
        writer.string(clock.isoDate(ofDay: stats.today))
        writer.raw(",\"filters\":")
        writer.array(filters) { writer, filter in writer.string(filter) }
        writer.raw(",\"total_answers\":\(stats.totalAnswers)")
        writer.raw(",\"today_totals\":")
        totals(stats.todayTotals, into: &writer)
        writer.raw(",\"streak\":{\"current\":\(stats.currentStreak),\"longest\":\(stats.longestStreak)")
        writer.raw(",\"days_practised\":\(stats.daysPractised)}")
        writer.raw(",\"period\":")
        totals(stats.period, days: stats.periodDays, into: &writer)
        writer.raw(",\"heatmap\":")
        writer.array(stats.heatmap) { writer, day in
            writer.raw("{\"date\":\"\(clock.isoDate(ofDay: day.day))\",\"answers\":\(day.answers)}")
        }
        writer.raw(",\"forecast\":{\"due_today\":\(stats.dueToday),\"overdue\":\(stats.overdue)")
        writer.raw(",\"daily_load\":\(fixed(stats.dailyLoad, 2)),\"days\":")
        writer.array(stats.forecast) { writer, day in
            writer.raw("{\"date\":\"\(clock.isoDate(ofDay: day.day))\",\"due\":\(day.due)}")
        }
        writer.raw("},\"retention\":")
        writer.array(stats.retention) { writer, period in
            writer.raw("{\"days\":\(period.days),\"young\":\(retention(period.young))")
            writer.raw(",\"mature\":\(retention(period.mature)),\"all\":\(retention(period.all))}")
        }
        writer.raw(",\"retention_by_week\":")
        writer.array(stats.retentionByWeek) { writer, week in
            writer.raw("{\"week\":\"\(clock.isoDate(ofDay: week.start))\",\"passed\":\(week.retention.passed)")
            writer.raw(",\"total\":\(week.retention.total),\"share\":\(share(week.retention.share))}")
        }
        let s = stats.states
        writer.raw(",\"cards\":{\"total\":\(s.total),\"new\":\(s.new),\"learning\":\(s.learning)")
        writer.raw(",\"relearning\":\(s.relearning),\"young\":\(s.young),\"mature\":\(s.mature)")
        writer.raw(",\"suspended\":\(s.suspended)}")
        writer.raw(",\"intervals\":{\"average_days\":\(stats.averageInterval.map { fixed($0, 2) } ?? "null")")
        writer.raw(",\"buckets\":\(buckets(stats.intervals))}")
        writer.raw(",\"ease\":{\"average\":\(stats.averageEase.map { fixed($0, 3) } ?? "null")")
        writer.raw(",\"buckets\":\(buckets(stats.eases))}")
        writer.raw(",\"memory\":")
        if let memory = stats.memory { writer.raw(self.memory(memory)) } else { writer.raw("null") }
        writer.raw(",\"skills\":")
        writer.array(stats.skills) { writer, skill in
            writer.raw("{\"skill\":")
            writer.string(skill.skill)
            writer.raw(",\"cards\":\(skill.cards),\"learned\":\(skill.learned),\"mature\":\(skill.mature)")
            writer.raw(",\"learned_share\":\(fixed(skill.learnedShare, 4))")
            writer.raw(",\"mature_share\":\(fixed(skill.matureShare, 4)),\"retention\":\(retention(skill.retention))}")
        }
        writer.raw(",\"leeches\":")
        cardLines(stats.leeches, into: &writer)
        writer.raw(",\"most_failed\":")
        cardLines(stats.mostFailed, into: &writer)
        writer.raw(",\"days\":")
        writer.array(stats.days) { writer, day in
            writer.raw("{\"date\":\"\(clock.isoDate(ofDay: day.day))\",\"answers\":\(day.answers)")
            writer.raw(",\"correct\":\(day.correct),\"new\":\(day.new)")
            writer.raw(",\"time_seconds\":\(seconds(day.durationMilliseconds)),\"due\":\(day.due)}")
        }
        writer.raw("}")
        return writer.text
    }

    private static func totals(_ day: Stats.Day, days: Int? = nil, into writer: inout JSONWriter) {
        let correctShare = day.answers == 0 ? nil : Double(day.correct) / Double(day.answers)
        writer.raw("{")
        if let days { writer.raw("\"days\":\(days),") }
        writer.raw("\"answers\":\(day.answers),\"correct\":\(day.correct),\"correct_share\":\(share(correctShare))")
        writer.raw(",\"new\":\(day.new),\"time_seconds\":\(seconds(day.durationMilliseconds)),\"due\":\(day.due)}")
    }

    private static func cardLines(_ lines: [Stats.CardLine], into writer: inout JSONWriter) {
        writer.array(lines) { writer, line in
            writer.raw("{\"card\":")
            writer.string(line.key)
            writer.raw(",\"path\":")
            writer.string(line.path)
            writer.raw(
                ",\"line\":\(line.line),\"lapses\":\(line.lapses),\"again\":\(line.again),\"leech\":\(line.leech)}")
        }
    }

    private static func retention(_ figure: Stats.Retention) -> String {
        "{\"passed\":\(figure.passed),\"total\":\(figure.total),\"share\":\(share(figure.share))}"
    }

    /// FSRS's figures (the README defines them).
    private static func memory(_ memory: Stats.Memory) -> String {
        func average(_ value: Double?, _ places: Int) -> String { value.map { fixed($0, places) } ?? "null" }
        return "{\"cards\":\(memory.cards),\"expected_known\":\(fixed(memory.expectedKnown, 2))"
            + ",\"due_today\":\(memory.dueToday),\"expected_recalled_today\":\(fixed(memory.expectedRecalledToday, 2))"
            + ",\"retrievability\":{\"average\":\(average(memory.averageRetrievability, 4))"
            + ",\"buckets\":\(buckets(memory.retrievability))}"
            + ",\"stability\":{\"average_days\":\(average(memory.averageStability, 2))"
            + ",\"buckets\":\(buckets(memory.stability))}"
            + ",\"difficulty\":{\"average\":\(average(memory.averageDifficulty, 2))"
            + ",\"buckets\":\(buckets(memory.difficulty))}}"
    }

    private static func buckets(_ buckets: [Stats.Bucket]) -> String {
        "["
            + buckets.map {
                "{\"label\":\"\($0.label)\",\"min\":\($0.lower),\"max\":\($0.upper.map(String.init) ?? "null")"
                    + ",\"count\":\($0.count)}"
            }.joined(separator: ",") + "]"
    }

    /// A share with four decimals, or null when there was nothing to share.
    static func share(_ value: Double?) -> String {
        value.map { fixed($0, 4) } ?? "null"
    }

    /// Milliseconds as seconds, exactly: "12.5", "3".
    static func seconds(_ milliseconds: Int64) -> String {
        NumberText.plain(Double(milliseconds) / 1000)
    }

    /// A number rounded to `places` decimals, trailing zeros dropped: "0.8333", "1".
    static func fixed(_ value: Double, _ places: Int) -> String {
        NumberText.plain((value * pow10(places)).rounded() / pow10(places))
    }

    private static func pow10(_ places: Int) -> Double {
        (0..<places).reduce(1.0) { value, _ in value * 10 }
    }
}
