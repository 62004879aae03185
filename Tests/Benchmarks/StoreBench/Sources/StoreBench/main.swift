import Foundation
import HoneCore
import HoneStore

// usage: StoreBench DATA_FOLDER RUNS
// DATA_FOLDER holds a hone.sqlite with the history to measure (the script imports it first).
// Prints medians: opening the store and loading every card state; replaying the whole log
// (reading it from SQLite and recomputing every state).

func seconds(_ work: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try work()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    print("usage: StoreBench DATA_FOLDER [RUNS]")
    exit(2)
}
let folder = arguments[1]
let runs = arguments.count > 2 ? Int(arguments[2]) ?? 7 : 7
var settings = SchedulerSettings()
settings.fuzz = true
let replay = Replay(
    scheduler: Scheduler(settings: settings, clock: DayClock(timeZone: TimeZone.current, rolloverHour: 4)))

var loadTimes: [Double] = []
var stateCount = 0
var answerCount = 0
var replayTimes: [Double] = []
do {
    for _ in 0..<runs {
        // The states stay loaded (as in a session): freeing them is not part of loading.
        var loaded = CardStates()
        loadTimes.append(
            try seconds {
                let store = try Store(folder: folder)
                loaded = try store.states()
            })
        stateCount = loaded.count
    }
    let store = try Store(folder: folder)
    for _ in 0..<max(3, runs / 2) {
        replayTimes.append(
            try seconds {
                let log = try store.events()
                answerCount = log.count
                _ = log.replayedStates(with: replay)
            })
    }
} catch {
    print("StoreBench: \(error)")
    exit(1)
}
print(
    String(
        format: "open the store and load %d card states: median %.1f ms   (target < 30 ms)   %@", stateCount,
        median(loadTimes) * 1e3, median(loadTimes) < 0.030 ? "PASS" : "MISS"))
print(
    String(
        format: "replay %d answers (read + recompute):  median %.2f s    (target < 2 s)     %@", answerCount,
        median(replayTimes), median(replayTimes) < 2 ? "PASS" : "MISS"))
