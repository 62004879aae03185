"""The Anki side of bench-anki, timed as a whole fresh process: open a collection with the official
Anki library, get the first card of today's queue, print its id, close.

    Tests/Benchmarks/work/anki-venv/bin/python Tests/Benchmarks/anki-first-card.py FILE.anki2 [--counts]

--counts also prints `col.sched.counts()` (new, learning, review) before the card id.
"""

import sys

from anki.collection import Collection

col = Collection(sys.argv[1])
queued = col.sched.get_queued_cards()
if "--counts" in sys.argv[2:]:
    print("counts", *col.sched.counts())
print(queued.cards[0].card.id if queued.cards else "none")
col.close(downgrade=False)
