"""Anki's FSRS mode, answer by answer, for Tests/HoneCoreTests/FSRSAnkiTests.swift (issue #15, item 2).

    VENV/bin/python Tests/Scripts/anki-fsrs-answers.py [OUT]

VENV is Tests/Benchmarks/work/anki-venv with `libfaketime` (Tests/Scripts/fsrs-check makes it).
OUT defaults to Tests/HoneCoreTests/Fixtures/anki-fsrs-answers.json. Deterministic: the plan comes
from a seeded generator and Anki runs on a simulated clock without fuzz, so running it again
writes the same file.

Anki 26.9.3's own scheduler (its Rust engine, from PyPI) with FSRS on answers 420 cards over 150
days, in seven decks with their own presets: learning steps 1m 10m and relearning 10m, no steps
at all (FSRS's short-term path: a sub-day interval is kept as a step), steps of 10m and a day
(interday learning), one learning step and no relearning steps with a 20-day maximum interval
and leeches suspended after 3 lapses, or relearning steps alone; FSRS-6's default weights or
other valid ones; desired retention 0.8 to 0.95.
New cards start on days 0 to 40. Three sessions a day (05:00, 12:00, 20:30 UTC; Anki's day starts at
04:00) answer learning cards due within the 20-minute learn-ahead and reviews due today, each with
some chance of being left for later (late reviews, a week's break on days 60-66), a few reviews
early or a second time the same day; ratings are random (Again, Hard, Good, Easy). After each
answer the fixture records what Anki stores: the card's type and queue, interval, due (a day, or
for intraday learning an instant), ease, lapses and memory state (stability, difficulty), and what
Anki offered for each of the four buttons before the answer (`buttons`: the step or interval and
the memory state).

Fuzz is off the way Anki's own tests turn it off (ANKI_TEST_MODE: no fuzz seed, so intervals are
rounded, not fuzzed), and the load balancer is off: hone is compared with `fuzz = false`.
ANKI_TEST_MODE also moves Anki's clock back two hours between 02:00 and 04:00 local time, which
no session here touches. The clock: libfaketime, preloaded, answers the engine's clock_gettime
with $FAKETIME (as in anki-collections.py).
"""

import datetime as dt
import json
import os
import random
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import anki_test_clock  # noqa: E402
import tempfile

START = dt.datetime(2026, 1, 5, 4, 0, tzinfo=dt.timezone.utc)  # day 0's start (Anki's 04:00 rollover)
DAYS = 150
SESSIONS = [dt.timedelta(hours=1), dt.timedelta(hours=8), dt.timedelta(hours=16, minutes=30)]  # 05:00 12:00 20:30
BREAK = range(60, 67)
LEARN_AHEAD = 20 * 60
CARDS_PER_DECK = 60
CUSTOM_WEIGHTS = [
    0.3127, 1.0854, 3.4761, 12.6212, 6.9115, 0.6427, 2.4118, 0.0213, 1.6544, 0.2311, 0.9137, 1.2271, 0.0872,
    0.3344, 1.9012, 0.4522, 2.2216, 0.6133, 0.2251, 0.1247, 0.2817,
]
# name, learning steps (minutes), relearning steps, weights ([] = Anki's default), desired retention,
# maximum interval, leech threshold, leeches suspended
DECKS = [
    ("steps-default", [1.0, 10.0], [10.0], [], 0.9, 36500, 8, False),
    ("steps-custom", [1.0, 10.0], [10.0], CUSTOM_WEIGHTS, 0.85, 36500, 8, False),
    ("nosteps-default", [], [], [], 0.9, 36500, 8, False),
    ("nosteps-custom", [], [], CUSTOM_WEIGHTS, 0.95, 36500, 8, False),
    ("interday-steps", [10.0, 1440.0], [10.0, 1440.0], CUSTOM_WEIGHTS, 0.8, 36500, 8, False),
    ("one-step-capped", [5.0], [], [], 0.95, 20, 3, True),
    ("relearning-steps-only", [], [10.0, 60.0], CUSTOM_WEIGHTS, 0.9, 36500, 4, False),
]


def reexec_with_fake_clock() -> None:
    anki_test_clock.reexec_with_fake_clock("anki-fsrs-answers", START)


class Sim:
    def __init__(self, path: str):
        from anki.collection import Collection

        self.set_clock(START)
        self.col = Collection(path)

    def set_clock(self, when: dt.datetime) -> None:
        self.now = when
        os.environ["FAKETIME"] = when.strftime("%Y-%m-%d %H:%M:%S")

    def epoch(self) -> int:
        return int(self.now.timestamp())

    def answer(self, cid: int, rating: int) -> list:
        """Answers the card; returns what Anki offered for each of the four buttons (`buttons`)."""
        from anki.scheduler.v3 import CardAnswer

        self.set_clock(self.now + dt.timedelta(seconds=5))
        states = self.col._backend.get_scheduling_states(cid)
        new_state = [states.again, states.hard, states.good, states.easy][rating - 1]
        self.col.sched.answer_card(CardAnswer(
            card_id=cid, current_state=states.current, new_state=new_state, rating=rating - 1,
            answered_at_millis=self.epoch() * 1000, milliseconds_taken=5000))
        self.set_clock(self.now + dt.timedelta(seconds=2))
        return buttons(states)


def short(x: float):
    """A 32-bit float in the fewest digits that read back to it."""
    x = struct.unpack("<f", struct.pack("<f", x))[0]
    for digits in range(1, 10):
        text = f"{x:.{digits}g}"
        if struct.unpack("<f", struct.pack("<f", float(text)))[0] == x:
            return float(text)
    raise AssertionError(x)


def buttons(states) -> list:
    """Each button's next state as Anki works it out before the answer: [seconds of the (re)learning
    step or null, days of the review interval (kept for after relearning) or null, stability,
    difficulty] (the memory state unrounded, as the engine computed it)."""
    result = []
    for state in (states.again, states.hard, states.good, states.easy):
        normal = state.normal
        kind = normal.WhichOneof("kind")
        if kind == "learning":
            secs, days, memory = normal.learning.scheduled_secs, None, normal.learning.memory_state
        elif kind == "review":
            secs, days, memory = None, normal.review.scheduled_days, normal.review.memory_state
        elif kind == "relearning":
            secs, days = normal.relearning.learning.scheduled_secs, normal.relearning.review.scheduled_days
            memory = normal.relearning.learning.memory_state
        else:
            raise SystemExit(f"anki-fsrs-answers: unexpected next state {kind}")
        result.append([secs, days, short(memory.stability), short(memory.difficulty)])
    return result


def set_up(sim: Sim) -> list:
    """The four decks with their presets and cards, FSRS on, the load balancer off. Returns
    (deck index, card id) for every card."""
    col = sim.col
    col.set_config("fsrs", True)
    col.load_balancer_enabled = False
    basic = col.models.by_name("Basic")
    cards = []
    for index, (name, learn, relearn, weights, retention, maximum, leech, suspend) in enumerate(DECKS):
        deck_id = col.decks.id(name)
        conf_id = col.decks.add_config_returning_id(name)
        conf = col.decks.get_config(conf_id)
        conf["new"]["delays"] = learn
        conf["lapse"]["delays"] = relearn
        conf["new"]["perDay"] = conf["rev"]["perDay"] = 9999
        conf["fsrsParams6"] = weights
        conf["desiredRetention"] = retention
        conf["rev"]["maxIvl"] = maximum
        conf["lapse"]["leechFails"] = leech
        conf["lapse"]["leechAction"] = 0 if suspend else 1  # Anki's LEECH_SUSPEND, LEECH_TAGONLY
        col.decks.update_config(conf)
        deck = col.decks.get(deck_id)
        deck["conf"] = conf_id
        col.decks.save(deck)
        for n in range(CARDS_PER_DECK):
            note = col.new_note(basic)
            note["Front"], note["Back"] = f"{name} {n}", "back"
            col.add_note(note, deck_id)
            cards.append((index, note.cards()[0].id))
    if not col.get_config("fsrs", False):
        raise SystemExit("anki-fsrs-answers: FSRS did not turn on")
    return cards


def rating_for(rng: random.Random, queue: int) -> int:
    weights = [20, 10, 60, 10] if queue in (0, 1, 3) else [12, 13, 60, 15]
    return rng.choices([1, 2, 3, 4], weights)[0]


def main() -> None:
    out = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(__file__), "..", "HoneCoreTests", "Fixtures", "anki-fsrs-answers.json"))
    reexec_with_fake_clock()
    import anki.buildinfo

    rng = random.Random(15_2_2)
    with tempfile.TemporaryDirectory() as work:
        sim = Sim(os.path.join(work, "collection.anki2"))
        cards = set_up(sim)
        start_day = {cid: rng.randint(0, 40) for _, cid in cards}
        records = {cid: [] for _, cid in cards}
        for day in range(DAYS):
            if day in BREAK:
                continue
            answered_today = set()
            for session, offset in enumerate(SESSIONS):
                sim.set_clock(START + dt.timedelta(days=day) + offset)
                order = list(cards)
                rng.shuffle(order)
                for _, cid in order:
                    card = sim.col.get_card(cid)
                    today = sim.col.sched.today
                    if card.queue == 0:
                        go = start_day[cid] == day and session == 0
                    elif card.queue == 1:
                        go = card.due <= sim.epoch() + LEARN_AHEAD and rng.random() < 0.85
                    elif card.queue == 3:
                        go = card.due <= today and rng.random() < 0.85
                    elif card.queue == 2:
                        if card.due <= today:
                            go = rng.random() < 0.6
                        elif cid in answered_today:
                            go = rng.random() < 0.05  # again the same day: 0 days elapsed
                        else:
                            go = rng.random() < 0.004  # early
                    else:
                        go = False
                    if not go:
                        continue
                    rating = rating_for(rng, card.queue)
                    offered = sim.answer(cid, rating)
                    answered_today.add(cid)
                    after = sim.col.get_card(cid)
                    memory = after.memory_state
                    records[cid].append([
                        sim.epoch() - 2, rating, today, after.type, after.queue, after.ivl, after.due, after.factor,
                        after.lapses, None if memory is None else round(memory.stability, 4),
                        None if memory is None else round(memory.difficulty, 3), offered])
        sim.col.close()
    document = {
        "generator": "Tests/Scripts/anki-fsrs-answers.py",
        "anki": anki.buildinfo.version,
        "fields": ["answered_at", "rating", "anki_today", "type", "queue", "ivl", "due", "factor", "lapses",
                   "stability", "difficulty", "buttons"],
        "decks": [{"name": name, "learningStepsMinutes": learn, "relearningStepsMinutes": relearn,
                   "weights": weights, "desiredRetention": retention, "maximumInterval": maximum,
                   "leechThreshold": leech, "leechSuspend": suspend}
                  for name, learn, relearn, weights, retention, maximum, leech, suspend in DECKS],
        "cards": [{"deck": deck, "answers": records[cid]} for deck, cid in cards if records[cid]],
    }
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w") as f:
        json.dump(document, f, separators=(",", ":"))
        f.write("\n")
    answers = sum(len(c["answers"]) for c in document["cards"])
    print(f"anki-fsrs-answers: {answers} answers to {len(document['cards'])} cards over {DAYS} days "
          f"(Anki {anki.buildinfo.version}) -> {out} ({os.path.getsize(out)} bytes)")


if __name__ == "__main__":
    main()
