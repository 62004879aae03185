import ArgumentParser
import HoneApp
import HoneReport

extension Hone {
    struct Sync: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Share your progress with your other devices through a folder (Syncthing, git, a share).",
            discussion: """
                Each device writes only its own files into FOLDER/DEVICE_ID/: its new events as one \
                segment per sync (a `hone log export` CSV named NUMBER-TIME-CHECKSUM.csv, written \
                under a temporary name and renamed, never changed after). It then reads every other \
                device's segments it has not read, and merges them by event id. The log is a set of \
                uniquely named events, so there is never a conflict to resolve: devices that have \
                read the same segments have the same history, cards and stats.

                A file still being copied, a sync tool's temporary file, a damaged segment or one \
                from a newer hone is named on stderr and skipped; the next sync reads it once it is \
                whole. hone never creates FOLDER: a missing one is an error, so that a renamed or \
                unmounted folder does not quietly become a new, empty one.

                FOLDER defaults to [sync] folder in the config file (~/ is your home; a relative path \
                is from the config file's folder).

                --git: FOLDER is in a git work tree. After writing its segment hone commits this \
                device's folder (only it), pulls with rebase (local edits stashed and put back; \
                decks may live in the same repository), pushes, and reads. git's messages pass \
                through; a failed git step exits 1 after reading what the folder holds.

                --status --json prints one object:
                  {"folder": ..., "device": ..., "unpublished": N,
                   "devices": [{"device": ..., "this": BOOL, "segments": N, "events": N,
                                "last_sync": ISO8601 or null, "waiting": N}],
                   "skipped": [{"file": ..., "reason": ...}]}

                Examples:
                  hone sync ~/Sync/hone
                  hone sync --git ~/notes/hone-log
                  hone sync --status
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(
            help: ArgumentHelp("The shared folder (default: [sync] folder in the config).", valueName: "folder"),
            completion: .directory)
        var folder: String?

        @Flag(help: "Commit, pull with rebase and push through the git work tree the folder is in.")
        var git = false

        @Flag(help: "Show devices, what waits to be read or published, and what was skipped; change nothing.")
        var status = false

        @Flag(help: "With --status: print JSON instead of text.")
        var json = false

        func validate() throws {
            if json && !status { throw ValidationError("--json goes with --status") }
            if git && status { throw ValidationError("--git and --status cannot go together") }
        }

        func run() throws {
            let workspace = try global.workspace()
            guard let folder = folder ?? workspace.syncFolder else {
                throw HoneError(.noSyncFolder(configFile: workspace.locations.configFile))
            }
            if status {
                let report = try SyncStatus(folder: folder, workspace: workspace)
                return try Output.out(json ? report.json() : VisibleText.make(report.text(), keepNewlines: true))
            }
            let summary = try HoneApp.Sync.run(folder: folder, workspace: workspace, git: git)
            for warning in SyncText.warnings(summary) { Output.error("hone: warning: " + warning) }
            try Output.out(SyncText.lines(summary).joined(separator: "\n"))
            if let failed = summary.gitFailure {
                Output.error(
                    "hone: error: \(failed) failed (git's message is above); this device's segments are kept "
                        + "in the folder and go out with the next sync")
                throw ExitCode(1)
            }
        }
    }
}
