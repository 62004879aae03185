import Foundation

/// Plain writes to the standard streams, each straight to the descriptor (a pipe sees it at
/// once). A failed write to standard output is an error the command passes up, so hone ends
/// with one line naming it and status 1 (or quietly, when a pipe's reader has gone); it never
/// traps, and never exits 0 with its output lost.
public enum Output {
    private static let standardOutput = DescriptorWriter(descriptor: STDOUT_FILENO, target: "standard output")

    /// `text` and a line end, to standard output.
    public static func out(_ text: String) throws(OutputError) {
        // A long text is not copied to add its line end: two writes cost less than the copy.
        if text.utf8.count < 1 << 16 {
            try standardOutput.write(text + "\n")
        } else {
            try standardOutput.write(text)
            try standardOutput.write("\n")
        }
    }

    /// `text` as it is, to standard output: a whole file's worth (CSV), already ending its lines.
    public static func write(_ text: String) throws(OutputError) {
        try standardOutput.write(text)
    }

    /// `text` and a line end, to standard error. Where that fails there is nowhere left to say
    /// so: the exit status still tells.
    public static func error(_ text: String) {
        try? DescriptorWriter(descriptor: STDERR_FILENO, target: "standard error").write(text + "\n")
    }
}
