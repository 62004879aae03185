/// Reads a bare value token (a number, a boolean, `inf`, `nan`) by the rules of TOML 1.0,
/// and names what the deck format leaves out (dates and times).
enum TOMLScalar {
    enum Outcome {
        case value(TOMLValue)
        /// The problem and its offset within the token.
        case failure(Int, String)
    }

    /// The words that are values, matched byte for byte (tokens are ASCII, so this is what
    /// comparing them as strings would give).
    private static let keywords: [(word: String, value: TOMLValue)] = [
        ("true", .boolean(true)), ("false", .boolean(false)),
        ("inf", .float(.infinity)), ("+inf", .float(.infinity)), ("-inf", .float(-.infinity)),
        ("nan", .float(.nan)), ("+nan", .float(.nan)), ("-nan", .float(-.nan)),
    ]

    /// Reads the token in place: it is read once per number or boolean of a deck, so it is
    /// neither copied nor turned into a string unless it is an error.
    static func read(_ text: UnsafeBufferPointer<UInt8>) -> Outcome {
        // No keyword starts with a digit, and most tokens are numbers.
        if let first = text.first, !isDigit(first) {
            for keyword in keywords where text.elementsEqual(keyword.word.utf8) {
                return .value(keyword.value)
            }
        }
        if looksLikeDateOrTime(text) {
            return .failure(
                0, "dates and times are not supported in deck files; write it as a string, such as \"1979-05-27\"")
        }
        var offset = 0
        var negative = false
        if text[0] == UInt8(ascii: "+") || text[0] == UInt8(ascii: "-") {
            negative = text[0] == UInt8(ascii: "-")
            offset = 1
        }
        guard offset < text.count, isDigit(text[offset]) else {
            if offset < text.count, text[offset] == UInt8(ascii: ".") {
                return .failure(offset, "a number needs a digit before the '.'")
            }
            let word = String(decoding: text, as: UTF8.self)
            if offset == text.count {
                return .failure(0, "expected a number after '\(word)'")
            }
            return .failure(0, "expected a value, found '\(word)'; text needs quotes: \"\(word)\"")
        }
        if text[offset] == UInt8(ascii: "0"), offset + 1 < text.count {
            let prefix = text[offset + 1]
            let radix: Int? =
                switch prefix {
                case UInt8(ascii: "x"): 16
                case UInt8(ascii: "o"): 8
                case UInt8(ascii: "b"): 2
                default: nil
                }
            if let radix {
                if offset > 0 {
                    return .failure(0, "a hexadecimal, octal or binary integer cannot have a sign")
                }
                return readRadixInteger(text, from: 2, radix: radix)
            }
        }
        return readDecimal(text, from: offset, negative: negative)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func digitValue(_ byte: UInt8, radix: Int) -> Int? {
        let value: Int
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): value = Int(byte - 0x30)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): value = Int(byte - 0x61 + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): value = Int(byte - 0x41 + 10)
        default: return nil
        }
        return value < radix ? value : nil
    }

    /// `1979-05-27...` or `07:32...`: a TOML date or time, which deck files leave out.
    private static func looksLikeDateOrTime(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        func digits(_ range: Range<Int>) -> Bool {
            range.upperBound <= text.count && range.allSatisfy { isDigit(text[$0]) }
        }
        if digits(0..<4), text.count > 4, text[4] == UInt8(ascii: "-"), digits(5..<7) { return true }
        if digits(0..<2), text.count > 2, text[2] == UInt8(ascii: ":") { return true }
        return false
    }

    /// Digits in `radix` from `start`, with single underscores only between digits.
    /// Returns the end of the run, or a failure.
    private static func scanDigits(
        _ text: UnsafeBufferPointer<UInt8>, from start: Int, radix: Int, what: String
    ) -> Result<Int, Failure> {
        var index = start
        guard index < text.count, digitValue(text[index], radix: radix) != nil else {
            if index < text.count, text[index] == UInt8(ascii: "_") {
                return .failure(Failure(index, "an underscore in a number must stand between two digits"))
            }
            return .failure(Failure(index, "expected a digit in \(what)"))
        }
        while index < text.count {
            if digitValue(text[index], radix: radix) != nil {
                index += 1
            } else if text[index] == UInt8(ascii: "_") {
                guard index + 1 < text.count, digitValue(text[index + 1], radix: radix) != nil else {
                    return .failure(Failure(index, "an underscore in a number must stand between two digits"))
                }
                index += 1
            } else {
                break
            }
        }
        return .success(index)
    }

    struct Failure: Error {
        var offset: Int
        var message: String
        init(_ offset: Int, _ message: String) {
            self.offset = offset
            self.message = message
        }
    }

    private static func readRadixInteger(_ text: UnsafeBufferPointer<UInt8>, from start: Int, radix: Int) -> Outcome {
        let name = radix == 16 ? "a hexadecimal integer" : radix == 8 ? "an octal integer" : "a binary integer"
        switch scanDigits(text, from: start, radix: radix, what: name) {
        case .failure(let failure):
            return .failure(failure.offset, failure.message)
        case .success(let end):
            if end < text.count {
                return .failure(end, "unexpected '\(Character(Unicode.Scalar(text[end])))' in \(name)")
            }
            var value: Int64 = 0
            for byte in text[start..<end] where byte != UInt8(ascii: "_") {
                guard let digit = digitValue(byte, radix: radix) else { continue }
                let (shifted, overflow1) = value.multipliedReportingOverflow(by: Int64(radix))
                let (sum, overflow2) = shifted.addingReportingOverflow(Int64(digit))
                if overflow1 || overflow2 {
                    return .failure(0, "integer out of range: deck numbers are 64-bit")
                }
                value = sum
            }
            return .value(.integer(value))
        }
    }

    private static func readDecimal(_ text: UnsafeBufferPointer<UInt8>, from start: Int, negative: Bool) -> Outcome {
        let integerEnd: Int
        switch scanDigits(text, from: start, radix: 10, what: "a number") {
        case .failure(let failure): return .failure(failure.offset, failure.message)
        case .success(let end): integerEnd = end
        }
        if text[start] == UInt8(ascii: "0"), integerEnd - start > 1 {
            return .failure(start, "leading zeros are not allowed in numbers")
        }
        var end = integerEnd
        var isFloat = false
        if end < text.count, text[end] == UInt8(ascii: ".") {
            isFloat = true
            switch scanDigits(text, from: end + 1, radix: 10, what: "the fraction") {
            case .failure:
                return .failure(end, "a number needs a digit after the '.'")
            case .success(let fractionEnd): end = fractionEnd
            }
        }
        if end < text.count, text[end] == UInt8(ascii: "e") || text[end] == UInt8(ascii: "E") {
            isFloat = true
            var exponentStart = end + 1
            if exponentStart < text.count,
                text[exponentStart] == UInt8(ascii: "+") || text[exponentStart] == UInt8(ascii: "-")
            {
                exponentStart += 1
            }
            switch scanDigits(text, from: exponentStart, radix: 10, what: "the exponent") {
            case .failure:
                return .failure(end, "an exponent needs digits after the 'e'")
            case .success(let exponentEnd): end = exponentEnd
            }
        }
        if end < text.count {
            return .failure(end, "unexpected '\(Character(Unicode.Scalar(text[end])))' in a number")
        }
        if isFloat {
            let cleaned = String(decoding: text.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
            guard let value = Double(cleaned) else {
                return .failure(0, "not a valid float")
            }
            return .value(.float(value))
        }
        var value: Int64 = 0
        for byte in text[start..<integerEnd] where byte != UInt8(ascii: "_") {
            let digit = Int64(byte - 0x30)
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) =
                negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
            if overflow1 || overflow2 {
                return .failure(0, "integer out of range: deck numbers are 64-bit")
            }
            value = sum
        }
        return .value(.integer(value))
    }
}
