"""Builds an Anki collection equivalent to a make-collection folder, with the official Anki library.

    Tests/Benchmarks/work/anki-venv/bin/python Tests/Benchmarks/anki-build.py DIR [--out FILE]

Reads DIR/plan.json (every card's state as hone computed it) and DIR/history.csv (every answer,
with the state after it) and writes DIR/collection.anki2 (or FILE): a parent deck `hone` with one
subdeck per deck file (`hone::deck00`, ...), selected as the current deck; a Basic note per card
(Front = q, Back = a, the note's guid = the card's hone key); each card's type, queue, due, ivl,
factor, reps, lapses and left set to hone's state; the review log as revlog rows. Reviews are due
on days counted from the collection's creation (`col.sched.today` is --now's day); learning cards
at hone's instants. The deck options match hone's defaults (Anki's own): 20 new and 200 reviews a
day, learning steps 1m 10m, graduating 1d, easy 4d, starting ease 2.5, relearning 10m; and, as in
hone, the review limit does not hold back new cards (Anki's "new cards ignore review limit").

Prints Anki's due counts (`col.sched.counts()`: new, learning, review) as JSON on the last line.
Writes in bulk: notes through `col.add_notes`, states and revlog rows each in one SQL statement
(from a JSON array), so 100,000 cards take seconds.
Run with TZ=UTC, as hone is, and on --now's day (Anki uses the real clock).
"""

import argparse
import csv
import datetime as dt
import json
import os
import sys
import time

from anki.collection import AddNoteRequest, Collection
from anki.decks import UpdateDeckConfigs, UpdateDeckConfigsMode

RATINGS = {"again": 1, "hard": 2, "good": 3, "easy": 4}
# SM-2 quality (a review log may hold numbers): anki preset 0-2 again, 3 hard, 4 good, 5 easy.
QUALITY = {"0": 1, "1": 1, "2": 1, "3": 2, "4": 3, "5": 4}
KINDS = {"learn": 0, "review": 1, "relearn": 2, "drill": 3}


def answered_ms(row: dict) -> int:
    """An exported answer's time, in milliseconds since the epoch."""
    return int(round(dt.datetime.fromisoformat(row["reviewed_at"].replace("Z", "+00:00")).timestamp() * 1000))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dir")
    parser.add_argument("--out")
    parser.add_argument("--no-revlog", action="store_true", help="leave the review log out")
    args = parser.parse_args()
    started = time.monotonic()

    def mark(what: str) -> None:
        if os.environ.get("ANKI_BUILD_VERBOSE"):
            print(f"anki-build: {what} done at {time.monotonic() - started:.1f} s", file=sys.stderr)
    with open(os.path.join(args.dir, "plan.json")) as f:
        plan = json.load(f)
    path = os.path.abspath(args.out or os.path.join(args.dir, "collection.anki2"))
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)

    col = Collection(path)
    today = col.sched.today
    cutoff = col.sched.day_cutoff  # the next day start, epoch seconds
    if cutoff != plan["today_start"] + 86_400:
        sys.exit(f"anki-build: Anki's day ends at {cutoff}, hone's plan at {plan['today_start'] + 86_400}: "
                 "run on the plan's day (--now), with TZ=UTC")

    # Deck options: Anki's defaults are hone's; as in hone, reviews do not hold back new cards.
    conf = col.decks.get_config(1)
    conf["new"]["perDay"], conf["rev"]["perDay"] = 20, 200
    conf["new"]["delays"], conf["new"]["ints"], conf["new"]["initialFactor"] = [1.0, 10.0], [1, 4, 0], 2500
    conf["lapse"]["delays"], conf["lapse"]["mult"], conf["lapse"]["minInt"] = [10.0], 0.0, 1
    conf["lapse"]["leechFails"] = 8
    conf["rev"]["ease4"], conf["rev"]["hardFactor"], conf["rev"]["ivlFct"] = 1.3, 1.2, 1.0
    conf["rev"]["maxIvl"] = 36500
    col.decks.update_config(conf)

    parent = col.decks.id("hone")
    # A collection-wide switch, set the way Anki's deck options screen sets it.
    current = col.decks.get_deck_configs_for_update(parent)
    col.decks.update_deck_configs(UpdateDeckConfigs(
        target_deck_id=parent, configs=[c.config for c in current.all_config], removed_config_ids=[],
        mode=UpdateDeckConfigsMode.UPDATE_DECK_CONFIGS_MODE_NORMAL, card_state_customizer=current.card_state_customizer,
        limits=current.current_deck.limits, new_cards_ignore_review_limit=True, apply_all_parent_limits=False,
        fsrs=False))
    deck_ids = {name: col.decks.id(f"hone::{name}") for name in plan["decks"]}
    basic = col.models.by_name("Basic")

    # Notes, in deck order (new cards are introduced in that order, as in hone).
    requests = []
    for card in plan["cards"]:
        note = col.new_note(basic)
        note["Front"], note["Back"] = card["front"], card["back"]
        note.guid = card["key"]
        requests.append(AddNoteRequest(note=note, deck_id=deck_ids[card["deck"]]))
    for start in range(0, len(requests), 10_000):
        col.add_notes(requests[start:start + 10_000])
    mark("notes")
    card_ids = dict(col.db.all("select n.guid, c.id from cards c join notes n on c.nid = n.id"))
    if len(card_ids) != len(plan["cards"]):
        sys.exit(f"anki-build: {len(card_ids)} cards in Anki for {len(plan['cards'])} in the plan")

    # The history: every answer with the state after it (hone log export).
    with open(os.path.join(args.dir, "history.csv"), newline="") as f:
        history = list(csv.DictReader(f))
    last_review = {}  # card key -> seconds of its last answer (Anki keeps it as the card's "lrt")
    for row in history:
        last_review[row["card"]] = answered_ms(row) // 1000

    # States: Anki's card columns from hone's state.
    mod = int(time.time())
    updates = []
    for card in plan["cards"]:
        state = card["state"]
        if state == "new":
            continue
        ease = int(round(card["ease"] * 1000))
        interval = int(card["interval"])
        if state == "review":
            ctype, queue, due, left = 2, 2, today + card["due_day"], 0
        elif state in ("learning", "relearning"):
            ctype = 1 if state == "learning" else 3
            left = card["steps_left"] * 1000 + card["steps_left"]
            if card["due"] is not None and card["due_epoch"] >= plan["today_start"] + 86_400:
                queue, due = 3, today + card["due_day"]  # a step ending on a later day
            else:
                queue, due = 1, card["due_epoch"]
            if state == "learning":
                ease, interval = 0, 0
        else:
            sys.exit(f"anki-build: unknown state {state!r} of {card['key']}")
        data = json.dumps({"lrt": last_review[card["key"]]}, separators=(",", ":")) if card["key"] in last_review else ""
        updates.append((ctype, queue, due, interval, ease, card["reps"], card["lapses"], left, mod, card_ids[card["key"]], data))
    # One statement (one transaction) for all rows, from a JSON array: row-by-row statements
    # through the library's DB proxy commit one by one, minutes for 100,000 cards.
    col.db.execute(
        "update cards set type = u.value->>0, queue = u.value->>1, due = u.value->>2, ivl = u.value->>3, "
        "factor = u.value->>4, reps = u.value->>5, lapses = u.value->>6, left = u.value->>7, mod = u.value->>8, "
        "usn = -1, data = u.value->>10 from json_each(?) as u where cards.id = u.value->>9", json.dumps(updates))

    mark("states")
    # The review log: one revlog row per answer, id = its time in ms (kept unique, as Anki does).
    revlog_rows = 0
    if not args.no_revlog:
        rows = []
        used = set()
        last_interval = {}
        for row in history:
            key = row["card"]
            cid = card_ids.get(key)
            if cid is None:
                continue
            stamp = answered_ms(row)
            while stamp in used:
                stamp += 1
            used.add(stamp)
            days = float(row["interval"])
            # revlog ivl: days when in review, negative seconds for a learning step
            ivl = int(round(days)) if row["state"] == "review" else -int(round(days * 86_400))
            rating = RATINGS.get(row["rating"]) or QUALITY.get(row["rating"], 3)
            rows.append((stamp, cid, -1, rating, ivl, last_interval.get(key, 0), int(round(float(row["ease"]) * 1000)),
                         int(row["duration_ms"] or 0), KINDS.get(row["kind"], 0)))
            last_interval[key] = ivl
        col.db.execute(
            "insert into revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) select r.value->>0, "
            "r.value->>1, r.value->>2, r.value->>3, r.value->>4, r.value->>5, r.value->>6, r.value->>7, r.value->>8 "
            "from json_each(?) as r", json.dumps(rows))
        revlog_rows = len(rows)

    mark("revlog")
    col.decks.select(parent)
    col.set_config("curDeck", parent)
    counts = list(col.sched.counts())
    first = col.sched.get_queued_cards()
    first_card = first.cards[0].card.id if first.cards else None
    col.close(downgrade=False)
    print(f"anki-build: {path}: {len(card_ids)} cards, {len(updates)} states set, {revlog_rows} revlog rows, "
          f"{os.path.getsize(path)} bytes, in {time.monotonic() - started:.1f} s", file=sys.stderr)
    print(json.dumps({"new": counts[0], "learning": counts[1], "review": counts[2], "today": today,
                      "first_card": first_card}))


if __name__ == "__main__":
    main()
