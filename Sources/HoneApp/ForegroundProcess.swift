import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a program in the terminal's foreground, as a shell runs a command, and waits for it:
/// what `:edit` needs for a terminal editor. Foundation's `Process` starts its child in a
/// process group of its own, which the terminal does not let read: vi, vim and nano were
/// stopped (`T` in `ps`) the moment they touched it, and hone waited for them forever.
///
/// The child stays in hone's process group, which owns the terminal, with the default
/// handling of every signal; hone ignores Ctrl-C and Ctrl-\ while it waits (as `system(3)`
/// does), so they reach the editor and leave the session alone.
///
/// `hone sync --git` runs git this way too: git, or the ssh under it, may ask for a passphrase
/// or a password on the terminal, and in a group of its own it would be stopped as the editors
/// were. Its output then goes to stderr (`outputToStandardError`), keeping stdout hone's own.
enum ForegroundProcess {
    /// The exit status of `arguments` (a path and its arguments), 128 + the signal's number
    /// when a signal ended it, or the error that kept it from starting.
    static func run(_ arguments: [String], outputToStandardError: Bool = false) -> Result<Int32, POSIXError> {
        guard let program = arguments.first else { return .failure(POSIXError(.EINVAL)) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU, SIGPIPE, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        // Ignored while the child runs, and put back as they were after: a Ctrl-C meant for the
        // editor must not end the session.
        var ignore = sigaction()
        ignore.__sigaction_handler.sa_handler = SIG_IGN
        var previousInterrupt = sigaction()
        var previousQuit = sigaction()
        sigaction(SIGINT, &ignore, &previousInterrupt)
        sigaction(SIGQUIT, &ignore, &previousQuit)
        defer {
            sigaction(SIGINT, &previousInterrupt, nil)
            sigaction(SIGQUIT, &previousQuit, nil)
        }
        let cArguments = arguments.map { strdup($0) } + [nil]
        defer { for argument in cArguments { free(argument) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if outputToStandardError { posix_spawn_file_actions_adddup2(&actions, STDERR_FILENO, STDOUT_FILENO) }
        var child = pid_t()
        let started = posix_spawn(&child, program, &actions, &attributes, cArguments, environ)
        guard started == 0 else { return .failure(POSIXError(POSIXErrorCode(rawValue: started) ?? .ENOENT)) }
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0 {
            guard errno == EINTR else { return .failure(POSIXError(POSIXErrorCode(rawValue: errno) ?? .ECHILD)) }
        }
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import (they are macros).
        let signalNumber = status & 0x7F
        return .success(signalNumber == 0 ? (status >> 8) & 0xFF : 128 + signalNumber)
    }
}
