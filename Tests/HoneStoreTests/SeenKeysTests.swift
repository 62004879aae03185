import Testing

@testable import HoneStore

@Suite("seen keys")
struct SeenKeysTests {
    /// Keys whose hashes are equal are still told apart by `isSame`, through the table's growth.
    @Test func equalHashesAreToldApartByTheKeys() {
        var table = SeenKeys()
        let keys = (0..<50_000).map { "key\($0)" }
        // Every tenth key shares its hash with the key before it.
        func hash(_ index: Int) -> UInt64 { SeenKeys.hash(id: keys[index - (index % 10 == 9 ? 1 : 0)]) }
        for index in keys.indices {
            let found = table.insert(hash(index), index: Int32(index)) { keys[Int($0)] == keys[index] }
            #expect(found == nil, "\(keys[index])")
        }
        for index in stride(from: 0, to: keys.count, by: 7) {
            let found = table.insert(hash(index), index: -1) { keys[Int($0)] == keys[index] }
            #expect(found == Int32(index), "\(keys[index])")
        }
    }
}
