import HoneCore

/// `hone stats --html FILE`: the figures of `hone stats` as one self-contained page, the charts
/// drawn as inline SVG. Nothing is fetched (no script, font, image or link out of the file), so
/// the page can be mailed or archived and opens the same anywhere, offline included. It is a
/// function of `stats` alone (no clock is read), so the same figures always give the same bytes.
///
/// Deck text (skill names, card keys, paths) is untrusted: every piece of it goes through
/// `esc`, which makes control characters visible and escapes HTML, before it reaches the page.
///
/// Strings built by `map { "..." }.joined()` are typed `String` explicitly: another type that
/// takes string interpolation could be inferred instead (GRDB's `SQL` once was, when it was
/// visible here, turning a table into a dump of SQL expressions).
public struct StatsHTML {
    let stats: Stats
    let clock: DayClock
    let scope: String

    /// The page for `stats`; `clock` names its days, `scope` what it covers (`StatsText.scope`).
    public static func render(_ stats: Stats, clock: DayClock, scope: String) -> String {
        StatsHTML(stats: stats, clock: clock, scope: scope).page()
    }

    /// What `hone stats --html` says once it wrote `page` to `path`.
    public static func written(_ page: String, to path: String) -> String {
        "Wrote \(VisibleText.make(path)) (\(page.utf8.count / 1024 + 1) KB); open it in a browser."
    }

    // MARK: - The page

    private func page() -> String {
        let today = clock.isoDate(ofDay: stats.today)
        let intervals = bucketChart(
            stats.intervals, name: "Intervals", unit: "cards by interval", barClass: "ivl", shortLabel: { $0.label })
        // "130-149%" does not fit under a narrow bar: the lower bound does, and the tooltip has the rest.
        let eases = bucketChart(
            stats.eases, name: "Ease", unit: "cards by ease, percent", barClass: "ease",
            shortLabel: { $0.upper == nil ? "\($0.lower)+" : "\($0.lower)" })
        let averageInterval = stats.averageInterval.map { " Average \(StatsExport.fixed($0, 1)) days." } ?? ""
        let averageEase = stats.averageEase.map { " Average \(Int(($0 * 100).rounded()))%." } ?? ""
        return """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light dark">
            <title>hone stats · \(esc(scope)) · \(today)</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            <main>
            <header>
            <h1>hone stats</h1>
            <p class="sub"><span>\(esc(scope))</span> · \
            <span>today <time datetime="\(today)">\(today)</time></span> · \
            <span>\(plural(stats.totalAnswers, "answer")) in the log</span></p>
            </header>
            \(tiles())
            <div class="grid">
            \(panel("Answers per day, last 26 weeks", wide: true, heatmap()))
            \(panel("Due in the next 30 days", forecast()))
            \(panel("True retention by week", retentionChart()))
            \(panel("True retention", retentionTable()))
            \(panel("Skill mix", skillMix()))
            \(panel("Intervals", intervals, note: "Cards in review or relearning.\(averageInterval)"))
            \(panel("Ease", eases, note: "Cards in review or relearning.\(averageEase)"))
            \(memoryPanels())
            \(panel("Leeches", cardTable(stats.leeches, empty: "No leeches.")))
            \(panel("Most failed", cardTable(stats.mostFailed, empty: "No card was rated Again twice.")))
            </div>
            <footer>Figures as of \(esc(clock.format(seconds: stats.now))), made by hone from the review log. \
            The README defines every figure.</footer>
            </main>
            </body>
            </html>

            """
    }

    /// FSRS's figures, in the `fsrs` preset only: retrievability, stability and difficulty.
    private func memoryPanels() -> String {
        guard let memory = stats.memory else { return "" }
        let retrievability = bucketChart(
            memory.retrievability, name: "Retrievability", unit: "cards by retrievability, percent", barClass: "ivl",
            shortLabel: { "\($0.lower)" })
        let stability = bucketChart(
            memory.stability, name: "Stability", unit: "cards by stability", barClass: "ivl", shortLabel: { $0.label })
        let difficulty = bucketChart(
            memory.difficulty, name: "Difficulty", unit: "cards by difficulty", barClass: "ease",
            shortLabel: { "\($0.lower / 10)" })
        let average = memory.averageRetrievability.map { " Average \(Int(($0 * 100).rounded()))%." } ?? ""
        let known =
            " Expected to recall now: \(StatsExport.fixed(memory.expectedKnown, 1)) of \(memory.cards);"
            + " of today's \(memory.dueToday) due, \(StatsExport.fixed(memory.expectedRecalledToday, 1))."
        let stabilityNote = memory.averageStability.map { " Average \(StatsExport.fixed($0, 1)) days." } ?? ""
        let difficultyNote = memory.averageDifficulty.map { " Average \(StatsExport.fixed($0, 1))." } ?? ""
        return [
            panel("Retrievability (FSRS)", retrievability, note: "Recall now, as FSRS models it.\(average)\(known)"),
            panel("Stability (FSRS)", stability, note: "Days until recall falls to 90%.\(stabilityNote)"),
            panel("Difficulty (FSRS)", difficulty, note: "1 (easiest) to 10.\(difficultyNote)"),
        ].joined(separator: "\n")
    }

    private func panel(_ title: String, wide: Bool = false, _ body: String, note: String = "") -> String {
        let noteHTML = note.isEmpty ? "" : "\n<p class=\"note\">\(esc(note))</p>"
        return "<section class=\"panel\(wide ? " wide" : "")\">\n<h2>\(esc(title))</h2>\n\(body)\(noteHTML)\n</section>"
    }

    // MARK: - Headline figures

    private func tiles() -> String {
        let day = stats.todayTotals
        let todayLine =
            day.answers == 0
            ? "no answers yet"
            : "\(percent(part: day.correct, of: day.answers)) correct · "
                + "\(duration(day.durationMilliseconds)) · \(day.new) new"
        let period = stats.period
        let periodLine =
            period.answers == 0
            ? "no answers"
            : "\(percent(part: period.correct, of: period.answers)) correct · "
                + "\(duration(period.durationMilliseconds)) · \(period.new) new"
        let streakLine =
            "longest \(plural(stats.longestStreak, "day")) · \(plural(stats.daysPractised, "day")) practised"
        let dueLine = "\(stats.overdue) overdue · daily load \(StatsExport.fixed(stats.dailyLoad, 1))"
        return """
            <section class="tiles">
            \(tile("Today", day.answers, "answer", todayLine))
            \(tile("Streak", stats.currentStreak, "day", streakLine))
            \(tile("Due today", stats.dueToday, "card", dueLine))
            \(tile("Last \(plural(stats.periodDays, "day"))", period.answers, "answer", periodLine))
            \(cardsTile())
            </section>
            """
    }

    /// A headline figure: the number large, its noun small beside it, details underneath.
    private func tile(_ title: String, _ figure: Int, _ noun: String, _ line: String) -> String {
        let unit = figure == 1 ? noun : noun + "s"
        return "<div class=\"tile\"><h2>\(esc(title))</h2><p class=\"big\">\(figure) <span>\(esc(unit))</span></p>"
            + "<p>\(esc(line))</p></div>"
    }

    /// The cards by state: a stacked bar and its legend, which carries the exact counts.
    private func cardsTile() -> String {
        let s = stats.states
        let parts: [(String, Int, String)] = [
            ("new", s.new, "st-new"), ("learning", s.learning, "st-learn"), ("relearning", s.relearning, "st-relearn"),
            ("young", s.young, "st-young"), ("mature", s.mature, "st-mature"), ("suspended", s.suspended, "st-susp"),
        ]
        let width = 260.0
        var x = 0.0
        var bar = Self.rect(0, 0, width, 10, class: "track", rx: 3)
        for (name, count, cls) in parts where count > 0 {
            let w = width * Double(count) / Double(max(1, s.total))
            bar += Self.rect(x, 0, w, 10, class: cls, title: "\(name): \(count) of \(s.total)")
            x += w
        }
        let label = "Cards by state: " + parts.map { part -> String in "\(part.1) \(part.0)" }.joined(separator: ", ")
        let legend: String = parts.map { part -> String in
            "<li><i class=\"sw \(part.2)\"></i>\(part.1) \(part.0)</li>"
        }.joined()
        return """
            <div class="tile cards"><h2>Cards</h2>\
            <p class="big">\(s.total) <span>\(s.total == 1 ? "card" : "cards")</span></p>
            \(Self.svg(width: width, height: 10, label: label, class: "bar", bar))
            <ul class="legend">\(legend)</ul></div>
            """
    }

    /// Young, mature and all review answers over 7, 30 and 365 days: share and counts.
    private func retentionTable() -> String {
        let periods = stats.retention
        let head: String = periods.map { period -> String in
            "<th scope=\"col\">\(plural(period.days, "day"))</th>"
        }.joined()
        let rows: [(String, (Stats.RetentionPeriod) -> Stats.Retention)] = [
            ("Young", { $0.young }), ("Mature", { $0.mature }), ("All", { $0.all }),
        ]
        let body: String = rows.map { name, figure -> String in
            let cells: String = periods.map { period -> String in
                let value = figure(period)
                return "<td><b>\(percent(value.share))</b> <small>\(value.passed)/\(value.total)</small></td>"
            }.joined()
            return "<tr><th scope=\"row\">\(name)</th>\(cells)</tr>"
        }.joined(separator: "\n")
        return """
            <table class="num">
            <thead><tr><th></th>\(head)</tr></thead>
            <tbody>
            \(body)
            </tbody>
            </table>
            <p class="note">Review answers not rated Again (passed/total). \
            Young: the card's interval was under 21 days; mature: 21 or more.</p>
            """
    }

    // MARK: - Charts

    /// The calendar heatmap: a column per week (Monday on top), a square per day shaded by
    /// answers relative to the busiest day, so a light and a heavy user both see contrast.
    private func heatmap() -> String {
        let days = stats.heatmap
        let (cell, step, left, top) = (18.0, 22.0, 36.0, 18.0)
        let weeks = (days.count + 6) / 7
        let gridBottom = top + 7 * step
        let width = left + Double(weeks) * step + 2
        let height = gridBottom + 26
        let busiest = days.map(\.answers).max() ?? 0
        var body = ""
        for (row, name) in [(0, "Mon"), (2, "Wed"), (4, "Fri"), (6, "Sun")] {
            body += Self.label(left - 6, top + Double(row) * step + cell - 3, name, anchor: "end")
        }
        let mondays = stride(from: 0, to: days.count, by: 7).map { days[$0].day }
        for (column, name) in monthColumns(mondays) {
            body += Self.label(left + Double(column) * step, top - 6, name)
        }
        for (index, day) in days.enumerated() {
            let x = left + Double(index / 7) * step
            let y = top + Double(index % 7) * step
            let level = Self.level(day.answers, busiest: busiest)
            let today = day.day == stats.today ? " today" : ""
            body += Self.rect(x, y, cell, cell, class: "h\(level)\(today)", rx: 2, title: dayTitle(day))
        }
        // The legend: the five shades, each titled with the range of answers it stands for.
        var x = width - 5 * step - 34
        let legendY = gridBottom + 8
        body += Self.label(x - 6, legendY + cell - 3, "Less", anchor: "end")
        for level in 0...4 {
            body += Self.rect(
                x, legendY, cell, cell, class: "h\(level)", rx: 2, title: levelTitle(level, busiest: busiest))
            x += step
        }
        body += Self.label(x + 2, legendY + cell - 3, "More")
        let practised = days.filter { $0.answers > 0 }
        let total = practised.reduce(0) { $0 + $1.answers }
        let summary =
            "\(plural(total, "answer")) on \(plural(practised.count, "day")) in \(weeks) weeks"
            + (busiest > 0 ? "; the busiest day had \(busiest)" : "")
        let label =
            "Calendar heatmap of answers per day, \(weeks) weeks to \(clock.isoDate(ofDay: stats.today)): \(summary)."
        return Self.svg(width: width, height: height, label: label, body)
            + "\n<p class=\"note\">\(esc(summary)). Today is outlined.</p>"
    }

    private func dayTitle(_ day: Stats.Day) -> String {
        let date = "\(clock.isoDate(ofDay: day.day)) \(DayNames.shortWeekdays[DayClock.weekday(ofDay: day.day)])"
        guard day.answers > 0 else { return "\(date): no answers" }
        return "\(date): \(plural(day.answers, "answer")), \(day.correct) correct, \(day.new) new, "
            + duration(day.durationMilliseconds)
    }

    /// Level k (1...4) holds the days with answers in ((k-1)/4, k/4] of the busiest day.
    private static func level(_ answers: Int, busiest: Int) -> Int {
        guard answers > 0, busiest > 0 else { return 0 }
        return min(4, max(1, (4 * answers + busiest - 1) / busiest))
    }

    private func levelTitle(_ level: Int, busiest: Int) -> String {
        guard level > 0 else { return "no answers" }
        let lower = (level - 1) * busiest / 4 + 1
        let upper = level * busiest / 4
        if lower > upper { return "(no day at this shade)" }
        return lower == upper ? plural(lower, "answer") : "\(lower)-\(upper) answers"
    }

    /// A bar per day for the next 30 days, scaled to the busiest day, which labels the y axis.
    private func forecast() -> String {
        let days = stats.forecast
        let (width, height, left, right, top, bottom) = (560.0, 210.0, 40.0, 8.0, 14.0, 30.0)
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        let most = days.map(\.due).max() ?? 0
        let scale = Double(max(1, most))
        let slot = plotWidth / Double(max(1, days.count))
        var body = axes(
            left: left, right: width - right, top: top, bottom: height - bottom, most: most, yTitle: "cards")
        for (index, day) in days.enumerated() {
            let x = left + Double(index) * slot
            let barHeight = plotHeight * Double(day.due) / scale
            let title =
                "\(clock.isoDate(ofDay: day.day)) \(DayNames.shortWeekdays[DayClock.weekday(ofDay: day.day)]): "
                + "\(plural(day.due, "card")) due"
            // A transparent full-height slot carries the tooltip, so empty days can be hovered too.
            body += "<g>\(Self.title(title))"
            body += Self.rect(x, top, slot, plotHeight, class: "hit")
            if day.due > 0 {
                body += Self.rect(
                    x + slot * 0.12, top + plotHeight - barHeight, slot * 0.76, barHeight, class: "due", rx: 1.5)
            }
            body += "</g>"
            if index % 7 == 0 {
                body += Self.label(x + slot / 2, height - bottom + 14, shortDate(day.day), anchor: "middle")
            }
        }
        if most == 0 {
            body += Self.label(
                left + plotWidth / 2, top + plotHeight / 2, "Nothing falls due in the next 30 days", anchor: "middle",
                class: "empty")
        }
        let total = days.reduce(0) { $0 + $1.due }
        let label =
            "Forecast: \(plural(total, "card")) due over the next \(days.count) days, at most \(most) on one day."
        let svg = Self.svg(width: width, height: height, label: label, body)
        return svg
            + "\n<p class=\"note\">\(plural(total, "card")) in 30 days, tomorrow first. "
            + "Due today: \(stats.dueToday) (\(stats.overdue) overdue), not drawn.</p>"
    }

    /// The share of review answers passed, week by week; a week without review answers has no
    /// point and breaks the line, so a gap is never drawn as a figure.
    private func retentionChart() -> String {
        let weeks = stats.retentionByWeek
        let (width, height, left, right, top, bottom) = (560.0, 210.0, 40.0, 8.0, 14.0, 30.0)
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        let slot = plotWidth / Double(max(1, weeks.count))
        var body = ""
        for tick in [0, 25, 50, 75, 100] {
            let y = top + plotHeight * (1 - Double(tick) / 100)
            body += Self.line(left, y, width - right, y, class: tick == 0 ? "axis" : "gridline")
            body += Self.label(left - 6, y + 4, "\(tick)%", anchor: "end")
        }
        for (column, name) in monthColumns(weeks.map(\.start)) {
            body += Self.label(left + Double(column) * slot, height - bottom + 14, name)
        }
        var path = ""
        var dots = ""
        var previousHadData = false
        for (index, week) in weeks.enumerated() {
            guard let share = week.retention.share else {
                previousHadData = false
                continue
            }
            let x = left + (Double(index) + 0.5) * slot
            let y = top + plotHeight * (1 - share)
            path += "\(previousHadData ? "L" : "M")\(Self.n(x)) \(Self.n(y))"
            previousHadData = true
            let title =
                "Week of \(clock.isoDate(ofDay: week.start)): \(percent(share)) "
                + "(\(week.retention.passed) of \(plural(week.retention.total, "review answer")) passed)"
            dots +=
                "<circle cx=\"\(Self.n(x))\" cy=\"\(Self.n(y))\" r=\"3.5\" class=\"ret\">\(Self.title(title))</circle>"
        }
        if !path.isEmpty { body += "<path d=\"\(path)\" class=\"retline\"/>" }
        body += dots
        let measured = weeks.filter { $0.retention.total > 0 }
        if measured.isEmpty {
            body += Self.label(
                left + plotWidth / 2, top + plotHeight / 2, "No review answers in these weeks yet", anchor: "middle",
                class: "empty")
        }
        let passed = measured.reduce(0) { $0 + $1.retention.passed }
        let total = measured.reduce(0) { $0 + $1.retention.total }
        let summary =
            measured.isEmpty
            ? "No review answers in these \(weeks.count) weeks yet: retention shows once cards come back for review."
            : "\(plural(measured.count, "week")) with review answers; "
                + "\(percent(part: passed, of: total)) passed over them all (\(passed)/\(total))."
        let label = "True retention per week over \(weeks.count) weeks. \(summary)"
        return Self.svg(width: width, height: height, label: label, body) + "\n<p class=\"note\">\(esc(summary))</p>"
    }

    /// One row per skill, strongest first: the learned share (light) with the mature share
    /// (dark) over it, since a mature card is always learned too.
    private func skillMix() -> String {
        guard !stats.skills.isEmpty else { return "<p class=\"note\">No cards in these decks.</p>" }
        let (width, rowHeight, barWidth) = (560.0, 40.0, 330.0)
        var body = ""
        for (index, skill) in stats.skills.enumerated() {
            let y = Double(index) * rowHeight + 4
            let retention =
                skill.retention.total == 0
                ? "no reviews in 30 days"
                : "retention \(percent(skill.retention.share)) (\(skill.retention.passed)/\(skill.retention.total))"
            let title =
                "\(skill.skill): \(plural(skill.cards, "card")), "
                + "\(skill.learned) learned (\(percent(skill.learnedShare))), "
                + "\(skill.mature) mature (\(percent(skill.matureShare))), \(retention) over 30 days"
            body += "<g>\(Self.title(title))"
            body += Self.label(0, y + 11, Self.truncated(skill.skill, width: 44), class: "name")
            body += Self.label(width, y + 11, "\(plural(skill.cards, "card")) · \(retention)", anchor: "end")
            body += Self.rect(0, y + 17, barWidth, 12, class: "track", rx: 3)
            if skill.learned > 0 {
                body += Self.rect(0, y + 17, barWidth * skill.learnedShare, 12, class: "learned", rx: 3)
            }
            if skill.mature > 0 {
                body += Self.rect(0, y + 17, barWidth * skill.matureShare, 12, class: "mature", rx: 3)
            }
            body += Self.label(
                barWidth + 8, y + 27, "\(percent(skill.matureShare)) mature · \(percent(skill.learnedShare)) learned")
            body += "</g>"
        }
        let height = Double(stats.skills.count) * rowHeight
        let label =
            "Skill mix, strongest first: "
            + stats.skills.map { skill -> String in
                "\(skill.skill) \(percent(skill.matureShare)) mature, \(percent(skill.learnedShare)) learned"
            }.joined(separator: "; ")
        return """
            <ul class="legend"><li><i class="sw mature"></i>mature (interval of 21 days or more)</li>\
            <li><i class="sw learned"></i>learned (answered at least once)</li></ul>
            \(Self.svg(width: width, height: height, label: label, body))
            <p class="note">Retention: review answers of the last 30 days not rated Again.</p>
            """
    }

    /// A small bar chart of a distribution, each bar labelled with its count.
    private func bucketChart(
        _ buckets: [Stats.Bucket], name: String, unit: String, barClass: String, shortLabel: (Stats.Bucket) -> String
    ) -> String {
        let (width, height, top, bottom) = (440.0, 150.0, 16.0, 22.0)
        let plotHeight = height - top - bottom
        let slot = width / Double(max(1, buckets.count))
        let most = buckets.map(\.count).max() ?? 0
        var body = Self.line(0, height - bottom, width, height - bottom, class: "axis")
        for (index, bucket) in buckets.enumerated() {
            let x = Double(index) * slot
            let barHeight = plotHeight * Double(bucket.count) / Double(max(1, most))
            body += "<g>\(Self.title("\(bucket.label): \(plural(bucket.count, "card"))"))"
            body += Self.rect(x, top, slot, plotHeight, class: "hit")
            if bucket.count > 0 {
                body += Self.rect(
                    x + slot * 0.15, height - bottom - barHeight, slot * 0.7, barHeight, class: barClass, rx: 1.5)
            }
            body += Self.label(
                x + slot / 2, height - bottom - barHeight - 4, "\(bucket.count)", anchor: "middle", class: "count")
            body += Self.label(x + slot / 2, height - bottom + 14, shortLabel(bucket), anchor: "middle")
            body += "</g>"
        }
        if most == 0 {
            body += Self.label(
                width / 2, top + plotHeight / 2, "No cards in review yet", anchor: "middle", class: "empty")
        }
        let label =
            "\(name): \(unit): "
            + buckets.map { bucket -> String in "\(bucket.label) \(bucket.count)" }.joined(separator: ", ")
        return Self.svg(width: width, height: height, label: label, body)
    }

    private func cardTable(_ cards: [Stats.CardLine], empty: String) -> String {
        guard !cards.isEmpty else { return "<p class=\"note\">\(esc(empty))</p>" }
        let rows: String = cards.map { card -> String in
            "<tr><td><code>\(esc(card.key))</code>\(card.leech ? " <span class=\"tag\">leech</span>" : "")</td>"
                + "<td><code>\(esc("\(card.path):\(card.line)"))</code></td>"
                + "<td>\(card.lapses)</td><td>\(card.again)</td></tr>"
        }.joined(separator: "\n")
        return """
            <table class="cardlines">
            <thead><tr><th scope="col">Card</th><th scope="col">Where</th>\
            <th scope="col">Lapses</th><th scope="col">Again</th></tr></thead>
            <tbody>
            \(rows)
            </tbody>
            </table>
            """
    }

    /// The y axis of a bar chart scaled to `most`: the top gridline is labelled with `most`
    /// itself (what the bars are measured against), with round ticks below it where they fit.
    private func axes(left: Double, right: Double, top: Double, bottom: Double, most: Int, yTitle: String) -> String {
        let scale = Double(max(1, most))
        var axis =
            Self.line(left, bottom, right, bottom, class: "axis") + Self.label(left - 6, bottom + 4, "0", anchor: "end")
        let step = Self.roundStep(atLeast: scale / 4)
        var tick = step
        // A tick too close under the top label would collide with it.
        while Double(tick) < scale * 0.88 {
            let y = bottom - (bottom - top) * Double(tick) / scale
            axis +=
                Self.line(left, y, right, y, class: "gridline") + Self.label(left - 6, y + 4, "\(tick)", anchor: "end")
            tick += step
        }
        let middle = Self.n((top + bottom) / 2)
        if most > 0 {
            axis +=
                Self.line(left, top, right, top, class: "gridline")
                + Self.label(left - 6, top + 4, "\(most)", anchor: "end", class: "count")
        }
        return axis
            + "<text x=\"12\" y=\"\(middle)\" transform=\"rotate(-90 12 \(middle))\" text-anchor=\"middle\">"
            + "\(esc(yTitle))</text>"
    }

    /// The smallest of 1, 2, 5, 10, 20, 50, ... that is at least `value`.
    private static func roundStep(atLeast value: Double) -> Int {
        var magnitude = 1
        while magnitude < 1_000_000_000 {
            for multiple in [1, 2, 5] where Double(multiple * magnitude) >= value { return multiple * magnitude }
            magnitude *= 10
        }
        return magnitude
    }

    /// Where the month labels go along a row of weeks (given each week's first day): the first
    /// week that starts in a new month. The first column is labelled only when the next label is
    /// far enough away not to overlap it.
    private func monthColumns(_ weekStarts: [Int]) -> [(Int, String)] {
        var columns: [(Int, String)] = []
        var previousMonth = 0
        for (column, start) in weekStarts.enumerated() {
            let month = clock.date(ofDay: start).month
            if month != previousMonth { columns.append((column, DayNames.shortMonths[month - 1])) }
            previousMonth = month
        }
        if columns.count > 1, columns[0].0 == 0, columns[1].0 < 3 { columns.removeFirst() }
        return columns
    }

    // MARK: - Text

    private func shortDate(_ day: Int) -> String {
        let date = clock.date(ofDay: day)
        return "\(date.day) \(DayNames.shortMonths[date.month - 1])"
    }

    private func percent(_ share: Double?) -> String {
        share.map { "\(Int(($0 * 100).rounded()))%" } ?? "–"
    }

    private func percent(part: Int, of whole: Int) -> String {
        percent(whole == 0 ? nil : Double(part) / Double(whole))
    }

    private func plural(_ count: Int, _ noun: String) -> String { StatsText.count(count, noun) }

    /// As the terminal report writes durations.
    private func duration(_ milliseconds: Int64) -> String { StatsText.duration(milliseconds) }

    private func esc(_ text: String) -> String { Self.esc(text) }

    /// Untrusted text made safe for the page: control characters shown visibly, then the five
    /// characters HTML gives meaning to escaped. Scalar by scalar, since a combining mark after
    /// `<` would make one Character of the two and slip past a Character comparison.
    static func esc(_ text: String) -> String {
        var result = ""
        for scalar in VisibleText.make(text).unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Text cut to about `width` columns, so a long skill name cannot run into the figures
    /// beside it; the whole name stays in the row's tooltip.
    private static func truncated(_ text: String, width: Int) -> String {
        LineFit.cut(VisibleText.make(text), to: width)
    }

    // MARK: - SVG pieces (every text argument is escaped here)

    private static func svg(width: Double, height: Double, label: String, class cls: String? = nil, _ body: String)
        -> String
    {
        let classAttribute = cls.map { " class=\"\($0)\"" } ?? ""
        return
            "<svg viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\""
            + "\(classAttribute) role=\"img\" aria-label=\"\(esc(label))\">\(body)</svg>"
    }

    private static func rect(
        _ x: Double, _ y: Double, _ width: Double, _ height: Double, class cls: String, rx: Double = 0,
        title: String? = nil
    ) -> String {
        let corner = rx > 0 ? " rx=\"\(n(rx))\"" : ""
        let attributes =
            "x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(max(0, width)))\" height=\"\(n(max(0, height)))\""
            + "\(corner) class=\"\(cls)\""
        guard let title else { return "<rect \(attributes)/>" }
        return "<rect \(attributes)>\(self.title(title))</rect>"
    }

    private static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, class cls: String) -> String {
        "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" class=\"\(cls)\"/>"
    }

    private static func label(
        _ x: Double, _ y: Double, _ text: String, anchor: String = "start", class cls: String? = nil
    ) -> String {
        let anchorAttribute = anchor == "start" ? "" : " text-anchor=\"\(anchor)\""
        let classAttribute = cls.map { " class=\"\($0)\"" } ?? ""
        return "<text x=\"\(n(x))\" y=\"\(n(y))\"\(anchorAttribute)\(classAttribute)>\(esc(text))</text>"
    }

    /// A tooltip: browsers show an SVG element's `<title>` on hover, with no script.
    private static func title(_ text: String) -> String { "<title>\(esc(text))</title>" }

    /// A coordinate with one decimal at most, the same on every machine.
    private static func n(_ value: Double) -> String { StatsExport.fixed(value.isFinite ? value : 0, 1) }

    /// Monday is 0: day 0 (1970-01-01) was a Thursday.

    // MARK: - Style

    /// Colours are custom properties so that one block re-themes the page (and its SVG, which
    /// takes the same classes) for a dark system setting. System fonts only: nothing to fetch.
    /// A long rule goes on after a trailing `\` at the literal's own indentation: one line on the page.
    private static let style = """

        :root {
          --bg: #f6f7f9; --panel: #ffffff; --fg: #1c1f24; --muted: #646b75; --line: #e2e5ea; --axis: #9aa1ab;
          --h0: #e9ecef; --h1: #b4e0bf; --h2: #6cc285; --h3: #2f9a52; --h4: #19643a;
          --due: #4a7bd0; --ret: #d0642c; --ivl: #8466c8; --ease: #2a9886;
          --learned: #a8c6f0; --mature: #2c5eb0; --track: #eef0f3;
          --st-new: #b8bec7; --st-learn: #e7b53c; --st-relearn: #d9534f; \
        --st-young: #8fd19e; --st-mature: #2f9a52; --st-susp: #7a6a58;
        }
        @media (prefers-color-scheme: dark) {
          :root {
            --bg: #14161a; --panel: #1d2026; --fg: #e5e8ec; --muted: #9aa2ad; --line: #2e333b; --axis: #5d6570;
            --h0: #262b32; --h1: #1d4a2d; --h2: #25713e; --h3: #38a35a; --h4: #6fdc8c;
            --due: #6b9cf0; --ret: #f08a4b; --ivl: #a78bea; --ease: #41c2ac;
            --learned: #3a5680; --mature: #7fb0ff; --track: #2a2f37;
            --st-new: #59606b; --st-learn: #d9a531; --st-relearn: #e0625e; \
        --st-young: #4f9f63; --st-mature: #7bd694; --st-susp: #9c8a74;
          }
        }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--bg); color: var(--fg);
          font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
          font-variant-numeric: tabular-nums; }
        main { max-width: 1180px; margin: 0 auto; padding: 24px; }
        header h1 { margin: 0; font-size: 26px; }
        .sub { margin: 2px 0 18px; color: var(--muted); overflow-wrap: anywhere; }
        h2 { margin: 0 0 10px; font-size: 13px; font-weight: 600; text-transform: uppercase; \
        letter-spacing: .04em; color: var(--muted); }
        .tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); \
        gap: 12px; margin-bottom: 12px; }
        .tile, .panel { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; \
        padding: 14px 16px; min-width: 0; }
        .tile p { margin: 0; color: var(--muted); }
        .tile .big { font-size: 26px; font-weight: 650; color: var(--fg); margin-bottom: 4px; }
        .tile .big span { font-size: 14px; font-weight: 400; color: var(--muted); }
        svg.bar { width: 100%; }
        .tile.cards { grid-column: span 2; }
        .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 12px; }
        .panel.wide { grid-column: 1 / -1; }
        svg { display: block; max-width: 100%; height: auto; overflow: visible; margin: 4px 0; }
        svg text { fill: var(--muted); font-size: 11px; }
        svg text.name { fill: var(--fg); font-weight: 600; font-size: 12px; }
        svg text.count { fill: var(--fg); font-size: 10px; }
        svg text.empty { font-size: 13px; font-style: italic; }
        .h0 { fill: var(--h0); } .h1 { fill: var(--h1); } .h2 { fill: var(--h2); } \
        .h3 { fill: var(--h3); } .h4 { fill: var(--h4); }
        rect.today { stroke: var(--fg); stroke-width: 1.5; }
        .hit { fill: transparent; }
        .due { fill: var(--due); } .ivl { fill: var(--ivl); } .ease { fill: var(--ease); }
        .axis { stroke: var(--axis); stroke-width: 1; } \
        .gridline { stroke: var(--line); stroke-width: 1; stroke-dasharray: 3 3; }
        .retline { fill: none; stroke: var(--ret); stroke-width: 2; stroke-linejoin: round; }
        circle.ret { fill: var(--ret); stroke: var(--panel); stroke-width: 1.5; }
        .track { fill: var(--track); } .learned { fill: var(--learned); background: var(--learned); } \
        .mature { fill: var(--mature); background: var(--mature); }
        .st-new { fill: var(--st-new); background: var(--st-new); } \
        .st-learn { fill: var(--st-learn); background: var(--st-learn); }
        .st-relearn { fill: var(--st-relearn); background: var(--st-relearn); } \
        .st-young { fill: var(--st-young); background: var(--st-young); }
        .st-mature { fill: var(--st-mature); background: var(--st-mature); } \
        .st-susp { fill: var(--st-susp); background: var(--st-susp); }
        .legend { list-style: none; padding: 0; margin: 6px 0 0; display: flex; flex-wrap: wrap; \
        gap: 4px 14px; color: var(--muted); font-size: 13px; }
        .sw { display: inline-block; width: 10px; height: 10px; border-radius: 2px; \
        margin-right: 5px; vertical-align: -1px; }
        .note { color: var(--muted); font-size: 12.5px; margin: 6px 0 0; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
        thead th { color: var(--muted); font-weight: 600; font-size: 12.5px; }
        table.num td { text-align: right; } table.num thead th { text-align: right; }
        td small { color: var(--muted); }
        code { font: 12.5px ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, monospace; \
        overflow-wrap: anywhere; }
        .cardlines td:nth-child(n+3), .cardlines th:nth-child(n+3) { text-align: right; }
        .tag { font-size: 11px; padding: 0 5px; border-radius: 4px; background: var(--st-relearn); color: #fff; }
        footer { color: var(--muted); font-size: 12.5px; margin: 18px 0 0; }
        @media (max-width: 560px) { .grid { grid-template-columns: 1fr; } .tile.cards { grid-column: auto; } }

        """
}
