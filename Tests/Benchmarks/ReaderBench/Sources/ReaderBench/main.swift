// Times the deck reader on one file held in memory: `TOMLReader.parse` (the syntax alone, whole
// document kept), `DeckReader.read` with its default options (document and built cards kept)
// and with the options `hone check` uses (cards checked as read, then dropped).
// Each is run RUNS times after one warm-up run; the median, fastest and slowest are printed.
//
//   ReaderBench FILE [RUNS] [parse|read|check]   (RUNS defaults to 15; the last picks one, for profiling)
import HoneDeck

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

let arguments = CommandLine.arguments
let choices = ["parse", "read", "check"]
guard (2...4).contains(arguments.count), arguments.count == 2 || Int(arguments[2]) != nil,
    arguments.count < 4 || choices.contains(arguments[3])
else {
    print("usage: ReaderBench FILE [RUNS] [parse|read|check]")
    exit(2)
}
let path = arguments[1]
let runs = max(1, arguments.count >= 3 ? Int(arguments[2])! : 15)
let only = arguments.count == 4 ? arguments[3] : nil

let bytes: [UInt8]
switch DeckFinder.contents(of: path) {
case .success(let contents): bytes = contents
case .failure(let problem):
    print("ReaderBench: \(problem.path): \(problem.message)")
    exit(1)
}
let megabytes = Double(bytes.count) / 1_000_000

/// Keeps results alive and observed, so the optimiser cannot drop the work.
nonisolated(unsafe) var sink = 0

func format2(_ value: Double) -> String {
    let hundredths = Int((value * 100).rounded())
    let fraction = hundredths % 100
    return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
}

func seconds(_ duration: Duration) -> Double {
    let (whole, attoseconds) = duration.components
    return Double(whole) + Double(attoseconds) / 1e18
}

/// Times `read` alone: what it returns is kept until the clock has stopped, so freeing the
/// document (the caller's business, and most of a second read's allocator work) is not counted.
func measure<Result>(_ name: String, _ read: () -> Result, _ summary: (Result) -> Int) {
    let key = ["TOMLReader.parse": "parse", "DeckReader.read": "read"][name] ?? "check"
    if let only, only != key { return }
    sink &+= summary(read())  // warm-up: page faults, allocator growth, lazy runtime metadata
    var times: [Double] = []
    let clock = ContinuousClock()
    for _ in 0..<runs {
        var kept: Result?
        let start = clock.now
        kept = read()
        times.append(seconds(clock.now - start))
        if let kept { sink &+= summary(kept) }
        kept = nil
    }
    times.sort()
    let median =
        times.count % 2 == 1 ? times[times.count / 2] : (times[times.count / 2 - 1] + times[times.count / 2]) / 2
    func rate(_ time: Double) -> String { String(Int((megabytes / time).rounded())) }
    func ms(_ time: Double) -> String { String(Int((time * 1000).rounded())) }
    print(
        "\(name): median \(rate(median)) MB/s (\(ms(median)) ms), "
            + "best \(rate(times.first!)) MB/s, worst \(rate(times.last!)) MB/s, \(runs) runs")
}

print("file: \(path), \(bytes.count) bytes (\(format2(megabytes)) MB)")
measure(
    "TOMLReader.parse", { TOMLReader.parse(bytes) },
    { result in (result.document?.entries.count ?? -1) &+ result.diagnostics.count })
measure(
    "DeckReader.read", { DeckReader.read(bytes: bytes, path: path, deckID: "bench") },
    { file in file.cardCount &+ file.diagnostics.count &+ (file.deck?.cards.count ?? 0) })
measure(
    "DeckReader.read (hone check)", { DeckReader.read(bytes: bytes, path: path, deckID: "bench", options: []) },
    { file in file.cardCount &+ file.diagnostics.count })
if sink == Int.min { print(sink) }
