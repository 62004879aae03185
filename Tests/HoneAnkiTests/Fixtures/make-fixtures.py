"""Builds the Anki packages HoneAnkiTests reads, with Anki's own library, and what Anki itself
sees in each package's collection (expected-*.json), so the tests compare hone's reader to Anki.

    /work/main/Tests/Benchmarks/work/anki-venv/bin/python Tests/HoneAnkiTests/Fixtures/make-fixtures.py

(the venv is Tests/Benchmarks/anki-env's: the `anki` package, pinned). Writes into this folder:
current.apkg (collection.anki21b, zstd, schema 18), legacy.apkg (collection.anki21, schema 11),
legacy1.apkg (legacy.apkg's collection as collection.anki2 without meta, as Anki before 2.1.50
wrote packages), whole.colpkg (the whole collection, current format), and expected-<name>.json
for each. Anki's ids
and GUIDs are fresh on every run: commit the packages and the JSON files together.
"""

import json
import os
import shutil
import sys
import tempfile
import time
import zipfile

from anki._backend import RustBackend
from anki.collection import Collection, ExportAnkiPackageOptions
from anki.scheduler.v3 import CardAnswer

HERE = os.path.dirname(os.path.abspath(__file__))


def add(col, notetype, deck_id, fields, tags=()):
    note = col.new_note(col.models.by_name(notetype))
    for index, value in enumerate(fields):
        note.fields[index] = value
    note.tags = list(tags)
    col.add_note(note, deck_id)
    return note


def answer(col, card_id, rating, seconds):
    """Answers a card as if the learner took `seconds` (the revlog's time)."""
    card = col.get_card(card_id)
    card.timer_started = time.time() - seconds
    states = col._backend.get_scheduling_states(card.id)
    col.sched.answer_card(col.sched.build_answer(card=card, states=states, rating=rating))


def build(folder):
    col = Collection(os.path.join(folder, "source.anki2"))
    col.set_config("rollover", 3)
    tree = col.decks.id("A::B")
    default = 1

    add(col, "Basic", tree, ["Bonjour", "<b>Hello</b>"], ["french", "greeting"])
    add(col, "Basic (and reversed card)", tree, ["chat", "cat"], ["french"])
    add(col, "Basic (optional reversed card)", default, ["chien", "dog", "y"])
    add(col, "Basic (optional reversed card)", default, ["oiseau", "bird", ""])
    add(col, "Basic (type in the answer)", default, ["2 + 2", "4"], ["maths"])
    add(col, "Cloze", tree, ["{{c1::Paris}} is the capital of {{c2::France}}.", "<i>extra</i>"])

    vocab = col.models.new("Vocabulary")
    for name in ["Word", "Meaning", "Example"]:
        col.models.add_field(vocab, col.models.new_field(name))
    template = col.models.new_template("Recognise")
    template["qfmt"] = "{{Word}}"
    template["afmt"] = "{{FrontSide}}<hr id=answer>{{Meaning}}<br>{{Example}}"
    col.models.add_template(vocab, template)
    col.models.add(vocab)
    add(col, "Vocabulary", default, ["maison", "house", "La maison est &lt;grande&gt;.<br>"], ["french", "a::b"])

    cards = sorted(col.find_cards(""))
    # A review card with history (SM-2): learnt, then reviewed later.
    reviewed = col.find_cards('"Front:Bonjour"')[0]
    answer(col, reviewed, CardAnswer.GOOD, 7)
    answer(col, reviewed, CardAnswer.EASY, 3)
    # A card in learning, answered Again.
    answer(col, col.find_cards('"Front:chat" card:1')[0], CardAnswer.AGAIN, 12)
    # A suspended card and a buried one.
    col.sched.suspend_cards([col.find_cards('"Front:chien" card:1')[0]])
    col.sched.bury_cards([col.find_cards('"Front:oiseau"')[0]], manual=True)
    # FSRS: a card answered with FSRS on gets a memory state in its data.
    col.set_config("fsrs", True)
    answer(col, col.find_cards('"Word:maison"')[0], CardAnswer.GOOD, 5)
    col.set_config("fsrs", False)
    # A filtered deck holding a card away from its home deck.
    cram = col.decks.new_filtered("Cram")
    filtered = col.decks.get(cram)
    filtered["terms"] = [['"Front:2 + 2"', 100, 0]]
    col.decks.save(filtered)
    col.sched.rebuild_filtered_deck(cram)
    assert len(cards) == 10, cards
    return col


def view(col):
    """What Anki's library reports of a collection, in hone's reader's terms."""
    notetypes = {}
    for model in col.models.all():
        notetypes[str(model["id"])] = {
            "name": model["name"],
            "cloze": model["type"] == 1,
            "fields": [field["name"] for field in sorted(model["flds"], key=lambda f: f["ord"])],
            "templates": [
                {"name": t["name"], "question": t["qfmt"], "answer": t["afmt"]}
                for t in sorted(model["tmpls"], key=lambda t: t["ord"])
            ],
        }
    decks = {}
    for deck in col.decks.all_names_and_ids():
        decks[str(deck.id)] = {"name": deck.name, "filtered": bool(col.decks.is_filtered(deck.id))}
    notes = []
    for note_id in sorted(col.find_notes("")):
        note = col.get_note(note_id)
        notes.append({"id": note.id, "guid": note.guid, "notetype": note.mid, "fields": list(note.fields),
                      "tags": list(note.tags), "modified": note.mod})
    cards = []
    for card_id in sorted(col.find_cards("")):
        card = col.get_card(card_id)
        memory = card.memory_state
        cards.append({
            "id": card.id, "note": card.nid, "deck": card.did, "ordinal": card.ord, "modified": card.mod,
            "type": card.type, "queue": card.queue, "due": card.due, "interval": card.ivl, "factor": card.factor,
            "reps": card.reps, "lapses": card.lapses, "left": card.left, "originalDue": card.odue,
            "originalDeck": card.odid,
            "stability": memory.stability if memory else None,
            "difficulty": memory.difficulty if memory else None,
        })
    reviews = [
        {"id": r[0], "card": r[1], "ease": r[2], "interval": r[3], "lastInterval": r[4], "factor": r[5],
         "milliseconds": r[6], "type": r[7]}
        for r in col.db.all("select id, cid, ease, ivl, lastIvl, factor, time, type from revlog order by id")
    ]
    return {"created": col.crt, "rollover": col.get_config("rollover", None), "decks": decks,
            "noteTypes": notetypes, "notes": notes, "cards": cards, "reviews": reviews}


def package_view(folder, package):
    """Anki's view of the collection inside a package: restored by Anki's own colpkg importer
    (which reads both layouts and both compressions), then opened."""
    restored = os.path.join(folder, "restored-" + os.path.basename(package) + ".anki2")
    media = os.path.join(folder, "restored-media")
    os.makedirs(media, exist_ok=True)
    RustBackend().import_collection_package(col_path=restored, backup_path=package, media_folder=media,
                                            media_db=os.path.join(folder, "restored-media.db"))
    col = Collection(restored)
    try:
        return view(col)
    finally:
        col.close(downgrade=False)


def main():
    folder = tempfile.mkdtemp(prefix="hone-anki-fixtures-")
    try:
        col = build(folder)
        outputs = {}
        for name, legacy in [("current.apkg", False), ("legacy.apkg", True)]:
            path = os.path.join(folder, name)
            options = ExportAnkiPackageOptions(with_scheduling=True, with_deck_configs=True, with_media=False,
                                               legacy=legacy)
            col.export_anki_package(out_path=path, options=options, limit=None)
            outputs[name] = path
        path = os.path.join(folder, "whole.colpkg")
        col.export_collection_package(path, include_media=False, legacy=False)
        outputs["whole.colpkg"] = path
        col.close(downgrade=False)
        # A package as Anki before 2.1.50 wrote it: no meta, the collection (schema 11) as
        # collection.anki2. Anki's own legacy export, re-packed.
        path = os.path.join(folder, "legacy1.apkg")
        with zipfile.ZipFile(outputs["legacy.apkg"]) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
            out.writestr("collection.anki2", source.read("collection.anki21"))
            out.writestr("media", "{}")
        outputs["legacy1.apkg"] = path
        for name, path in outputs.items():
            shutil.copyfile(path, os.path.join(HERE, name))
            expected = package_view(folder, path)
            with open(os.path.join(HERE, "expected-" + name.replace(".", "-") + ".json"), "w") as out:
                json.dump(expected, out, indent=1, sort_keys=True, ensure_ascii=False)
                out.write("\n")
            print(f"{name}: {os.path.getsize(path)} bytes, {len(expected['notes'])} notes, "
                  f"{len(expected['cards'])} cards, {len(expected['reviews'])} reviews, "
                  f"{len(expected['decks'])} decks, {len(expected['noteTypes'])} note types")
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    sys.exit(main())
