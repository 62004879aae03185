import ArgumentParser
import Foundation
import HoneApp
import HoneReport

/// The options every command takes, each with an environment variable behind it.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The deck folder.",
            discussion: "Default: $HONE_DECKS, else ./decks if it exists, else $XDG_DATA_HOME/hone/decks.",
            valueName: "dir"),
        completion: .directory)
    var decks: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The folder holding your progress.",
            discussion: "Default: $HONE_DATA, else $XDG_DATA_HOME/hone (~/.local/share/hone).", valueName: "dir"),
        completion: .directory)
    var data: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The config file.", discussion: "Default: $HONE_CONFIG, else $XDG_CONFIG_HOME/hone/config.toml.",
            valueName: "file"),
        completion: .file(extensions: ["toml"]))
    var config: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Pretend it is this time (ISO 8601, e.g. 2026-03-03T09:00:00+01:00; a date alone is that learning day).",
            discussion: "Default: $HONE_NOW, else the clock.", valueName: "time"))
    var now: String?

    func validate() throws {
        if let now, let refusal = Clock.refusal(of: now, givenAs: "--now") { throw ValidationError(refusal) }
    }

    var locations: Locations { Locations(decks: decks, data: data, config: config) }

    /// The workspace these options describe; what it goes on despite is printed to stderr.
    func workspace() throws -> Workspace {
        let given = now ?? ProcessInfo.processInfo.environment["HONE_NOW"].flatMap { $0.isEmpty ? nil : $0 }
        return Workspace(
            locations, now: try currentTime(), nowIsDay: given.map(Clock.isDateOnly) ?? false, notify: Hone.print)
    }

    /// `--now` > `$HONE_NOW` > the clock.
    func currentTime() throws -> Date {
        if let now { return Clock.parse(now) ?? Date() }
        if let value = ProcessInfo.processInfo.environment["HONE_NOW"], !value.isEmpty {
            if let refusal = Clock.refusal(of: value, givenAs: "$HONE_NOW") { throw ValidationError(refusal) }
            return Clock.parse(value) ?? Date()
        }
        return Date()
    }
}
