"""Reference cases for hone's FSRS model (issue #15, item 2), computed by fsrs-rs itself through
its Python binding, for Tests/HoneCoreTests/FSRSReferenceTests.swift.

    VENV/bin/python Tests/Scripts/fsrs-references.py [OUT]

VENV is Tests/Benchmarks/work/anki-venv with `fsrs-rs-python==0.9.3` (Tests/Scripts/fsrs-check
makes it). OUT defaults to Tests/HoneCoreTests/Fixtures/fsrs-next-states.json. Deterministic: the
cases come from a seeded generator, so running it again writes the same file.

The cases: the default weights and random weights inside the ranges fsrs-rs clips them to (and
four sets at the end: FSRS-5's 19 and FSRS-4.5's 17 default weights, which fsrs-rs fills up,
weights outside the ranges, which it clips, and random 19 weights); for each, a first answer (no memory state) and random stored states (stability and difficulty as
Anki rounds them) answered after 0 days (FSRS-6's same-day formula), a few days, about the
stability, and years; desired retentions from 0.70 to 0.99. Each case holds `next_states`'s four
memory states and intervals. Then `memory_state_from_sm2` for random eases, intervals and
retentions (null where fsrs-rs refuses). Numbers are 32-bit floats written in the fewest digits
that read back to the same float.
"""

import json
import math
import os
import random
import struct
import sys

import fsrs_rs_python as fsrs

VERSION = "0.9.3"
WEIGHT_SETS = 40
CASES_PER_SET = 55
SM2_CASES = 500
# fsrs-rs's clip_parameters ranges (one relearning step), the weights each random set is drawn from.
RANGES = [
    (0.001, 100), (0.001, 100), (0.001, 100), (0.001, 100), (1, 10), (0.001, 4), (0.001, 4), (0.001, 0.75),
    (0, 4.5), (0, 0.8), (0.001, 3.5), (0.001, 5), (0.001, 0.25), (0.001, 0.9), (0, 4), (0, 1), (1, 6),
    (0, 2), (0, 2), (0, 0.8), (0.1, 0.8),
]


def f32(x: float) -> float:
    return struct.unpack("<f", struct.pack("<f", x))[0]


def short(x: float):
    """The float32 `x` in the fewest significant digits that read back to it (as JSON)."""
    x = f32(x)
    if not math.isfinite(x):
        raise ValueError(f"not finite: {x}")
    for digits in range(1, 10):
        text = f"{x:.{digits}g}"
        if f32(float(text)) == x:
            value = float(text)
            return int(value) if value.is_integer() and abs(value) < 2**53 else value
    raise AssertionError(x)


def random_weights(rng: random.Random) -> list:
    # Initial stabilities increasing, as the optimizer keeps them; the rest anywhere in range,
    # mostly away from the edges.
    w = [f32(rng.uniform(lo, hi)) for lo, hi in RANGES]
    w[0:4] = sorted(f32(math.exp(rng.uniform(math.log(0.01), math.log(100)))) for _ in range(4))
    return w


def random_state(rng: random.Random) -> tuple:
    stability = round(math.exp(rng.uniform(math.log(0.001), math.log(36500))), 4)
    difficulty = round(rng.uniform(1, 10), 3)
    return f32(max(stability, 0.001)), f32(difficulty)


def random_days(rng: random.Random, stability: float) -> int:
    kind = rng.random()
    if kind < 0.25:
        return 0
    if kind < 0.5:
        return rng.randint(1, 10)
    if kind < 0.85:
        return max(1, round(stability * math.exp(rng.uniform(-2, 1.5))))
    return rng.randint(1, 4000)


# Weights as Anki may hold them: FSRS-5's 19 and FSRS-4.5's 17 (defaults of fsrs-rs 2 and 1; filled
# up by fsrs-rs), and weights outside the ranges (clipped).
FSRS5 = [0.40255, 1.18385, 3.173, 15.69105, 7.1949, 0.5345, 1.4604, 0.0046, 1.54575, 0.1192, 1.01925, 1.9395, 0.11,
         0.29605, 2.2698, 0.2315, 2.9898, 0.51655, 0.6621]
FSRS45 = [0.4872, 1.4003, 3.7145, 13.8206, 5.1618, 1.2298, 0.8975, 0.031, 1.6474, 0.1367, 1.0461, 2.1072, 0.0793,
          0.3246, 1.587, 0.2272, 2.8755]
OUT_OF_RANGE = [150, -1, 2.3, 8.2, 11, 0.8, 3, 0.9, 1.8, 0.16, 0.7, 1.4, 0.06, 0.26, 1.6, 1.5, 0.5, 0.5, 0.09, 0.06,
                0.05]


def cases_for(model, rng: random.Random) -> list:
    cases = []
    for case in range(CASES_PER_SET):
        state = None if case < 3 else random_state(rng)
        days = rng.choice([0, 1, 5]) if state is None else min(random_days(rng, state[0]), 100_000)
        retention = f32(round(rng.uniform(0.7, 0.99), 2))
        memory = None if state is None else fsrs.MemoryState(state[0], state[1])
        nexts = model.next_states(memory, retention, days)
        answers = [nexts.again, nexts.hard, nexts.good, nexts.easy]
        cases.append({
            "state": None if state is None else [short(state[0]), short(state[1])],
            "days": days,
            "retention": short(retention),
            "next": [[short(a.memory.stability), short(a.memory.difficulty), short(a.interval)] for a in answers],
        })
    return cases


def main() -> None:
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(__file__), "..", "HoneCoreTests", "Fixtures", "fsrs-next-states.json")
    rng = random.Random(15_2)
    sets = []
    for index in range(WEIGHT_SETS):
        weights = [f32(w) for w in fsrs.DEFAULT_PARAMETERS] if index == 0 else random_weights(rng)
        cases = cases_for(fsrs.FSRS(weights), rng)
        sets.append({"weights": [short(w) for w in weights], "cases": cases})
    sm2 = []
    for case in range(SM2_CASES):
        weights = sets[case % WEIGHT_SETS]["weights"]
        model = fsrs.FSRS(weights)
        ease = f32(round(rng.uniform(1.3, 5.0), 3))
        interval = f32(rng.choice([0.0, 1.0, float(rng.randint(1, 30)), float(rng.randint(1, 20_000))]))
        retention = f32(round(rng.uniform(0.7, 0.98), 2))
        try:
            state = model.memory_state_from_sm2(ease, interval, retention)
            result = [short(state.stability), short(state.difficulty)]
        except Exception:
            result = None
        sm2.append({"set": case % WEIGHT_SETS, "ease": short(ease), "interval": short(interval),
                    "retention": short(retention), "state": result})
    extra = random.Random(15_3)
    for weights in (FSRS5, FSRS45, OUT_OF_RANGE, random_weights(extra)[:19]):
        weights = [f32(w) for w in weights]
        sets.append({"weights": [short(w) for w in weights], "cases": cases_for(fsrs.FSRS(weights), extra)})
    document = {
        "generator": "Tests/Scripts/fsrs-references.py",
        "fsrs_rs_python": VERSION,
        "sets": sets,
        "sm2": sm2,
    }
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "w") as f:
        json.dump(document, f, separators=(",", ":"))
        f.write("\n")
    count = sum(len(s["cases"]) for s in sets)
    print(f"fsrs-references: {count} next_states cases ({len(sets)} weight sets), {len(sm2)} memory_state_from_sm2 "
          f"cases -> {out} ({os.path.getsize(out)} bytes)")


if __name__ == "__main__":
    main()
