"""A year of a simulated learner under hone's schedulers and Anki's FSRS mode (issue #15, item 2).

    VENV/bin/python Tests/Scripts/fsrs-learner.py --hone PATH [--cards N] [--days N] [--json FILE]

VENV is Tests/Benchmarks/work/anki-venv with `fsrs-rs-python` and `libfaketime`
(Tests/Scripts/fsrs-learner-check makes it and builds hone). The learner is FSRS-6 itself with
its default weights, as fsrs-rs's simulator models one: every card has a true memory state,
updated at each answer by fsrs-rs's `next_states`; a review is recalled with the true
retrievability after the (fractional) days since the last answer, and then rated Hard, Good or
Easy with fsrs-rs's default review-rating probabilities; a new card's first rating follows its
default first-rating probabilities. Each card draws from its own seeded stream, so the learner
answers a card the same way under any scheduler that shows it at the same moments.

N cards (default 1,000), 20 new a day, one session a day at 09:00 UTC for D days (default 365):
the learner answers, card after card 5 s apart, every review due today and every learning card
due within the 20-minute learn-ahead, until none is left. Schedulers (fuzz off everywhere):

- `anki-fsrs`: Anki 26.9.3's own scheduler in FSRS mode (steps 1m 10m / 10m, desired retention
  0.9, load balancer off), on a simulated clock (libfaketime), as anki-fsrs-answers.py drives it;
- `hone-fsrs`: hone with `preset = "fsrs"`, the same settings, through its command line: each
  round of answers is written as a CSV and merged with `hone log import`, and the cards' due
  times are read back with `hone cards --json`;
- `hone-fsrs-0.85`: the same at desired retention 0.85;
- `hone-anki`: hone's `anki` preset (SM-2, Anki's defaults).

Prints, per scheduler, the answers given, the reviews, the lapses, and the knowledge at the
end (the sum over the cards of the true probability of recall then, and its mean per day over
the year), then checks (exit 1 when one fails): hone-fsrs and anki-fsrs gave the same answers at
the same moments with the same stored outcome (stability, difficulty, interval, due), and
hone-fsrs-0.85 needed at least 15% fewer answers than hone-anki with at least 96% of its
knowledge.
"""

import argparse
import csv
import datetime as dt
import io
import json
import os
import random
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import anki_test_clock  # noqa: E402
import tempfile

START = dt.datetime(2026, 1, 5, 4, 0, tzinfo=dt.timezone.utc)  # day 0 starts at Anki's 04:00 rollover
SESSION = dt.timedelta(hours=5)  # 09:00
LEARN_AHEAD = 20 * 60
NEW_PER_DAY = 20
# fsrs-rs's default simulator: first ratings (Again..Easy), review ratings after a recall (Hard..Easy).
FIRST_RATING = [0.24, 0.094, 0.495, 0.171]
REVIEW_RATING = [0.224, 0.631, 0.145]


def reexec_with_fake_clock() -> None:
    anki_test_clock.reexec_with_fake_clock("fsrs-learner", START)


def day_of(epoch: int) -> int:
    return (epoch - int(START.timestamp())) // 86400


class Learner:
    """FSRS-6 as the truth: each card's memory state and its own random stream."""

    def __init__(self, cards: int):
        import fsrs_rs_python as fsrs

        self.fsrs = fsrs
        self.model = fsrs.FSRS(list(fsrs.DEFAULT_PARAMETERS))
        self.decay = -fsrs.DEFAULT_PARAMETERS[20]
        self.factor = 0.9 ** (1 / self.decay) - 1
        self.state = [None] * cards  # fsrs MemoryState
        self.last = [None] * cards  # epoch of the last answer
        self.answers = [0] * cards

    def rng(self, card: int) -> random.Random:
        return random.Random(card * 1_000_003 + self.answers[card])

    def recall(self, card: int, now: int) -> float:
        state, last = self.state[card], self.last[card]
        if state is None:
            return 0.0
        days = max(now - last, 0) / 86400
        return (1 + self.factor * days / state.stability) ** self.decay

    def answer(self, card: int, now: int) -> int:
        rng = self.rng(card)
        if self.state[card] is None:
            rating = rng.choices([1, 2, 3, 4], FIRST_RATING)[0]
        elif rng.random() < self.recall(card, now):
            rating = rng.choices([2, 3, 4], REVIEW_RATING)[0]
        else:
            rating = 1
        days = 0 if self.last[card] is None else day_of(now) - day_of(self.last[card])
        nexts = self.model.next_states(self.state[card], 0.9, days)
        self.state[card] = [nexts.again, nexts.hard, nexts.good, nexts.easy][rating - 1].memory
        self.last[card] = now
        self.answers[card] += 1
        return rating


class HoneScheduler:
    """hone through its command line: answers merged with `hone log import`, due times read with
    `hone cards --json`."""

    def __init__(self, name: str, hone: str, work: str, cards: int, preset: str, retention: float):
        self.name, self.hone = name, hone
        self.root = os.path.join(work, name)
        self.decks, self.data = os.path.join(self.root, "decks"), os.path.join(self.root, "data")
        os.makedirs(self.decks)
        os.makedirs(self.data)
        self.config = os.path.join(self.root, "config.toml")
        with open(self.config, "w") as f:
            f.write(f'[scheduler]\npreset = "{preset}"\nfuzz = false\ndesired_retention = {retention}\n'
                    '[daily]\nnew_per_day = 9999\nreviews_per_day = 99999\n')
        with open(os.path.join(self.decks, "sim.toml"), "w") as f:
            f.write('[deck]\nid = "sim"\nname = "Simulated"\n')
            for card in range(cards):
                f.write(f'\n[[card]]\nid = "c{card:05d}"\nq = "Question {card}"\na = "Answer {card}"\n')
        self.env = {"PATH": "/usr/bin:/bin", "HOME": self.root, "LANG": "C.UTF-8", "TZ": "UTC",
                    "XDG_CACHE_HOME": os.path.join(self.root, "cache")}
        self.pending = []
        self.states = {}
        self.calls = 0

    def run(self, *args: str, now: int) -> str:
        self.calls += 1
        iso = dt.datetime.fromtimestamp(now, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        done = subprocess.run([self.hone, *args, "--decks", self.decks, "--data", self.data, "--config", self.config,
                               "--now", iso], capture_output=True, text=True, env=self.env)
        if done.returncode != 0:
            raise SystemExit(f"fsrs-learner: {self.name}: hone {' '.join(args)} failed: {done.stderr}")
        return done.stdout

    def answer(self, card: int, rating: int, at: int) -> None:
        self.pending.append((card, rating, at))

    def flush(self, now: int) -> None:
        """Merges the answers given since the last round, then reads every card's state."""
        if self.pending:
            out = io.StringIO()
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(["card", "reviewed_at", "rating"])
            words = {1: "again", 2: "hard", 3: "good", 4: "easy"}
            for card, rating, at in self.pending:
                iso = dt.datetime.fromtimestamp(at, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
                writer.writerow([f"sim/c{card:05d}", iso, words[rating]])
            path = os.path.join(self.root, "round.csv")
            with open(path, "w") as f:
                f.write(out.getvalue())
            self.run("log", "import", path, now=now)
            self.pending = []
        self.states = {}
        for row in json.loads(self.run("cards", "--json", now=now)):
            card = int(row["card"].split("/c")[1])
            self.states[card] = row

    def due(self, card: int, now: int) -> bool:
        row = self.states.get(card)
        if row is None or row["state"] == "new" or row["suspended"]:
            return False
        due = int(dt.datetime.fromisoformat(row["due"]).timestamp())
        if row["state"] in ("learning", "relearning"):
            return due <= now + LEARN_AHEAD
        return day_of(due) <= day_of(now)

    def outcome(self, card: int) -> tuple:
        row = self.states[card]
        return (row["state"], row["interval"], row["due"], round(row["ease"] * 1000),
                None if row["stability"] is None else round(row["stability"], 4),
                None if row["difficulty"] is None else round(row["difficulty"], 3))


class AnkiScheduler:
    """Anki's own scheduler in FSRS mode on the simulated clock."""

    def __init__(self, name: str, work: str, cards: int, retention: float):
        from anki.collection import Collection

        self.name = name
        self.set_clock(int(START.timestamp()))
        self.col = Collection(os.path.join(work, f"{name}.anki2"))
        self.col.set_config("fsrs", True)
        self.col.load_balancer_enabled = False
        deck_id = self.col.decks.id("sim")
        conf_id = self.col.decks.add_config_returning_id("sim")
        conf = self.col.decks.get_config(conf_id)
        conf["new"]["delays"], conf["lapse"]["delays"] = [1.0, 10.0], [10.0]
        conf["desiredRetention"] = retention
        self.col.decks.update_config(conf)
        deck = self.col.decks.get(deck_id)
        deck["conf"] = conf_id
        self.col.decks.save(deck)
        basic = self.col.models.by_name("Basic")
        self.ids = []
        for card in range(cards):
            note = self.col.new_note(basic)
            note["Front"], note["Back"] = f"Question {card}", f"Answer {card}"
            self.col.add_note(note, deck_id)
            self.ids.append(note.cards()[0].id)

    def set_clock(self, epoch: int) -> None:
        os.environ["FAKETIME"] = dt.datetime.fromtimestamp(epoch, dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S")

    def answer(self, card: int, rating: int, at: int) -> None:
        from anki.scheduler.v3 import CardAnswer

        cid = self.ids[card]
        self.set_clock(at)
        states = self.col._backend.get_scheduling_states(cid)
        new_state = [states.again, states.hard, states.good, states.easy][rating - 1]
        self.col.sched.answer_card(CardAnswer(card_id=cid, current_state=states.current, new_state=new_state,
                                              rating=rating - 1, answered_at_millis=at * 1000,
                                              milliseconds_taken=5000))

    def flush(self, now: int) -> None:
        self.set_clock(now)

    def due(self, card: int, now: int) -> bool:
        c = self.col.get_card(self.ids[card])
        if c.queue == 1:
            return c.due <= now + LEARN_AHEAD
        if c.queue in (2, 3):
            return c.due <= day_of(now)
        return False

    def outcome(self, card: int) -> tuple:
        c = self.col.get_card(self.ids[card])
        state = {0: "new", 1: "learning", 2: "review", 3: "relearning"}[c.type]
        if c.queue == 1:
            due = dt.datetime.fromtimestamp(c.due, dt.timezone.utc)
        else:
            due = START + dt.timedelta(days=c.due)
        memory = c.memory_state
        return (state, c.ivl, due.isoformat().replace("+00:00", "Z"), c.factor,
                None if memory is None else round(memory.stability, 4),
                None if memory is None else round(memory.difficulty, 3))


def simulate(scheduler, cards: int, days: int) -> dict:
    learner = Learner(cards)
    log = []  # (card, rating, at, outcome)
    knowledge_by_day = []
    for day in range(days):
        now = int((START + dt.timedelta(days=day) + SESSION).timestamp())
        scheduler.flush(now)
        knowledge_by_day.append(sum(learner.recall(card, now) for card in range(cards)))
        new = [card for card in range(day * NEW_PER_DAY, min((day + 1) * NEW_PER_DAY, cards))]
        while True:
            due = [card for card in range(cards) if scheduler.due(card, now)] + new
            new = []
            if not due:
                break
            for card in due:
                now += 5
                rating = learner.answer(card, now)
                scheduler.answer(card, rating, now)
                log.append((card, rating, now))
            now += 5
            scheduler.flush(now)
    end = int((START + dt.timedelta(days=days) + SESSION).timestamp())
    ratings = [rating for _, rating, _ in log]
    return {
        "answers": len(log),
        "lapses": sum(1 for _, rating, _ in log if rating == 1),
        "knowledge_end": sum(learner.recall(card, end) for card in range(cards)),
        "knowledge_mean": sum(knowledge_by_day) / len(knowledge_by_day),
        "ratings": [ratings.count(r) for r in (1, 2, 3, 4)],
        "log": log,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--hone", required=True)
    parser.add_argument("--cards", type=int, default=1000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--json")
    args = parser.parse_args()
    hone = os.path.abspath(args.hone)
    reexec_with_fake_clock()
    results = {}
    with tempfile.TemporaryDirectory() as work:
        runs = [
            ("anki-fsrs", lambda: AnkiScheduler("anki-fsrs", work, args.cards, 0.9)),
            ("hone-fsrs", lambda: HoneScheduler("hone-fsrs", hone, work, args.cards, "fsrs", 0.9)),
            ("hone-fsrs-0.85", lambda: HoneScheduler("hone-fsrs-0.85", hone, work, args.cards, "fsrs", 0.85)),
            ("hone-anki", lambda: HoneScheduler("hone-anki", hone, work, args.cards, "anki", 0.9)),
        ]
        for name, make in runs:
            scheduler = make()
            results[name] = simulate(scheduler, args.cards, args.days)
            results[name]["final"] = [scheduler.outcome(card) for card in range(args.cards)]
            r = results[name]
            print(f"{name:15} {r['answers']:7} answers, {r['lapses']:6} again, knowledge at the end "
                  f"{r['knowledge_end']:7.1f} of {args.cards}, mean over the days {r['knowledge_mean']:7.1f}",
                  flush=True)
    problems = []
    a, h = results["anki-fsrs"], results["hone-fsrs"]
    same = sum(1 for x, y in zip(a["log"], h["log"]) if x == y)
    print(f"hone-fsrs against anki-fsrs: {same} of {len(a['log'])} answers the same (card, rating, moment)")
    if a["log"] != h["log"]:
        pairs = enumerate(zip(a["log"], h["log"]))
        first = next((i for i, (x, y) in pairs if x != y), min(len(a["log"]), len(h["log"])))
        problems.append(f"hone-fsrs and anki-fsrs part at answer {first} (of {len(a['log'])} and {len(h['log'])})")
    final_same = sum(1 for x, y in zip(a["final"], h["final"]) if x == y)
    print(f"hone-fsrs against anki-fsrs: {final_same} of {args.cards} cards end in the same state "
          "(phase, interval, due, ease, stability, difficulty)")
    if final_same != args.cards:
        diff = [(i, x, y) for i, (x, y) in enumerate(zip(a["final"], h["final"])) if x != y][:5]
        problems.append(f"final states differ: {diff}")
    f85, sm2 = results["hone-fsrs-0.85"], results["hone-anki"]
    saved = 1 - f85["answers"] / sm2["answers"]
    kept = f85["knowledge_end"] / sm2["knowledge_end"]
    kept_mean = f85["knowledge_mean"] / sm2["knowledge_mean"]
    print(f"hone fsrs at 0.85 against hone anki (SM-2): {saved:.1%} fewer answers, knowledge at the end "
          f"{kept:.1%} of SM-2's (mean over the days {kept_mean:.1%})")
    if saved < 0.15:
        problems.append(f"fsrs at 0.85 saves {saved:.1%} of SM-2's answers, under 15%")
    if kept < 0.96:
        problems.append(f"fsrs at 0.85 keeps {kept:.1%} of SM-2's knowledge, under 96%")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({name: {k: v for k, v in r.items() if k not in ("log", "final")} for name, r in results.items()},
                      f, indent=1)
    for problem in problems:
        print(f"fsrs-learner: FAILED: {problem}", file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
