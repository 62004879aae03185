import Testing

@testable import HoneCore

/// The optimizer's data preparation (Anki's items, fsrs-rs's outlier filter), its gradient, and
/// a fit on a simulated learner whose weights are known.
struct FSRSOptimizerTests {
    typealias Entry = FSRSTrainingSet.Entry

    static func answer(_ kind: Entry.Kind, _ rating: Int, day: Int, minute: Int = 0) -> Entry {
        Entry(kind: kind, rating: rating, day: day, milliseconds: Int64(day * 86_400_000 + minute * 60_000))
    }

    static func reviews(_ set: FSRSTrainingSet, _ item: FSRSTrainingSet.Item) -> [[Int32]] {
        set.reviews(of: item).map { [$0.rating, $0.deltaT] }
    }

    @Test func aCardsItemsAreItsAnswersOnLaterDaysWithTheDaysBetween() {
        var set = FSRSTrainingSet()
        set.addCard([
            Self.answer(.learning, 3, day: 10), Self.answer(.learning, 3, day: 10, minute: 10),
            Self.answer(.review, 3, day: 12), Self.answer(.review, 1, day: 15),
            Self.answer(.relearning, 3, day: 15, minute: 10), Self.answer(.review, 4, day: 19),
        ])
        set.finish()
        #expect(set.cardCount == 1)
        #expect(set.answerCount == 6)
        // Same-day answers shape the memory (delta 0) but are not predicted.
        #expect(
            set.items.map { Self.reviews(set, $0) } == [
                [[3, 0], [3, 0], [3, 2]],
                [[3, 0], [3, 0], [3, 2], [1, 3]],
                [[3, 0], [3, 0], [3, 2], [1, 3], [3, 0], [4, 4]],
            ])
    }

    @Test func aCardNotLearntFromNewIsLeftOut() {
        var set = FSRSTrainingSet()
        // Imported with a set-state: its first answer here is a review.
        set.addCard([Self.answer(.review, 3, day: 1), Self.answer(.review, 3, day: 5)])
        // Reset to new after it was learnt, and not learnt again.
        set.addCard([
            Self.answer(.learning, 3, day: 1), Self.answer(.review, 3, day: 3), Self.answer(.reset, 0, day: 4),
        ])
        // Every answer on one day: nothing to predict.
        set.addCard([Self.answer(.learning, 1, day: 2), Self.answer(.learning, 3, day: 2, minute: 5)])
        set.finish()
        #expect(set.cardCount == 0)
        #expect(set.items.isEmpty)
    }

    @Test func aResetCardStartsAgainFromItsLastLearning() {
        var set = FSRSTrainingSet()
        set.addCard([
            Self.answer(.learning, 3, day: 1), Self.answer(.review, 3, day: 3), Self.answer(.reset, 0, day: 8),
            Self.answer(.learning, 1, day: 9), Self.answer(.learning, 3, day: 9, minute: 10),
            Self.answer(.review, 2, day: 11),
        ])
        set.finish()
        #expect(set.items.map { Self.reviews(set, $0) } == [[[1, 0], [3, 0], [2, 2]]])
    }

    @Test func itemsAreInTheTimeOrderOfTheAnswersTheyPredict() {
        var set = FSRSTrainingSet()
        set.addCard([Self.answer(.learning, 3, day: 1), Self.answer(.review, 3, day: 20)])
        set.addCard([Self.answer(.learning, 4, day: 2), Self.answer(.review, 3, day: 5)])
        set.finish()
        #expect(set.items.map { set.reviews(of: $0).last?.deltaT } == [3, 19])
    }

    /// 30 cards first rated Good and seen again a day later, one seen again 50 days later: the
    /// rare group is dropped (fsrs-rs drops the rarest 5%, at least 20 items, of each rating),
    /// with every item of its card.
    @Test func outliersAreDroppedWithTheirCards() {
        var set = FSRSTrainingSet()
        for card in 0..<30 {
            set.addCard([
                Self.answer(.learning, 3, day: card), Self.answer(.review, 3, day: card + 1),
                Self.answer(.review, 3, day: card + 4),
            ])
        }
        set.addCard([
            Self.answer(.learning, 3, day: 0), Self.answer(.review, 3, day: 50), Self.answer(.review, 3, day: 90),
        ])
        set.finish()
        let (initialization, training) = FSRSOptimizer.filterOutliers(set)
        #expect(initialization.count == 30)
        #expect(training.count == 60)
        #expect(!training.contains { $0.card == 30 })
    }

    /// The hand-derived gradient of one card's loss against finite differences, for every
    /// weight, through every branch (first answer, same day, lapse, success, hard, easy).
    @Test func theGradientIsTheLossesSlope() {
        let positions: [FSRSGradient.Position] = [
            .init(deltaT: 0, rating: 3, label: 0, weight: 0), .init(deltaT: 0, rating: 3, label: 0, weight: 0),
            .init(deltaT: 3, rating: 2, label: 1, weight: 0.7), .init(deltaT: 5, rating: 1, label: 0, weight: 1),
            .init(deltaT: 0, rating: 3, label: 0, weight: 0), .init(deltaT: 4, rating: 4, label: 1, weight: 0.4),
            .init(deltaT: 9, rating: 3, label: 1, weight: 1.2),
        ]
        let w = FSRSParameters.defaultWeights
        func loss(_ weights: [Float]) -> Double {
            var scratch = FSRSGradient.Scratch()
            var ignored = [Double](repeating: 0, count: 21)
            return positions.withUnsafeBufferPointer { cut in
                ignored.withUnsafeMutableBufferPointer {
                    FSRSGradient(weights: weights).cardLoss(cut, scratch: &scratch, gradient: $0.baseAddress!)
                }
            }
        }
        var scratch = FSRSGradient.Scratch()
        var gradient = [Double](repeating: 0, count: 21)
        _ = positions.withUnsafeBufferPointer { cut in
            gradient.withUnsafeMutableBufferPointer {
                FSRSGradient(weights: w).cardLoss(cut, scratch: &scratch, gradient: $0.baseAddress!)
            }
        }
        for i in 0..<21 {
            let step = max(Float(1e-3), abs(w[i]) * 1e-2)
            var up = w
            var down = w
            up[i] += step
            down[i] -= step
            let numeric = (loss(up) - loss(down)) / Double(up[i] - down[i])
            let scale = max(abs(numeric), abs(gradient[i]), 0.05)
            #expect(
                abs(numeric - gradient[i]) / scale < 0.03, "w[\(i)]: \(gradient[i]) by hand, \(numeric) numerically")
        }
    }

    /// Cards answered by a learner whose memory follows FSRS-6 with `weights`: learnt on their
    /// first day, then reviewed about when due at 90%, a lapse relearnt the same day.
    static func simulatedLog(cards: Int, weights: [Float], seed: UInt64) -> FSRSTrainingSet {
        var random = SplitMix64(seed: seed)
        let model = FSRSModel(parameters: FSRSParameters(checked: weights))
        var set = FSRSTrainingSet()
        for card in 0..<cards {
            var day = Int.random(in: 0..<300, using: &random)
            var minute = 0
            var entries: [Entry] = []
            func answer(_ kind: Entry.Kind, _ rating: Rating, _ state: FSRSMemoryState?, days: Float) -> FSRSMemoryState
            {
                minute += 10
                entries.append(
                    Entry(
                        kind: kind, rating: rating.rawValue, day: day,
                        milliseconds: Int64(day) * 86_400_000 + Int64(minute * 60_000 + card)))
                return model.step(state, rating, days: days)
            }
            let firstRating = [Rating.again, .hard, .good, .good, .good, .easy].randomElement(using: &random) ?? .good
            var state = answer(.learning, firstRating, nil, days: 0)
            if firstRating != .easy { state = answer(.learning, .good, state, days: 0) }
            while true {
                let interval = max(1, Int((state.stability * Float.random(in: 0.8...1.2, using: &random)).rounded()))
                guard day + interval < 365 else { break }
                day += interval
                minute = 0
                let recalled =
                    Float.random(in: 0..<1, using: &random)
                    < model.retrievability(days: Float(interval), stability: state.stability)
                let rating: Rating =
                    recalled
                    ? ([Rating.hard, .good, .good, .good, .good, .easy].randomElement(using: &random) ?? .good) : .again
                state = answer(.review, rating, state, days: Float(interval))
                if rating == .again { state = answer(.relearning, .good, state, days: 0) }
            }
            set.addCard(entries)
        }
        set.finish()
        return set
    }

    static let trueWeights: [Float] = [
        0.45, 1.9, 3.6, 11.5, 6.7, 0.62, 2.3, 0.015, 1.65, 0.13, 0.9, 1.7, 0.08, 0.32, 1.45, 0.5, 2.1, 0.6, 0.2, 0.1,
        0.22,
    ]

    /// Fitted to a simulated learner's log, the weights predict it about as well as the
    /// learner's true weights do, and better than the defaults.
    @Test func theFitFindsWeightsAsGoodAsTheTrueOnes() throws {
        let set = Self.simulatedLog(cards: 1500, weights: Self.trueWeights, seed: 7)
        let fit = try FSRSOptimizer().fit(set).get()
        func loss(_ weights: [Float]) throws -> Float {
            let model = FSRSModel(parameters: try FSRSParameters.make(weights.map(Double.init)).get())
            return try #require(FSRSEvaluation.evaluate(model, on: set)).logLoss
        }
        let fitted = try loss(fit.weights)
        let truth = try loss(Self.trueWeights)
        let defaults = try loss(FSRSParameters.defaultWeights)
        #expect(!fit.initialOnly)
        #expect(fitted < truth * 1.01, "fitted \(fitted), true \(truth)")
        #expect(fitted < defaults, "fitted \(fitted), defaults \(defaults)")
    }

    @Test func tooFewReviewsAreRefused() {
        let set = Self.simulatedLog(cards: 10, weights: Self.trueWeights, seed: 3)
        guard case .failure(.tooFewItems(let count)) = FSRSOptimizer().fit(set) else {
            Issue.record("fitted \(set.items.count) items")
            return
        }
        #expect(count < FSRSOptimizer.minimumItems)
    }
}
