import Foundation
import HoneAnki
import HoneCore

/// A sync segment's file name, `NUMBER-TIME-CHECKSUM.csv`: the device's segment number (six
/// digits or more, from 000001), when it was written (UTC, `20261203T214100Z`), and the first 16
/// hex digits of the SHA-1 of its bytes. The name says everything a reader checks before it
/// trusts the file, so the file itself stays a plain `hone log export` CSV.
public struct SegmentName: Sendable, Hashable, Comparable {
    public var number: Int
    /// Seconds since 1970, UTC.
    public var written: Int64
    public var checksum: String

    public var fileName: String {
        let digits = String(number)
        let padded = String(repeating: "0", count: max(0, 6 - digits.count)) + digits
        return "\(padded)-\(SegmentName.timeText(written))-\(checksum).csv"
    }

    /// The name of a segment holding `bytes`.
    init(number: Int, written: Int64, bytes: [UInt8]) {
        self.number = number
        self.written = written
        checksum = SegmentName.checksum(of: bytes)
    }

    /// A file name read as a segment's, or nil when it is not one (a sync tool's temporary file,
    /// anything else).
    public init?(_ fileName: String) {
        let parts = fileName.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[2].count == 16 + 4, parts[2].hasSuffix(".csv"),
            parts[0].count >= 6, parts[0].count <= 12, parts[0].allSatisfy({ $0.isASCII && $0.isNumber }),
            let number = Int(parts[0]), number > 0,
            let written = SegmentName.time(parts[1])
        else { return nil }
        let checksum = parts[2].dropLast(4)
        guard checksum.allSatisfy({ "0123456789abcdef".contains($0) }) else { return nil }
        self.number = number
        self.written = written
        self.checksum = String(checksum)
        guard self.fileName == fileName else { return nil }
    }

    /// Whether `bytes` are what this name says.
    func matches(_ bytes: [UInt8]) -> Bool { SegmentName.checksum(of: bytes) == checksum }

    static func checksum(of bytes: [UInt8]) -> String {
        SHA1.digest(bytes).prefix(8).map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }

    public static func < (left: SegmentName, right: SegmentName) -> Bool {
        (left.number, left.written, left.checksum) < (right.number, right.written, right.checksum)
    }

    /// `20261203T214100Z`: ISO 8601's basic format, which has no character a file system refuses.
    static func timeText(_ seconds: Int64) -> String {
        Timestamp.format(milliseconds: seconds * 1000, offset: 0).filter { $0 != "-" && $0 != ":" }
    }

    static func time(_ text: Substring) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count == 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z"),
            bytes.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == UInt8(ascii: "T") || $0 == UInt8(ascii: "Z") })
        else { return nil }
        let t = String(decoding: bytes, as: UTF8.self)
        func part(_ from: Int, _ count: Int) -> Substring { t.dropFirst(from).prefix(count) }
        let extended =
            "\(part(0, 4))-\(part(4, 2))-\(part(6, 2))T\(part(9, 2)):\(part(11, 2)):\(part(13, 2))Z"
        guard let parsed = Timestamp.parse(extended), parsed.milliseconds % 1000 == 0 else { return nil }
        return parsed.milliseconds / 1000
    }
}
