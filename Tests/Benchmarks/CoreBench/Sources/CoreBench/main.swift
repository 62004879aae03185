import Foundation
import HoneCore

// Prints, as medians of several runs: the time to schedule one answer (anki preset with fuzz,
// a mix of learning and review cards; then the same under the fsrs preset), and the time to
// build today's queue from 100,000 card states (about 10% new, some learning, most in review,
// a tenth of those due).

func seconds(_ work: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    work()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}

let arguments = CommandLine.arguments
let runs = arguments.count > 1 ? Int(arguments[1]) ?? 9 : 9
let cardCount = arguments.count > 2 ? Int(arguments[2]) ?? 100_000 : 100_000

let clock = DayClock(timeZone: TimeZone.current, rolloverHour: 4)
let scheduler = Scheduler(settings: SchedulerSettings(), clock: clock)
let now = Int64(Date().timeIntervalSince1970)
let today = clock.day(of: now)

var random = SystemRandomNumberGenerator()
var states: [CardState] = []
var candidates: [DailyQueue.Candidate] = []
for index in 0..<cardCount {
    var state = CardState.new
    let roll = Int.random(in: 0..<100, using: &random)
    if roll < 10 {
        state = .new
    } else if roll < 13 {
        let due = LearningState.Due.instant(now + Int64.random(in: -1800...1800, using: &random))
        state = CardState(.learning(LearningState(step: 1, stepSeconds: 600, due: due)))
    } else {
        let interval = Int.random(in: 1...400, using: &random)
        let ease = Int.random(in: 1300...3000, using: &random)
        // A tenth of the review cards are due today or overdue.
        var due = today + Int.random(in: 1...interval, using: &random)
        if Int.random(in: 0..<10, using: &random) == 0 { due = today - Int.random(in: 0...5, using: &random) }
        let review = ReviewState(intervalDays: interval, easePermille: ease, dueDay: due)
        state = CardState(.review(review), reps: Int.random(in: 3...30, using: &random))
    }
    states.append(state)
    candidates.append(
        .init(
            key: "deck\(index % 20)/card-\(index)", noteKey: "deck\(index % 20)/card-\(index)",
            deck: "deck\(index % 20)", state: state))
}

// One answer: every state answered with a rotating button, as a learner would.
let answers = min(cardCount, 100_000)
var answerTimes: [Double] = []
var checksum = 0
for _ in 0..<runs {
    answerTimes.append(
        seconds {
            for index in 0..<answers {
                let rating = Rating(rawValue: index % 4 + 1) ?? .good
                let outcome = scheduler.answer(states[index], .button(rating), at: now, key: candidates[index].key)
                checksum &+= outcome.state.interval
            }
        } / Double(answers))
}

// The same answers under the fsrs preset (fuzz on), each card with a memory state as a
// replay under FSRS leaves it: stability near its interval, last answered an interval ago.
var fsrsSettings = SchedulerSettings()
fsrsSettings.preset = .fsrs
let fsrsScheduler = Scheduler(settings: fsrsSettings, clock: clock)
let fsrsStates = states.map { state -> CardState in
    guard state.phase != .new else { return state }
    var state = state
    let stability = Float(max(state.interval, 1)) * Float.random(in: 0.5...1.5, using: &random)
    let memory = FSRSMemoryState(stability: stability, difficulty: Float.random(in: 1...10, using: &random))
    let lastReview = now - Int64(max(state.interval, 1)) * 86_400
    state.memory = .fsrs(FSRSMemory(state: memory.stored, lastReview: lastReview))
    return state
}
var fsrsTimes: [Double] = []
for _ in 0..<runs {
    fsrsTimes.append(
        seconds {
            for index in 0..<answers {
                let rating = Rating(rawValue: index % 4 + 1) ?? .good
                let outcome = fsrsScheduler.answer(
                    fsrsStates[index], .button(rating), at: now, key: candidates[index].key)
                checksum &+= outcome.state.interval
            }
        } / Double(answers))
}

let queue = DailyQueue(settings: SchedulerSettings(), clock: clock)
var queueTimes: [Double] = []
var queued = 0
for _ in 0..<runs {
    queueTimes.append(seconds { queued = queue.build(candidates, now: now).count })
}

print("cards: \(cardCount), runs: \(runs) (checksum \(checksum), queue \(queued) cards)")
print(
    String(
        format: "schedule one answer:        median %.3f µs   (target < 1 µs)   %@", median(answerTimes) * 1e6,
        median(answerTimes) < 1e-6 ? "PASS" : "MISS"))
print(
    String(
        format: "schedule one FSRS answer:   median %.3f µs   (target < 1 µs)   %@", median(fsrsTimes) * 1e6,
        median(fsrsTimes) < 1e-6 ? "PASS" : "MISS"))
print(
    String(
        format: "build today's queue:        median %.2f ms   (target < 10 ms)  %@", median(queueTimes) * 1e3,
        median(queueTimes) < 0.010 ? "PASS" : "MISS"))
