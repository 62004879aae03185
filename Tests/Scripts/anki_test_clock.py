"""Anki's scheduler on a simulated clock, for the FSRS reference scripts (anki-fsrs-answers.py,
fsrs-learner.py): the script is run again with libfaketime preloaded, so the clock Anki reads
(Rust's SystemTime, through libc's clock_gettime) is the time the script sets in $FAKETIME
(re-read on every call), and with Anki's test mode on, which turns its fuzz off."""

import os
import sys


def reexec_with_fake_clock(name: str, start) -> None:
    """Runs the calling script again under the simulated clock, starting at `start` (a datetime
    in UTC); returns at once when it already runs under it. `name` is the script's, for messages."""
    if os.environ.get("ANKI_TEST_CLOCK") == "1":
        return
    try:
        import libfaketime
    except ImportError:
        sys.exit(f"{name}: the `libfaketime` package is missing from this Python (pip install libfaketime)")
    lib = os.path.join(os.path.dirname(libfaketime.__file__), "vendor", "libfaketime", "src")
    env = dict(os.environ)
    env.update({
        "ANKI_TEST_CLOCK": "1",
        "ANKI_TEST_MODE": "1",
        "TZ": "UTC",
        "LD_LIBRARY_PATH": lib + (":" + env["LD_LIBRARY_PATH"] if env.get("LD_LIBRARY_PATH") else ""),
        "LD_PRELOAD": "libfaketime.so.1" + (":" + env["LD_PRELOAD"] if env.get("LD_PRELOAD") else ""),
        "FAKETIME_NO_CACHE": "1",
        "DONT_FAKE_MONOTONIC": "1",
        "FAKETIME": start.strftime("%Y-%m-%d %H:%M:%S"),
    })
    os.execve(sys.executable, [sys.executable] + sys.argv, env)
