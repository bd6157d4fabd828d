"""Start an app headless, note when its first screen is ready to type, and exit (for the benchmarks).

    python startup_probe.py bare FILE       # a bare Textual app showing one TextArea
    python startup_probe.py dossier FILE    # ``dossier open FILE``, through the command line

The bare app's TextArea holds the text of FILE's introduction. Both stop at the same
event: a TextArea has the focus and the screen has been refreshed since (Textual's
``call_after_refresh``). The last line printed is ``{"ready": T}`` with ``T`` from
``time.perf_counter()``, a system-wide monotonic clock on Linux, so the parent, which
read the same clock before starting the interpreter, gets the whole start-up to that
event. The exit that follows is not timed.

:func:`open_headless` runs any ``dossier`` command line with Textual's ``App.run`` made
headless and driven by an auto-pilot: the product code runs unchanged, only the terminal
is replaced.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

SIZE = (120, 40)
"""The terminal every benchmark uses (wide enough for dossier's two-column layout)."""

AutoPilot = Callable[[Any], Awaitable[None]]


def open_headless(argv: Sequence[str], auto_pilot: AutoPilot, size: tuple[int, int] = SIZE) -> int:
    """Run ``dossier ARGV`` with the app headless at ``size`` and driven by ``auto_pilot``."""
    from textual.app import App

    original = App.run

    def run(self: App[Any], **kwargs: Any) -> Any:
        kwargs.update(headless=True, size=size, auto_pilot=auto_pilot)
        return original(self, **kwargs)

    App.run = run  # type: ignore[method-assign]
    from dossier.cli import main

    return main(list(argv))


def until_ready(stamp: list[float]) -> AutoPilot:
    """An auto-pilot that appends the time of "ready to type" to ``stamp``, then exits the app."""

    async def auto_pilot(pilot: Any) -> None:
        from textual.widgets import TextArea

        app = pilot.app
        while not isinstance(app.focused, TextArea):
            await asyncio.sleep(0)  # a yield, not a wait: no granularity added
        refreshed = asyncio.Event()
        app.call_after_refresh(lambda: (stamp.append(time.perf_counter()), refreshed.set()))
        await refreshed.wait()
        app.exit()

    return auto_pilot


def bare(path: Path, stamp: list[float]) -> None:
    import json

    from textual.app import App, ComposeResult
    from textual.widgets import TextArea

    text = json.loads(path.read_text(encoding="utf-8"))["introduction"]["text"]

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield TextArea(text)

    Bare().run(headless=True, size=SIZE, auto_pilot=until_ready(stamp))


def dossier(path: Path, stamp: list[float]) -> None:
    code = open_headless(["open", str(path)], until_ready(stamp))
    if code:
        raise SystemExit(f"dossier open exited with {code}")


def main(argv: Sequence[str]) -> None:
    stamp: list[float] = []
    {"bare": bare, "dossier": dossier}[argv[0]](Path(argv[1]), stamp)
    if not stamp:
        raise SystemExit("the first screen never became ready")
    print(f'{{"ready": {stamp[0]!r}}}')


if __name__ == "__main__":
    main(sys.argv[1:])
