import Foundation
import HoneCore
import Testing

@testable import HoneApp

@Suite("the workspace: where things are, the config, the decks")
struct WorkspaceTests {
    @Test func optionsComeBeforeTheEnvironmentAndTheEnvironmentBeforeTheDefaults() {
        let environment = [
            "HOME": "/home/ada", "HONE_DATA": "/srv/hone", "HONE_CONFIG": "", "XDG_CONFIG_HOME": "/etc/xdg",
            "XDG_CACHE_HOME": "relative/is/ignored",
        ]
        let locations = Locations(decks: "my-decks", data: nil, config: nil, environment: environment)
        #expect(locations.deckFolder == "my-decks")
        #expect(locations.dataFolder == "/srv/hone")
        #expect(locations.configFile == "/etc/xdg/hone/config.toml", "an empty variable counts as unset")
        #expect(locations.cacheFolder == "/home/ada/.cache/hone/decks")
        #expect(locations.storeFile == "/srv/hone/hone.sqlite")
        let noCache = Locations(decks: "d", data: "x", config: "c", environment: ["HOME": "/h", "HONE_NO_CACHE": "1"])
        #expect(noCache.cacheFolder == nil)
        #expect(noCache.dataFolder == "x")
    }

    @Test func configMistakesAreToldAndTheRestOfTheConfigStillCounts() throws {
        let scratch = try Scratch()
        try scratch.write("config.toml", "[daily]\nnew_per_day = 7\nnew_per_dya = 3\n")
        let workspace = scratch.workspace()
        #expect(workspace.settings.newPerDay == 7)
        let notices = scratch.notices.all
        #expect(notices.count == 1)
        guard case .configMistake(let diagnostic, let path, _)? = notices.first else {
            Issue.record("expected a config mistake, got \(notices)")
            return
        }
        #expect(diagnostic.line == 3)
        #expect(path == scratch.path("config.toml"))
    }

    /// `[sync] folder`: relative to the config file's folder, so the same config means the same
    /// folder wherever hone runs from.
    @Test func theSyncFolderIsTakenFromTheConfigFilesFolder() throws {
        let scratch = try Scratch()
        #expect(scratch.workspace().syncFolder == nil)
        try scratch.write("config.toml", "[sync]\nfolder = \"shared/hone\"\n")
        #expect(scratch.workspace().syncFolder == scratch.path("shared/hone"))
        try scratch.write("config.toml", "[sync]\nfolder = \"/srv/hone\"\n")
        #expect(scratch.workspace().syncFolder == "/srv/hone")
        #expect(Workspace.resolve("~/Sync", besides: "/c/config.toml").hasSuffix("/Sync"))
        #expect(!Workspace.resolve("~/Sync", besides: "/c/config.toml").hasPrefix("~"))
    }

    @Test func brokenDecksAreSkippedAndNamedAndTheOthersRead() throws {
        let scratch = try Scratch()
        try scratch.write("decks/good.toml", "[[card]]\nid = \"one\"\nq = \"Q\"\na = \"A\"\n")
        try scratch.write("decks/bad.toml", "[[card]]\nid = \"x\"\nq = \"unterminated\n")
        let workspace = scratch.workspace()
        #expect(workspace.loadIndexes().map(\.id) == ["good"])
        #expect(workspace.loadDecks().map(\.id) == ["good"])
        let skipped = scratch.notices.all.compactMap { notice -> [String]? in
            if case .skippedDecks(let paths) = notice { return paths }
            return nil
        }
        #expect(skipped == [[scratch.path("decks/bad.toml")], [scratch.path("decks/bad.toml")]])
    }

    @Test func decksAreChosenByIdNameOrSkillIgnoringCase() throws {
        let scratch = try Scratch()
        try scratch.write(
            "decks/net.toml",
            "[deck]\nname = \"Networking\"\nskill = \"Soft skills\"\n[[card]]\nid = \"a\"\nq = \"Q\"\na = \"A\"\n")
        try scratch.write(
            "decks/go.toml", "[deck]\nname = \"Go\"\nskill = \"Games\"\n[[card]]\nid = \"a\"\nq = \"Q\"\na = \"A\"\n")
        let decks = scratch.workspace().loadIndexes()
        #expect(try Workspace.select(decks, filters: []).map(\.id) == ["go", "net"])
        #expect(try Workspace.select(decks, filters: ["NETWORKING"]).map(\.id) == ["net"])
        #expect(try Workspace.select(decks, filters: ["games", "net"]).map(\.id) == ["go", "net"])
        let error = #expect(throws: HoneError.self) { try Workspace.select(decks, filters: ["cooking"]) }
        guard case .noDeckOrSkill(let names, _)? = error?.reason else {
            Issue.record("expected noDeckOrSkill, got \(String(describing: error))")
            return
        }
        #expect(names == ["cooking"])
        // One unknown word among known ones is an error too, with the nearest name offered.
        let typo = #expect(throws: HoneError.self) { try Workspace.select(decks, filters: ["net", "gmaes"]) }
        #expect(typo?.description == "no deck or skill named gmaes; did you mean \"Games\"?; `hone status` lists them")
    }
}
