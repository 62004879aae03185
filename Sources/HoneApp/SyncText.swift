import HoneReport

/// The words of `hone sync`: what a sync did, and the warnings for the files it skipped. Paths
/// come from a shared folder anyone may write to: a control character in one is shown as a
/// visible stand-in, never raw (`VisibleText`).
public enum SyncText {
    /// What `summary` did, a line each, for stdout.
    public static func lines(_ summary: Sync.Summary) -> [String] {
        var lines: [String] = []
        if let (path, events) = summary.published {
            lines.append("published \(count(events, "event")) in \(shown(path))")
        } else {
            lines.append("nothing new to publish")
        }
        if let merge = summary.merge {
            lines.append(
                "read \(count(summary.segmentsRead, "segment")) from \(count(summary.devicesRead, "device")): "
                    + "\(count(merge.added, "event")) added for \(count(merge.cards, "card")), "
                    + "\(merge.skipped) already here")
        } else {
            lines.append("nothing new to read")
        }
        return lines
    }

    /// The warnings for stderr (each to follow `hone: warning: `).
    public static func warnings(_ summary: Sync.Summary) -> [String] {
        var warnings: [String] = []
        if !summary.missing.isEmpty {
            let missing = summary.missing
            warnings.append(
                "\(count(missing.count, "segment")) this device wrote \(missing.count == 1 ? "is" : "are") missing "
                    + "from the folder (\(missing.map(shown).joined(separator: ", "))): the whole log was published "
                    + "again, so that no device misses what only this one had")
        }
        for file in summary.skipped {
            warnings.append("\(shown(file.path)): \(file.reason); nothing of it was read, the next sync tries again")
        }
        return warnings
    }

    /// The error for a failed `--git` step (git's own message went to stderr before it), or nil.
    public static func gitFailure(_ summary: Sync.Summary) -> String? {
        summary.gitFailure.map { step in
            "\(step) failed (git's message is above); this device's segments are kept in "
                + "\(shown(summary.folder)) and go out with the next sync"
        }
    }

    static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }

    /// A path as it may be shown on a terminal.
    static func shown(_ path: String) -> String { VisibleText.make(path) }

    static func right(_ number: Int, _ width: Int) -> String {
        let text = String(number)
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
