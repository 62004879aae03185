"""The hone side of Tests/Scripts/anki-import-check: imports the packages anki-collections.py made
and compares what hone reports with what Anki reported (expected.json), card by card.

    python3 Tests/Scripts/anki-import-compare.py --hone HONE --collections DIR --work DIR [--tz ZONE]

For each package of DIR/first (current and legacy .apkg and .colpkg), in a data and deck folder
of its own, with a temporary HOME and `--now` the export moment:

1. `hone import anki PACKAGE` succeeds; every Anki deck with cards has its file (`A::B` is
   `A/B.toml`), and `hone check` finds no error in the deck folder;
2. every card of `hone cards --json` equals Anki's: state, due (a learning day for reviews and
   interday learning steps, the instant for intraday ones, none for new cards), interval, ease,
   reps, lapses, suspended, buried; the card counts per deck are Anki's; each note's text, type,
   reverse and tags are in its deck entry;
3. `hone log export` holds one answer per revlog row with a button (id `anki:REVLOGID`, at the
   revlog's time, with its rating and duration);
4. the same package imported again adds no event and changes no deck file;
5. the newer package (DIR/newer, same format) adds exactly the answers given since, and every
   card then equals Anki's at the newer export moment.

Cards are matched to Anki's through the deck file: a note's entry is the `[[card]]` that holds
its GUID in a string value (as it is, or %-encoded as a whole, as an id may carry it), else the
one whose question is the note's first field, else the next one in file order; the card's key
is then `DECK_ID/ENTRY_ID` (DECK_ID as `hone cards` lists the file's entries), with `#r` for the
reverse of a basic note and `#cN` for cloze deletion N. Prints every difference as card, field, Anki's
value, hone's value, and exits 1 when there is any.
"""

import argparse
import csv
import datetime as dt
import io
import json
import os
import re
import shutil
import subprocess
import sys
import zoneinfo
from urllib.parse import unquote

RATINGS = {1: "again", 2: "hard", 3: "good", 4: "easy"}
FIELDS = ("state", "due", "interval", "ease", "reps", "lapses", "suspended", "buried")


class Hone:
    def __init__(self, binary: str, root: str, tz: str):
        self.binary = binary
        self.root = root
        home = os.path.join(root, "home")
        self.env = {"PATH": "/usr/bin:/bin", "HOME": home, "LANG": "C.UTF-8", "TZ": tz,
                    "XDG_DATA_HOME": os.path.join(home, "data"), "XDG_CONFIG_HOME": os.path.join(home, "config"),
                    "XDG_CACHE_HOME": os.path.join(home, "cache")}
        os.makedirs(home, exist_ok=True)

    def run(self, folder: str, now: str, *args: str) -> subprocess.CompletedProcess:
        command = [self.binary, "--decks", os.path.join(folder, "decks"), "--data", os.path.join(folder, "data"),
                   "--now", now, *args]
        return subprocess.run(command, capture_output=True, text=True, env=self.env, cwd=folder, timeout=300)


class Report:
    def __init__(self):
        self.problems = []
        self.checked = 0
        self.by_field = {}

    def fail(self, where: str, what: str) -> None:
        self.problems.append(f"{where}: {what}")
        # by package and step, and by field (what comes before the first colon)
        step = where.split(" ")[0]
        step += " then newer" if " then newer" in where else " again" if " again" in where else ""
        field = what.split(":")[0] if ":" in what else what
        self.by_field[(step, field)] = self.by_field.get((step, field), 0) + 1
        print(f"  MISMATCH {where}: {what}")


def squash(text) -> str:
    """Text compared without media references and with white space collapsed."""
    if not isinstance(text, str):
        return repr(text)
    text = re.sub(r"\[sound:[^\]]*\]", "", text)
    return " ".join(text.split())


def strings_in(value) -> list:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings_in(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings_in(v)]
    return []


def learning_day(instant: str, tz: zoneinfo.ZoneInfo, rollover: int) -> dt.date:
    when = dt.datetime.fromisoformat(instant.replace("Z", "+00:00"))
    return (when.astimezone(tz) - dt.timedelta(hours=rollover)).date()


def epoch(instant: str) -> int:
    return int(dt.datetime.fromisoformat(instant.replace("Z", "+00:00")).timestamp())


def read_decks(hone: Hone, folder: str, now: str, report: Report, where: str) -> dict:
    """`hone check --json` of the deck folder: path -> document; its errors are mismatches."""
    result = hone.run(folder, now, "check", "--json")
    try:
        checked = json.loads(result.stdout)
    except json.JSONDecodeError:
        report.fail(where, f"hone check --json printed no JSON (exit {result.returncode}): "
                           f"{result.stderr.strip()[:500]}")
        return {}
    documents = {}
    decks = os.path.join(folder, "decks")
    errors = len(report.problems)
    for entry in checked.get("files", []):
        # absolute, or relative to where hone ran (`folder`) or to the deck folder
        found = [p for p in (os.path.join(folder, entry["path"]), os.path.join(decks, entry["path"]))
                 if os.path.exists(p)]
        path = os.path.relpath(found[0] if found else entry["path"], decks)
        documents[path] = entry.get("document")
        for diagnostic in entry.get("diagnostics", []):
            if diagnostic.get("severity") == "error":
                report.fail(where, f"hone check: {path}:{diagnostic.get('line')}:{diagnostic.get('column')}: "
                                   f"error: {diagnostic.get('message')}")
    if result.returncode != 0 and len(report.problems) == errors:
        report.fail(where, f"hone check exits {result.returncode}: {result.stderr.strip()[:500]}")
    return documents


def list_cards(hone: Hone, folder: str, now: str, report: Report, where: str) -> list:
    result = hone.run(folder, now, "cards", "--json")
    if result.returncode != 0:
        report.fail(where, f"hone cards --json exits {result.returncode}: {result.stderr.strip()[:500]}")
        return []
    return json.loads(result.stdout)


def deck_id_of(path: str, document: dict, entries: list, listed: list) -> str:
    """The id hone gives a deck file: the deck most of its entries are listed under by `hone cards`
    (a default id need not be the path as it is), else its `[deck] id`, else its path."""
    listed_pairs = {}
    for card in listed:
        entry_id = card["card"][len(card.get("deck", "")) + 1:].split("#")[0]
        listed_pairs.setdefault(entry_id, set()).add(card.get("deck"))
    votes = {}
    for entry in entries:
        for deck in listed_pairs.get(entry.get("id"), ()):
            votes[deck] = votes.get(deck, 0) + 1
    if votes:
        return max(votes, key=votes.get)
    return (document.get("deck") or {}).get("id") or path[:-len(".toml")]


def match_notes(expected: dict, documents: dict, listed: list, report: Report, where: str) -> tuple:
    """Anki card id -> hone card key, deck file -> deck id, and how many notes each way matched."""
    keys, deck_ids, methods = {}, {}, {"guid": 0, "text": 0, "order": 0}
    notes = {}
    for card in expected["cards"]:
        notes.setdefault(card["note_id"], []).append(card)
    by_deck = {}
    for note_id in sorted(notes):
        by_deck.setdefault(notes[note_id][0]["deck_file"], []).append(notes[note_id])
    for path, deck_notes in sorted(by_deck.items()):
        document = documents.get(path)
        if document is None:
            report.fail(where, f"no deck file {path} (Anki's deck {deck_notes[0][0]['deck']!r}, "
                               f"{len(deck_notes)} notes), or hone check could not read it")
            continue
        entries = list(document.get("card") or [])
        deck_id = deck_ids[path] = deck_id_of(path, document, entries, listed)
        taken = set()
        chosen = {}
        for i, cards in enumerate(deck_notes):
            guid = cards[0]["guid"]
            found = [j for j, e in enumerate(entries)
                     if j not in taken and any(guid in s or guid == unquote(s) for s in strings_in(e))]
            if found:
                chosen[i] = (found[0], "guid")
                taken.add(found[0])
        for i, cards in enumerate(deck_notes):
            if i in chosen:
                continue
            question = squash(cards[0]["fields_plain"][0])
            found = [j for j, e in enumerate(entries)
                     if j not in taken and question in (squash(e.get("q")), squash(e.get("text")))]
            if found:
                chosen[i] = (found[0], "text")
                taken.add(found[0])
        rest = [j for j in range(len(entries)) if j not in taken]
        for i in range(len(deck_notes)):
            if i not in chosen and rest:
                chosen[i] = (rest.pop(0), "order")
        for i, cards in enumerate(deck_notes):
            if i not in chosen:
                report.fail(where, f"{path}: no entry for Anki's note {cards[0]['guid']!r} "
                                   f"({cards[0]['fields_plain'][0]!r})")
                continue
            j, method = chosen[i]
            methods[method] += 1
            entry = entries[j]
            check_entry(entry, cards, report, f"{where} {deck_id}/{entry.get('id')}")
            for card in cards:
                keys[card["card_id"]] = f"{deck_id}/{entry.get('id')}{card['hone_suffix']}"
        for j in rest:
            report.fail(where, f"{path}: entry {entries[j].get('id')!r} is no note of Anki's deck")
    return keys, deck_ids, methods


def check_entry(entry: dict, cards: list, report: Report, where: str) -> None:
    """The note's text, type, reverse and tags in its deck entry."""
    card = cards[0]
    kind, fields = card["kind"], card["fields_plain"]
    wants = {}
    if kind == "cloze":
        wants = {"type": "cloze", "text": fields[0]}
    else:
        wants = {"q": fields[0], "a": fields[1]}
        if kind == "typed":
            wants["type"] = "typed"
    for key, value in wants.items():
        if not squash(value) and key in ("q", "a", "text"):
            # Only media (a picture): no text to compare; hone needs some (hone check refuses empty).
            if not squash(entry.get(key)):
                report.fail(where, f"{key}: Anki's is only {card['media']}, hone has {entry.get(key)!r}")
        elif squash(entry.get(key)) != squash(value):
            report.fail(where, f"{key}: Anki {value!r}, hone {entry.get(key)!r}")
    reverse = any(c["ord"] == 1 for c in cards) and kind in ("reversed", "optional-reversed")
    if bool(entry.get("reverse", False)) != reverse:
        report.fail(where, f"reverse: Anki {reverse} ({kind}, {len(cards)} cards), hone {entry.get('reverse')!r}")
    if sorted(entry.get("tags") or []) != sorted(card["tags"]):
        report.fail(where, f"tags: Anki {card['tags']}, hone {entry.get('tags')}")


def compare_cards(listed: list, expected: dict, keys: dict, deck_ids: dict, report: Report, where: str) -> None:
    """Every card's state in hone's cards --json against Anki's."""
    by_key = {c["card"]: c for c in listed}
    tz = zoneinfo.ZoneInfo(expected["timezone"])
    rollover = expected["rollover_hour"]
    per_deck = {}
    for card in listed:
        per_deck[card.get("deck")] = per_deck.get(card.get("deck"), 0) + 1
    for name, deck in expected["decks"].items():
        deck_id = deck_ids.get(deck["file"], deck["file"][:-len(".toml")])
        if per_deck.get(deck_id, 0) != deck["cards"]:
            report.fail(where, f"deck {deck_id}: Anki has {deck['cards']} cards, hone lists {per_deck.get(deck_id, 0)}")
    for card in expected["cards"]:
        key = keys.get(card["card_id"])
        if key is None:
            continue
        who = f"{where} {key} (Anki {card['label']}, card {card['card_id']}, {card['notetype']} ord {card['ord']})"
        mine = by_key.pop(key, None)
        if mine is None:
            report.fail(who, "not in hone cards --json")
            continue
        report.checked += 1
        for field in FIELDS:
            theirs, ours = card[field], mine.get(field)
            if field == "buried" and field not in mine and "buried_day" in mine:
                ours = mine["buried_day"] is not None
            if field not in mine and not (field == "buried" and "buried_day" in mine):
                report.fail(who, f"{field}: Anki {theirs!r}, hone has no {field!r} field")
                continue
            if field == "due":
                same, shown = due_matches(card, ours, tz, rollover)
                if not same:
                    report.fail(who, f"due: Anki {theirs} ({card['due_kind'] or 'new'}, queue {card['queue']}, "
                                     f"raw {card['due_raw']}), hone {ours} {shown}".rstrip())
            elif field == "ease":
                if not isinstance(ours, (int, float)) or abs(ours - theirs) > 1e-6:
                    report.fail(who, f"ease: Anki {theirs}, hone {ours!r}")
            elif field == "interval":
                if not isinstance(ours, (int, float)) or abs(ours - theirs) > 1e-6:
                    report.fail(who, f"interval: Anki {theirs}, hone {ours!r}")
            elif theirs != ours:
                report.fail(who, f"{field}: Anki {theirs!r}, hone {ours!r}")
        # FSRS's memory state, where hone lists it (it has no FSRS mode yet, so its cards do not)
        for field in ("stability", "difficulty"):
            if field in mine and card.get(field) is not None:
                if not isinstance(mine[field], (int, float)) or abs(mine[field] - card[field]) > 1e-3:
                    report.fail(who, f"{field}: Anki {card[field]}, hone {mine[field]!r}")
    for key in sorted(by_key):
        report.fail(where, f"hone lists {key}, which is no card of Anki's")


def due_matches(card: dict, ours, tz, rollover: int) -> tuple:
    if card["due_kind"] is None:
        return ours is None, ""
    if not isinstance(ours, str):
        return False, ""
    try:
        if card["due_kind"] == "day":
            day = learning_day(ours, tz, rollover)
            return day.isoformat() == card["due"], f"(learning day {day})"
        return epoch(ours) == card["due_epoch"], ""
    except ValueError:
        return False, "(not an ISO 8601 time)"


def log_rows(hone: Hone, folder: str, now: str, report: Report, where: str) -> list:
    result = hone.run(folder, now, "log", "export")
    if result.returncode != 0:
        report.fail(where, f"hone log export exits {result.returncode}: {result.stderr.strip()[:500]}")
        return []
    return list(csv.DictReader(io.StringIO(result.stdout)))


def compare_answers(rows: list, expected: dict, keys: dict, report: Report, where: str) -> None:
    """One answer per revlog row with a button, with Anki's id, time, rating and duration."""
    answers = {r["id"]: r for r in rows if (r.get("event") or "answer") == "answer"}
    wanted = {}
    for card in expected["cards"]:
        for row in card["revlog"]:
            if row["ease"] > 0:
                wanted[f"anki:{row['id']}"] = (card, row)
    missing = sorted(set(wanted) - set(answers))
    extra = sorted(set(answers) - set(wanted))
    if missing:
        report.fail(where, f"{len(missing)} of Anki's {len(wanted)} answers are not in hone's log "
                           f"(e.g. {missing[:3]}; hone's answer ids look like {sorted(answers)[:3]})")
    if extra:
        report.fail(where, f"{len(extra)} answers in hone's log are no revlog row of Anki's (e.g. {extra[:3]})")
    wrong = []
    for rid, (card, row) in sorted(wanted.items()):
        mine = answers.get(rid)
        if mine is None:
            continue
        problems = []
        if keys.get(card["card_id"]) and mine["card"] != keys[card["card_id"]]:
            problems.append(f"card {mine['card']} (Anki's is {keys[card['card_id']]})")
        try:
            at = epoch(mine["reviewed_at"])
        except ValueError:
            at = None
        if at != row["id"] // 1000:
            problems.append(f"reviewed_at {mine['reviewed_at']} (Anki's {row['id'] // 1000})")
        if mine.get("rating") != RATINGS[row["ease"]]:
            problems.append(f"rating {mine.get('rating')} (Anki's {RATINGS[row['ease']]})")
        if str(mine.get("duration_ms")) != str(row["ms"]):
            problems.append(f"duration_ms {mine.get('duration_ms')} (Anki's {row['ms']})")
        if problems:
            wrong.append(f"{rid}: " + ", ".join(problems))
    for line in wrong[:20]:
        report.fail(where, f"answer {line}")
    if len(wrong) > 20:
        report.fail(where, f"... and {len(wrong) - 20} more answers differ")


def deck_bytes(folder: str) -> dict:
    decks = os.path.join(folder, "decks")
    found = {}
    for base, _, files in os.walk(decks):
        for name in files:
            path = os.path.join(base, name)
            with open(path, "rb") as f:
                found[os.path.relpath(path, decks)] = f.read()
    return found


def import_package(hone: Hone, folder: str, package: str, now: str, report: Report, where: str) -> bool:
    result = hone.run(folder, now, "import", "anki", package)
    shown = os.path.join(os.path.basename(os.path.dirname(package)), os.path.basename(package))
    print(f"  hone import anki {shown} (exit {result.returncode}): "
          f"{(result.stdout.strip() or result.stderr.strip()).splitlines()[-1:] or ''}")
    if result.returncode != 0:
        report.fail(where, f"hone import anki exits {result.returncode}: {result.stderr.strip()[:1000]}")
        return False
    return True


def check_package(hone: Hone, collections: str, name: str, report: Report) -> None:
    with open(os.path.join(collections, "first", "expected.json")) as f:
        first = json.load(f)
    with open(os.path.join(collections, "newer", "expected.json")) as f:
        newer = json.load(f)
    folder = os.path.join(hone.root, name)
    os.makedirs(os.path.join(folder, "decks"))
    os.makedirs(os.path.join(folder, "data"))
    where = name
    print(f"{name}:")
    if not import_package(hone, folder, os.path.join(collections, "first", name), first["now"], report, where):
        return
    documents = read_decks(hone, folder, first["now"], report, where)
    for deck in first["decks"].values():
        if deck["file"] not in documents:
            report.fail(where, f"no deck file {deck['file']} (hone wrote {sorted(documents)})")
    listed = list_cards(hone, folder, first["now"], report, where)
    keys, deck_ids, methods = match_notes(first, documents, listed, report, where)
    print(f"  notes matched to deck entries: {methods['guid']} by GUID, {methods['text']} by question, "
          f"{methods['order']} by order")
    before = report.checked
    compare_cards(listed, first, keys, deck_ids, report, where)
    rows = log_rows(hone, folder, first["now"], report, where)
    compare_answers(rows, first, keys, report, where)
    print(f"  {report.checked - before} cards compared, {len(rows)} events in hone's log, "
          f"{first['answers']} answers in Anki's")

    # The same package again: nothing new.
    decks_before = deck_bytes(folder)
    if import_package(hone, folder, os.path.join(collections, "first", name), first["now"], report, f"{where} again"):
        again = log_rows(hone, folder, first["now"], report, where)
        if len(again) != len(rows):
            report.fail(f"{where} again", f"the log went from {len(rows)} to {len(again)} events")
        if deck_bytes(folder) != decks_before:
            report.fail(f"{where} again", "the deck files changed")
        if list_cards(hone, folder, first["now"], report, f"{where} again") != listed:
            report.fail(f"{where} again", "hone cards --json changed")

    # The newer package: exactly the answers given since.
    package = os.path.join(collections, "newer", name)
    where = f"{name} then newer"
    if not import_package(hone, folder, package, newer["now"], report, where):
        return
    documents = read_decks(hone, folder, newer["now"], report, where)
    listed = list_cards(hone, folder, newer["now"], report, where)
    keys, deck_ids, _ = match_notes(newer, documents, listed, report, where)
    before = report.checked
    compare_cards(listed, newer, keys, deck_ids, report, where)
    after = log_rows(hone, folder, newer["now"], report, where)
    answers_before = sum(1 for r in rows if (r.get("event") or "answer") == "answer")
    answers_after = sum(1 for r in after if (r.get("event") or "answer") == "answer")
    if answers_after - answers_before != newer["since_first"]["answers"]:
        report.fail(where, f"{answers_after - answers_before} answers added, Anki gave "
                           f"{newer['since_first']['answers']} since the first export")
    compare_answers(after, newer, keys, report, where)
    print(f"  newer: {report.checked - before} cards compared, {answers_after - answers_before} answers added "
          f"({newer['since_first']['answers']} in Anki)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--hone", required=True)
    parser.add_argument("--collections", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--tz", default="UTC")
    parser.add_argument("--package", action="append", help="only this package (e.g. current.apkg); repeatable")
    args = parser.parse_args()
    with open(os.path.join(args.collections, "first", "expected.json")) as f:
        packages = list(json.load(f)["packages"])
    hone = Hone(os.path.abspath(args.hone), os.path.abspath(args.work), args.tz)
    report = Report()
    for name in args.package or packages:
        if os.path.exists(os.path.join(hone.root, name)):
            shutil.rmtree(os.path.join(hone.root, name))
        check_package(hone, args.collections, name, report)
    if report.problems:
        print(f"anki-import-check: {len(report.problems)} mismatches ({report.checked} card comparisons); by what:")
        for (where, what), count in sorted(report.by_field.items()):
            print(f"  {where}: {what}: {count}")
        sys.exit(1)
    print(f"anki-import-check: {report.checked} cards in {len(args.package or packages)} packages equal Anki's")


if __name__ == "__main__":
    main()
