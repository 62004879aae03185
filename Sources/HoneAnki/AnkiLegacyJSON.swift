import Foundation

/// The JSON a legacy (schema 11) collection keeps in its `col` row: the settings (`conf`), the
/// note types (`models`), the decks, and the deck options (`dconf`), each as Anki itself
/// writes them when it downgrades a collection to schema 11, so that Anki's upgrade on opening
/// reads every field it expects.
enum AnkiLegacyJSON {
    /// `conf`: the v2 scheduler with the new day cutoff, so Anki counts days as calendar days
    /// from `crt` in its zone, starting at the rollover hour (as hone does), not in blocks of
    /// 24 hours.
    static func configuration(_ collection: AnkiCollection) -> [String: Any] {
        var conf: [String: Any] = [
            "activeDecks": [1], "curDeck": 1, "newSpread": 0, "collapseTime": 1200, "timeLim": 0,
            "estTimes": true, "dueCounts": true, "nextPos": collection.notes.count + 1, "sortType": "noteFld",
            "sortBackwards": false, "addToCur": true, "dayLearnFirst": false, "schedVer": 2, "sched2021": true,
            "rollover": collection.rolloverHour ?? 4,
        ]
        conf["curModel"] = collection.noteTypes.keys.min() ?? NSNull()
        conf["creationOffset"] = collection.creationOffsetMinutesWest ?? NSNull()
        return conf
    }

    /// `models`: every note type by its id.
    static func noteTypes(_ collection: AnkiCollection, modified: Int64) -> [String: Any] {
        var models: [String: Any] = [:]
        for (id, type) in collection.noteTypes {
            models[String(id)] =
                [
                    "id": id, "name": type.name, "type": type.kind == .cloze ? 1 : 0, "mod": modified, "usn": 0,
                    "sortf": 0, "did": NSNull(),
                    "tmpls": type.templates.enumerated().map { ord, template in
                        [
                            "name": template.name, "ord": ord, "qfmt": template.questionFormat,
                            "afmt": template.answerFormat, "bqfmt": "", "bafmt": "", "did": NSNull(), "bfont": "",
                            "bsize": 0, "id": stableID(id, "template", template.name),
                        ] as [String: Any]
                    },
                    "flds": type.fields.enumerated().map { ord, name in
                        [
                            "name": name, "ord": ord, "sticky": false, "rtl": false, "font": "Arial", "size": 20,
                            "description": "", "plainText": false, "collapsed": false, "excludeFromSearch": false,
                            "id": stableID(id, "field", name), "tag": NSNull(), "preventDeletion": false,
                        ] as [String: Any]
                    },
                    "css": css, "latexPre": latexPre, "latexPost": "\\end{document}", "latexsvg": false, "req": [Any](),
                ] as [String: Any]
        }
        return models
    }

    /// `decks`: every deck by its id, with Anki's "Default" deck (id 1), which every collection has.
    static func decks(_ collection: AnkiCollection, modified: Int64) -> [String: Any] {
        var decks: [String: Any] = [:]
        var all = Array(collection.decks.values)
        if collection.decks[1] == nil { all.append(AnkiDeck(id: 1, name: "Default")) }
        for deck in all {
            decks[String(deck.id)] =
                [
                    "id": deck.id, "mod": modified, "name": deck.name, "usn": 0, "lrnToday": [0, 0],
                    "revToday": [0, 0],
                    "newToday": [0, 0], "timeToday": [0, 0], "collapsed": false, "browserCollapsed": false, "desc": "",
                    "dyn": 0, "conf": 1, "extendNew": 0, "extendRev": 0,
                ] as [String: Any]
        }
        return decks
    }

    /// `dconf`: Anki's default options group (id 1), which every normal deck uses.
    static func deckOptions(modified: Int64) -> [String: Any] {
        [
            "1": [
                "id": 1, "mod": modified, "name": "Default", "usn": 0, "maxTaken": 60, "autoplay": true, "timer": 0,
                "replayq": true, "dyn": false,
                "new": [
                    "bury": false, "delays": [1.0, 10.0], "initialFactor": 2500, "ints": [1, 4, 0], "order": 1,
                    "perDay": 20,
                ] as [String: Any],
                "rev": [
                    "bury": false, "ease4": 1.3, "ivlFct": 1.0, "maxIvl": 36500, "perDay": 200, "hardFactor": 1.2,
                ] as [String: Any],
                "lapse": [
                    "delays": [10.0], "leechAction": 1, "leechFails": 8, "minInt": 1, "mult": 0.0,
                ] as [String: Any],
            ] as [String: Any]
        ]
    }

    /// One object as JSON text, keys sorted, so the same collection always gives the same bytes.
    static func text(_ object: [String: Any]) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    /// A template's or field's id: Anki matches note types on import by these, so they must be
    /// the same in every export (64-bit FNV-1a of the note type, kind and name, made positive).
    static func stableID(_ noteType: Int64, _ kind: String, _ name: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(noteType)/\(kind)/\(name)".utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return Int64(bitPattern: hash >> 1)
    }

    /// Anki's stock card style.
    static let css = """
        .card {
            font-family: arial;
            font-size: 20px;
            line-height: 1.5;
            text-align: center;
            color: black;
            background-color: white;
        }

        """

    static let latexPre = """
        \\documentclass[12pt]{article}
        \\special{papersize=3in,5in}
        \\usepackage[utf8]{inputenc}
        \\usepackage{amssymb,amsmath}
        \\pagestyle{empty}
        \\setlength{\\parindent}{0in}
        \\begin{document}

        """
}
