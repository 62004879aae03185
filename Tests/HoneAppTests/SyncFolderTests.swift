import Foundation
import Testing

@testable import HoneApp

/// What a device folder holds, as a sync sees it: segments by number, a sync tool's files named
/// with why they are not read, a file manager's litter passed over, a killed sync's own
/// temporary files set apart for removal; and the folder a sync uses.
@Suite("the sync folder")
struct SyncFolderTests {
    @Test func aDeviceFolderIsSortedIntoSegmentsAndTheRest() throws {
        let scratch = try Scratch()
        let device = "00000000000000aa"
        let second = SegmentName(number: 2, written: 60, bytes: Array("b".utf8)).fileName
        let first = SegmentName(number: 1, written: 0, bytes: Array("a".utf8)).fileName
        for name in [second, first, ".syncthing.\(first).tmp", ".DS_Store", "Thumbs.db", ".hone-1a2b.tmp"] {
            try scratch.write("sync/\(device)/\(name)", "x")
        }
        try scratch.write("sync/decks/d.toml", "")
        let folder = try SyncFolder(scratch.path("sync"))
        #expect(try folder.devices() == [device], "decks/ is not a device")
        let (listing, temporary) = try folder.listing(of: device)
        #expect(listing.segments.map(\.name.number) == [1, 2])
        #expect(temporary.map { ($0 as NSString).lastPathComponent } == [".hone-1a2b.tmp"])
        let others = listing.others.map { ($0.path as NSString).lastPathComponent }
        #expect(others == [".hone-1a2b.tmp", ".syncthing.\(first).tmp"], "no word on .DS_Store or Thumbs.db")
        // A device folder replaced by a file cannot be listed: an error, not an empty folder.
        try FileManager.default.removeItem(atPath: scratch.path("sync/\(device)"))
        try scratch.write("sync/\(device)", "not a folder")
        #expect(throws: HoneError.self) { try folder.listing(of: device) }
    }

    @Test func theFolderIsTheOneGivenElseTheConfigsElseAnError() throws {
        let scratch = try Scratch()
        #expect(try Sync.folder(given: "/given", workspace: scratch.workspace()) == "/given")
        let error = #expect(throws: HoneError.self) { try Sync.folder(given: nil, workspace: scratch.workspace()) }
        #expect(error?.description.contains("[sync] folder") == true)
        try scratch.write("config.toml", "[sync]\nfolder = \"shared\"\n")
        #expect(try Sync.folder(given: nil, workspace: scratch.workspace()) == scratch.path("shared"))
        #expect(throws: HoneError.self) { try SyncFolder(scratch.path("shared")) }
    }
}
