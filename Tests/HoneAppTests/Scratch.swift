import Foundation
import HoneCore

@testable import HoneApp

/// A scratch home for one test: a deck folder, a data folder and a config file, removed at
/// the end; the workspace over it notes what it was told instead of printing it.
final class Scratch {
    let folder: URL
    let notices = Notices()

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("hone-app-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("decks"), withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    func path(_ relative: String) -> String { folder.appendingPathComponent(relative).path }

    func write(_ relative: String, _ text: String) throws {
        let url = folder.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    var locations: Locations {
        Locations(
            decks: path("decks"), data: path("data"), config: path("config.toml"),
            environment: ["HOME": folder.path, "HONE_NO_CACHE": "1"])
    }

    /// The workspace at `now` (seconds since 1970).
    func workspace(at now: Int64 = 0) -> Workspace {
        let notices = self.notices
        return Workspace(locations, now: Date(timeIntervalSince1970: TimeInterval(now))) { notices.append($0) }
    }

    /// A review log CSV of `answers` (card key, seconds, rating), in the zone of `clock`.
    func log(_ answers: [(card: String, at: Int64, rating: String)], clock: DayClock) -> String {
        "card,reviewed_at,rating\n"
            + answers.map { answer in
                let time = Timestamp.format(milliseconds: answer.at * 1000, offset: Int(clock.offset(at: answer.at)))
                return "\(answer.card),\(time),\(answer.rating)\n"
            }.joined()
    }
}

/// What a workspace was told, kept for the test to look at.
final class Notices: @unchecked Sendable {
    private let lock = NSLock()
    private var kept: [Notice] = []

    func append(_ notice: Notice) { lock.withLock { kept.append(notice) } }
    var all: [Notice] { lock.withLock { kept } }
}
