"""Child process for the kill test: open a draft, type, wait for the recovery copy, then hang.

Prints ``autosaved`` once the recovery copy holds the typed words, so the parent's
SIGKILL lands exactly between the autosave and a save that never comes.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

from dossier.storage.recovery import recovery_path
from dossier.tui import app as app_module
from dossier.tui import make_app

TYPED = "Words typed before the kill."


async def main(path: Path) -> None:
    app_module.AUTOSAVE_DELAY = 0.3
    app = make_app(path, cursor_blink=False, reopen_recent=False)
    app._autosaver.delay = 0.3
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(100):
            await pilot.pause(0.05)
            if app.session is not None and app.session.checked:
                break
        await pilot.press("enter", *TYPED)
        target = recovery_path(path)
        for _ in range(200):
            await pilot.pause(0.05)
            if target.exists() and json.loads(target.read_text("utf-8"))["introduction"]["text"].endswith(
                TYPED
            ):
                break
        else:
            print("no recovery copy", flush=True)
            return
        print("autosaved", flush=True)
        await asyncio.sleep(60)  # the parent kills us here


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1])))
