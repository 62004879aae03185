/// The four answer buttons, as Anki names them.
public enum Rating: Int, CaseIterable, Sendable, Comparable, Codable {
    case again = 1
    case hard = 2
    case good = 3
    case easy = 4

    public var word: String {
        switch self {
        case .again: "again"
        case .hard: "hard"
        case .good: "good"
        case .easy: "easy"
        }
    }

    public init?(word: String) {
        switch word.lowercased() {
        case "again", "a": self = .again
        case "hard", "h": self = .hard
        case "good", "g": self = .good
        case "easy", "e": self = .easy
        default: return nil
        }
    }

    public static func < (lhs: Rating, rhs: Rating) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// An answer as the learner gave it: a button, or SM-2's quality 0-5. Kept as given in the
/// review log, because the `classic` preset needs the quality whole.
public enum Answer: Hashable, Sendable {
    case button(Rating)
    case quality(Int)

    /// Reads an answer as a review log writes it: a word, or a quality 0-5.
    public init?(logText text: String) {
        if let rating = Rating(word: text), text.count > 1 {
            self = .button(rating)
        } else if let quality = Int(text), (0...5).contains(quality) {
            self = .quality(quality)
        } else {
            return nil
        }
    }

    /// Reads what a learner types at the rating prompt: a word or its first letter, or a
    /// number: a button 1-4 in the `anki` and `fsrs` presets, SM-2's quality 0-5 in `classic`.
    public init?(typed text: String, preset: SchedulerSettings.Preset) {
        let trimmed = text.trimmingSpaces.lowercased()
        if let rating = Rating(word: trimmed) {
            self = .button(rating)
            return
        }
        guard let number = Int(trimmed) else { return nil }
        switch preset {
        case .anki, .fsrs:
            guard let rating = Rating(rawValue: number) else { return nil }
            self = .button(rating)
        case .classic:
            guard (0...5).contains(number) else { return nil }
            self = .quality(number)
        }
    }

    /// How the review log writes it.
    public var logText: String {
        switch self {
        case .button(let rating): rating.word
        case .quality(let quality): String(quality)
        }
    }

    /// The button this answer stands for in the `anki` preset: quality 0-2 is again,
    /// 3 hard, 4 good, 5 easy.
    public var rating: Rating {
        switch self {
        case .button(let rating): rating
        case .quality(let quality):
            switch quality {
            case ...2: .again
            case 3: .hard
            case 4: .good
            default: .easy
            }
        }
    }

    /// SM-2's quality 0-5 for the `classic` preset: the words mean 1, 3, 4 and 5.
    public var quality: Int {
        switch self {
        case .quality(let quality): quality
        case .button(.again): 1
        case .button(.hard): 3
        case .button(.good): 4
        case .button(.easy): 5
        }
    }

    /// Whether the answer counts as remembered (for retention: anything but again).
    public var isCorrect: Bool { rating != .again }
}

extension String {
    /// The text without white space at either end.
    public var trimmingSpaces: String {
        // Most text has no white space at either end: answer that from the bytes.
        if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x80, last > 0x20, last < 0x80 {
            return self
        }
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}
