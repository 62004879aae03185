/// A value of the TOML subset that deck files use. Dates, times and inline tables are not
/// part of it; tables appear only as the document itself, `[table]` and `[[array]]` entries.
public enum TOMLValue: Sendable, Equatable {
    case string(String)
    case integer(Int64)
    case float(Double)
    case boolean(Bool)
    case array([TOMLNode])
    case table(TOMLTable)

    /// The TOML type name, for messages ("expected a string, found an integer").
    public var typeDescription: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .float: "a float"
        case .boolean: "a boolean"
        case .array: "an array"
        case .table: "a table"
        }
    }
}

/// A value and where it starts in the file.
public struct TOMLNode: Sendable, Equatable {
    public var value: TOMLValue
    public var position: SourcePosition

    public init(_ value: TOMLValue, at position: SourcePosition) {
        self.value = value
        self.position = position
    }

    public static func == (lhs: TOMLNode, rhs: TOMLNode) -> Bool { lhs.value == rhs.value }
}

/// A table: its entries in file order. Deck tables are small, so a linear search beats hashing.
public struct TOMLTable: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var key: String
        public var keyPosition: SourcePosition
        public var node: TOMLNode
    }

    public var entries: [Entry] = []
    /// Where the table's header starts (`[` of `[deck]` or `[[card]]`); the file start for the root.
    public var headerPosition: SourcePosition

    public init(headerPosition: SourcePosition) {
        self.headerPosition = headerPosition
    }

    /// Keys match byte for byte, as TOML says; Swift's `==` would also match canonically
    /// equivalent spellings (a precomposed "é" and "e" with a combining accent).
    public func index(of key: String) -> Int? {
        // Byte counts first (most other keys differ in length, and this costs no string
        // comparison), then `==`, false for almost all the rest; the byte check then rules out
        // a canonically equivalent but different spelling.
        entries.firstIndex {
            $0.key.utf8.count == key.utf8.count && $0.key == key && ExactKey.sameBytes($0.key, key)
        }
    }

    public subscript(key: String) -> TOMLNode? {
        index(of: key).map { entries[$0].node }
    }

    public static func == (lhs: TOMLTable, rhs: TOMLTable) -> Bool {
        guard lhs.entries.count == rhs.entries.count else { return false }
        for entry in lhs.entries {
            guard let other = rhs[entry.key], other.value == entry.node.value else { return false }
        }
        return true
    }
}

/// A string compared and hashed by its UTF-8 bytes.
struct ExactKey: Hashable {
    let string: String

    init(_ string: String) {
        self.string = string
    }

    static func == (lhs: ExactKey, rhs: ExactKey) -> Bool {
        sameBytes(lhs.string, rhs.string)
    }

    /// Byte equality, through contiguous storage when the strings have it (they nearly
    /// always do): the generic element-by-element walk is many times slower.
    static func sameBytes(_ lhs: String, _ rhs: String) -> Bool {
        guard lhs.utf8.count == rhs.utf8.count else { return false }
        let fast = lhs.utf8.withContiguousStorageIfAvailable { left in
            rhs.utf8.withContiguousStorageIfAvailable { right in
                // An indexed loop: `elementsEqual` goes through iterators and is not inlined.
                for offset in 0..<left.count where left[offset] != right[offset] { return false }
                return true
            }
        }
        if let fast, let result = fast { return result }
        return lhs.utf8.elementsEqual(rhs.utf8)
    }

    func hash(into hasher: inout Hasher) {
        var copy = string
        copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
