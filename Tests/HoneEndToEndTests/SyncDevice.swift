import Foundation

/// One of a learner's machines, simulated on this one for the `hone sync` tests: its own data
/// folder in a home shared with the other devices (so the same deck folder and config file,
/// unless `decks` points elsewhere), its own clock for `--now`, which only moves forward, and
/// the tally of the events it made itself, to count the merged log against.
struct SyncDevice {
    let hone: HoneProcess
    /// The data folder, relative to the home.
    let data: String
    /// A deck folder of its own (a git clone's `decks/`), relative to the home; nil: the home's.
    var decks: String?
    var environment: [String: String]
    private(set) var clock: Date
    /// Events made here (answers, suspensions, undos...), counted from the log as they appear.
    var made = 0
    /// Of those, the ones no sync has published yet.
    var unpublished = 0

    init(_ hone: HoneProcess, data: String, decks: String? = nil, environment: [String: String], clock: Date) {
        self.hone = hone
        self.data = data
        self.decks = decks
        self.environment = environment
        self.clock = clock
    }

    /// `--now` as hone reads it.
    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// Sets the clock to `date`, or a second later than it stands when `date` is not later: a
    /// device's clock never goes back.
    mutating func advance(to date: Date) {
        clock = max(date, clock.addingTimeInterval(1))
    }

    mutating func advance(by seconds: TimeInterval) { advance(to: clock.addingTimeInterval(seconds)) }

    /// Runs hone on this device, at its clock (or at `now`).
    func run(_ arguments: [String], now: Date? = nil, stdin: String = "") throws -> HoneProcess.Output {
        try hone.run(arguments + options(now: now), environment: environment, stdin: stdin)
    }

    /// Starts hone on this device and leaves it running (see `HoneProcess.start`).
    func start(_ arguments: [String], stdin: String = "") throws -> HoneProcess.Running {
        try hone.start(arguments + options(now: nil), environment: environment, stdin: stdin)
    }

    private func options(now: Date?) -> [String] {
        ["--data", data, "--now", Self.iso(now ?? clock)] + (decks.map { ["--decks", $0] } ?? [])
    }

    /// The rows of `hone log export`, header left out.
    func logRows() throws -> [Substring] {
        let export = try run(["log", "export"])
        guard export.status == 0 else { throw SyncTestFailure("\(data): log export failed: \(export.stderr)") }
        return export.stdout.split(separator: "\n").dropFirst().map { $0 }
    }

    /// Runs `arguments` (a practice session, `hone suspend`...) and adds the events it made to
    /// `made` and `unpublished`: the rows the log gained.
    mutating func act(_ arguments: [String], stdin: String = "") throws -> HoneProcess.Output {
        let before = try logRows().count
        let result = try run(arguments, stdin: stdin)
        let gained = try logRows().count - before
        made += gained
        unpublished += gained
        return result
    }

    /// This device's id, as `hone sync --status --json` gives it for `folder`.
    func deviceID(folder: String) throws -> String {
        let status = try run(["sync", folder, "--status", "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
        guard status.status == 0, let device = object?["device"] as? String else {
            throw SyncTestFailure("\(data): sync --status --json: \(status.stdout) \(status.stderr)")
        }
        return device
    }
}

/// A test's own failure to get what it needs from a command, with what the command said.
struct SyncTestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A pseudo-random generator from a seed (SplitMix64), so that a failing order of practice and
/// syncs can be run again exactly.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// The seed from `HONE_SYNC_SEED` when set, else `fallback`; printed, to run a failure again.
    static func fromEnvironment(_ test: String, fallback: UInt64) -> SeededGenerator {
        let seed = ProcessInfo.processInfo.environment["HONE_SYNC_SEED"].flatMap { UInt64($0) } ?? fallback
        print("\(test): seed \(seed) (HONE_SYNC_SEED=\(seed) runs this order again)")
        return SeededGenerator(seed: seed)
    }
}
