"""Scripted Anki collections, reviewed by Anki's own library on a simulated clock, for checking
`hone import anki` against what Anki reports (issue #14, items 4 and 7).

    VENV/bin/python Tests/Scripts/anki-collections.py OUT_DIR [--tz ZONE]

VENV is Tests/Benchmarks/work/anki-venv (Tests/Benchmarks/anki-env makes it) with the `libfaketime`
package added (Tests/Scripts/anki-import-check installs it). Writes

    OUT_DIR/first/{current.apkg, legacy.apkg, current.colpkg, legacy.colpkg, expected.json}
    OUT_DIR/newer/{...the same...}

`first` is the collection at its export moment (day 40, 10:02), `newer` the same collection
reviewed on for seven more days (and one note added), exported again: importing it after `first`
must add exactly its new answers. expected.json holds, for every card, Anki's own view at the
export moment (see `card_view`), and for `newer` the answers added since `first`.

Why a simulated clock: the v3 scheduler reads the real clock (Rust's SystemTime, through libc's
clock_gettime) for "today", for a learning card's due time and for ids, and has no setting for
it. libfaketime, preloaded into this process, answers clock_gettime with the time this script
sets in $FAKETIME (re-read on every call: FAKETIME_NO_CACHE), so every answer goes through
Anki's own scheduler (fuzz included, as by default) on the day and at the minute the plan says,
and its revlog id is that minute. The time is frozen between settings; `Sim.tick` moves it.

Days are Anki's learning days, counted from the collection's creation: day 0 is 2026-01-05, a
day starts at Anki's default rollover, 04:00 in --tz (default UTC, as hone is run by the check).
Every card is reached through the scheduler as a user would: each day's session answers what
Anki has due (learning cards up to its 20-minute learn-ahead), new cards are started on the
days the plan names, and each card's ratings follow its script (Good once the script is done).
Day 40 ends in the states the check needs: intraday learning due before and after the export
moment, interday learning (a 1-day step), relearning, a suspended relearning card, a buried card
(by hand) and a new card buried by the scheduler as a sibling, set_due_date with and without `!`
and on a new card, a card forgotten (schedule_cards_as_new), a suspended new card, two review
cards in a filtered deck (a custom study session: their home deck and own due day count). A vacation
(days 25-29) leaves reviews overdue, a late session (day 12 at 02:30 the next calendar day)
lands on the previous learning day, and six notes answered alike end on different intervals
(the fuzz). The script then checks its own output (every case present, Anki's card stats agree
with the expected due dates, each package re-imported by Anki's importer holds the same cards
and review log) and exits 1 naming what is missing.
"""

import argparse
import datetime as dt
import html as htmllib
import json
import os
import re
import shutil
import sys
import zoneinfo

START = dt.date(2026, 1, 5)
ROLLOVER = 4
FIRST_DAY, NEWER_DAY = 40, 47
EXPORT_OFFSET = dt.timedelta(hours=6, minutes=2)  # after the day start: 10:02 at the 04:00 rollover
VACATION = range(25, 30)
SKIPPED = {7, 18, 33}
LATE = {12: dt.timedelta(hours=22, minutes=30)}  # that day's session starts at 02:30 the next date
SESSION = dt.timedelta(hours=5)  # 09:00
SESSION_LENGTH = dt.timedelta(minutes=90)
LEARN_AHEAD = 20 * 60


def reexec_with_fake_clock() -> None:
    """Runs this script again with libfaketime preloaded (it must be there before the process starts)."""
    if os.environ.get("ANKI_COLLECTIONS_FAKETIME") == "1":
        return
    try:
        import libfaketime
    except ImportError:
        sys.exit("anki-collections: the `libfaketime` package is missing from this Python (pip install libfaketime)")
    lib = os.path.join(os.path.dirname(libfaketime.__file__), "vendor", "libfaketime", "src")
    if not os.path.exists(os.path.join(lib, "libfaketime.so.1")):
        sys.exit(f"anki-collections: no libfaketime.so.1 in {lib}")
    env = dict(os.environ)
    env.update({
        "ANKI_COLLECTIONS_FAKETIME": "1",
        "LD_LIBRARY_PATH": lib + (":" + env["LD_LIBRARY_PATH"] if env.get("LD_LIBRARY_PATH") else ""),
        "LD_PRELOAD": "libfaketime.so.1" + (":" + env["LD_PRELOAD"] if env.get("LD_PRELOAD") else ""),
        "FAKETIME_NO_CACHE": "1",
        "DONT_FAKE_MONOTONIC": "1",
        "FAKETIME": "2026-01-05 09:00:00",
    })
    os.execve(sys.executable, [sys.executable] + sys.argv, env)


def plain(text: str) -> str:
    """HTML as hone shows it (issue #14 item 2): media references dropped, `<br>` and block tags
    as new lines, other tags dropped, entities decoded, blank lines and edge spaces removed."""
    text = re.sub(r"\[sound:[^\]]*\]", "", text)
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.I)
    text = re.sub(r"</?(div|p|li|ul|ol|tr|table|h[1-6]|blockquote|pre)\b[^>]*>", "\n", text, flags=re.I)
    text = re.sub(r"<[^>]*>", "", text)
    text = htmllib.unescape(text).replace("\xa0", " ")
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


def media(text: str) -> list:
    return re.findall(r"<img[^>]*src=\"([^\"]+)\"", text) + re.findall(r"\[sound:([^\]]+)\]", text)


# Note types by what hone maps them to.
BASIC, REVERSED, OPTIONAL, TYPED, CLOZE = ("Basic", "Basic (and reversed card)", "Basic (optional reversed card)",
                                           "Basic (type in the answer)", "Cloze")
VOCAB = "Vocabulary (3 fields)"
KIND = {BASIC: "basic", REVERSED: "reversed", OPTIONAL: "optional-reversed", TYPED: "typed", CLOZE: "cloze",
        VOCAB: "other"}

# (label, deck, note type, fields, tags, day started: None = stays new, a list = per card)
NOTES = [
    ("capital", "Default", BASIC, ["Capital of Italy?", "Rome"], ["geo", "europe::capitals"], 0),
    ("html", "Default", BASIC, ["<b>Bold</b> word<br>second line &amp; an ampersand",
                                "<div>First block</div><div>Second &lt;block&gt;</div>"], ["html"], 0),
    ("media", "Default", BASIC, ['What animal is this? <img src="x.jpg">', "A cat [sound:a.mp3]"], ["media"], 0),
    ("typed", "Default", TYPED, ["2 + 2 = ?", "4"], [], 0),
    ("cloze", "Default", CLOZE, ["{{c1::Paris}} is the capital of {{c2::France}}.", "In Europe"], ["geo"], 0),
    ("vocab", "Default", VOCAB, ["serendipity", "a happy accident", "Finding it was pure serendipity."],
     ["words"], 3),
    ("resched", "Default", BASIC, ["Speed of light (km/s)?", "about 300,000"], [], 0),
    ("resched-bang", "Default", BASIC, ["Boiling point of water (C)?", "100"], [], 0),
    ("forget", "Default", BASIC, ["Largest planet?", "Jupiter"], [], 0),
    ("new-resched", "Default", BASIC, ["Smallest prime?", "2"], [], None),
    ("new-suspended", "Default", BASIC, ["Chemical symbol of gold?", "Au"], ["chem"], None),
    ("new", "Default", BASIC, ["Author of Hamlet?", "Shakespeare"], [], None),
    ("learn-future", "Default", BASIC, ["Capital of Spain?", "Madrid"], ["geo"], None),
    ("learn-overdue", "Default", BASIC, ["Capital of Portugal?", "Lisbon"], ["geo"], None),
    ("learn-yesterday", "Default", BASIC, ["Capital of Greece?", "Athens"], ["geo"], None),
    ("picture", "Default", BASIC, ["Which animal is this?", '<img src="cat.jpg">'], ["media"], 0),
    ("cloze-gap", "Default", CLOZE, ["{{c1::Ottawa::a city}} is the capital of {{c3::Canada}}.", ""], [], 0),
    ("quotes", "Default", BASIC, ['Say "hello" to C:\\temp \u2014 na\u00efve \u65e5\u672c\u8a9e \U0001f389',
                                  "back\\slash &quot;quoted&quot; &lt;tag&gt;"], ["unicode"], 3),
    ("deleted", "Default", BASIC, ["Deleted on day 30?", "yes"], [], 0),
    ("chat", "Lang::French", REVERSED, ["le chat", "the cat"], ["animals"], 0),
    ("maison", "Lang::French", OPTIONAL, ["la maison", "the house", "y"], [], 0),
    ("chien", "Lang::French", OPTIONAL, ["le chien", "the dog", ""], ["animals"], 0),
    ("lapin", "Lang::French", REVERSED, ["le lapin", "the rabbit"], ["animals"], None),
    ("relearn", "Lang::French", BASIC, ["la pomme", "the apple"], [], 0),
    ("relearn-future", "Lang::French", BASIC, ["la poire", "the pear"], [], 0),
    ("relearn-suspended", "Lang::French", BASIC, ["le pain", "the bread"], [], 0),
    ("bury", "Lang::French", BASIC, ["le fromage", "the cheese"], [], 0),
    ("suspended", "Lang::French", BASIC, ["le vin", "the wine"], [], 0),
] + [
    (f"twin{i}", "Lang::French", BASIC, [word, meaning], ["numbers"], 0)
    for i, (word, meaning) in enumerate([("un", "one"), ("deux", "two"), ("trois", "three"), ("quatre", "four"),
                                         ("cinq", "five"), ("six", "six")], start=1)
] + [
    ("hund", "Lang::German", BASIC, ["der Hund", "the dog"], ["animals"], 0),
    ("katze", "Lang::German", REVERSED, ["die Katze", "the cat"], ["animals"], 10),
    ("haus", "Lang::German", BASIC, ["das Haus", "the house"], [], 10),
    ("lapse-german", "Lang::German", BASIC, ["der Apfel", "the apple"], [], 3),
    ("interday", "Lang::German", BASIC, ["das Brot", "the bread"], [], None),
    ("interday-due", "Lang::German", BASIC, ["die Milch", "the milk"], [], 39),
    ("relearn-interday", "Lang::German", BASIC, ["der K\u00e4se", "the cheese"], [], 0),
    ("hablar", "Lang::Spanish Verbs", BASIC, ["hablar", "to speak"], [], 0),
    ("comer", "Lang::Spanish Verbs", REVERSED, ["comer", "to eat"], [], 10),
]
# Added between the two exports, started two days later.
LATER_NOTE = ("later", "Default", BASIC, ["Added after the first export?", "yes"], ["later"], 45)

A, H, G, E = 1, 2, 3, 4
# Each card's ratings, in order (Good once they run out). A card is its note's label, `#r` for a
# reverse, `#cN` for cloze N.
SCRIPTS = {
    "capital": [G, G, E, G, H, G],
    "html": [A, G, G, G, H, G, A, G],
    "media": [G, E],
    "typed": [G, G, G, A, G, G, G],
    "cloze#c1": [G, G, G, G, A, A, G],
    "cloze#c2": [E, G, H],
    "vocab": [G, G, H, H, G, A, G],
    "chat#r": [G, G, A, A, G, G, G],
    "maison": [H, G, G, E],
    "chien": [A, A, G, G],
    "lapse-german": [G, G, G, A, G],
    "katze": [G, G, E],
    "haus": [A, G, A, G],
}


def card_label(note_label: str, kind: str, ord_: int) -> str:
    if kind == "cloze":
        return f"{note_label}#c{ord_ + 1}"
    return note_label + ("#r" if ord_ == 1 else "")


class Sim:
    """Anki's collection and the clock it reads."""

    def __init__(self, path: str, tz: zoneinfo.ZoneInfo):
        from anki.collection import Collection

        self.tz = tz
        self.day_zero = dt.datetime.combine(START, dt.time(ROLLOVER), tz)
        self.set_clock(self.day_zero + dt.timedelta(hours=4))  # 08:00: the notes are written, then studied
        self.col = Collection(path)
        self.labels = {}  # card id -> label
        self.scripts = {label: list(script) for label, script in SCRIPTS.items()}
        self.answered = {}  # label -> answers so far
        self.starts = {}  # day -> labels of the cards started that day

    def set_clock(self, when: dt.datetime) -> None:
        # libfaketime reads this as local time, in the process's $TZ (set to --tz).
        self.now = when
        os.environ["FAKETIME"] = when.astimezone(self.tz).strftime("%Y-%m-%d %H:%M:%S")

    def tick(self, seconds: float) -> None:
        self.set_clock(self.now + dt.timedelta(seconds=seconds))

    def at(self, day: int, offset: dt.timedelta) -> None:
        when = self.day_zero + dt.timedelta(days=day) + offset
        if when < self.now:
            raise SystemExit(f"anki-collections: the plan goes back in time at day {day} {offset}")
        self.set_clock(when)

    def epoch(self) -> int:
        return int(self.now.timestamp())

    def card(self, label: str):
        for cid, name in self.labels.items():
            if name == label:
                return self.col.get_card(cid)
        raise SystemExit(f"anki-collections: no card {label}")

    def answer(self, cid: int, rating: int | None = None) -> None:
        from anki.scheduler.v3 import CardAnswer

        label = self.labels[cid]
        script = self.scripts.get(label, [])
        if rating is None:
            rating = script.pop(0) if script else G
        seconds = 3 + (cid // 1000 + self.answered.get(label, 0) * 7) % 13  # a deterministic thinking time
        self.tick(seconds)
        states = self.col._backend.get_scheduling_states(cid)
        new_state = {A: states.again, H: states.hard, G: states.good, E: states.easy}[rating]
        button = {A: CardAnswer.AGAIN, H: CardAnswer.HARD, G: CardAnswer.GOOD, E: CardAnswer.EASY}[rating]  # 0-3
        self.col.sched.answer_card(CardAnswer(
            card_id=cid, current_state=states.current, new_state=new_state, rating=button,
            answered_at_millis=self.epoch() * 1000, milliseconds_taken=seconds * 1000))
        logged = self.col.db.first("select id, ease from revlog where cid = ? order by id desc limit 1", cid)
        if logged != [self.epoch() * 1000, rating]:
            raise SystemExit(f"anki-collections: {label} answered {rating} at {self.epoch()}, Anki logged {logged}")
        self.answered[label] = self.answered.get(label, 0) + 1
        self.tick(2)

    def due_now(self, exclude: set) -> list:
        """What Anki shows in a session now: learning cards due, then interday learning and reviews
        due today, and when none is left, learning cards due within the learn-ahead limit; never
        suspended or buried cards."""
        today = self.col.sched.today
        for ahead in (0, LEARN_AHEAD):
            rows = self.col.db.list(
                "select id from cards where (queue = 1 and due <= ?) or (queue in (2, 3) and due <= ?) "
                "order by queue = 1 desc, due, id", self.epoch() + ahead, today)
            rows = [cid for cid in rows if self.labels[cid] not in exclude]
            if rows:
                return rows
        return []

    def session(self, day: int, exclude: set = frozenset(), start: dt.timedelta | None = None) -> None:
        self.at(day, start or LATE.get(day, SESSION))
        # Reading today's day (sched_timing_today) is when Anki unburies after a rollover. Its queue is
        # not built: answering checks that a card is at the top of a built queue.
        self.col.sched.today
        ends = self.now + SESSION_LENGTH
        for label in self.starts.get(day, []):
            if label not in exclude:
                self.answer(self.card(label).id)
        while True:
            due = self.due_now(exclude)
            if due:
                self.answer(due[0])
                continue
            waiting = [due for cid, due in self.col.db.all(
                "select id, due from cards where queue = 1 and due > ? and due < ?", self.epoch(),
                int(ends.timestamp())) if self.labels[cid] not in exclude]
            if not waiting:
                break
            later = min(waiting)
            self.set_clock(max(self.now, dt.datetime.fromtimestamp(later, self.tz)))  # waits for it


def add_notes(sim: Sim, notes: list, deck_ids: dict) -> None:
    col = sim.col
    for label, deck, notetype, fields, tags, started in notes:
        note = col.new_note(col.models.by_name(notetype))
        for i, value in enumerate(fields):
            note.fields[i] = value
        note.tags = tags
        col.add_note(note, deck_ids[deck])
        for name in media(" ".join(fields)):  # the files too, so that the packages carry them
            col.media.write_data(name, f"not really {name}".encode())
        for card in note.cards():
            sim.labels[card.id] = card_label(label, KIND[notetype], card.ord)
            if started is not None:
                sim.starts.setdefault(started, []).append(sim.labels[card.id])
        sim.tick(1)


def set_up(sim: Sim, fsrs: bool) -> dict:
    """Note types, decks and their presets, the notes; FSRS on for the whole collection with `fsrs`."""
    col = sim.col
    models = col.models
    vocab = models.new(VOCAB)
    for name in ("Word", "Meaning", "Example"):
        models.add_field(vocab, models.new_field(name))
    template = models.new_template("Recognition")
    template["qfmt"] = "{{Word}}"
    template["afmt"] = "{{FrontSide}}<hr id=answer>{{Meaning}}<br>{{Example}}"
    models.add_template(vocab, template)
    models.add(vocab)

    deck_ids = {"Default": 1}
    for name in ("Lang::French", "Lang::German", "Lang::Spanish Verbs"):
        deck_ids[name] = col.decks.id(name)
    # French: siblings are buried (new, review, interday learning), so starting `lapin` buries its reverse.
    french = col.decks.add_config_returning_id("French")
    conf = col.decks.get_config(french)
    conf["new"]["bury"] = conf["rev"]["bury"] = True
    conf["buryInterdayLearning"] = True
    col.decks.update_config(conf)
    # German: a 1-day learning step (interday learning), a lower starting ease, longer first intervals.
    german = col.decks.add_config_returning_id("German")
    conf = col.decks.get_config(german)
    conf["new"]["delays"], conf["new"]["ints"], conf["new"]["initialFactor"] = [10.0, 1440.0], [3, 5, 0], 2300
    conf["lapse"]["delays"] = [10.0, 1440.0]
    col.decks.update_config(conf)
    for name, conf_id in (("Lang::French", french), ("Lang::German", german)):
        deck = col.decks.get(deck_ids[name])
        deck["conf"] = conf_id
        col.decks.save(deck)
    if fsrs:
        from anki.decks import UpdateDeckConfigs, UpdateDeckConfigsMode

        current = col.decks.get_deck_configs_for_update(1)
        col.decks.update_deck_configs(UpdateDeckConfigs(
            target_deck_id=1, configs=[c.config for c in current.all_config], removed_config_ids=[],
            mode=UpdateDeckConfigsMode.UPDATE_DECK_CONFIGS_MODE_NORMAL,
            card_state_customizer=current.card_state_customizer, limits=current.current_deck.limits,
            new_cards_ignore_review_limit=current.new_cards_ignore_review_limit,
            apply_all_parent_limits=current.apply_all_parent_limits, fsrs=True))
        if not col.get_config("fsrs", False):
            raise SystemExit("anki-collections: FSRS did not turn on")
    add_notes(sim, NOTES, deck_ids)
    return deck_ids


def last_day(sim: Sim) -> None:
    """Day 40: the usual session (without the cards kept for what follows), then each state."""
    col = sim.col
    special = {"learn-future", "learn-overdue", "relearn", "relearn-future", "relearn-suspended", "bury", "resched",
               "resched-bang", "forget", "interday", "interday-due", "lapin", "lapin#r", "learn-yesterday",
               "relearn-interday"}
    sim.session(FIRST_DAY, exclude=special)
    sim.at(FIRST_DAY, dt.timedelta(hours=5, minutes=15))
    sim.answer(sim.card("relearn-interday").id, A)  # relearning: 10m, then a 1-day step (German)
    sim.at(FIRST_DAY, dt.timedelta(hours=5, minutes=20))
    sim.answer(sim.card("relearn-suspended").id, A)  # relearning, then suspended at 09:38
    sim.at(FIRST_DAY, dt.timedelta(hours=5, minutes=25))
    sim.answer(sim.card("lapin").id, G)  # the French preset buries its new reverse
    sim.at(FIRST_DAY, dt.timedelta(hours=5, minutes=30))
    sim.answer(sim.card("relearn-interday").id, G)  # the second relearning step, a day: due tomorrow
    sim.answer(sim.card("interday").id, G)  # the German preset's second step is a day: due tomorrow
    sim.at(FIRST_DAY, dt.timedelta(hours=5, minutes=35))
    col.sched.bury_cards([sim.card("bury").id])
    sim.at(FIRST_DAY, dt.timedelta(hours=5, minutes=36))
    col.sched.set_due_date([sim.card("resched").id], "17")
    col.sched.set_due_date([sim.card("resched-bang").id], "9!")
    col.sched.set_due_date([sim.card("new-resched").id], "5")
    sim.at(FIRST_DAY, dt.timedelta(hours=5, minutes=37))
    col.sched.schedule_cards_as_new([sim.card("forget").id])
    sim.at(FIRST_DAY, dt.timedelta(hours=5, minutes=38))
    col.sched.suspend_cards([sim.card("relearn-suspended").id, sim.card("new-suspended").id])
    sim.at(FIRST_DAY, dt.timedelta(hours=5, minutes=40))
    sim.answer(sim.card("learn-overdue").id, A)  # due again at 09:41
    sim.at(FIRST_DAY, dt.timedelta(hours=5, minutes=50))
    sim.answer(sim.card("relearn").id, A)  # relearning, due 10:00, before the export
    sim.at(FIRST_DAY, dt.timedelta(hours=5, minutes=54))
    sim.answer(sim.card("learn-future").id, G)  # second step, due 10:04, after the export
    sim.at(FIRST_DAY, dt.timedelta(hours=5, minutes=56))
    sim.answer(sim.card("relearn-future").id, A)  # due 10:06
    # A custom study session (a filtered deck) holding two German review cards: their home deck
    # and their own due day (odue) are what they keep; the newer collection has them answered.
    sim.at(FIRST_DAY, dt.timedelta(hours=5, minutes=58))
    filtered = col.sched.get_or_create_filtered_deck(0)
    filtered.name = "Custom Study Session"
    filtered.config.search_terms[0].search = '"deck:Lang::German" card:1 tag:animals is:review'
    filtered.config.search_terms[0].limit = 10
    filtered.config.search_terms[0].order = filtered.config.search_terms[0].DUE  # not random: a plan repeats
    del filtered.config.search_terms[1:]  # the default's second search (new cards of the current deck)
    filtered.config.reschedule = True
    col.sched.add_or_update_filtered_deck(filtered)


def state_name(ctype: int) -> str:
    return {0: "new", 1: "learning", 2: "review", 3: "relearning"}[ctype]


def iso(epoch: int) -> str:
    return dt.datetime.fromtimestamp(epoch, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def card_view(sim: Sim, cid: int, today_date: dt.date) -> dict:
    """One card as Anki has it now, with the due date hone must show: a review card (and an interday
    learning step) is due on a learning day, `today + (due - col.sched.today)`; an intraday learning
    step at an instant (epoch seconds); a new card has no due."""
    col = sim.col
    card = col.get_card(cid)
    note = card.note()
    notetype = note.note_type()["name"]
    kind = KIND.get(notetype, "other")
    row = col.db.first("select type, queue, due, ivl, factor, reps, lapses, left, odue, odid from cards where id = ?",
                       cid)
    ctype, queue, due, ivl, factor, reps, lapses, left, odue, odid = row
    # In a filtered deck, a card's own schedule is its original due (odue), its deck the home one.
    filtered = col.decks.name(card.did) if odid else None
    home = odid or card.did
    if odid and odue:
        due = odue
    if ctype == 0:
        due_kind, due_view, due_epoch = None, None, None
    elif ctype == 2 or due < 1_000_000_000:
        due_kind, due_view, due_epoch = "day", (today_date + dt.timedelta(days=due - col.sched.today)).isoformat(), None
    else:
        due_kind, due_view, due_epoch = "instant", iso(due), due
    revlog = col.db.all("select id, ease, time, type from revlog where cid = ? order by id", cid)
    fields = dict(zip([f["name"] for f in note.note_type()["flds"]], note.fields))
    return {
        "label": sim.labels[cid], "card_id": cid, "note_id": note.id, "guid": note.guid, "notetype": notetype,
        "kind": kind, "ord": card.ord,
        "hone_suffix": f"#c{card.ord + 1}" if kind == "cloze" else ("#r" if card.ord == 1 else ""),
        "deck": col.decks.name(home), "deck_file": col.decks.name(home).replace("::", "/") + ".toml",
        "filtered_deck": filtered,
        "fields": fields, "fields_plain": [plain(v) for v in note.fields],
        "media": sorted(set(m for v in note.fields for m in media(v))), "tags": note.tags,
        "question": plain(re.sub(r"<style>.*?</style>", "", card.question(), flags=re.S)),
        "answer": plain(re.sub(r"<style>.*?</style>", "", card.answer(), flags=re.S)),
        "type": ctype, "queue": queue, "due_raw": due, "left": left,
        "state": state_name(ctype), "due_kind": due_kind, "due": due_view, "due_epoch": due_epoch,
        "interval": ivl, "ease": factor / 1000, "reps": reps, "lapses": lapses,
        "stability": card.memory_state.stability if card.memory_state else None,
        "difficulty": card.memory_state.difficulty if card.memory_state else None,
        "suspended": queue == -1, "buried": queue in (-2, -3),
        "answers": sum(1 for row in revlog if row[1] > 0), "revlog_rows": len(revlog),
        "answer_ids": [rid for rid, ease, _, _ in revlog if ease > 0],
        # every row: its id (the answer's time in ms), button (0 for a reschedule), time taken, kind
        "revlog": [{"id": rid, "ease": ease, "ms": ms, "type": kind} for rid, ease, ms, kind in revlog],
    }


def snapshot(sim: Sim) -> dict:
    col = sim.col
    learning_day_start = sim.now.astimezone(sim.tz) - dt.timedelta(hours=ROLLOVER)
    today_date = learning_day_start.date()
    cards = [card_view(sim, cid, today_date) for cid in col.db.list("select id from cards order by nid, ord")]
    decks = {}
    for card in cards:
        entry = decks.setdefault(card["deck"], {"file": card["deck_file"], "cards": 0, "notes": set()})
        entry["cards"] += 1
        entry["notes"].add(card["note_id"])
    import anki.buildinfo
    return {
        "anki_version": anki.buildinfo.version,
        "now": sim.now.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "timezone": str(sim.tz), "rollover_hour": ROLLOVER, "today": today_date.isoformat(),
        "fsrs": bool(col.get_config("fsrs", False)),
        "sched_today": col.sched.today, "crt": col.crt,
        "decks": {name: {"file": d["file"], "cards": d["cards"], "notes": len(d["notes"])}
                  for name, d in decks.items()},
        "card_count": len(cards), "note_count": col.note_count(),
        "answers": sum(c["answers"] for c in cards), "revlog_rows": col.db.scalar("select count() from revlog"),
        # rows of deleted cards: Anki keeps them (a .colpkg has them), no card to give them to
        "orphan_answers": col.db.scalar(
            "select count() from revlog where ease > 0 and cid not in (select id from cards)"),
        "cards": cards,
    }


def export(sim: Sim, out: str) -> dict:
    """The four packages, with scheduling, deck options and media references (no media files)."""
    from anki.collection import ExportAnkiPackageOptions

    os.makedirs(out, exist_ok=True)
    col = sim.col
    packages = {}
    for name, legacy in (("current.apkg", False), ("legacy.apkg", True)):
        col.export_anki_package(
            out_path=os.path.join(out, name),
            options=ExportAnkiPackageOptions(with_scheduling=True, with_deck_configs=True, with_media=True,
                                             legacy=legacy),
            limit=None)
        packages[name] = {"kind": "apkg", "legacy": legacy}
    for name, legacy in (("current.colpkg", False), ("legacy.colpkg", True)):
        col.export_collection_package(os.path.join(out, name), include_media=True, legacy=legacy)
        col.reopen()
        packages[name] = {"kind": "colpkg", "legacy": legacy}
    return packages


def reimport(sim: Sim, package: str, info: dict, work: str, expected: dict) -> list:
    """Opens a package with Anki's own importer, in a fresh collection given the same creation day
    (so review days need no shifting), and lists where its cards or review log differ."""
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
    from anki._backend import RustBackend

    path = os.path.join(work, os.path.basename(package) + ".anki2")
    if info["kind"] == "colpkg":
        media_dir = os.path.join(work, "media-" + os.path.basename(package))
        os.makedirs(media_dir, exist_ok=True)
        RustBackend().import_collection_package(col_path=path, backup_path=package, media_folder=media_dir,
                                                media_db=os.path.join(work, "media.db"))
        col = Collection(path)
    else:
        col = Collection(path)
        col.db.execute("update col set crt = ?", expected["crt"])
        col.close()
        col = Collection(path)
        col.import_anki_package(ImportAnkiPackageRequest(
            package_path=package, options=ImportAnkiPackageOptions(with_scheduling=True, with_deck_configs=True)))
    problems = []
    columns = "id, nid, ord, type, queue, due, ivl, factor, reps, lapses, left"
    theirs = {r[0]: r for r in col.db.all(f"select {columns} from cards")}
    ours = {r[0]: r for r in sim.col.db.all(f"select {columns} from cards")}
    if theirs != ours:
        for cid in sorted(set(theirs) | set(ours)):
            if theirs.get(cid) != ours.get(cid):
                problems.append(f"{os.path.basename(package)}: card {cid}: Anki had {ours.get(cid)}, "
                                f"its importer gives {theirs.get(cid)}")
    cards_revlog = "select id from revlog where cid in (select id from cards) order by id"
    if col.db.list(cards_revlog) != sim.col.db.list(cards_revlog):
        problems.append(f"{os.path.basename(package)}: the review log differs after Anki's import")
    decks = sorted(d.name for d in col.decks.all_names_and_ids())
    if not set(expected["decks"]) <= set(decks):
        problems.append(f"{os.path.basename(package)}: decks {decks}, expected {sorted(expected['decks'])}")
    col.close()
    return problems


def verify(sim: Sim, expected: dict, packages: dict, out: str) -> list:
    """What the plan promises, checked on what Anki made of it."""
    problems = []
    cards = {c["label"]: c for c in expected["cards"]}
    now = sim.epoch()
    if expected["sched_today"] == FIRST_DAY:
        wants = {
            "learn-future": lambda c: c["queue"] == 1 and c["type"] == 1 and c["due_epoch"] > now,
            "learn-overdue": lambda c: c["queue"] == 1 and c["type"] == 1 and c["due_epoch"] <= now,
            "interday": lambda c: c["queue"] == 3 and c["type"] == 1 and c["due"] > expected["today"],
            "interday-due": lambda c: c["queue"] == 3 and c["type"] == 1 and c["due"] == expected["today"],
            "hund": lambda c: c["filtered_deck"] == "Custom Study Session" and c["deck"] == "Lang::German",
            "katze": lambda c: c["filtered_deck"] == "Custom Study Session" and c["due"] > expected["today"],
            "relearn": lambda c: c["queue"] == 1 and c["type"] == 3 and c["due_epoch"] <= now,
            "relearn-future": lambda c: c["queue"] == 1 and c["type"] == 3 and c["due_epoch"] > now,
            "relearn-suspended": lambda c: c["queue"] == -1 and c["type"] == 3,
            "suspended": lambda c: c["queue"] == -1 and c["type"] == 2,
            "new-suspended": lambda c: c["queue"] == -1 and c["type"] == 0,
            "bury": lambda c: c["queue"] == -3 and c["type"] == 2,
            "lapin#r": lambda c: c["queue"] == -2 and c["type"] == 0,
            "resched": lambda c: c["queue"] == 2 and c["due_raw"] == expected["sched_today"] + 17,
            "resched-bang": lambda c: c["queue"] == 2 and c["interval"] == 9,
            "new-resched": lambda c: c["queue"] == 2 and c["due_raw"] == expected["sched_today"] + 5,
            "forget": lambda c: c["type"] == 0 and c["reps"] > 0,
            "new": lambda c: c["type"] == 0 and c["reps"] == 0,
            "learn-yesterday": lambda c: c["queue"] == 1 and c["due_epoch"] < now - 86_400 + 3600,
            "relearn-interday": lambda c: c["queue"] == 3 and c["type"] == 3 and c["due"] > expected["today"],
            "cloze-gap#c3": lambda c: c["ord"] == 2 and c["hone_suffix"] == "#c3",
            "picture": lambda c: c["fields_plain"][1] == "" and c["media"] == ["cat.jpg"],
            "comer#r": lambda c: c["deck"] == "Lang::Spanish Verbs" and c["type"] == 2,
        }
        if expected["orphan_answers"] == 0:
            problems.append("no review log rows of a deleted note")
    else:  # the newer collection: day 40's buries are gone, the suspension lifted, two more moves
        wants = {
            "bury": lambda c: c["queue"] == 2,
            "lapin#r": lambda c: c["queue"] == 0,
            "relearn-suspended": lambda c: c["queue"] == 2 and c["reps"] > 6,
            "suspended": lambda c: c["queue"] == -1,
            "chat": lambda c: c["queue"] == -3,
            "new": lambda c: c["queue"] == 1 and c["type"] == 1 and c["due_epoch"] > now,
            "later": lambda c: c["type"] == 2,
            "hund": lambda c: c["filtered_deck"] is None and c["reps"] > 5,
        }
    if expected["fsrs"]:
        wants = {}  # the plan's states are SM-2's: FSRS's steps and intervals land elsewhere
    for label, holds in wants.items():
        if not holds(cards[label]):
            problems.append(f"{label}: not in the planned state: {json.dumps(cards[label], default=str)[:400]}")
    states = {c["state"] for c in expected["cards"]}
    if expected["sched_today"] == FIRST_DAY and states != {"new", "learning", "review", "relearning"} \
            and not expected["fsrs"]:
        problems.append(f"states present: {sorted(states)}")
    twins = [cards[f"twin{i}"] for i in range(1, 7)]
    if len({(c["interval"], c["due"]) for c in twins}) < 2:
        problems.append("the six notes answered alike have one interval and due day: no fuzz to see")
    # Anki's card stats put a review's due at now + (due - today) days: the same learning day.
    for card in expected["cards"]:
        stats = sim.col.card_stats_data(card["card_id"])
        if card["due_kind"] == "day" and stats.HasField("due_date"):
            shown = (dt.datetime.fromtimestamp(stats.due_date, sim.tz) - dt.timedelta(hours=ROLLOVER)).date()
            if shown.isoformat() != card["due"]:
                problems.append(f"{card['label']}: due {card['due']}, Anki's card stats say {shown}")
        if card["due_kind"] == "instant" and card["queue"] == 1 and stats.due_date != card["due_epoch"]:
            problems.append(f"{card['label']}: due {card['due']}, Anki's card stats say {iso(stats.due_date)}")
    work = os.path.join(out, "reimport")
    os.makedirs(work, exist_ok=True)
    for name, info in packages.items():
        problems += reimport(sim, os.path.join(out, name), info, work, expected)
    shutil.rmtree(work)
    return problems


def write(out: str, expected: dict) -> None:
    with open(os.path.join(out, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1, ensure_ascii=False)
        f.write("\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--tz", default="UTC", help="the collection's time zone (default UTC)")
    parser.add_argument("--fsrs", action="store_true", help="schedule with FSRS instead of SM-2")
    args = parser.parse_args()
    os.environ["TZ"] = args.tz
    reexec_with_fake_clock()
    tz = zoneinfo.ZoneInfo(args.tz)
    out = os.path.abspath(args.out)
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)

    sim = Sim(os.path.join(out, "collection.anki2"), tz)
    deck_ids = set_up(sim, args.fsrs)
    for day in range(FIRST_DAY):
        if day == 30:  # a deleted note: its cards go, its review log stays (a .colpkg carries it, an .apkg not)
            sim.at(day, dt.timedelta(hours=4))
            sim.col.remove_notes([sim.card("deleted").nid])
        if day == 39:  # started after the session and left in its first step: due since yesterday
            sim.session(day)
            sim.at(day, dt.timedelta(hours=6, minutes=40))
            sim.answer(sim.card("learn-yesterday").id, A)
            continue
        if day == 38:
            sim.at(day, dt.timedelta(hours=4))
            sim.col.sched.suspend_cards([sim.card("suspended").id])
        if day not in VACATION and day not in SKIPPED:
            sim.session(day)
    last_day(sim)
    sim.at(FIRST_DAY, EXPORT_OFFSET)
    problems = []
    first = snapshot(sim)
    first["packages"] = export(sim, os.path.join(out, "first"))
    write(os.path.join(out, "first"), first)
    problems += [f"first: {p}" for p in verify(sim, first, first["packages"], os.path.join(out, "first"))]

    for day in range(FIRST_DAY + 1, NEWER_DAY + 1):
        if day == 43:
            sim.at(day, dt.timedelta(hours=4))
            sim.col.sched.unsuspend_cards([sim.card("relearn-suspended").id])
        if day == 44:
            sim.at(day, dt.timedelta(hours=4))
            add_notes(sim, [LATER_NOTE], deck_ids)
        sim.session(day)
    # The newer package moves cards without answers too: a bury, and a new card started.
    sim.at(NEWER_DAY, dt.timedelta(hours=5, minutes=50))
    sim.col.sched.bury_cards([sim.card("chat").id])
    sim.at(NEWER_DAY, dt.timedelta(hours=5, minutes=55))
    sim.answer(sim.card("new").id, G)
    sim.at(NEWER_DAY, EXPORT_OFFSET)
    newer = snapshot(sim)
    newer["packages"] = export(sim, os.path.join(out, "newer"))
    before = {rid for c in first["cards"] for rid in c["answer_ids"]}
    added = sorted(rid for c in newer["cards"] for rid in c["answer_ids"] if rid not in before)
    newer["since_first"] = {"answers": len(added), "answer_ids": added,
                            "revlog_rows": newer["revlog_rows"] - first["revlog_rows"],
                            "cards": newer["card_count"] - first["card_count"]}
    write(os.path.join(out, "newer"), newer)
    problems += [f"newer: {p}" for p in verify(sim, newer, newer["packages"], os.path.join(out, "newer"))]
    if not added:
        problems.append("newer: no answers since the first export")
    sim.col.close()

    by_state = {}
    for card in first["cards"]:
        key = card["state"] + (", suspended" if card["suspended"] else "") + (", buried" if card["buried"] else "")
        by_state[key] = by_state.get(key, 0) + 1
    print(f"anki-collections: {out}: {first['card_count']} cards ({first['note_count']} notes, "
          f"{first['answers']} answers) at {first['now']}: {json.dumps(by_state, sort_keys=True)}; newer at "
          f"{newer['now']}: {newer['card_count']} cards, {len(added)} answers more", file=sys.stderr)
    if problems:
        print("\n".join(f"anki-collections: {p}" for p in problems), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
