import HoneCore

/// `hone stats` for the terminal: every line fits 80 columns, and nothing depends on colour
/// (the shades and bars are characters; colour only adds emphasis).
public struct StatsText {
    let stats: Stats
    let clock: DayClock
    let terminal: Terminal
    let scope: String

    /// `clock` names the days; `scope` is what the figures cover (`scope(filters:)`).
    public init(stats: Stats, clock: DayClock, terminal: Terminal, scope: String) {
        self.stats = stats
        self.clock = clock
        self.terminal = terminal
        self.scope = scope
    }

    /// What the figures cover, for headings: "all decks", or the decks and skills asked for.
    public static func scope(filters: [String]) -> String {
        filters.isEmpty ? "all decks" : filters.map { VisibleText.make($0) }.joined(separator: ", ")
    }

    static let shades: [Character] = ["·", "░", "▒", "▓", "█"]
    static let eighths: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    public func render() -> String {
        var lines: [String] = []
        // The filters named can be long: the heading keeps to one line of 80 columns.
        // The learning day the figures are for (before the rollover hour, still yesterday).
        let day = DayNames.long(ofDay: stats.today)
        lines.append(
            terminal.paint("Progress", .bold)
                + " · \(Self.fit(scope, 80 - 14 - DisplayWidth.of(day)).trimmingTrailingSpaces) · \(day)")
        lines.append("")
        lines += summary()
        lines.append("")
        lines += heatmap()
        lines.append("")
        lines += forecast()
        lines.append("")
        lines += retention()
        lines.append("")
        lines += cards()
        if let memory = stats.memory { lines += [""] + self.memory(memory) }
        lines.append("")
        lines += skillMix()
        lines.append("")
        lines += troubleCards()
        return lines.joined(separator: "\n")
    }

    private func heading(_ text: String) -> String { terminal.paint(text, .bold) }

    private func summary() -> [String] {
        // "Today     3 answers · 67% correct · 1 min 5 s", then what the line adds.
        func line(_ name: String, _ totals: Stats.Day) -> String {
            var line =
                name + String(repeating: " ", count: max(1, 10 - name.count)) + Self.count(totals.answers, "answer")
            if totals.answers > 0 {
                line +=
                    " · \(percent(totals.correct, of: totals.answers)) correct · "
                    + Self.duration(totals.durationMilliseconds)
            }
            return line
        }
        let todayLine =
            line("Today", stats.todayTotals)
            + " · streak \(Self.count(stats.currentStreak, "day")) (longest \(stats.longestStreak))"
        let periodLine =
            line(Self.count(stats.periodDays, "day"), stats.period) + " · \(Self.count(stats.period.new, "new card"))"
        var lines = [todayLine, periodLine]
        if stats.totalAnswers == 0 { lines.append("No answers yet: run `hone` to start practising.") }
        return lines
    }

    /// 26 columns of weeks, a row per weekday, month names above the week they start in.
    private func heatmap() -> [String] {
        let days = stats.heatmap
        let most = days.map(\.answers).max() ?? 0
        var lines = [heading("Answers per day, last 26 weeks") + "   (most in a day: \(most))"]
        var months = [Character](repeating: " ", count: 26 * 2)
        var lastMonth = 0
        var freeFrom = 0
        for week in 0..<26 where week * 7 < days.count {
            let (_, month, _) = clock.date(ofDay: days[week * 7].day)
            // The first column is named only when its month goes on into the next week.
            let startsMonth =
                week > 0 || (week * 7 + 7 < days.count && clock.date(ofDay: days[week * 7 + 7].day).month == month)
            if month != lastMonth, startsMonth, week * 2 >= freeFrom {
                let name = Array(DayNames.shortMonths[month - 1])
                for (offset, character) in name.enumerated() where week * 2 + offset < months.count {
                    months[week * 2 + offset] = character
                }
                freeFrom = week * 2 + name.count + 1
            }
            lastMonth = month
        }
        lines.append("      " + String(months).trimmingTrailingSpaces)
        for weekday in 0..<7 {
            var row = "  " + DayNames.shortWeekdays[weekday] + " "
            for week in 0..<26 {
                let index = week * 7 + weekday
                guard index < days.count else { break }
                let shade = Self.shade(days[index].answers, most: most)
                row += terminal.paint(String(shade), shade == "·" ? .dim : .green) + " "
            }
            lines.append(row.trimmingTrailingSpaces)
        }
        lines.append("      less " + Self.shades.map(String.init).joined(separator: " ") + " more")
        return lines
    }

    /// The share of the busiest day a day reached, as one of five shades (none is `·`).
    static func shade(_ answers: Int, most: Int) -> Character {
        guard answers > 0, most > 0 else { return shades[0] }
        return shades[min(4, 1 + (answers - 1) * 4 / most)]
    }

    /// Bars of cards due on each of the next 30 days, six rows high in eighths of a row.
    private func forecast() -> [String] {
        var lines = [
            heading("Coming due")
                + "   today \(stats.dueToday) (\(stats.overdue) overdue) · "
                + "daily load \(NumberText.plain((stats.dailyLoad * 10).rounded() / 10)) reviews a day"
        ]
        let counts = stats.forecast.map(\.due)
        let most = counts.max() ?? 0
        guard most > 0 else {
            lines.append("  nothing is due in the next 30 days")
            return lines
        }
        let rows = 6
        let label = String(most)
        for row in (0..<rows).reversed() {
            var line =
                row == rows - 1 ? String(repeating: " ", count: max(0, 5 - label.count)) + label + " ┤" : "      │"
            for value in counts {
                // Eighths of the whole height, rounded up so a single card still shows.
                let filled = (value * rows * 8 + most - 1) / most
                let here = min(8, max(0, filled - row * 8))
                line += terminal.paint(String(Self.eighths[here]), .cyan) + " "
            }
            lines.append(line.trimmingTrailingSpaces)
        }
        lines.append("    0 └" + String(repeating: "─", count: counts.count * 2))
        var axis = [Character](repeating: " ", count: 7 + counts.count * 2)
        for (day, text) in [(1, "+1d"), (7, "+7d"), (14, "+14d"), (21, "+21d"), (28, "+28d")] where day <= counts.count
        {
            for (offset, character) in text.enumerated() where 7 + (day - 1) * 2 + offset < axis.count {
                axis[7 + (day - 1) * 2 + offset] = character
            }
        }
        lines.append(String(axis).trimmingTrailingSpaces)
        return lines
    }

    private func retention() -> [String] {
        var lines = [heading("True retention") + "   (reviews not rated Again)"]
        let columns = stats.retention.map { "\($0.days) days".leftPadded(to: 17) }
        lines.append("                 " + columns.joined())
        let rows: [(String, (Stats.RetentionPeriod) -> Stats.Retention)] = [
            ("  young (<21d)   ", \.young), ("  mature (21d+)  ", \.mature), ("  all            ", \.all),
        ]
        for (name, figure) in rows {
            lines.append(name + stats.retention.map { Self.retentionCell(figure($0)).leftPadded(to: 17) }.joined())
        }
        return lines
    }

    /// "92% of 113", or a dash when there were no reviews.
    static func retentionCell(_ figure: Stats.Retention) -> String {
        guard let share = figure.share else { return "–" }
        return "\(Int((share * 100).rounded()))% of \(figure.total)"
    }

    private func cards() -> [String] {
        let s = stats.states
        var lines = [
            heading("Cards") + "   \(s.total)",
            "  \(s.new) new · \(s.learning) learning · \(s.relearning) relearning · "
                + "\(s.young) young · \(s.mature) mature · \(s.suspended) suspended",
        ]
        let average = stats.averageInterval.map { " (average \(NumberText.plain(($0 * 10).rounded() / 10))d)" } ?? ""
        let ease = stats.averageEase.map { " (average \(Int(($0 * 100).rounded()))%)" } ?? ""
        // Intervals and eases side by side, each without the empty bars at its ends.
        let left = ["  Intervals\(average)"] + histogram(stats.intervals)
        let right = ["Ease\(ease)"] + histogram(stats.eases)
        return lines + sideBySide(left, right)
    }

    /// FSRS's view of the cards: what it expects the learner to recall, and the distributions
    /// of retrievability, stability and difficulty.
    private func memory(_ memory: Stats.Memory) -> [String] {
        func one(_ value: Double) -> String { NumberText.plain((value * 10).rounded() / 10) }
        var lines = [
            heading("Memory (FSRS)") + "   \(memory.cards) card\(memory.cards == 1 ? "" : "s")",
            "  expected to recall now: \(one(memory.expectedKnown)) of \(memory.cards)"
                + " · today's \(memory.dueToday) due: \(one(memory.expectedRecalledToday)) expected recalled",
        ]
        let r = memory.averageRetrievability.map { " (average \(Int(($0 * 100).rounded()))%)" } ?? ""
        let s = memory.averageStability.map { " (average \(one($0))d)" } ?? ""
        let d = memory.averageDifficulty.map { " (average \(one($0)))" } ?? ""
        lines += ["  Retrievability\(r)"] + histogram(memory.retrievability)
        let left = ["  Stability\(s)"] + histogram(memory.stability)
        let right = ["Difficulty\(d)"] + histogram(memory.difficulty)
        return lines + sideBySide(left, right)
    }

    /// Two columns of lines, the second from column 43.
    private func sideBySide(_ left: [String], _ right: [String]) -> [String] {
        (0..<max(left.count, right.count)).map { row in
            let first = row < left.count ? left[row] : ""
            let second = row < right.count ? right[row] : ""
            return (first + String(repeating: " ", count: max(1, 42 - visibleWidth(first))) + second)
                .trimmingTrailingSpaces
        }
    }

    private func histogram(_ buckets: [Stats.Bucket]) -> [String] {
        let most = buckets.map(\.count).max() ?? 0
        guard most > 0, let first = buckets.firstIndex(where: { $0.count > 0 }),
            let last = buckets.lastIndex(where: { $0.count > 0 })
        else { return ["    none in review yet"] }
        return buckets[first...last].map { bucket in
            let width = (bucket.count * 20 + most - 1) / most
            let bar = terminal.paint(String(repeating: "█", count: width), .cyan)
            return "    " + bucket.label.padding(toLength: 9, withPad: " ", startingAt: 0) + bar
                + (width > 0 ? " " : "")
                + "\(bucket.count)"
        }
    }

    /// Columns taken by a line that may hold colour codes.
    private func visibleWidth(_ line: String) -> Int {
        var visible = String.UnicodeScalarView()
        var inEscape = false
        for scalar in line.unicodeScalars {
            if inEscape {
                if scalar == "m" { inEscape = false }
            } else if scalar == "\u{1B}" {
                inEscape = true
            } else {
                visible.append(scalar)
            }
        }
        return DisplayWidth.of(String(visible))
    }

    /// Each skill as a 20-column bar: mature `█`, learned but young `▒`, not yet learned `·`.
    private func skillMix() -> [String] {
        var lines = [heading("Skill mix") + "   (strongest first; █ mature ▒ learned · new; retention 30 days)"]
        for skill in stats.skills {
            let mature = Int((skill.matureShare * 20).rounded())
            let learned = max(0, Int((skill.learnedShare * 20).rounded()) - mature)
            let bar =
                terminal.paint(String(repeating: "█", count: mature), .green)
                + terminal.paint(String(repeating: "▒", count: learned), .green)
                + String(repeating: "·", count: max(0, 20 - mature - learned))
            let retained = skill.retention.share.map { "\(Int(($0 * 100).rounded()))%" } ?? "–"
            lines.append(
                "  " + Self.fit(VisibleText.make(skill.skill), 20) + " " + bar + " "
                    + "\(skill.cards)".leftPadded(to: 5)
                    + " cards " + "\(Int((skill.learnedShare * 100).rounded()))%".leftPadded(to: 4) + " learned "
                    + retained.leftPadded(to: 4) + " kept")
        }
        if stats.skills.isEmpty { lines.append("  no cards") }
        return lines
    }

    private func troubleCards() -> [String] {
        var lines = [heading("Leeches") + "   (\(stats.leeches.count))"]
        let leeches = Array(stats.leeches.prefix(10))
        if leeches.isEmpty { lines.append("  none") }
        lines += cardLines(leeches) { "\($0.lapses) lapses" }
        if stats.leeches.count > 10 {
            lines.append("  ... and \(stats.leeches.count - 10) more (hone stats --json lists all)")
        }
        lines.append(heading("Failed most"))
        if stats.mostFailed.isEmpty { lines.append("  no card failed twice") }
        lines += cardLines(stats.mostFailed) { "\($0.again)× again" }
        return lines
    }

    /// `key  figure  path:line` for each card, in columns, within 80 columns: keys are cut at
    /// the end, paths at the start (the file name and line are what find the card).
    private func cardLines(_ cards: [Stats.CardLine], figure: (Stats.CardLine) -> String) -> [String] {
        let keys = cards.map { VisibleText.make($0.key) }
        let keyWidth = min(36, keys.map { DisplayWidth.of($0) }.max() ?? 0)
        let placeWidth = 80 - 2 - keyWidth - 2 - 10 - 2
        return zip(cards, keys).map { card, key in
            let place = VisibleText.make(card.path) + ":\(card.line)"
            return "  " + Self.fit(key, keyWidth) + "  " + figure(card).leftPadded(to: 10) + "  "
                + Self.fitFromStart(place, placeWidth)
        }
    }

    /// `text` cut at its start to at most `width` columns: "…kills/networking.toml:42".
    static func fitFromStart(_ text: String, _ width: Int) -> String {
        guard DisplayWidth.of(text) > width else { return text }
        var kept: [Character] = []
        var used = 1
        for character in text.reversed() {
            let columns = DisplayWidth.of(String(character))
            if used + columns > width { break }
            kept.append(character)
            used += columns
        }
        return "…" + String(kept.reversed())
    }

    /// `text` cut or padded to exactly `width` columns.
    static func fit(_ text: String, _ width: Int) -> String {
        var result = ""
        var used = 0
        for character in text {
            let columns = DisplayWidth.of(String(character))
            if used + columns > width - (DisplayWidth.of(text) > width ? 1 : 0) { break }
            result.append(character)
            used += columns
        }
        if DisplayWidth.of(text) > width {
            result.append("…")
            used += 1
        }
        return result + String(repeating: " ", count: max(0, width - used))
    }

    /// "45s", "4m 10s", "1h 02m".
    static func duration(_ milliseconds: Int64) -> String {
        let seconds = Int((Double(milliseconds) / 1000).rounded())
        func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        if seconds < 60 { return "\(seconds)s" }
        if seconds < 3600 { return "\(seconds / 60)m \(twoDigits(seconds % 60))s" }
        return "\(seconds / 3600)h \(twoDigits(seconds / 60 % 60))m"
    }

    private func percent(_ part: Int, of whole: Int) -> String {
        "\(Int((Double(part) / Double(max(1, whole)) * 100).rounded()))%"
    }

    /// "1 day", "3 days".
    /// "1 review", "2 reviews": a count and its noun, singular for one.
    public static func count(_ value: Int, _ noun: String) -> String {
        "\(value) \(noun)\(value == 1 ? "" : "s")"
    }

}

extension String {
    var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }

    func leftPadded(to width: Int) -> String {
        String(repeating: " ", count: max(0, width - DisplayWidth.of(self))) + self
    }
}
