import HoneCore

/// Reads the config file (`config.toml`) with the deck reader: the `[scheduler]` table (a
/// `preset` and the knobs of `scheduler.md`) and the `[daily]` table (limits and the day's
/// start), the `[decks]` table (how large a deck file may be) and the `[sync]` table (the sync
/// folder `hone sync` uses when none is given). Every problem is a located
/// diagnostic; a knob with a bad value keeps its default.
public enum ConfigReader {
    public struct Result: Sendable {
        public var settings: SchedulerSettings
        /// `[decks] max_file_size`: a deck file larger than this, in bytes, is skipped unread.
        public var deckSizeLimit = DeckFinder.defaultSizeLimit
        /// `[sync] folder`, as written (the workspace resolves `~/` and relative paths).
        public var syncFolder: String?
        public var diagnostics: [Diagnostic]
        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    static let schedulerKeys = [
        "preset", "learning_steps", "graduating_interval", "easy_interval", "starting_ease", "easy_bonus",
        "hard_factor", "interval_modifier", "relearning_steps", "lapse_factor", "minimum_interval", "max_interval",
        "leech_threshold", "leech_action", "fuzz", "learn_ahead", "desired_retention", "parameters",
    ]
    static let dailyKeys = ["new_per_day", "reviews_per_day", "rollover_hour"]
    static let deckKeys = ["max_file_size"]
    static let syncKeys = ["folder"]
    static let tables = ["scheduler", "daily", "decks", "sync"]

    public static func read(_ bytes: [UInt8]) -> Result {
        let parsed = TOMLReader.parse(bytes)
        guard let document = parsed.document else {
            return Result(settings: SchedulerSettings(), diagnostics: parsed.diagnostics)
        }
        var reader = Reader(source: SourceText(bytes: bytes))
        reader.diagnostics = parsed.diagnostics
        for entry in document.entries {
            switch (entry.key, entry.node.value) {
            case ("scheduler", .table(let table)): reader.readScheduler(table)
            case ("daily", .table(let table)): reader.readDaily(table)
            case ("decks", .table(let table)): reader.readDecks(table)
            case ("sync", .table(let table)): reader.readSync(table)
            case ("scheduler", _), ("daily", _), ("decks", _), ("sync", _):
                reader.error(at: entry.node.position, "\"\(entry.key)\" must be a table written as [\(entry.key)]")
            default:
                reader.warning(
                    at: entry.keyPosition,
                    "unknown \(entry.node.value.isTable ? "table [\(entry.key)]" : "key \"\(entry.key)\"")"
                        + Suggestion.text(for: entry.key, among: ConfigReader.tables)
                )
            }
        }
        return Result(
            settings: reader.settings, deckSizeLimit: reader.deckSizeLimit, syncFolder: reader.syncFolder,
            diagnostics: reader.diagnostics.sorted())
    }

    private struct Reader {
        let source: SourceText
        var settings = SchedulerSettings()
        var deckSizeLimit = DeckFinder.defaultSizeLimit
        var syncFolder: String?
        var diagnostics: [Diagnostic] = []

        mutating func readScheduler(_ table: TOMLTable) {
            for entry in table.entries {
                let node = entry.node
                switch entry.key {
                case "preset":
                    if let name = string(entry) {
                        if let preset = SchedulerSettings.Preset(rawValue: name) {
                            settings.preset = preset
                        } else {
                            error(
                                at: node.position,
                                "unknown preset \"\(name)\"; expected \"anki\", \"classic\" or \"fsrs\"")
                        }
                    }
                case "learning_steps": settings.learningSteps = steps(entry) ?? settings.learningSteps
                case "relearning_steps": settings.relearningSteps = steps(entry) ?? settings.relearningSteps
                case "graduating_interval":
                    settings.graduatingInterval = integer(entry, in: 1...36_500) ?? settings.graduatingInterval
                case "easy_interval": settings.easyInterval = integer(entry, in: 1...36_500) ?? settings.easyInterval
                case "minimum_interval":
                    settings.minimumInterval = integer(entry, in: 1...36_500) ?? settings.minimumInterval
                case "max_interval":
                    settings.maximumInterval = integer(entry, in: 1...36_500) ?? settings.maximumInterval
                case "leech_threshold":
                    settings.leechThreshold = integer(entry, in: 0...1000) ?? settings.leechThreshold
                case "starting_ease":
                    if let ease = number(entry, in: 1.3...5) { settings.startingEase = Int((ease * 1000).rounded()) }
                case "easy_bonus": settings.easyBonus = number(entry, in: 1...5).map(Float.init) ?? settings.easyBonus
                case "hard_factor":
                    settings.hardFactor = number(entry, in: 0.5...3).map(Float.init) ?? settings.hardFactor
                case "interval_modifier":
                    settings.intervalModifier = number(entry, in: 0.1...5).map(Float.init) ?? settings.intervalModifier
                case "lapse_factor":
                    settings.lapseFactor = number(entry, in: 0...1).map(Float.init) ?? settings.lapseFactor
                case "leech_action":
                    if let name = string(entry) {
                        if let action = SchedulerSettings.LeechAction(rawValue: name) {
                            settings.leechAction = action
                        } else {
                            error(
                                at: node.position, "unknown leech_action \"\(name)\"; expected \"tag\" or \"suspend\"")
                        }
                    }
                case "fuzz":
                    if case .boolean(let flag) = node.value {
                        settings.fuzz = flag
                    } else {
                        error(at: node.position, "\"fuzz\" must be true or false")
                    }
                case "desired_retention":
                    settings.desiredRetention =
                        number(entry, in: 0.7...0.99).map(Float.init) ?? settings.desiredRetention
                case "parameters": settings.fsrsParameters = weights(entry) ?? settings.fsrsParameters
                case "learn_ahead":
                    if let text = string(entry) {
                        if let duration = LearningDuration(text) {
                            settings.learnAhead = duration
                        } else {
                            badDuration(text, at: node.position)
                        }
                    }
                default:
                    warning(
                        at: entry.keyPosition,
                        "unknown key \"\(entry.key)\" in [scheduler]"
                            + Suggestion.text(for: entry.key, among: ConfigReader.schedulerKeys)
                    )
                }
            }
        }

        mutating func readDaily(_ table: TOMLTable) {
            for entry in table.entries {
                switch entry.key {
                case "new_per_day": settings.newPerDay = integer(entry, in: 0...100_000) ?? settings.newPerDay
                case "reviews_per_day":
                    settings.reviewsPerDay = integer(entry, in: 0...1_000_000) ?? settings.reviewsPerDay
                case "rollover_hour": settings.rolloverHour = integer(entry, in: 0...23) ?? settings.rolloverHour
                default:
                    warning(
                        at: entry.keyPosition,
                        "unknown key \"\(entry.key)\" in [daily]"
                            + Suggestion.text(for: entry.key, among: ConfigReader.dailyKeys)
                    )
                }
            }
        }

        mutating func readDecks(_ table: TOMLTable) {
            for entry in table.entries {
                switch entry.key {
                case "max_file_size":
                    deckSizeLimit = integer(entry, in: 1...TOMLReader.maximumFileSize) ?? deckSizeLimit
                default:
                    warning(
                        at: entry.keyPosition,
                        "unknown key \"\(entry.key)\" in [decks]"
                            + Suggestion.text(for: entry.key, among: ConfigReader.deckKeys)
                    )
                }
            }
        }

        mutating func readSync(_ table: TOMLTable) {
            for entry in table.entries {
                switch entry.key {
                case "folder":
                    if let folder = string(entry) {
                        if folder.isEmpty {
                            error(at: entry.node.position, "\"folder\" must name a folder, found an empty string")
                        } else {
                            syncFolder = folder
                        }
                    }
                default:
                    warning(
                        at: entry.keyPosition,
                        "unknown key \"\(entry.key)\" in [sync]"
                            + Suggestion.text(for: entry.key, among: ConfigReader.syncKeys)
                    )
                }
            }
        }

        mutating func string(_ entry: TOMLTable.Entry) -> String? {
            if case .string(let value) = entry.node.value { return value }
            error(
                at: entry.node.position, "\"\(entry.key)\" must be a string, found \(entry.node.value.typeDescription)")
            return nil
        }

        mutating func integer(_ entry: TOMLTable.Entry, in range: ClosedRange<Int>) -> Int? {
            guard case .integer(let value) = entry.node.value else {
                error(
                    at: entry.node.position,
                    "\"\(entry.key)\" must be a whole number, found \(entry.node.value.typeDescription)")
                return nil
            }
            guard value >= Int64(range.lowerBound), value <= Int64(range.upperBound) else {
                error(
                    at: entry.node.position,
                    "\"\(entry.key)\" must be between \(range.lowerBound) and \(range.upperBound), found \(value)")
                return nil
            }
            return Int(value)
        }

        mutating func number(_ entry: TOMLTable.Entry, in range: ClosedRange<Double>) -> Double? {
            let value: Double
            switch entry.node.value {
            case .float(let double): value = double
            case .integer(let integer): value = Double(integer)
            default:
                error(
                    at: entry.node.position,
                    "\"\(entry.key)\" must be a number, found \(entry.node.value.typeDescription)")
                return nil
            }
            guard range.contains(value) else {
                error(
                    at: entry.node.position,
                    "\"\(entry.key)\" must be between \(range.lowerBound) and \(range.upperBound), found \(value)")
                return nil
            }
            return value
        }

        mutating func steps(_ entry: TOMLTable.Entry) -> [LearningDuration]? {
            guard case .array(let elements) = entry.node.value else {
                error(
                    at: entry.node.position, "\"\(entry.key)\" must be an array of durations such as [\"1m\", \"10m\"]")
                return nil
            }
            var steps: [LearningDuration] = []
            for element in elements {
                guard case .string(let text) = element.value, let duration = LearningDuration(text) else {
                    if case .string(let text) = element.value {
                        badDuration(text, at: element.position)
                    } else {
                        error(
                            at: element.position,
                            "a step must be a duration string such as \"10m\", found \(element.value.typeDescription)")
                    }
                    return nil
                }
                steps.append(duration)
            }
            return steps
        }

        /// FSRS's weights: 21 numbers (FSRS-6), or 19 or 17 from older versions, which are
        /// filled up as `fsrs-rs` fills them.
        mutating func weights(_ entry: TOMLTable.Entry) -> FSRSParameters? {
            let expected =
                "\"parameters\" must be an array of 21 numbers (FSRS-6's weights, as Anki shows them; 19 or 17 "
                + "from FSRS-5 or FSRS-4.5)"
            guard case .array(let elements) = entry.node.value else {
                error(at: entry.node.position, expected)
                return nil
            }
            var values: [Double] = []
            for element in elements {
                switch element.value {
                case .float(let value): values.append(value)
                case .integer(let value): values.append(Double(value))
                default:
                    error(at: element.position, "a weight must be a number, found \(element.value.typeDescription)")
                    return nil
                }
            }
            switch FSRSParameters.make(values) {
            case .success(let parameters): return parameters
            case .failure(.count(let count)):
                error(at: entry.node.position, "\(expected), found \(count)")
            case .failure(.notFinite(let index)):
                error(
                    at: elements.indices.contains(index) ? elements[index].position : entry.node.position,
                    "a weight must be a finite number (FSRS-4.5's w5 must be above -1/3)")
            }
            return nil
        }

        mutating func badDuration(_ text: String, at position: SourcePosition) {
            error(
                at: position,
                "\"\(text)\" is not a duration; write a number and a unit: \"30s\", \"10m\", \"1h\", \"2d\"")
        }

        mutating func error(at position: SourcePosition, _ message: String) {
            diagnostics.append(source.diagnostic(.error, at: position, message))
        }

        mutating func warning(at position: SourcePosition, _ message: String) {
            diagnostics.append(source.diagnostic(.warning, at: position, message))
        }
    }
}
