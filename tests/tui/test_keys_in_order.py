"""The app's own keys (ctrl+s, ctrl+q…) act on the draft only after the keys typed before
them: a busy editor (re-wrapping after a resize) used to let a ctrl+s overtake a letter or
a ctrl+t typed just before it, and save the draft without them."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Callable
from pathlib import Path

from textual import events

from dossier.core.translation import translation_state
from dossier.storage import recent
from dossier.storage.drafts import load_draft
from dossier.tui.app import DossierApp
from dossier.tui.dialogs.quit import QuitDialog
from dossier.tui.inputs import ProseArea
from dossier.tui.screens.main import MainScreen
from dossier.tui.widgets.section_editor import SectionEditor

from support.paths import EXAMPLES_DIR
from support.tui import Tui

Make = Callable[..., DossierApp]


async def _hold(
    app: DossierApp, keys: tuple[tuple[str, str | None], ...], started: Callable[[], bool]
) -> None:
    """Hold the focused editor's queue (as a long re-wrap holds it), send ``keys`` to the app
    as a terminal would, wait until ``started()`` (the app's own key acted), then let go.

    Pilot's pauses wait for every queue, the held one too: plain sleeps meanwhile."""
    gate = asyncio.Event()

    async def busy() -> None:
        await gate.wait()

    assert app.focused is not None
    app.focused.call_later(busy)
    try:
        for key, char in keys:
            app.post_message(events.Key(key, char))
        for _ in range(200):
            if started():
                break
            await asyncio.sleep(0.01)
        else:
            raise AssertionError(f"{keys[-1][0]} did nothing")
        await asyncio.sleep(0.2)  # room for the app's key to overtake the others, had it not waited
    finally:
        gate.set()


async def test_ctrl_s_waits_for_a_letter_and_ctrl_t_typed_before_it_into_a_busy_editor(
    tmp_path: Path, make: Make, tui: Tui
) -> None:
    path = tmp_path / "lanjiang.dossier.json"
    shutil.copy(EXAMPLES_DIR / "lanjiang-music-zh.dossier.json", path)
    recent.remember(path, place={"part": "strategy"})
    before = load_draft(path).sections.strategy
    app = make(path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await tui.ready(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        pane = screen.current_pane
        assert isinstance(pane, SectionEditor) and pane.working_editor is not None
        working = pane.working_editor
        working.focus()
        working.move_cursor((0, 0))
        await tui.settle(pilot)

        keys = (("新", "新"), ("ctrl+t", None), ("ctrl+s", None))
        written = path.stat().st_mtime_ns

        def saving() -> bool:
            return path.stat().st_mtime_ns != written or any(w.group == "save-flow" for w in app.workers)

        await _hold(app, keys, saving)
        await tui.until(pilot, lambda: not app.session.dirty, "the draft saved")
        await tui.settle(pilot)
    saved = load_draft(path).sections.strategy
    assert saved.working_text == "新" + (before.working_text or "")
    assert translation_state(saved).in_step
    assert saved.translated_from != before.translated_from


async def test_ctrl_q_right_after_a_letter_asks_about_it(tmp_path: Path, make: Make, tui: Tui) -> None:
    path = tmp_path / "lanjiang.dossier.json"
    shutil.copy(EXAMPLES_DIR / "lanjiang-music-zh.dossier.json", path)
    app = make(path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await tui.ready(pilot)
        assert isinstance(app.focused, ProseArea)
        left: list[object] = []
        app.exit = lambda *args, **kwargs: left.append(args)  # type: ignore[method-assign]

        def quitting() -> bool:
            return bool(left) or any(w.group == "quit" for w in app.workers)

        await _hold(app, (("x", "x"), ("ctrl+q", None)), quitting)
        await tui.until(pilot, lambda: isinstance(app.screen, QuitDialog) or bool(left), "the quit flow")
        assert not left, "dossier left with the letter typed before ctrl+q unsaved"
        assert isinstance(app.screen, QuitDialog)
        assert app.session is not None and app.session.dirty
