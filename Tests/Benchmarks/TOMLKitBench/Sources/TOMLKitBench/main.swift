// Times two TOML readers on one file held in memory: hone's `TOMLReader.parse` (the syntax, the
// whole document built) and TOMLKit's `TOMLTable(string:)` (toml++ 3 parsing into its own tree).
// Each is run RUNS times (default 9, at least 5) after one untimed run, one reader after the
// other; the result is kept until the clock stops (freeing it is not counted), and the medians,
// the throughputs (MB = 10^6 bytes) and hone's speed-up are printed.
//
//   TOMLKitBench FILE [RUNS] [hone|tomlkit]   (the last runs one reader only, for profiling)
import HoneDeck
import TOMLKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

let arguments = CommandLine.arguments
guard (2...4).contains(arguments.count), arguments.count == 2 || Int(arguments[2]) != nil,
    arguments.count < 4 || ["hone", "tomlkit"].contains(arguments[3])
else {
    print("usage: TOMLKitBench FILE [RUNS] [hone|tomlkit]")
    exit(2)
}
let path = arguments[1]
let runs = max(5, arguments.count >= 3 ? Int(arguments[2])! : 9)
let only = arguments.count == 4 ? arguments[3] : nil

let bytes: [UInt8]
switch DeckFinder.contents(of: path) {
case .success(let contents): bytes = contents
case .failure(let problem):
    print("TOMLKitBench: \(problem.path): \(problem.message)")
    exit(1)
}
// TOMLKit takes a String; it is made once, outside the clock.
let text = String(decoding: bytes, as: UTF8.self)
let megabytes = Double(bytes.count) / 1_000_000

nonisolated(unsafe) var sink = 0

func seconds(_ duration: Duration) -> Double {
    let (whole, attoseconds) = duration.components
    return Double(whole) + Double(attoseconds) / 1e18
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// One timed read; what it returns lives until the clock has stopped.
func timed<Result>(_ read: () -> Result, _ summary: (Result) -> Int) -> Double {
    let clock = ContinuousClock()
    var kept: Result?
    let start = clock.now
    kept = read()
    let elapsed = seconds(clock.now - start)
    if let kept { sink &+= summary(kept) }
    kept = nil
    return elapsed
}

func honeRead() -> Double {
    timed({ TOMLReader.parse(bytes) }, { ($0.document?.entries.count ?? -1) &+ $0.diagnostics.count })
}

func tomlkitRead() -> Double {
    timed(
        { () -> TOMLKit.TOMLTable? in
            do { return try TOMLKit.TOMLTable(string: text) } catch {
                print("TOMLKitBench: TOMLKit rejects \(path): \(error)")
                exit(1)
            }
        }, { $0?.count ?? -1 })
}

// Both readers must accept the file. One reader's runs, then the other's (each after an untimed
// run), not alternated: after the other reader's run (its tree freed, the heap handed back to the
// system) each pays page faults to grow again, which slowed hone's reader by half here.
func block(_ read: () -> Double) -> [Double] {
    _ = read()
    return (0..<runs).map { _ in read() }
}
var honeTimes: [Double] = []
var tomlkitTimes: [Double] = []
if only != "tomlkit" {
    let result = TOMLReader.parse(bytes)
    guard let document = result.document, result.diagnostics.isEmpty else {
        print("TOMLKitBench: hone's reader rejects \(path)")
        exit(1)
    }
    var cards = 0
    if case .array(let tables)? = document["card"]?.value { cards = tables.count }
    print("hone reads \(cards) [[card]] tables")
    honeTimes = block(honeRead)
}
if only != "hone" {
    let table = try TOMLKit.TOMLTable(string: text)
    print("TOMLKit reads \(table["card"]?.array?.count ?? 0) [[card]] tables")
    tomlkitTimes = block(tomlkitRead)
}

func ms(_ time: Double) -> String { String(Int((time * 1000).rounded())) }
func rate(_ time: Double) -> String { String(Int((megabytes / time).rounded())) }
print("file: \(path), \(bytes.count) bytes; \(runs) runs of each, one reader after the other")
if !honeTimes.isEmpty {
    let m = median(honeTimes)
    print(
        "hone TOMLReader.parse: median \(rate(m)) MB/s (\(ms(m)) ms), "
            + "best \(ms(honeTimes.min()!)) ms, worst \(ms(honeTimes.max()!)) ms"
    )
}
if !tomlkitTimes.isEmpty {
    let m = median(tomlkitTimes)
    print(
        "TOMLKit TOMLTable(string:): median \(rate(m)) MB/s (\(ms(m)) ms), "
            + "best \(ms(tomlkitTimes.min()!)) ms, worst \(ms(tomlkitTimes.max()!)) ms"
    )
}
if !honeTimes.isEmpty, !tomlkitTimes.isEmpty {
    let ratio = median(tomlkitTimes) / median(honeTimes)
    let hundredths = Int((ratio * 100).rounded())
    print(
        "TOMLKit time / hone time: \(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)x "
            + "(target: hone faster): \(ratio > 1 ? "PASS" : "MISS")")
}
if sink == Int.min { print(sink) }
