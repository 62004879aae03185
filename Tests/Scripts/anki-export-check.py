"""The checks of Tests/Scripts/anki-export-check: hone's export read back by Anki's own library.

usage: anki-export-check.py HONE WORKDIR
"""

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
import time
import zipfile

import anki.lang
from anki.collection import (
    Collection, ExportAnkiPackageOptions, ImportAnkiPackageOptions, ImportAnkiPackageRequest)
from anki.utils import field_checksum, strip_html_media

HONE, WORK = sys.argv[1], sys.argv[2]
DECKS, DATA, HOME = f"{WORK}/decks", f"{WORK}/data", f"{WORK}/home"
ROLLOVER = 4  # hone's default [daily] rollover_hour
differences = []


def differ(what, expected, got):
    if expected != got:
        differences.append(f"{what}: expected {expected!r}, got {got!r}")


def hone(*arguments, stdin=None):
    environment = dict(os.environ, HOME=HOME, HONE_NO_CACHE="1", XDG_CONFIG_HOME=f"{HOME}/.config")
    result = subprocess.run(
        [HONE, *arguments, "--decks", DECKS, "--data", DATA],
        input=stdin, capture_output=True, text=True, env=environment)
    if result.returncode != 0:
        sys.exit(f"hone {' '.join(arguments)} failed ({result.returncode}):\n{result.stderr}")
    return result.stdout


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as file:
        file.write(text)


write(f"{DECKS}/lang/mixed.toml", """\
[deck]
name = "Mixed"

[[card]]
id = "b1"
q = "Is 1 < 2 & 3 > 2?"
a = "yes\\nof course"
hint = "compare"
explain = "both hold"
tags = ["math stuff", "logic"]

[[card]]
id = "rev"
q = "dog"
a = "perro"
reverse = true

[[card]]
id = "ty"
type = "typed"
q = "Capital of France?"
a = "Paris"

[[card]]
id = "cz"
type = "cloze"
text = "A {{c1::cat}} & a {{c2::dog::animal}} <3"

[[card]]
id = "ch"
type = "choice"
q = "Pick the second"
choices = ["alpha", "beta"]
answer = "beta"

[[card]]
id = "pr"
type = "practice"
prompt = "Greet someone"
rubric = ["smile", "say hello"]
example = "Hello <there>"

[[card]]
id = "late"
q = "Answered just before the day ended"
a = "its next step falls on the next day"
""")
# Not exported: the export names lang/mixed only.
write(f"{DECKS}/other.toml", '[[card]]\nid = "o1"\nq = "left out"\na = "yes"\n')

now = int(time.time())
day = 86400
# The start of today's learning day: a step answered just before it ends after it, so the card
# is due on a day (Anki's queue 3), not at an instant.
local = dt.datetime.fromtimestamp(now)
day_start = local.replace(hour=ROLLOVER, minute=0, second=0, microsecond=0)
if day_start > local:
    day_start -= dt.timedelta(days=1)
day_start = int(day_start.timestamp())


def iso(seconds):
    return dt.datetime.fromtimestamp(seconds).astimezone().isoformat(timespec="milliseconds")


# (card, seconds ago, rating, duration in ms): reviews, a lapse into relearning, a learning
# step, a long answer (capped at a minute), and two answers in the same millisecond.
answers = [
    ("lang/mixed/b1", 10 * day, "good", 5000),
    ("lang/mixed/b1", 10 * day - 700, "good", 3000),
    ("lang/mixed/b1", 9 * day, "good", 90000),
    ("lang/mixed/rev", 6 * day, "good", 2000),
    ("lang/mixed/rev", 6 * day - 660, "good", 2000),
    ("lang/mixed/rev", 10 * day, "again", 2000),
    ("lang/mixed/rev#r", 60, "good", 1000),
    ("lang/mixed/ty", 5 * day, "easy", 1000),
    ("lang/mixed/ty", 3600, "again", 1000),
    ("lang/mixed/cz#c1", 3 * day, "good", 1000),
    ("lang/mixed/cz#c1", 3 * day - 660, "good", 1000),
    ("lang/mixed/ch", 7200, "hard", 1000),
    ("lang/mixed/pr", 4 * day, "good", 1000),
    ("lang/mixed/pr", 4 * day - 700, "easy", 1000),
    ("lang/mixed/late", now - day_start + 300, "good", 1000),
    ("lang/mixed/cz#c1", 30, "again", 1000),  # taken back below
]
csv = "card,reviewed_at,rating,duration_ms\n" + "".join(
    f"{card},{iso(now - ago)},{rating},{duration}\n" for card, ago, rating, duration in answers)
write(f"{WORK}/log.csv", csv)
hone("log", "import", f"{WORK}/log.csv")
hone("undo")  # the last answer, cz#c1's
hone("suspend", "lang/mixed/ch")
hone("bury", "lang/mixed/pr")
states = {card["card"]: card for card in json.loads(hone("cards", "--json", "lang/mixed"))}
out = f"{WORK}/out.apkg"
hone("export", "anki", out, "lang/mixed", "--with-scheduling")
# hone's own export, imported back by hone, adds nothing: no review twice, and no set-state
# for a card Anki's fields cannot tell apart (a Hard on the first step keeps hone's step length).
own = hone("import", "anki", out)
differ("hone importing its own export",
       "imported 0 notes into 0 deck files (7 already there); 0 reviews and 0 card states into the log",
       own.splitlines()[0] if own else own)

# Anki's own text functions (strip_html_media) need a language set.
anki.lang.set_lang("en")
os.makedirs(f"{WORK}/anki")
col = Collection(f"{WORK}/anki/collection.anki2")

# --- the package as written -----------------------------------------------------------------
with zipfile.ZipFile(out) as archive:
    differ("package entries", ["collection.anki2", "media"], sorted(archive.namelist()))
    differ("media map", b"{}", archive.read("media"))
    archive.extract("collection.anki2", WORK)
written = sqlite3.connect(f"{WORK}/collection.anki2")
differ("collection version", 11, written.execute("select ver from col").fetchone()[0])
for guid, fields, sort_field, checksum in written.execute("select guid, flds, sfld, csum from notes"):
    first = fields.split("\x1f")[0]
    differ(f"{guid} sort field", strip_html_media(first), str(sort_field))
    differ(f"{guid} checksum", field_checksum(first), checksum)
written.close()

# --- imported by Anki -----------------------------------------------------------------------
col.import_anki_package(ImportAnkiPackageRequest(
    package_path=out, options=ImportAnkiPackageOptions(with_scheduling=True, with_deck_configs=False)))

notes = {col.get_note(nid).guid: col.get_note(nid) for nid in col.find_notes("")}
differ("notes", sorted(f"hone:lang/mixed/{i}" for i in ["b1", "rev", "ty", "cz", "ch", "pr", "late"]), sorted(notes))
expected_types = {
    "b1": "Basic", "rev": "Basic (and reversed card)", "ty": "Basic (type in the answer)", "cz": "Cloze",
    "ch": "Basic", "pr": "Basic",
}
for entry, name in expected_types.items():
    note = notes.get(f"hone:lang/mixed/{entry}")
    if note is None:
        continue
    # Anki adds a "+" to a note type whose name the collection already has.
    differ(f"{entry} note type", name, note.note_type()["name"].rstrip("+"))
expected_fields = {
    "b1": ["Is 1 &lt; 2 &amp; 3 &gt; 2?",
           'yes<br>of course<br><br><div class="hone-hint">Hint: compare</div>'
           '<div class="hone-explain">both hold</div>'],
    "rev": ["dog", "perro"],
    "ty": ["Capital of France?", "Paris"],
    "cz": ["A {{c1::cat}} &amp; a {{c2::dog::animal}} &lt;3", ""],
    "ch": ["Pick the second<br><br>1. alpha<br>2. beta", "beta"],
    "pr": ["Greet someone", "<ul><li>smile</li><li>say hello</li></ul><br><br>Example:<br>Hello &lt;there&gt;"],
}
for entry, fields in expected_fields.items():
    note = notes.get(f"hone:lang/mixed/{entry}")
    if note is not None:
        differ(f"{entry} fields", fields, list(note.fields))
if "hone:lang/mixed/b1" in notes:
    differ("b1 tags", ["logic", "math_stuff"], sorted(notes["hone:lang/mixed/b1"].tags))
differ("decks", ["Default", "lang", "lang::mixed"], sorted(d.name for d in col.decks.all_names_and_ids()))


def hone_key(card):
    note = card.note()
    key = note.guid.removeprefix("hone:")
    if note.note_type()["type"] == 1:
        return f"{key}#c{card.ord + 1}"
    return key + ("#r" if card.ord == 1 else "")


def learning_day(seconds):
    """The calendar date of hone's (and Anki's) learning day holding an instant."""
    return (dt.datetime.fromtimestamp(seconds) - dt.timedelta(hours=ROLLOVER)).date()


def instant(text):
    return int(dt.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp())


today = learning_day(now)
cards = [col.get_card(cid) for cid in col.find_cards("")]
differ("cards", sorted(states), sorted(hone_key(card) for card in cards))
phases = {"new": 0, "learning": 1, "review": 2, "relearning": 3}


def compare(states, cards, label, exported=True):
    """Each Anki card against hone's `cards --json` entry for it."""
    for card in cards:
        key = hone_key(card)
        state = states.get(key)
        if state is None:
            differences.append(f"{label}: {key} is not among hone's cards")
            continue
        differ(f"{label} {key} type", phases[state["state"]], card.type)
        if exported:
            queue = {0: 0, 1: 1, 2: 2, 3: 1}[phases[state["state"]]]
            if key == "lang/mixed/late":
                queue = 3
            if state["suspended"]:
                queue = -1
            elif key == "lang/mixed/pr":
                queue = -3
            differ(f"{label} {key} queue", queue, card.queue)
        else:
            differ(f"{label} {key} suspended", card.queue == -1, state["suspended"])
            differ(f"{label} {key} buried", card.queue in (-2, -3), state["buried"])
        if state["due"] is not None:
            due = instant(state["due"])
            if card.type in (1, 3) and card.queue != 3 and card.due > 1_000_000_000:
                differ(f"{label} {key} due (instant)", due, card.due)
            else:
                anki_day = today + dt.timedelta(days=card.due - col.sched.today)
                differ(f"{label} {key} due day", learning_day(due), anki_day)
        elif card.type != 0:
            differences.append(f"{label}: {key} has no due in hone, Anki's is {card.due}")
        differ(f"{label} {key} interval", state["interval"], card.ivl)
        differ(f"{label} {key} ease", round(state["ease"] * 1000), card.factor)
        differ(f"{label} {key} reps", state["reps"], card.reps)
        differ(f"{label} {key} lapses", state["lapses"], card.lapses)


compare(states, cards, "exported")

# Every answer but the one taken back, at its time (the second of two in one millisecond
# a millisecond later), on its card, with its button.
buttons = {"again": 1, "hard": 2, "good": 3, "easy": 4}
expected_log = []
for card, ago, rating, _ in answers[:-1]:
    milliseconds = (now - ago) * 1000
    while milliseconds in [row[0] for row in expected_log]:
        milliseconds += 1
    expected_log.append((milliseconds, card, buttons[rating]))
keys = {card.id: hone_key(card) for card in cards}
got_log = [(rid, keys.get(cid, cid), ease) for rid, cid, ease in col.db.all("select id, cid, ease from revlog")]
differ("review log", sorted(expected_log), sorted(got_log))
differ("longest answer time", 60000, col.db.scalar("select max(time) from revlog"))

# Anki's own database check finds nothing to mend, and changes no card.
before = col.db.all("select id, type, queue, due, ivl, factor, reps, lapses, left from cards order by id")
message, _ = col.fix_integrity()
problems = [line for line in message.splitlines() if line and line != "Database rebuilt and optimized."]
differ("database check", [], problems)
differ("cards after the database check", before,
       col.db.all("select id, type, queue, due, ivl, factor, reps, lapses, left from cards order by id"))

# --- the round trip: reviewed in Anki, exported from Anki, imported back by hone ------------
# Practise on a phone, continue in the terminal: the reviews made in Anki come back once, the
# ones hone exported are not counted twice, and every card stands where Anki has it.
by_key = {hone_key(card): card for card in cards}
for key, ease in [("lang/mixed/b1", 3), ("lang/mixed/rev", 1), ("lang/mixed/ty", 4), ("lang/mixed/rev#r", 3)]:
    by_key[key].start_timer()
    col.sched.answerCard(by_key[key], ease)
col.sched.set_due_date([by_key["lang/mixed/cz#c1"].id], "9")
col.sched.suspend_cards([by_key["lang/mixed/late"].id])
anki_reviews = col.db.scalar("select count() from revlog where ease > 0")
back = f"{WORK}/back.apkg"
col.export_anki_package(
    out_path=back, limit=None,
    options=ExportAnkiPackageOptions(with_scheduling=True, with_deck_configs=True, with_media=False, legacy=False))
imported = hone("import", "anki", back)
if "imported 0 notes" not in imported:
    differences.append(f"the round trip wrote notes instead of mapping them onto hone's cards: {imported!r}")
log = [line for line in hone("log", "export").splitlines()[1:]]
answer_rows = [line for line in log if line.split(",")[3] in buttons]
# hone's log also keeps the answer taken back by undo, which the export left out.
differ("answers in hone's log after the round trip", anki_reviews + 1, len(answer_rows))
back_states = {card["card"]: card for card in json.loads(hone("cards", "--json", "lang/mixed"))}
cards = [col.get_card(cid) for cid in col.find_cards("")]
compare(back_states, cards, "round trip", exported=False)
again = hone("import", "anki", back)
differ("a second import of the round trip adds", "0 reviews and 0 card states",
       "0 reviews and 0 card states" if "0 reviews and 0 card states" in again else again.strip())
col.close()

if differences:
    print("anki-export-check: Anki reads hone's export differently:", file=sys.stderr)
    for difference in differences:
        print("  " + difference, file=sys.stderr)
    sys.exit(1)
print(f"anki-export-check: ok ({len(notes)} notes, {len(cards)} cards, {len(got_log)} reviews, as hone has them; "
      f"back from Anki with {anki_reviews - len(got_log)} reviews made there, every card as Anki has it)")
