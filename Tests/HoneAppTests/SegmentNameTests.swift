import Foundation
import Testing

@testable import HoneApp

/// A segment's name carries its number, its time and its checksum: a reader trusts a file only
/// when its bytes match the name, and takes nothing else for a segment.
@Suite("sync segment names")
struct SegmentNameTests {
    @Test func aNameSaysNumberTimeAndChecksum() throws {
        let bytes = Array("id,card\n".utf8)
        let name = SegmentName(number: 42, written: 1_796_334_060, bytes: bytes)
        #expect(name.fileName.hasPrefix("000042-20261203T214100Z-"))
        #expect(name.fileName.hasSuffix(".csv") && name.checksum.count == 16)
        let read = try #require(SegmentName(name.fileName))
        #expect(read == name && read.matches(bytes))
        #expect(!read.matches(Array("id,card\r".utf8)), "one byte changed")
        #expect(!read.matches(Array(bytes.dropLast())), "a file cut short")
        #expect(
            SegmentName(number: 1_234_567, written: 0, bytes: bytes).fileName.hasPrefix("1234567-19700101T000000Z-"))
    }

    @Test func aSyncToolsFileIsNotASegment() {
        let good = SegmentName(number: 1, written: 0, bytes: []).fileName
        for name in [
            ".syncthing.\(good).tmp", "~\(good).partial", "\(good).part", "\(good)~", ".hone-1a2b.tmp",
            good.replacingOccurrences(of: "000001", with: "1"), good.uppercased(), "000001.csv",
            good.replacingOccurrences(of: "T000000Z", with: "T240000Z"),
            good.replacingOccurrences(of: "19700101", with: "19701301"), "000000" + good.dropFirst(6),
        ] {
            #expect(SegmentName(name) == nil, "\(name)")
        }
        #expect(SegmentName(good) != nil)
    }
}
