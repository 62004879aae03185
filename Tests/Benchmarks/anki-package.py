"""Builds a large Anki package with Anki's own library, for bench-anki-package: N notes (Basic, in
20 decks under "Bench", tagged, a little HTML), one card each, every card reviewed ten times
(revlog rows written in one statement, card states set to review), exported as a current-format
.apkg with scheduling. Then times Anki's own import of that package into a fresh collection, the
peer figure.

    Tests/Benchmarks/work/anki-venv/bin/python Tests/Benchmarks/anki-package.py OUT.apkg [--cards N] [--legacy]
"""

import argparse
import json
import os
import random
import resource
import shutil
import tempfile
import time

from anki.collection import (AddNoteRequest, Collection, ExportAnkiPackageOptions, ImportAnkiPackageOptions,
                             ImportAnkiPackageRequest)


def build(path: str, cards: int) -> Collection:
    col = Collection(path)
    basic = col.models.by_name("Basic")
    decks = [col.decks.id(f"Bench::Deck {n:02}") for n in range(20)]
    rng = random.Random(14)
    requests = []
    for n in range(cards):
        note = col.new_note(basic)
        note["Front"] = f"Question {n}: what is <b>{rng.randint(0, 10**9)}</b> in words?"
        note["Back"] = f"The answer to question {n}, with a line<br>and {rng.randint(0, 10**9)}"
        note.tags = [f"tag{n % 50}", "bench"]
        requests.append(AddNoteRequest(note=note, deck_id=decks[n % 20]))
    for start in range(0, len(requests), 10_000):
        col.add_notes(requests[start:start + 10_000])
    card_ids = [row[0] for row in col.db.all("select id from cards order by id")]
    today = col.sched.today
    now_ms = int(time.time() * 1000)
    revlog, states = [], []
    stamp = now_ms - 400 * 86_400_000
    for index, card in enumerate(card_ids):
        interval = 0
        for review in range(10):
            stamp += rng.randint(1, 2000)
            last, interval = interval, max(1, interval * 2 + rng.randint(0, 3))
            revlog.append([stamp, card, -1, rng.choice([1, 3, 3, 3, 4]), interval, last, 2500, rng.randint(1000, 20000),
                           1 if review else 0])
        states.append([card, today + rng.randint(-5, 60), interval, 2500, 10, rng.randint(0, 2)])
    col.db.execute(
        "insert into revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) "
        "select value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6, value->>7, value->>8 "
        "from json_each(?)", json.dumps(revlog))
    col.db.execute(
        "update cards set type = 2, queue = 2, due = u.value->>1, ivl = u.value->>2, factor = u.value->>3, "
        "reps = u.value->>4, lapses = u.value->>5 from json_each(?) as u where cards.id = u.value->>0",
        json.dumps(states))
    return col


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--cards", type=int, default=20_000)
    parser.add_argument("--legacy", action="store_true")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="hone-anki-package-")
    try:
        col = build(os.path.join(folder, "source.anki2"), args.cards)
        options = ExportAnkiPackageOptions(with_scheduling=True, with_deck_configs=True, with_media=False,
                                           legacy=args.legacy)
        col.export_anki_package(out_path=os.path.abspath(args.out), options=options, limit=None)
        col.close(downgrade=False)
        # The peer: Anki importing the same package into a fresh collection.
        target = Collection(os.path.join(folder, "target.anki2"))
        started = time.monotonic()
        target.import_anki_package(ImportAnkiPackageRequest(
            package_path=os.path.abspath(args.out),
            options=ImportAnkiPackageOptions(with_scheduling=True, with_deck_configs=True)))
        elapsed = time.monotonic() - started
        counts = target.db.first("select (select count() from cards), (select count() from revlog)")
        target.close(downgrade=False)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"anki import: {elapsed:.2f} s ({counts[0]} cards, {counts[1]} reviews); "
              f"builder process peak {peak:.0f} MB")
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
