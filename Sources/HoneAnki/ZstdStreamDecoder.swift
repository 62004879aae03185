import CZstd

/// zstd decompression as a stream, for Anki's current collection entry (`collection.anki21b`):
/// the compressed bytes arrive in chunks from the zip archive and leave in chunks for a file, so
/// a large collection never sits in memory. Anki's encoder may omit the frame's content size,
/// which the one-shot API needs; the streaming API does not.
final class ZstdStreamDecoder {
    struct Failure: Error {
        /// zstd's own words (`Unknown frame descriptor` for bytes that are not zstd).
        var detail: String
    }

    private let stream: OpaquePointer
    private var output: [UInt8]
    /// zstd's last hint: 0 once a frame is complete, more while one is in progress.
    private var pending = 1

    init() throws(Failure) {
        guard let stream = ZSTD_createDStream() else { throw Failure(detail: "zstd could not allocate its decoder") }
        self.stream = stream
        output = [UInt8](repeating: 0, count: ZSTD_DStreamOutSize())
        let started = ZSTD_initDStream(stream)
        if ZSTD_isError(started) != 0 { throw Failure(detail: Self.describe(started)) }
    }

    deinit { ZSTD_freeDStream(stream) }

    /// Decompresses `chunk`, handing every decompressed piece to `sink`.
    func decode(
        _ chunk: UnsafeRawBufferPointer, into sink: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        guard let base = chunk.baseAddress, !chunk.isEmpty else { return }
        var input = ZSTD_inBuffer(src: base, size: chunk.count, pos: 0)
        // Until zstd has taken all the input and has nothing more to flush (a full output
        // buffer may hide more).
        while true {
            let (hint, produced) = output.withUnsafeMutableBytes { buffer in
                var out = ZSTD_outBuffer(dst: buffer.baseAddress, size: buffer.count, pos: 0)
                let hint = ZSTD_decompressStream(stream, &out, &input)
                return (hint, out.pos)
            }
            if ZSTD_isError(hint) != 0 { throw Failure(detail: Self.describe(hint)) }
            pending = hint
            if produced > 0 {
                try output.withUnsafeBytes { try sink(UnsafeRawBufferPointer(rebasing: $0[..<produced])) }
            }
            if input.pos == input.size && produced < output.count { return }
        }
    }

    /// Throws when the input ended in the middle of a frame (a truncated entry).
    func finish() throws(Failure) {
        if pending != 0 { throw Failure(detail: "the compressed collection ends too early") }
    }

    private static func describe(_ code: Int) -> String {
        guard let name = ZSTD_getErrorName(code) else { return "zstd error \(code)" }
        return String(cString: name)
    }
}
