"""Start an app headless, note when its first screen is ready to type, and exit (for the benchmarks).

    python startup_probe.py bare FILE       # a bare Textual app showing one TextArea
    python startup_probe.py dossier FILE    # ``dossier open FILE``, through the command line

The bare app's TextArea holds the text of FILE's introduction. Both stop at the same
event: a TextArea has the focus and the screen has been refreshed since (Textual's
``call_after_refresh``). The last line printed is ``{"ready": T, "marks": {...}}`` with ``T`` from
``time.perf_counter()``, a system-wide monotonic clock on Linux, so the parent, which
read the same clock before starting the interpreter, gets the whole start-up to that
event. ``marks`` holds the end of each phase on the same clock: ``interpreter`` (this
script starts running), ``imports`` (dossier's or Textual's modules imported), ``read``
(the draft file read and parsed), ``first_paint`` (the same as ``ready``) and, for dossier,
``validated`` (pydantic has validated the draft; the probe waits for it after the first
paint). dossier notes its own (``dossier.tui.MILESTONES``). The exit that follows is not
timed.

:func:`open_headless` runs any ``dossier`` command line with Textual's ``App.run`` made
headless and driven by an auto-pilot: the product code runs unchanged, only the terminal
is replaced.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()
"""When this interpreter began running our code: the end of the ``interpreter`` phase."""

import asyncio  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
from collections.abc import Awaitable, Callable, Sequence  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

MARKS: dict[str, float] = {"interpreter": STARTED}
"""The time each phase of the start-up ended (``time.perf_counter()``), in order."""
VALIDATED_WAIT = 10.0
"""Seconds the probe waits, after the first paint, for the draft to be validated."""

SIZE = (120, 40)
"""The terminal every benchmark uses (wide enough for dossier's two-column layout)."""

AutoPilot = Callable[[Any], Awaitable[None]]


def open_headless(argv: Sequence[str], auto_pilot: AutoPilot, size: tuple[int, int] = SIZE) -> int:
    """Run ``dossier ARGV`` with the app headless at ``size`` and driven by ``auto_pilot``.

    The app that ``dossier.tui.make_app`` builds is made to run headless; nothing is imported
    here that the command would not import itself (Textual is imported where ``dossier open``
    imports it, as it would be in a terminal).
    """
    import dossier.tui

    made = dossier.tui.make_app

    def make_app(*args: Any, **kwargs: Any) -> Any:
        app = made(*args, **kwargs)
        original = app.run

        def run(**options: Any) -> Any:
            options.update(headless=True, size=size, auto_pilot=auto_pilot)
            return original(**options)

        app.run = run
        return app

    dossier.tui.make_app = make_app  # type: ignore[assignment]
    from dossier.cli import main

    return main(list(argv))


def until_ready(stamp: list[float], *, validated: bool = False) -> AutoPilot:
    """An auto-pilot that appends the time of "ready to type" to ``stamp``, then exits the app
    (once the draft has been validated too, if ``validated``: its time is in ``MARKS``)."""

    async def auto_pilot(pilot: Any) -> None:
        from textual.widgets import TextArea

        app = pilot.app
        while not isinstance(app.focused, TextArea):
            await asyncio.sleep(0)  # a yield, not a wait: no granularity added
        refreshed = asyncio.Event()
        app.call_after_refresh(lambda: (stamp.append(time.perf_counter()), refreshed.set()))
        await refreshed.wait()
        MARKS["first_paint"] = stamp[0]
        give_up = time.perf_counter() + VALIDATED_WAIT
        noted = sys.modules["dossier.tui"].MILESTONES if validated else {}
        while validated and time.perf_counter() < give_up:
            if (
                "validated" in noted
                and getattr(app, "session", None) is not None
                and type(app.screen).__name__ == "MainScreen"
                and isinstance(app.focused, TextArea)
            ):
                break  # the editor of the validated draft has the cursor: exit cleanly
            await asyncio.sleep(0.002)
        app.exit()

    return auto_pilot


def bare(path: Path, stamp: list[float]) -> None:

    from textual.app import App, ComposeResult
    from textual.widgets import TextArea

    MARKS["imports"] = time.perf_counter()
    text = json.loads(path.read_text(encoding="utf-8"))["introduction"]["text"]
    MARKS["read"] = time.perf_counter()

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield TextArea(text)

    Bare().run(headless=True, size=SIZE, auto_pilot=until_ready(stamp))


def dossier(path: Path, stamp: list[float]) -> None:
    from dossier.tui import MILESTONES

    code = open_headless(["open", str(path)], until_ready(stamp, validated=True))
    if code:
        raise SystemExit(f"dossier open exited with {code}")
    for name in ("imports", "read", "validated"):  # noted by the product itself
        if name in MILESTONES:
            MARKS[name] = MILESTONES[name]


def main(argv: Sequence[str]) -> None:
    stamp: list[float] = []
    {"bare": bare, "dossier": dossier}[argv[0]](Path(argv[1]), stamp)
    if not stamp:
        raise SystemExit("the first screen never became ready")
    print(json.dumps({"ready": stamp[0], "marks": MARKS}))


if __name__ == "__main__":
    main(sys.argv[1:])
