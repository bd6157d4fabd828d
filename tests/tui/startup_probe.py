"""Start an app headless and exit as soon as its first screen is ready to type (for the startup benchmark).

``python startup_probe.py bare FILE`` runs a bare Textual app with one TextArea holding
the text of FILE's introduction; ``python startup_probe.py dossier FILE`` runs dossier
on FILE. The parent times the whole process, interpreter start included.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any


def bare(path: Path) -> None:
    import json

    from textual.app import App, ComposeResult
    from textual.widgets import TextArea

    text = json.loads(path.read_text(encoding="utf-8"))["introduction"]["text"]

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield TextArea(text)

    async def auto_pilot(pilot: Any) -> None:
        await pilot.pause()
        pilot.app.exit()

    Bare().run(headless=True, auto_pilot=auto_pilot, size=(100, 30))


def dossier(path: Path) -> None:
    from dossier.tui import make_app

    app = make_app(path, reopen_recent=False)

    async def auto_pilot(pilot: Any) -> None:
        from dossier.tui.widgets.inputs import ProseArea

        for _ in range(200):
            await pilot.pause()
            if isinstance(pilot.app.focused, ProseArea):
                break
        pilot.app.exit()

    app.run(headless=True, auto_pilot=auto_pilot, size=(100, 30))
    app.shutdown_session()


if __name__ == "__main__":
    {"bare": bare, "dossier": dossier}[sys.argv[1]](Path(sys.argv[2]))
