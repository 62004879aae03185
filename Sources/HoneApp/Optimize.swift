import Foundation
import HoneCore
import HoneDeck
import HoneReport
import HoneStore

/// `hone optimize`: fits FSRS-6's weights to the learner's own log (`FSRSOptimizer`), scores the
/// weights in use and the fitted ones on the same history (`FSRSEvaluation`), and, when asked,
/// writes the fitted ones into the config file.
public enum Optimize {
    /// Fits, scores and (with `save`) writes. Throws `tooFewReviews` below the optimizer's
    /// minimum.
    public static func run(_ workspace: Workspace, save: Bool) throws -> OptimizeReport {
        let set = try trainingSet(workspace)
        let fit: FSRSOptimizer.Fit
        var settings = FSRSOptimizer.Settings()
        settings.relearningSteps = relearningStepsInADay(workspace.settings.relearningSteps)
        switch FSRSOptimizer(settings: settings).fit(set) {
        case .success(let result): fit = result
        case .failure(.tooFewItems(let count)):
            throw HoneError(.tooFewReviews(items: count, minimum: FSRSOptimizer.minimumItems))
        case .failure(.noFirstIntervals):
            throw HoneError(.tooFewReviews(items: 0, minimum: FSRSOptimizer.minimumItems))
        case .failure(.notFinite):
            throw HoneError(.optimizerFailed)
        }
        let current = workspace.settings.fsrsParameters
        let fitted = FSRSParameters.make(fit.weights.map(Double.init))
        let scoring = FSRSEvaluation.Scoring(set)
        let currentScore = scoring.score(FSRSModel(parameters: current))
        let fittedScore = (try? fitted.get()).flatMap { scoring.score(FSRSModel(parameters: $0)) }
        // Anki keeps the weights in use when the fitted ones predict no better; with several
        // relearning steps in a day, only if under them those steps leave a lapsed card less
        // stable than before its lapse (what the fit's clipping makes sure of).
        var best = fit.weights
        if let currentLoss = currentScore?.logLoss, currentLoss <= fittedScore?.logLoss ?? .infinity,
            settings.relearningSteps <= 1 || relearningLeavesLessStable(FSRSModel(parameters: current), settings)
        {
            best = current.weights
        }
        var report = OptimizeReport(
            answers: set.answerCount, cards: set.cardCount, items: set.items.count, trainedItems: fit.trainedItems,
            current: current.weights, currentScore: currentScore, fitted: fit.weights, fittedScore: fittedScore,
            best: best, initialOnly: fit.initialOnly, savedTo: nil, presetIsFSRS: workspace.settings.preset == .fsrs)
        // Kept weights are not written: the file stays exactly as it was.
        if save, best != current.weights {
            try ConfigWeights.save(best, to: workspace.locations.configFile)
            report.savedTo = workspace.locations.configFile
        }
        return report
    }

    /// Anki's count of relearning steps within a day: the steps until their total reaches a
    /// day (1,440 minutes).
    static func relearningStepsInADay(_ steps: [LearningDuration]) -> Int {
        var total = 0
        var count = 0
        for step in steps {
            total += step.seconds
            if total >= 86_400 { break }
            count += 1
        }
        return count
    }

    /// Anki's second test before it keeps the weights in use: a card of stability 1 (and
    /// difficulty 1) that lapses after 2 days and then goes through the relearning steps ends
    /// with a stability under 1.
    static func relearningLeavesLessStable(_ model: FSRSModel, _ settings: FSRSOptimizer.Settings) -> Bool {
        var state = model.step(FSRSMemoryState(stability: 1, difficulty: 1), .again, days: 2)
        for _ in 0..<settings.relearningSteps { state = model.step(state, .good, days: 0) }
        return state.stability < 1
    }

    /// The log as the optimizer reads it: every card's answers (drills and answers taken back
    /// left out) with how replay counted them, and its resets to new; read and replayed in two
    /// halves at once, as the stats are.
    public static func trainingSet(_ workspace: Workspace) throws -> FSRSTrainingSet {
        let store = try workspace.openStore(mapped: true)
        let split = try store.middleCard()
        let second = try Store(folder: workspace.locations.dataFolder, mapped: true)
        let replay = workspace.replay
        let (first, rest) = try Parallel.both(
            { build(try store.histories(below: split), replay: replay) },
            { try split.map { build(try second.histories(from: $0), replay: replay) } })
        var set = FSRSTrainingSet.joining([first] + (rest.map { [$0] } ?? []))
        set.finish()
        return set
    }

    /// One half's cards.
    static func build(_ histories: EventHistories, replay: Replay) -> FSRSTrainingSet {
        let clock = replay.scheduler.clock
        var set = FSRSTrainingSet()
        var entries: [FSRSTrainingSet.Entry] = []
        histories.withAnswers { all in
            histories.withSetStates { setStates in
                for index in 0..<histories.count {
                    let keyHash = FNV1a.hash(histories.keys[index])
                    var state = CardState.new
                    entries.removeAll(keepingCapacity: true)
                    for event in histories.history(index, in: all) {
                        if let stateIndex = event.setStateIndex {
                            guard stateIndex < setStates.count else { continue }
                            Replay.set(&state, to: setStates[stateIndex], preset: replay.scheduler.settings.preset)
                            if state.phase == .new { entries.append(reset(event, clock)) }
                            continue
                        }
                        let before = state.phase
                        let outcome = replay.advance(&state, by: event, keyHash: keyHash)
                        if event.event == .forget { entries.append(reset(event, clock)) }
                        guard let outcome, outcome.kind != .drill, let answer = event.answerGiven else { continue }
                        let kind: FSRSTrainingSet.Entry.Kind =
                            switch before {
                            case .new, .learning: .learning
                            case .review: .review
                            case .relearning: .relearning
                            }
                        entries.append(
                            FSRSTrainingSet.Entry(
                                kind: kind, rating: answer.rating.rawValue, day: clock.day(of: event.seconds),
                                milliseconds: event.milliseconds))
                    }
                    // Anki optimizes over the cards that are not suspended (`-is:suspended`).
                    if !state.suspended { set.addCard(entries) }
                }
            }
        }
        return set
    }

    private static func reset(_ event: CompactEvent, _ clock: DayClock) -> FSRSTrainingSet.Entry {
        FSRSTrainingSet.Entry(
            kind: .reset, rating: 0, day: clock.day(of: event.seconds), milliseconds: event.milliseconds)
    }
}
