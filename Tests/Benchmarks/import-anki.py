"""The Anki side of bench-import-anki, run with the official Anki library (anki-env's venv).

    PY=Tests/Benchmarks/work/anki-venv/bin/python
    $PY Tests/Benchmarks/import-anki.py make DIR [--cards 20000] [--reviews 200000]
    $PY Tests/Benchmarks/import-anki.py import PACKAGE COLLECTION [--check]

make: builds DIR/build/collection.anki2 and exports it, with scheduling, in the current package
format (zstd `collection.anki21b`, legacy=False) to DIR/package.apkg; writes DIR/summary.json
(cards, notes, reviews, decks, Anki's day, and the --now to give hone: a minute after the
export, so that hone sees the collection on the day Anki did). The collection:

- a tree of 21 decks (`Languages::Spanish::Verbs`, ...); notes only in some of them;
- notes of Basic (8,000 cards at the default size), Basic (and reversed card) (3,000 notes,
  6,000 cards) and Cloze (3,000 notes with 1, 2 or 3 deletions: 6,000 cards); unique texts
  with some HTML (bold, italics, <br>, <div>, entities, an image, a sound) and tags;
- 15% of the cards new; the others with a history simulated with SM-2 as Anki's defaults would
  have made it (learning steps 1m 10m, again/hard/good/easy, lapses and relearning at 10m,
  ease 130% and up), written as revlog rows and the card's columns (type, queue, due, ivl,
  factor, reps, lapses) with SQL in one statement each: the card agrees with its last row.
  Review due days land around Anki's `col.sched.today` (a few days overdue, most today up to
  one interval ahead); the collection's creation (`crt`) is moved back so that the oldest answer
  falls after it. A few cards are suspended or buried;
- then a day of practice through Anki's own scheduler (`col.sched`, the default limits of 20 new
  and 200 reviews): today's answers, learning and relearning cards. The simulated rows are
  exactly --reviews minus these answers.

import: opens a new empty collection at COLLECTION (deleted first), imports PACKAGE with
`col.import_anki_package` (with scheduling and deck options, as Anki's import screen offers),
closes, and prints the import call's own time (`import_seconds S`). --check also prints the
collection's cards, notes, revlog rows and decks after the import (not for timed runs).
"""

import argparse
import json
import os
import random
import shutil
import sys
import time

from anki.collection import (AddNoteRequest, Collection, ExportAnkiPackageOptions, ImportAnkiPackageOptions,
                             ImportAnkiPackageRequest)

DECKS = [
    "Languages", "Languages::Spanish", "Languages::Spanish::Vocabulary", "Languages::Spanish::Verbs",
    "Languages::Japanese", "Languages::Japanese::Kanji", "Languages::Japanese::Vocabulary",
    "Medicine", "Medicine::Anatomy", "Medicine::Pharmacology", "Medicine::Microbiology",
    "Computer Science", "Computer Science::Algorithms", "Computer Science::Networks", "Computer Science::Unix",
    "History", "History::Europe", "History::Asia",
    "Geography", "Geography::Capitals", "Geography::Rivers",
]
# Where notes go: the leaves, and two parents that hold cards of their own.
NOTE_DECKS = [d for d in DECKS if not any(o.startswith(d + "::") for o in DECKS)] + ["Medicine", "History"]
TAGS = ["verb", "noun", "chapter::1", "chapter::2", "chapter::3", "exam-2026", "leech-watch", "hard_one", "from-book"]
DAY = 86_400
TODAY_ANSWERS = 250  # answered through col.sched, a day of practice at the default limits


def note_texts(kind: str, i: int, clozes: int, rng: random.Random) -> list[str]:
    """Fields with a little of the HTML Anki's editor writes (a cloze note with `clozes` deletions)."""
    subject = f"item {i}"
    if kind == "cloze":
        parts = [f"Fact {i}: the {{{{c1::answer {i}}}}} is"]
        if clozes >= 2:
            parts.append(f"<b>near</b> the {{{{c2::second {i}::hint}}}}")
        if clozes >= 3:
            parts.append(f"and&nbsp;the {{{{c3::third {i}}}}}")
        extra = f"<div>Source: page {i % 300}</div>" if i % 4 == 0 else ""
        return [" ".join(parts) + ".", extra]
    front = rng.choice([f"<b>{subject}</b>", f"What is {subject}?", f"<i>{subject}</i> &amp; more", f"{subject}"])
    back = rng.choice([f"answer {i}", f"answer {i}<br>second line", f"<div>answer {i}</div><div>and more</div>",
                       f"answer {i} &lt;tag&gt;"])
    if i % 97 == 0:
        back += f'<br><img src="figure-{i}.png">'
    if i % 113 == 0:
        back += f" [sound:word-{i}.mp3]"
    return [front, back]


def simulate(rows_wanted: int, span: int, rng: random.Random):
    """One card's history with Anki's SM-2 defaults, in days from its first answer.

    Answers stay within `span` days. Returns (rows, ivl, ease, lapses, last_day): rows are (day, seconds into the day, button,
    ivl, last_ivl, factor, type); the card ends in review (its last row is a review or relearn
    answer that left it there)."""
    rows = []
    second = rng.randrange(8 * 3600, 20 * 3600)
    day = 0
    # Learning: maybe an Again at the first step, then Good, Good (graduates to 1 day).
    if rows_wanted >= 4 and rng.random() < 0.15:
        rows.append((day, second, 1, -60, 0, 0, 0))
        second += 60 + rng.randrange(30)
    rows.append((day, second, 3, -600, -60, 0, 0))
    second += 600 + rng.randrange(120)
    ivl, ease, lapses = 1, 2500, 0
    rows.append((day, second, 3, ivl, -600, ease, 0))
    while len(rows) < rows_wanted:
        delay = rng.choice((0, 0, 0, 0, 1, 1, 2, 3))
        day += ivl + delay
        second = rng.randrange(7 * 3600, 22 * 3600)
        r = rng.random()
        # A card answered many times is one that keeps lapsing: within the span, its next Good
        # would leave it, so it lapses (while two rows are left for the lapse and the relearning).
        if day + ivl * ease / 1000 > span:
            r = 0.0
        if r < 0.10 and len(rows) <= rows_wanted - 2:  # Again: a lapse, relearning at 10m
            lapses += 1
            ease = max(1300, ease - 200)
            rows.append((day, second, 1, -600, ivl, ease, 1))
            ivl = 1
            rows.append((day, second + 600 + rng.randrange(120), 3, ivl, -600, ease, 2))
            continue
        if r < 0.25:
            new = max(ivl + 1, int(ivl * 1.2))
            ease = max(1300, ease - 150)
            button = 2
        elif r < 0.92:
            new = max(ivl + 1, int((ivl + delay / 2) * ease / 1000))
            button = 3
        else:
            new = max(ivl + 1, int((ivl + delay) * ease / 1000 * 1.3))
            ease += 150
            button = 4
        new = min(new, 36500)
        rows.append((day, second, button, new, ivl, ease, 1))
        ivl = new
    return rows, ivl, ease, lapses, day


def make(args) -> None:
    started = time.monotonic()
    rng = random.Random(14)
    out = os.path.abspath(args.dir)
    build = os.path.join(out, "build")
    shutil.rmtree(build, ignore_errors=True)
    os.makedirs(build)
    col = Collection(os.path.join(build, "collection.anki2"))

    # Notes: Basic, Basic (and reversed card), Cloze, in proportions 8 : 6 : 6 of the cards.
    reversed_notes = args.cards * 3 // 20
    cloze_notes = args.cards * 3 // 20
    cloze_cards = sum(1 + i % 3 for i in range(cloze_notes))
    basic_notes = args.cards - 2 * reversed_notes - cloze_cards
    deck_ids = {name: col.decks.id(name) for name in DECKS}
    types = {"basic": col.models.by_name("Basic"), "reversed": col.models.by_name("Basic (and reversed card)"),
             "cloze": col.models.by_name("Cloze")}
    kinds = ["basic"] * basic_notes + ["reversed"] * reversed_notes + ["cloze"] * cloze_notes
    rng.shuffle(kinds)
    requests = []
    clozes_made = 0
    for i, kind in enumerate(kinds):
        note = col.new_note(types[kind])
        clozes = 1 + clozes_made % 3 if kind == "cloze" else 0
        clozes_made += kind == "cloze"
        for field, text in enumerate(note_texts(kind, i, clozes, rng)):
            note.fields[field] = text
        note.tags = rng.sample(TAGS, rng.choice((0, 0, 1, 1, 2, 3)))
        requests.append(AddNoteRequest(note=note, deck_id=deck_ids[NOTE_DECKS[i % len(NOTE_DECKS)]]))
    for start in range(0, len(requests), 5_000):
        col.add_notes(requests[start:start + 5_000])
    card_ids = [cid for cid, in col.db.all("select id from cards order by id")]
    if len(card_ids) != args.cards:
        sys.exit(f"import-anki: {len(card_ids)} cards made for {args.cards}")
    print(f"import-anki: {len(requests)} notes, {len(card_ids)} cards in {time.monotonic() - started:.1f} s",
          file=sys.stderr)

    # Histories: 85% of the cards answered before today, the rows shared out unevenly (3 to 40 a
    # card, most near the mean), adding up to exactly --reviews minus today's answers.
    simulated = args.reviews - TODAY_ANSWERS
    studied = rng.sample(card_ids, args.cards * 85 // 100)
    weights = [rng.lognormvariate(0, 0.5) for _ in studied]
    scale = (simulated - 3 * len(studied)) / sum(weights)
    wanted = [3 + int(w * scale) for w in weights]
    for k in range(simulated - sum(wanted)):  # the rounding's remainder, one row each
        wanted[k % len(wanted)] += 1
    histories = {cid: simulate(n, rng.randint(150, 1000), rng) for cid, n in zip(studied, wanted)}

    # Move the collection's creation back so that the oldest history starts after it. Each card's
    # last answer is 1 to ivl days before today (at most 90; one in 20 up to 3 days more): due
    # today or up to an interval ahead, a few cards overdue.
    placed = {}
    for cid, (rows, ivl, ease, lapses, last_day) in histories.items():
        back = rng.randint(1, min(ivl, 90)) + (rng.randint(0, 3) if rng.random() < 0.05 else 0)
        placed[cid] = back + last_day  # days from the first answer to today
    age = max(placed.values()) + 30
    crt = col.crt - age * DAY
    col.crt = crt
    today = col.sched.today
    if today != age:
        sys.exit(f"import-anki: Anki's today is {today} after moving crt back {age} days")

    revlog, updates = [], []
    used = set()
    mod = int(time.time())
    special = rng.sample(studied, len(studied) // 50)
    suspended, buried = set(special[: len(special) * 2 // 3]), set(special[len(special) * 2 // 3:])
    for cid, (rows, ivl, ease, lapses, last_day) in histories.items():
        first = today - placed[cid]
        stamp = 0
        for day, second, button, row_ivl, last_ivl, factor, kind in rows:
            stamp = (crt + (first + day) * DAY + second) * 1000 + rng.randrange(1000)
            while stamp in used:
                stamp += 1
            used.add(stamp)
            revlog.append((stamp, cid, button, row_ivl, last_ivl, factor, rng.randrange(1500, 25_000), kind))
        due = first + last_day + ivl
        queue = -1 if cid in suspended else -3 if cid in buried else 2
        lrt = json.dumps({"lrt": stamp // 1000}, separators=(",", ":"))
        updates.append((2, queue, due, ivl, ease, len(rows), lapses, 0, mod, cid, lrt))
    col.db.execute(
        "update cards set type = u.value->>0, queue = u.value->>1, due = u.value->>2, ivl = u.value->>3, "
        "factor = u.value->>4, reps = u.value->>5, lapses = u.value->>6, left = u.value->>7, mod = u.value->>8, "
        "usn = -1, data = u.value->>10 from json_each(?) as u where cards.id = u.value->>9", json.dumps(updates))
    col.db.execute(
        "insert into revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) select r.value->>0, "
        "r.value->>1, -1, r.value->>2, r.value->>3, r.value->>4, r.value->>5, r.value->>6, r.value->>7 "
        "from json_each(?) as r", json.dumps(revlog))
    print(f"import-anki: {len(revlog)} simulated answers on {len(histories)} cards over {age} days "
          f"in {time.monotonic() - started:.1f} s", file=sys.stderr)

    # Today: a day of practice through Anki's scheduler, one top-level deck after another.
    answered = 0
    for deck in [d for d in DECKS if "::" not in d]:
        col.decks.select(deck_ids[deck])
        share = 0
        while answered < TODAY_ANSWERS and share < TODAY_ANSWERS // 4:
            queued = col.sched.get_queued_cards()
            if not queued.cards:
                break
            card = col.get_card(queued.cards[0].card.id)
            card.start_timer()
            r = rng.random()
            col.sched.answerCard(card, 1 if r < 0.12 else 2 if r < 0.22 else 4 if r > 0.93 else 3)
            answered += 1
            share += 1
    if answered != TODAY_ANSWERS:
        sys.exit(f"import-anki: only {answered} of {TODAY_ANSWERS} answers found due today")

    counts = {
        "cards": col.card_count(),
        "notes": col.note_count(),
        "reviews": col.db.scalar("select count() from revlog"),
        "decks": len(col.decks.all_names_and_ids()),
        "new": col.db.scalar("select count() from cards where type = 0"),
        "learning": col.db.scalar("select count() from cards where queue in (1, 3)"),
        "suspended": col.db.scalar("select count() from cards where queue = -1"),
        "buried": col.db.scalar("select count() from cards where queue in (-2, -3)"),
        "due_today": col.db.scalar("select count() from cards where queue = 2 and due <= ?", today),
        "today": today,
    }
    if counts["reviews"] != args.reviews:
        sys.exit(f"import-anki: {counts['reviews']} revlog rows for {args.reviews}")
    package = os.path.join(out, "package.apkg")
    if os.path.exists(package):
        os.remove(package)
    col.export_anki_package(out_path=package, limit=None,
                            options=ExportAnkiPackageOptions(with_scheduling=True, with_deck_configs=True,
                                                             with_media=True, legacy=False))
    col.close(downgrade=False)
    # hone's clock: a minute after the export, on the day Anki's states were made for.
    counts["now"] = time.strftime("%Y-%m-%dT%H:%M:00Z", time.gmtime(time.time() + 60))
    counts["package_bytes"] = os.path.getsize(package)
    with open(os.path.join(out, "summary.json"), "w") as f:
        json.dump(counts, f, indent=1)
    print(f"import-anki: {package}: {counts} in {time.monotonic() - started:.1f} s", file=sys.stderr)


def import_package(args) -> None:
    path = os.path.abspath(args.collection)
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    col = Collection(path)
    request = ImportAnkiPackageRequest(
        package_path=os.path.abspath(args.package),
        options=ImportAnkiPackageOptions(with_scheduling=True, with_deck_configs=True, merge_notetypes=True))
    started = time.perf_counter()
    col.import_anki_package(request)
    seconds = time.perf_counter() - started
    if args.check:
        print("cards", col.card_count())
        print("notes", col.note_count())
        print("reviews", col.db.scalar("select count() from revlog"))
        print("decks", len(col.decks.all_names_and_ids()))
    col.close(downgrade=False)
    print(f"import_seconds {seconds:.6f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="mode", required=True)
    m = sub.add_parser("make")
    m.add_argument("dir")
    m.add_argument("--cards", type=int, default=20_000)
    m.add_argument("--reviews", type=int, default=200_000)
    i = sub.add_parser("import")
    i.add_argument("package")
    i.add_argument("collection")
    i.add_argument("--check", action="store_true")
    args = parser.parse_args()
    make(args) if args.mode == "make" else import_package(args)


if __name__ == "__main__":
    main()
