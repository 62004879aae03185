import ArgumentParser
import Foundation

/// The options every command takes, each with an environment variable behind it.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long, help: ArgumentHelp("The deck folder.", discussion: "Default: $HONE_DECKS, else ./decks if it exists, else $XDG_DATA_HOME/hone/decks.", valueName: "dir"),
        completion: .directory)
    var decks: String?

    @Option(
        name: .long, help: ArgumentHelp("The folder holding your progress.", discussion: "Default: $HONE_DATA, else $XDG_DATA_HOME/hone (~/.local/share/hone).", valueName: "dir"),
        completion: .directory)
    var data: String?

    @Option(
        name: .long, help: ArgumentHelp("The config file.", discussion: "Default: $HONE_CONFIG, else $XDG_CONFIG_HOME/hone/config.toml.", valueName: "file"),
        completion: .file(extensions: ["toml"]))
    var config: String?

    @Option(
        name: .long, help: ArgumentHelp("Pretend it is this time (ISO 8601, e.g. 2026-03-03T09:00:00+01:00).", discussion: "Default: $HONE_NOW, else the clock.", valueName: "time"))
    var now: String?

    func validate() throws {
        if let now, Clock.parse(now) == nil {
            throw ValidationError("--now: expected an ISO 8601 time such as 2026-03-03T09:00:00+01:00, got '\(now)'")
        }
    }

    private var environment: [String: String] { ProcessInfo.processInfo.environment }

    private var home: String { environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory() }

    private func xdg(_ variable: String, default fallback: String) -> String {
        if let value = environment[variable], value.hasPrefix("/") { return value }
        return home + "/" + fallback
    }

    /// `--decks` > `$HONE_DECKS` > `./decks` when it exists > `$XDG_DATA_HOME/hone/decks`.
    var deckFolder: String {
        if let decks { return decks }
        if let value = environment["HONE_DECKS"], !value.isEmpty { return value }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: "decks", isDirectory: &isDirectory), isDirectory.boolValue {
            return "decks"
        }
        return xdg("XDG_DATA_HOME", default: ".local/share") + "/hone/decks"
    }

    /// `--data` > `$HONE_DATA` > `$XDG_DATA_HOME/hone`.
    var dataFolder: String {
        if let data { return data }
        if let value = environment["HONE_DATA"], !value.isEmpty { return value }
        return xdg("XDG_DATA_HOME", default: ".local/share") + "/hone"
    }

    /// Where decks already read are kept: `$XDG_CACHE_HOME/hone/decks`; nil (no cache) when
    /// `$HONE_NO_CACHE` is set to anything but empty.
    var cacheFolder: String? {
        if let value = environment["HONE_NO_CACHE"], !value.isEmpty { return nil }
        return xdg("XDG_CACHE_HOME", default: ".cache") + "/hone/decks"
    }

    /// `--config` > `$HONE_CONFIG` > `$XDG_CONFIG_HOME/hone/config.toml`.
    var configFile: String {
        if let config { return config }
        if let value = environment["HONE_CONFIG"], !value.isEmpty { return value }
        return xdg("XDG_CONFIG_HOME", default: ".config") + "/hone/config.toml"
    }

    /// `--now` > `$HONE_NOW` > the clock.
    func currentTime() throws -> Date {
        if let now { return Clock.parse(now) ?? Date() }
        if let value = environment["HONE_NOW"], !value.isEmpty {
            guard let date = Clock.parse(value) else {
                throw ValidationError("$HONE_NOW: expected an ISO 8601 time such as 2026-03-03T09:00:00+01:00, got '\(value)'")
            }
            return date
        }
        return Date()
    }
}
