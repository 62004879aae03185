import Foundation

/// What hone sets up about its standard streams before anything else, so that no output error
/// ends it by a signal or lands in the wrong file.
public enum StandardStreams {
    /// Call first thing in `main`.
    public static func prepare() {
        holdClosedDescriptors()
        reportBrokenPipes()
    }

    /// A standard stream that is closed (`hone status >&-`) is opened on /dev/null, read-only:
    /// otherwise the next file hone opens would take its number, and a status line meant for
    /// standard output would be written into that file, the database or a deck. Read-only, a
    /// write to it still fails (EBADF), which hone reports as it would for the closed stream.
    private static func holdClosedDescriptors() {
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(descriptor, F_GETFD) == -1 {
            let opened = open("/dev/null", O_RDONLY)
            if opened >= 0 && opened != descriptor {
                dup2(opened, descriptor)
                close(opened)
            }
        }
    }

    /// A write to a pipe whose reader has gone fails with EPIPE instead of killing hone with
    /// SIGPIPE, so it can end as it decides. A handler that does nothing rather than SIG_IGN:
    /// a handler is reset when a program is started, so an editor hone runs gets the default.
    private static func reportBrokenPipes() {
        signal(SIGPIPE) { _ in }
    }
}
