import Foundation

extension FSRSOptimizer {
    /// The training data as `fsrs-rs` lays it out when it knows the cards (`build_windowed_batches`):
    /// one column a card, its answers up to its last item, each item's answer carrying the item's
    /// label and weight; columns sorted by length and packed into batches of at most
    /// `batchSize` predictions (a card is never split).
    struct Columns {
        var positions: [FSRSGradient.Position] = []
        /// Column `c` is `positions[starts[c]..<starts[c + 1]]`.
        var starts: [Int] = [0]
        /// Each batch's columns and the number of predictions in them.
        var batches: [(columns: Range<Int>, predictions: Int)] = []

        init(_ items: [(item: FSRSTrainingSet.Item, weight: Float)], of set: FSRSTrainingSet, batchSize: Int) {
            // The items by card (in card order), each card's by length: the items come in time
            // order, so a card's are already by length, and a counting sort by card keeps that.
            let cardCount = set.cardCount
            var firstOfCard = [Int](repeating: 0, count: cardCount + 1)
            for entry in items { firstOfCard[Int(entry.item.card) + 1] += 1 }
            for card in 0..<cardCount { firstOfCard[card + 1] += firstOfCard[card] }
            var next = firstOfCard
            var sorted = items
            for entry in items {
                sorted[next[Int(entry.item.card)]] = entry
                next[Int(entry.item.card)] += 1
            }
            var cards: [(card: Int32, length: Int32, items: Range<Int>)] = []
            for card in 0..<cardCount where firstOfCard[card + 1] > firstOfCard[card] {
                let range = firstOfCard[card]..<firstOfCard[card + 1]
                cards.append((Int32(card), sorted[range.upperBound - 1].item.length, range))
            }
            // Shortest first; cards of one length stay in card order (a stable sort in fsrs-rs).
            cards.sort { a, b in a.length != b.length ? a.length < b.length : a.card < b.card }
            positions.reserveCapacity(cards.reduce(0) { $0 + Int($1.length) })
            var batchStart = 0
            var predictions = 0
            for (column, card) in cards.enumerated() {
                if column > batchStart, predictions + card.items.count > batchSize {
                    batches.append((batchStart..<column, predictions))
                    batchStart = column
                    predictions = 0
                }
                predictions += card.items.count
                let first = positions.count
                for review in set.reviews(ofCard: Int(card.card)).prefix(Int(card.length)) {
                    positions.append(
                        FSRSGradient.Position(
                            deltaT: Float(review.deltaT), rating: Float(review.rating), label: 0, weight: 0))
                }
                for (item, weight) in sorted[card.items] {
                    let index = first + Int(item.length) - 1
                    positions[index].label = positions[index].rating > 1 ? 1 : 0
                    positions[index].weight = weight
                }
                starts.append(positions.count)
            }
            if batchStart < cards.count { batches.append((batchStart..<cards.count, predictions)) }
        }
    }

    /// Adam over the batches, `epochs` times in a shuffled order, from `start`; every step's
    /// gradient is the batch's summed loss's plus the L2 pull toward `start`.
    func train(_ items: [(item: FSRSTrainingSet.Item, weight: Float)], of set: FSRSTrainingSet, from start: [Float])
        -> [Float]
    {
        let total = items.count
        let columns = Columns(items, of: set, batchSize: settings.batchSize)
        var schedule = CosineAnnealing(
            steps: Double((total / settings.batchSize + 1) * settings.epochs), rate: settings.learningRate)
        var adam = Adam()
        var random = SplitMix64(seed: settings.seed)
        var parameters = start
        var order = Array(columns.batches.indices)
        columns.positions.withUnsafeBufferPointer { positions in
            for _ in 0..<settings.epochs {
                order = Array(columns.batches.indices)
                random.shuffle(&order)
                for batchIndex in order {
                    let batch = columns.batches[batchIndex]
                    let rate = schedule.step()
                    var gradient = Self.gradient(
                        batch.columns, columns.starts, positions, FSRSGradient(weights: parameters))
                    let scale = settings.gamma * Double(batch.predictions) / Double(total)
                    for i in 0..<21 {
                        let delta = Double(parameters[i] - start[i])
                        // The spread squared in floats, as fsrs-rs squares it.
                        gradient[i] += 2 * delta / Double(Self.weightSpread[i] * Self.weightSpread[i]) * scale
                    }
                    adam.step(&parameters, gradient, rate: rate)
                    clip(&parameters)
                }
            }
        }
        return parameters
    }

    /// The gradient of the summed loss of a batch's columns, added up column after column.
    ///
    /// On one thread: with each batch split over two (the halves summed apart, then added in
    /// order), `hone optimize` on 971,323 answers took 1.23-1.29 s against 1.13-1.14 s on one,
    /// runs alternated on two cores shared with other work: waking the second thread at every
    /// batch cost more than half a batch's work.
    static func gradient(
        _ columns: Range<Int>, _ starts: [Int], _ positions: UnsafeBufferPointer<FSRSGradient.Position>,
        _ model: FSRSGradient
    ) -> [Double] {
        var gradient = [Double](repeating: 0, count: 21)
        var scratch = FSRSGradient.Scratch()
        gradient.withUnsafeMutableBufferPointer { buffer in
            guard let sums = buffer.baseAddress else { return }
            for column in columns {
                let cut = UnsafeBufferPointer(rebasing: positions[starts[column]..<starts[column + 1]])
                _ = model.cardLoss(cut, scratch: &scratch, gradient: sums)
            }
        }
        return gradient
    }

    /// `clip_parameters`: each weight into the range the optimizer may move it in, `w[17]` and
    /// `w[18]` bounded so that relearning steps cannot raise a lapsed card's stability, `w[19]`
    /// kept above 0.01 (short-term stability trained).
    func clip(_ w: inout [Float]) {
        var ceiling: Float = 2
        if settings.relearningSteps > 1 {
            let bound =
                -(log(w[11]) + log(Foundation.pow(2, w[13]) - 1) + w[14] * 0.3) / Float(settings.relearningSteps)
            ceiling = min(max(bound, 0.01).squareRoot(), 2)
        }
        let s = (FSRSParameters.minimumStability, FSRSParameters.maximumInitialStability)
        let ranges: [(Float, Float)] = [
            s, s, s, s, (FSRSParameters.minimumDifficulty, FSRSParameters.maximumDifficulty), (0.001, 4), (0.001, 4),
            (0.001, 0.75), (0, 4.5), (0, 0.8), (0.001, 3.5), (0.001, 5), (0.001, 0.25), (0.001, 0.9), (0, 4), (0, 1),
            (1, 6), (0, ceiling), (0, ceiling), (0.01, 0.8), (0.1, 0.8),
        ]
        for i in w.indices { w[i] = min(max(w[i], ranges[i].0), ranges[i].1) }
    }
}

/// Adam as `fsrs-rs` steps it (`HostAdam`): moments in 64-bit floats, β₁ 0.9, β₂ 0.999, ε 1e-8.
struct Adam {
    private var m = [Double](repeating: 0, count: 21)
    private var v = [Double](repeating: 0, count: 21)
    private var t: Int32 = 0

    mutating func step(_ parameters: inout [Float], _ gradient: [Double], rate: Double) {
        let beta1 = 0.9
        let beta2 = 0.999
        t += 1
        let bias1 = 1 - Foundation.pow(beta1, Double(t))
        let bias2 = 1 - Foundation.pow(beta2, Double(t))
        for i in 0..<21 {
            m[i] = beta1 * m[i] + (1 - beta1) * gradient[i]
            v[i] = beta2 * v[i] + (1 - beta2) * gradient[i] * gradient[i]
            let mHat = m[i] / bias1
            let vHat = v[i] / bias2
            parameters[i] -= Float(rate * mHat / (vHat.squareRoot() + 1e-8))
        }
    }
}

/// The learning rate on a cosine from its start to 0 over `steps` (`CosineAnnealingLR`, computed
/// recursively from the previous rate as there).
struct CosineAnnealing {
    let steps: Double
    let initial: Double
    private var count: Double = -1
    private var rate: Double

    init(steps: Double, rate: Double) {
        self.steps = steps
        initial = rate
        self.rate = rate
    }

    mutating func step() -> Double {
        count += 1
        if count == 0 {
            rate = initial
        } else if (count - 1 - steps).truncatingRemainder(dividingBy: 2 * steps) == 0 {
            rate = initial * (1 - cos(Double.pi / steps)) / 2
        } else {
            let ratio = (1 + cos(Double.pi * count / steps)) / (1 + cos(Double.pi * (count - 1) / steps))
            rate = (0 as Double).addingProduct(ratio, rate)
        }
        return rate
    }
}
