import Foundation
import HoneStore

/// Where hone's files are, each from its option, else its environment variable, else the
/// XDG default: the deck folder, the data folder, the config file and the deck cache.
public struct Locations: Sendable {
    /// `--decks` > `$HONE_DECKS` > `./decks` when it exists > `$XDG_DATA_HOME/hone/decks`.
    public var deckFolder: String
    /// `--data` > `$HONE_DATA` > `$XDG_DATA_HOME/hone`.
    public var dataFolder: String
    /// `--config` > `$HONE_CONFIG` > `$XDG_CONFIG_HOME/hone/config.toml`.
    public var configFile: String
    /// Where decks already read are kept: `$XDG_CACHE_HOME/hone/decks`; nil (no cache) when
    /// `$HONE_NO_CACHE` is set to anything but empty.
    public var cacheFolder: String?

    /// The options given (nil when not), over `environment`.
    public init(
        decks: String?, data: String?, config: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        func xdg(_ variable: String, default fallback: String) -> String {
            if let value = environment[variable], value.hasPrefix("/") { return value }
            return home + "/" + fallback
        }
        func given(_ option: String?, _ variable: String) -> String? {
            if let option { return option }
            if let value = environment[variable], !value.isEmpty { return value }
            return nil
        }
        func localDecks() -> String? {
            var isDirectory: ObjCBool = false
            let found =
                FileManager.default.fileExists(atPath: "decks", isDirectory: &isDirectory) && isDirectory.boolValue
            return found ? "decks" : nil
        }
        deckFolder =
            given(decks, "HONE_DECKS") ?? localDecks() ?? xdg("XDG_DATA_HOME", default: ".local/share") + "/hone/decks"
        dataFolder = given(data, "HONE_DATA") ?? xdg("XDG_DATA_HOME", default: ".local/share") + "/hone"
        configFile = given(config, "HONE_CONFIG") ?? xdg("XDG_CONFIG_HOME", default: ".config") + "/hone/config.toml"
        let noCache = environment["HONE_NO_CACHE"].map { !$0.isEmpty } ?? false
        cacheFolder = noCache ? nil : xdg("XDG_CACHE_HOME", default: ".cache") + "/hone/decks"
    }

    /// The progress database in the data folder.
    public var storeFile: String { (dataFolder as NSString).appendingPathComponent(Store.fileName) }

    /// The decks that come with hone, when it was installed with them (`Tests/Scripts/install`
    /// puts them in `PREFIX/share/hone/decks`, beside `PREFIX/bin/hone`); nil otherwise.
    public static var bundledDecks: String? {
        guard let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else {
            return nil
        }
        let prefix = ((executable as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
        let decks = prefix + "/share/hone/decks"
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: decks, isDirectory: &isFolder) && isFolder.boolValue ? decks : nil
    }
}
