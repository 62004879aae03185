import ArgumentParser
import HoneApp
import HoneReport

extension Hone {
    struct Sync: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Share your progress with your other devices through a folder (Syncthing, git, a share).",
            discussion: """
                Each device writes only its own files, FOLDER/DEVICE_ID/NUMBER-TIME-CHECKSUM.csv: \
                its new events as one segment per sync, never changed after. It then merges, by \
                event id, every other device's segment it has not read: there is never a conflict, \
                and devices that have read the same segments have the same history, cards and stats. \
                A file still being copied, a sync tool's temporary file or a damaged segment is \
                named and skipped until it is whole. hone never creates FOLDER (default: [sync] \
                folder in the config file).

                --git: commit this device's folder, pull with rebase (autostash), push, then read; \
                a failed git step exits 1. --status --json: {"folder", "device", "unpublished", \
                "devices": [{"device", "this", "segments", "events", "last_sync", "waiting"}], \
                "skipped": [{"file", "reason"}]}. The README shows the Syncthing and git set-ups.

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
            let folder = try HoneApp.Sync.folder(given: folder, workspace: workspace)
            if status {
                let report = try SyncStatus(folder: folder, workspace: workspace)
                return try Output.out(json ? report.json() : VisibleText.make(report.text(), keepNewlines: true))
            }
            let summary = try HoneApp.Sync.run(folder: folder, workspace: workspace, git: git)
            for warning in SyncText.warnings(summary) { Output.error("hone: warning: " + warning) }
            try Output.out(SyncText.lines(summary).joined(separator: "\n"))
            if let failure = SyncText.gitFailure(summary) {
                Output.error("hone: error: " + failure)
                throw ExitCode(1)
            }
        }
    }
}
