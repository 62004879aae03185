import Testing

@testable import HoneApp

/// `hone simulate`'s options, checked before anything is read: each mistake names its option
/// and what it accepts.
@Suite("hone simulate's request")
struct SimulationRequestTests {
    func request(retentions: [Float]? = nil, days: Int = 365, newPerDay: Int? = nil) -> SimulationRun.Request {
        SimulationRun.Request(retentions: retentions, days: days, newPerDay: newPerDay, optimal: false, seed: 42)
    }

    @Test func sensibleRequestsPass() {
        #expect(request().problem == nil)
        #expect(request(retentions: [0.7, 0.85, 0.99], days: 1, newPerDay: 0).problem == nil)
    }

    @Test func eachMistakeNamesItsOption() {
        #expect(request(retentions: [0.9, 1.5]).problem == "--retention: expected 0.70 to 0.99, got 1.5")
        #expect(request(retentions: [0.5]).problem?.hasPrefix("--retention:") == true)
        #expect(request(days: 0).problem == "--days: expected 1 to 36500, got 0")
        #expect(request(days: 36_501).problem?.hasPrefix("--days:") == true)
        #expect(request(newPerDay: -1).problem == "--new-per-day: expected 0 or more, got -1")
    }
}
