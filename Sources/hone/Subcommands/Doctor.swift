import ArgumentParser
import HoneApp
import HoneReport

extension Hone {
    struct Doctor: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the progress database, and with --repair rebuild the card states.",
            discussion: """
                Runs SQLite's integrity check, then replays the review log and compares the result \
                with the stored card states. Exit status 1 when something is wrong and was not repaired.
                """)

        @OptionGroup var global: GlobalOptions

        @Flag(help: "Rebuild every card state from the event log.")
        var repair = false

        func run() throws {
            let workspace = try global.workspace()
            let libraries = "GNU readline \(DoctorChecks.readlineVersion) · SQLite \(DoctorChecks.sqliteVersion)"
            try Output.out("hone \(Hone.configuration.version) · \(libraries)")
            try Output.out("data: \(VisibleText.make(workspace.locations.storeFile))")
            // Each finding is printed as it is made; the first that cannot be is the error.
            var failure: OutputError?
            let healthy = try DoctorChecks(workspace).run(repair: repair) { finding in
                guard failure == nil else { return }
                do throws(OutputError) { try Output.out(Doctor.text(finding, repair: repair)) } catch {
                    failure = error
                }
            }
            if let failure { throw failure }
            if !healthy { throw ExitCode(1) }
        }

        /// What a finding says, and what to do about it.
        static func text(_ finding: DoctorChecks.Finding, repair: Bool) -> String {
            switch finding {
            case .damaged(let complaints):
                """
                integrity check: the database is damaged: \(complaints.joined(separator: "; "))
                it was left untouched; restore a backup, or export what can still be read with `hone log export`
                """
            case .sound(let events): "integrity check: ok (\(events) event\(events == 1 ? "" : "s") in the log)"
            case .statesMatch(let count): "card states: all \(count) match a replay of the log"
            case .statesDiffer(let keys):
                "card states: \(keys.count) differ from a replay of the log: "
                    + keys.prefix(5).map { VisibleText.make($0) }.joined(separator: ", ")
                    + (keys.count > 5 ? ", ..." : "")
                    + (repair ? "" : "\nrun `hone doctor --repair` to rebuild them from the log")
            case .missingTables(let names):
                "derived tables missing: \(names.joined(separator: ", "))"
                    + (repair ? "" : "\nrun `hone doctor --repair` to rebuild them from the log")
            case .repaired: "repaired: every card state rebuilt from the log"
            }
        }
    }
}
