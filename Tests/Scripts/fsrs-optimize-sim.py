# Simulated learners for fsrs-optimize-check and bench-optimize: cards answered by a learner
# whose memory follows FSRS-6 with known weights, written as a CSV `hone log import` reads, and
# the same history as fsrs-rs's FSRSItems (built as Anki builds them: a card's answers from its
# first, days counted between learning days, an item at each answer on a later day than the one
# before). usage: imported as a module (see simulate, write_csv, items_of).
import datetime as dt
import math
import random

# A learner unlike the defaults, so that fitting has something to find.
TRUE_WEIGHTS = [0.45, 1.9, 3.6, 11.5, 6.7, 0.62, 2.3, 0.015, 1.65, 0.13, 0.9, 1.7, 0.08, 0.32, 1.45, 0.5, 2.1,
                0.6, 0.2, 0.1, 0.22]
ROLLOVER_HOUR = 4
DAY = 86_400
START = int(dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc).timestamp())


class Memory:
    """FSRS-6's formulas (fsrs-rs model.rs), in double precision: the simulated learner."""

    def __init__(self, w):
        self.w = w
        self.decay = -w[20]
        self.factor = 0.9 ** (1 / self.decay) - 1

    def clamp_s(self, s):
        return min(max(s, 0.001), 36500.0)

    def clamp_d(self, d):
        return min(max(d, 1.0), 10.0)

    def init_d(self, g):
        return self.w[4] - math.exp(self.w[5] * (g - 1)) + 1

    def r(self, t, s):
        return (1 + self.factor * t / s) ** self.decay

    def step(self, state, g, t):
        w = self.w
        if state is None:
            return (self.clamp_s(w[g - 1]), self.clamp_d(self.init_d(g)))
        s, d = state
        if t == 0:
            inc = math.exp(w[17] * (g - 3 + w[18])) * s ** -w[19]
            new_s = s * (max(inc, 1) if g >= 2 else inc)
        elif g == 1:
            r = self.r(t, s)
            new_s = min(w[11] * d ** -w[12] * ((s + 1) ** w[13] - 1) * math.exp((1 - r) * w[14]),
                        s / math.exp(w[17] * w[18]))
        else:
            r = self.r(t, s)
            bonus = (w[15] if g == 2 else 1) * (w[16] if g == 4 else 1)
            new_s = s * (math.exp(w[8]) * (11 - d) * s ** -w[9] * (math.exp((1 - r) * w[10]) - 1) * bonus + 1)
        damped = d + (10 - d) * (-w[6] * (g - 3)) / 9
        new_d = w[7] * (self.init_d(4) - damped) + damped
        return (self.clamp_s(new_s), self.clamp_d(new_d))


def simulate(cards, days, seed, weights=TRUE_WEIGHTS):
    """[(card, seconds, rating)] in time order: each card first met on a day of the first
    80%, learnt that day, then reviewed when due at 90% (intervals spread ±20%, some late),
    a lapse relearnt the same day."""
    rng = random.Random(seed)
    memory = Memory(weights)
    answers = []
    for card in range(cards):
        day = rng.randrange(int(days * 0.8))
        clock = START + day * DAY + (ROLLOVER_HOUR + 5 + rng.randrange(12)) * 3600 + rng.randrange(3600)
        first = rng.choices([1, 2, 3, 4], [0.25, 0.1, 0.55, 0.1])[0]
        state = memory.step(None, first, 0)
        answers.append((card, clock, first))
        # Learning steps the same day: Good until it is learnt.
        for _ in range({1: 2, 2: 1, 3: 1, 4: 0}[first]):
            clock += 600 + rng.randrange(300)
            state = memory.step(state, 3, 0)
            answers.append((card, clock, 3))
        last_day = day
        while True:
            interval = max(1, round(state[0] * rng.uniform(0.8, 1.2)))
            if rng.random() < 0.1:
                interval += rng.randrange(1, 2 + interval // 2)  # late
            day = last_day + interval
            if day >= days:
                break
            clock = START + day * DAY + (ROLLOVER_HOUR + 5 + rng.randrange(12)) * 3600 + rng.randrange(3600)
            t = day - last_day
            recalled = rng.random() < memory.r(t, state[0])
            rating = rng.choices([2, 3, 4], [0.15, 0.75, 0.1])[0] if recalled else 1
            state = memory.step(state, rating, t)
            answers.append((card, clock, rating))
            if rating == 1:
                clock += 600 + rng.randrange(300)
                state = memory.step(state, 3, 0)
                answers.append((card, clock, 3))
            last_day = day
    answers.sort(key=lambda a: (a[1], a[0]))
    return answers


RATING_WORDS = {1: "again", 2: "hard", 3: "good", 4: "easy"}


def write_csv(answers, path):
    with open(path, "w") as out:
        out.write("card,reviewed_at,rating,duration_ms\n")
        for card, seconds, rating in answers:
            at = dt.datetime.fromtimestamp(seconds, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+00:00")
            out.write(f"sim/c{card},{at},{RATING_WORDS[rating]},5000\n")


def learning_day(seconds):
    return (seconds - ROLLOVER_HOUR * 3600) // DAY


def items_of(answers):
    """Anki's training items (fsrs_items_for_training) for a log where every card starts new:
    (time, card, [(rating, delta_t)...]) sorted by the time of the answer each predicts."""
    by_card = {}
    for card, seconds, rating in answers:
        by_card.setdefault(card, []).append((seconds, rating))
    items = []
    for card, history in by_card.items():
        history.sort()
        reviews = []
        previous = None
        for index, (seconds, rating) in enumerate(history):
            today = learning_day(seconds)
            delta = 0 if previous is None else today - previous
            previous = today
            reviews.append((rating, delta))
            if index >= 1 and delta > 0:
                items.append((seconds, card, list(reviews)))
    items.sort(key=lambda item: (item[0], f"sim/c{item[1]}"))  # as hone orders them: time, then card key
    return items
