import Foundation

/// `hone sync --git`: the sync folder is (in) a git work tree whose remote carries every
/// device's segments. This device's new segments are committed (its own folder only, whatever
/// else is staged or edited, such as decks kept in the same repository), the branch is rebased on
/// the remote's (local edits stashed and put back), and pushed. Each device adds only its own
/// files, so the rebase never meets a conflict in them. git speaks for itself: its messages go to
/// stderr as it writes them.
enum GitSteps {
    /// Refuses a folder that git does not see as inside a work tree, or one in the middle of a
    /// rebase or a merge (a person's, or one left by a crash): that is theirs to finish.
    static func checkWorkTree(_ folder: String) throws(HoneError) {
        let result = git(["rev-parse", "--is-inside-work-tree"], in: folder, capture: true)
        guard result.status == 0, result.output == "true" else {
            let said = result.error.split(separator: "\n").first.map(String.init) ?? "not a work tree"
            throw HoneError(.notGitWorkTree(folder, git: said))
        }
        for (marker, what) in [
            ("rebase-merge", "a rebase"), ("rebase-apply", "a rebase"), ("MERGE_HEAD", "a merge"),
        ] {
            let path = git(["rev-parse", "--git-path", marker], in: folder, capture: true).output
            let absolute = path.hasPrefix("/") ? path : (folder as NSString).appendingPathComponent(path)
            if !path.isEmpty, FileManager.default.fileExists(atPath: absolute) {
                throw HoneError(.gitBusy(folder, what: what))
            }
        }
    }

    /// Commits `device`'s folder, then pulls with rebase and pushes (three tries, in case another
    /// device pushed in between). Returns nil when all went well, or what failed.
    static func commitPullPush(folder: String, device: String) -> String? {
        // A device that has published nothing yet has no folder to add.
        let hasFolder = FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(device))
        if hasFolder, git(["add", "--all", "--", device], in: folder).status != 0 { return "git add" }
        // 1: something of this device's folder is staged.
        if hasFolder, git(["diff", "--cached", "--quiet", "--", device], in: folder).status == 1 {
            let message = "hone sync: segments of device \(device)"
            guard git(["commit", "--quiet", "-m", message, "--", device], in: folder).status == 0 else {
                return "git commit"
            }
        }
        let branch = git(["symbolic-ref", "--quiet", "--short", "HEAD"], in: folder, capture: true)
        guard branch.status == 0, !branch.output.isEmpty else {
            FileHandle.standardError.write(Data("hone: git: not on a branch (a detached HEAD?)\n".utf8))
            return "git symbolic-ref"
        }
        guard let (remote, remoteBranch) = upstream(of: branch.output, in: folder) else {
            let remotes = git(["remote"], in: folder, capture: true).output
            let advice =
                remotes.isEmpty
                ? "no remote to pull from and push to: add one (git remote add origin URL)"
                : "more than one remote and no upstream: choose one (git branch --set-upstream-to REMOTE/BRANCH)"
            FileHandle.standardError.write(Data("hone: git: \(advice)\n".utf8))
            return "git remote"
        }
        // A repository with no commit yet (an empty clone, nothing published): nothing to push.
        let hasCommit = git(["rev-parse", "--verify", "--quiet", "HEAD"], in: folder, capture: true).status == 0
        var failed = "git push"
        for _ in 0..<3 {
            guard git(["fetch", "--quiet", remote], in: folder).status == 0 else { return "git fetch" }
            // A remote with no branch yet (the first device to push) has nothing to rebase on.
            let tracking = "refs/remotes/\(remote)/\(remoteBranch)"
            let remoteHasBranch =
                git(["rev-parse", "--verify", "--quiet", tracking], in: folder, capture: true).status == 0
            if remoteHasBranch, hasCommit {
                guard git(["rebase", "--autostash", "--quiet", tracking], in: folder).status == 0 else {
                    // A conflict (in files of the person's, such as decks edited on two devices):
                    // the repository goes back as it was, their edits with it, for them to merge.
                    _ = git(["rebase", "--abort"], in: folder)
                    return "git rebase (a conflict in files other than hone's; the repository is as it was, "
                        + "merge by hand: git pull --rebase)"
                }
            } else if remoteHasBranch {
                // Nothing of this device's yet: the remote's branch is simply taken.
                guard git(["merge", "--ff-only", "--quiet", tracking], in: folder).status == 0 else {
                    return "git merge"
                }
                return nil
            }
            guard hasCommit else { return nil }
            if git(["push", "--quiet", "--set-upstream", remote, "HEAD:\(remoteBranch)"], in: folder).status == 0 {
                return nil
            }
            failed = "git push"
        }
        return failed
    }

    /// The remote and branch `branch` pulls from: its configured upstream, else the only remote
    /// and a branch of the same name there.
    static func upstream(of branch: String, in folder: String) -> (String, String)? {
        let configured = git(["config", "branch.\(branch).remote"], in: folder, capture: true).output
        let merge = git(["config", "branch.\(branch).merge"], in: folder, capture: true).output
        let remoteBranch = merge.hasPrefix("refs/heads/") ? String(merge.dropFirst("refs/heads/".count)) : branch
        if !configured.isEmpty, configured != "." { return (configured, remoteBranch) }
        let remotes = git(["remote"], in: folder, capture: true).output.split(separator: "\n")
        guard remotes.count == 1, let only = remotes.first else { return nil }
        return (String(only), remoteBranch)
    }

    /// Runs git in `folder`. Captured: its output (trimmed) is returned (the short queries, which
    /// ask nothing). Otherwise it runs in the terminal's foreground (`ForegroundProcess`), free
    /// to ask for a passphrase, its output and messages on stderr (stdout stays hone's own).
    static func git(
        _ arguments: [String], in folder: String, capture: Bool = false
    ) -> (status: Int32, output: String, error: String) {
        if !capture {
            switch ForegroundProcess.run(
                ["/usr/bin/env", "git", "-C", folder] + arguments, outputToStandardError: true)
            {
            case .success(let status): return (status, "", "")
            case .failure(let error):
                FileHandle.standardError.write(Data("hone: cannot run git: \(error.localizedDescription)\n".utf8))
                return (127, "", "")
            }
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", folder] + arguments
        let output = Pipe()
        let error = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = error
        do {
            try process.run()
        } catch {
            return (127, "", "cannot run git: \(error.localizedDescription)")
        }
        // Drained before the wait, output first: the queries' messages are a line or two, far
        // from filling a pipe while the output is read.
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let trimmed = { (data: Data) in
            String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return (process.terminationStatus, trimmed(out), trimmed(err))
    }
}
