import HoneCore

/// One card as a session shows it: the card, where it comes from, and its state.
public struct SessionCard: Sendable {
    public var card: Card
    public var deckName: String
    public var skill: String
    public var state: CardState

    public init(card: Card, deckName: String, skill: String, state: CardState) {
        self.card = card
        self.deckName = deckName
        self.skill = skill
        self.state = state
    }
}

/// Where a session saves what happens: every event (an answer, an undo, a suspension, a bury)
/// is saved before the next card is shown, and what it did is worked out where it is saved,
/// from the card's latest state in the log: another session may have answered it meanwhile.
public protocol SessionRecorder {
    /// Saves `action` for `card`, at `milliseconds` or just after the card's latest event, with
    /// what the learner wrote (`note`: a drill's notes).
    func record(_ action: EventAction, card: String, at milliseconds: Int64, utcOffset: Int, note: String?) throws
        -> RecordedEvent
}

extension SessionRecorder {
    func record(_ action: EventAction, card: String, at milliseconds: Int64, utcOffset: Int) throws -> RecordedEvent {
        try record(action, card: card, at: milliseconds, utcOffset: utcOffset, note: nil)
    }
}

/// The session loop: shows each card, reads the learner's answer, schedules and saves it.
/// It knows nothing of files or the terminal: lines come from a `LineReader` and text goes to
/// a `SessionOutput`, so scripted input drives it in tests exactly as a learner would.
public struct PracticeSession {
    public struct Summary: Sendable, Equatable {
        public var answered = 0
        public var correct = 0
        public var seconds = 0
    }

    private var queue: [SessionCard]
    private let scheduler: Scheduler
    private let recorder: any SessionRecorder
    private let style: SessionStyle
    private let clock: () -> Int64
    private let utcOffset: (Int64) -> Int
    /// What the session did, newest last, for `:undo`: answers, suspensions and buries.
    private var history: [Done] = []

    /// One thing `:undo` can take back.
    private struct Done {
        enum Kind {
            case answer(correct: Bool, milliseconds: Int64)
            case suspend
            case bury
        }
        var event: LogEvent
        /// The card as it was shown when it was done.
        var card: SessionCard
        var kind: Kind
    }
    private var lastTime: Int64 = 0
    private var summary = Summary()
    /// The answers' durations, as saved: the summary's time.
    private var answeringMilliseconds: Int64 = 0

    /// `clock` gives the time in milliseconds; `utcOffset` the zone's offset in seconds at a time.
    public init(
        cards: [SessionCard], scheduler: Scheduler, recorder: any SessionRecorder, style: SessionStyle,
        clock: @escaping () -> Int64, utcOffset: @escaping (Int64) -> Int
    ) {
        queue = cards
        self.scheduler = scheduler
        self.recorder = recorder
        self.style = style
        self.clock = clock
        self.utcOffset = utcOffset
    }

    public static let commands = [
        ":help", ":hint", ":undo", ":skip", ":bury", ":suspend", ":edit", ":stats", ":quit", ":done",
    ]

    private enum Step {
        case answered
        /// `:skip`: the card goes to the back of the session.
        case skipped
        /// Suspended or buried: the card leaves the session.
        case setAside
        case quit
        case undo
        case edit
    }

    /// Opens the card's deck file in the learner's editor and returns the card as the file now
    /// has it (its history kept: progress follows the card's id), or nil when it cannot.
    public var editor: ((SessionCard) -> (card: SessionCard?, message: String))?

    /// Runs until the queue is empty, the learner quits, or input ends (Ctrl-D).
    public mutating func run(reader: inout some LineReader, output: inout some SessionOutput) throws -> Summary {
        while !queue.isEmpty {
            let current = queue.removeFirst()
            switch try present(current, reader: &reader, output: &output) {
            case .answered, .setAside:
                break
            case .skipped:
                // To the back of the session: it comes again after the others.
                queue.append(current)
            case .quit:
                return finished
            case .undo:
                try undoLast(putting: current, output: &output)
            case .edit:
                let (edited, message) = editor?(current) ?? (nil, ":edit needs an editor")
                if !message.isEmpty { output.write(style.dim("  " + style.visible(message))) }
                queue.insert(edited ?? current, at: 0)
            }
        }
        return finished
    }

    /// The summary, its time the answers' durations (it was set in a `defer`, after the
    /// summary was returned, so every session reported 0 min 0 s).
    private var finished: Summary {
        var summary = summary
        summary.seconds = Int(answeringMilliseconds / 1000)
        return summary
    }

    private mutating func undoLast(putting current: SessionCard, output: inout some SessionOutput) throws {
        queue.insert(current, at: 0)
        guard let last = history.popLast() else {
            output.write(style.dim("  Nothing to undo yet."))
            return
        }
        let time = now
        let undone = try recorder.record(
            .undo(target: last.event.id), card: last.event.card, at: time, utcOffset: utcOffset(time / 1000))
        lastTime = undone.event.time
        var card = last.card
        card.state = undone.step.after
        // The card comes back first, as it was; drop a repeat of it queued since.
        queue.removeAll { $0.card.key == card.card.key }
        queue.insert(card, at: 0)
        switch last.kind {
        case .answer(let correct, let milliseconds):
            summary.answered -= 1
            if correct { summary.correct -= 1 }
            answeringMilliseconds -= milliseconds
            output.write(style.dim("  Undone: the last answer is taken back."))
        case .suspend:
            output.write(style.dim("  Undone: the card is no longer suspended."))
        case .bury:
            output.write(style.dim("  Undone: the card is no longer buried."))
        }
    }

    // MARK: - One card

    private mutating func present(
        _ item: SessionCard, reader: inout some LineReader, output: inout some SessionOutput
    ) throws -> Step {
        let card = item.card
        let shownAt = clock()
        output.write("")
        output.write(
            style.heading(
                "[\(remaining(with: item))] \(style.visible(item.deckName)) · \(style.visible(item.skill)) · "
                    + card.kind.rawValue
            ))
        for line in style.wrap(card.front, indent: 2) { output.write(line) }
        var suggested: Rating?
        // What the learner types during a drill: kept with the answer, their evidence of practice.
        var notes: [String] = []
        switch card.kind {
        case .basic, .cloze:
            output.write(style.dim("  (Enter to reveal, :hint, :help)"))
            switch try command(reader.readLine(prompt: "> "), item, output: &output, reader: &reader, allowEmpty: true)
            {
            case .step(let step): return step
            case .text: break
            }
        case .typed:
            output.write(style.dim("  Type the answer (:hint, :help)"))
            let typed: String
            switch try command(reader.readLine(prompt: "> "), item, output: &output, reader: &reader, allowEmpty: true)
            {
            case .step(let step): return step
            case .text(let text): typed = text
            }
            let right = AnswerCheck.matches(typed, expected: [card.back] + card.accept)
            suggested = right ? .good : .again
            output.write(
                right ? style.good("  ✓ \(style.visible(card.back))") : style.bad("  ✗ \(style.visible(typed))"))
            if !right {
                if let miss = AnswerCheck.nearMiss(typed, expected: [card.back] + card.accept) {
                    output.write("    \(style.visible(card.back))   (\(miss.words): \(style.visible(miss.marked)))")
                } else {
                    output.write("    \(style.visible(card.back))")
                }
                output.write(style.dim("  Counted as again; type a rating to overrule."))
            }
        case .choice:
            let options = AnswerCheck.shuffled(card.choices, key: card.key, day: scheduler.clock.day(of: now / 1000))
            for (index, option) in options.enumerated() { output.write("    \(index + 1)  \(style.visible(option))") }
            var choice: Int?
            while choice == nil {
                switch try command(
                    reader.readLine(prompt: "> "), item, output: &output, reader: &reader, allowEmpty: false)
                {
                case .step(let step): return step
                case .text(let text):
                    if let number = Int(text.trimmingSpaces), (1...options.count).contains(number) {
                        choice = number - 1
                    } else {
                        output.write(style.dim("  Answer with a number from 1 to \(options.count)."))
                    }
                }
            }
            let picked = options[choice ?? 0]
            let right = picked == card.back
            suggested = right ? .good : .again
            output.write(
                right ? style.good("  ✓ \(style.visible(picked))") : style.bad("  ✗ \(style.visible(picked))"))
            if !right { output.write("    the answer: \(style.visible(card.back))") }
        case .practice:
            output.write(style.dim("  Do it now (type notes if you like; :done when finished)."))
            var done = false
            while !done {
                switch try command(
                    reader.readLine(prompt: "> "), item, output: &output, reader: &reader, allowEmpty: true)
                {
                case .step(let step): return step
                case .text(let text):
                    done = text.trimmingSpaces == ":done"
                    // A note is kept in the log and exported: a control character typed or
                    // piped in (an arrow key's escape sequence) is dropped, never stored.
                    let printable = String(
                        String.UnicodeScalarView(
                            text.unicodeScalars.filter { !PrintableText.isHidden($0) || $0 == "\t" }))
                    if !done, !printable.trimmingSpaces.isEmpty { notes.append(printable) }
                }
            }
            if !card.rubric.isEmpty {
                output.write("  Check yourself:")
                for item in card.rubric { output.write("    [ ] \(style.visible(item))") }
            }
        }
        if card.kind == .basic || card.kind == .cloze || (card.kind == .practice && !card.back.isEmpty) {
            // The label is wrapped with the text, so its first line fits the width too (it was
            // added after, and the longer line was cut again, leaving a word alone on a line).
            let label = card.kind == .practice ? "Example: " : ""
            for line in style.wrap(label + card.back, indent: 2) { output.write(line) }
        }
        if let explain = card.explain {
            for line in style.wrap("Why: " + explain, indent: 2) { output.write(style.dim(line)) }
        }
        return try rate(
            item, suggested: suggested, shownAt: shownAt, note: notes.isEmpty ? nil : notes.joined(separator: "\n"),
            reader: &reader, output: &output)
    }

    private enum Input {
        case text(String)
        case step(Step)
    }

    /// A line as typed: a `:command` is carried out here; anything else is handed back.
    private mutating func command(
        _ line: String?, _ item: SessionCard, output: inout some SessionOutput, reader: inout some LineReader,
        allowEmpty: Bool
    ) throws -> Input {
        var line = line
        while true {
            guard let text = line else { return .step(.quit) }
            let word = text.trimmingSpaces.lowercased()
            switch word {
            case ":quit", ":q": return .step(.quit)
            case ":skip": return .step(.skipped)
            case ":undo": return .step(.undo)
            case ":suspend":
                try setAside(item, .suspend, kind: .suspend)
                output.write(style.dim("  Suspended: it will not come back until you lift it (:undo, hone unsuspend)."))
                return .step(.setAside)
            case ":bury":
                try setAside(item, .bury, kind: .bury)
                output.write(style.dim("  Buried until tomorrow."))
                return .step(.setAside)
            case ":hint":
                // A cloze's own hint is already on screen, in its blank ("[...]" when it has none).
                let inBlank = item.card.kind == .cloze && !item.card.front.contains("[...]")
                let hint =
                    item.card.hint ?? (inBlank ? "it is in the blank, between the brackets" : "this card has no hint")
                output.write(style.dim("  Hint: " + style.visible(hint)))
            case ":help":
                output.write(
                    style.dim(
                        "  Enter reveals; rate with again/hard/good/easy, a/h/g/e or "
                            + "\(scheduler.settings.preset == .classic ? "0-5" : "1-4")."
                    ))
                output.write(
                    style.dim(
                        "  :hint  :undo  :skip  :bury  :suspend  :edit  :stats  :quit  "
                            + "(Tab completes; Ctrl-D ends, all saved)"
                    ))
            case ":stats":
                output.write(
                    style.dim(
                        "  This session: \(summary.answered) answered, \(summary.correct) right, \(queue.count) to go.")
                )
            case ":edit":
                guard editor != nil else {
                    output.write(
                        style.dim(
                            "  :edit works in a terminal session; the card is on line \(item.card.line) of its deck."))
                    break
                }
                return .step(.edit)
            default:
                if word.hasPrefix(":"), word != ":done" {
                    output.write(style.dim("  Unknown command \(style.visible(word)); :help lists them."))
                } else if !word.isEmpty || allowEmpty {
                    return .text(text)
                }
            }
            line = reader.readLine(prompt: "> ")
        }
    }

    /// Saves a suspension or a bury of `item`, which `:undo` can take back.
    private mutating func setAside(_ item: SessionCard, _ action: EventAction, kind: Done.Kind) throws {
        let time = now
        let recorded = try recorder.record(action, card: item.card.key, at: time, utcOffset: utcOffset(time / 1000))
        lastTime = recorded.event.time
        history.append(Done(event: recorded.event, card: item, kind: kind))
    }

    /// What is left of the session, as Anki's three numbers: new, learning (and relearning) and
    /// review cards, the one shown included. A card that comes back is counted once each time.
    private func remaining(with shown: SessionCard) -> String {
        var counts = (new: 0, learning: 0, review: 0)
        for card in [shown] + queue {
            switch card.state.phase {
            case .new: counts.new += 1
            case .learning, .relearning: counts.learning += 1
            case .review: counts.review += 1
            }
        }
        return "\(counts.new) new · \(counts.learning) learning · \(counts.review) review"
    }

    // MARK: - Rating

    private var now: Int64 {
        // Strictly increasing, so two answers never share an instant.
        max(clock(), lastTime + 1)
    }

    private mutating func rate(
        _ item: SessionCard, suggested: Rating?, shownAt: Int64, note: String?, reader: inout some LineReader,
        output: inout some SessionOutput
    ) throws -> Step {
        let time = now
        let seconds = time / 1000
        let buttons: [String]
        if scheduler.settings.preset == .classic {
            // SM-2 reads a quality 0-5, and a digit is one: each with the interval it gives.
            buttons = (0...5).map { quality in
                let outcome = scheduler.answer(item.state, .quality(quality), at: seconds, key: item.card.key)
                return "\(quality) · \(IntervalText.format(days: outcome.intervalDays))"
            }
        } else {
            let next = scheduler.nextStates(item.state, at: seconds, key: item.card.key)
            buttons = Rating.allCases.map { rating in
                "\(rating.word) \(rating.rawValue) · \(IntervalText.format(days: next[rating].intervalDays))"
            }
        }
        // Three spaces between buttons: a narrow terminal breaks the line there, not in a button.
        output.write("  " + buttons.map(style.key).joined(separator: "   "))
        if let suggested {
            output.write(style.dim("  \(suggested.word) (Enter to accept, or type another rating)"))
        }
        while true {
            let input: String
            switch try command(
                reader.readLine(prompt: "> "), item, output: &output, reader: &reader, allowEmpty: suggested != nil)
            {
            case .step(let step): return step
            case .text(let text): input = text
            }
            let answer: Answer?
            if input.trimmingSpaces.isEmpty, let suggested {
                answer = .button(suggested)
            } else {
                answer = Answer(typed: input, preset: scheduler.settings.preset)
            }
            guard let answer else {
                output.write(
                    style.dim(
                        "  Rate with again, hard, good or easy (a/h/g/e, or "
                            + "\(scheduler.settings.preset == .classic ? "0-5" : "1-4"))."
                    ))
                continue
            }
            try save(item, answer, at: time, shownAt: shownAt, note: note, output: &output)
            return .answered
        }
    }

    private mutating func save(
        _ item: SessionCard, _ answer: Answer, at shownTime: Int64, shownAt: Int64, note: String?,
        output: inout some SessionOutput
    ) throws {
        // The recorder schedules it from the card's state as the log has it now, and places it
        // after every event the card already has (a clock set back, or --now given twice).
        // Capped as the log's imports are (a card left on screen for weeks counts 24.8 days).
        let duration = min(max(0, clock() - shownAt), Int64(Int32.max))
        let recorded = try recorder.record(
            .answer(answer, durationMilliseconds: Int(duration)), card: item.card.key, at: shownTime,
            utcOffset: utcOffset(shownTime / 1000), note: note)
        answeringMilliseconds += duration
        let time = recorded.event.time
        let after = recorded.step.after
        lastTime = time
        summary.answered += 1
        if answer.isCorrect { summary.correct += 1 }
        history.append(
            Done(event: recorded.event, card: item, kind: .answer(correct: answer.isCorrect, milliseconds: duration)))
        // A card still learning, due within the learn-ahead time, or a classic drill comes
        // back in this session.
        var next = item
        next.state = after
        let learnAhead = time / 1000 + Int64(scheduler.settings.learnAhead.seconds)
        var comesBack = false
        if case .instant(let due) = after.due, due <= learnAhead { comesBack = true }
        if let drillDay = after.drillDay, drillDay == scheduler.clock.day(of: time / 1000) { comesBack = true }
        if comesBack { queue.append(next) }
    }
}

/// Where session text goes; one call per line.
public protocol SessionOutput {
    mutating func write(_ line: String)
}
