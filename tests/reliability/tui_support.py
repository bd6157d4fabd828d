"""Fixtures and Pilot helpers for the reliability tests of the editor, as in ``tests/tui/conftest.py``.

Test modules import ``make_fixture`` and ``draft_path_fixture`` to get the ``make`` and
``draft_path`` fixtures (no ``conftest.py`` here: it would shadow ``tests/conftest.py``).

:func:`type_text` sends keys the way a terminal does, each with its character, because
``Pilot.press`` drops characters it cannot name (an emoji arrives as no character at all).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.app import App
from textual.keys import _character_to_key
from textual.notifications import Notification
from textual.pilot import Pilot

from dossier.tui import make_app
from dossier.tui.app import DossierApp

TUI_DATA = Path(__file__).resolve().parent.parent / "tui" / "data"
FIXED_NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
BACKGROUND = ("check", "autosave", "save", "export")
"""Worker groups that finish on their own (the flows with dialogs wait for the official)."""


@pytest.fixture(name="draft_path")
def draft_path_fixture(tmp_path: Path) -> Path:
    """The TUI tests' draft (a few gaps, so every status shows) in a folder of its own."""
    folder = tmp_path / "drafts"
    folder.mkdir()
    target = folder / "westmere.dossier.json"
    shutil.copy(TUI_DATA / "westmere-gaps.dossier.json", target)
    return target


@pytest.fixture(name="make")
def make_fixture() -> Callable[..., DossierApp]:
    """Build the editor as the TUI tests do: fixed clock, no blink, no reopening of recent drafts."""

    def build(path: Path | None = None, **kwargs: Any) -> DossierApp:
        kwargs.setdefault("now", FIXED_NOW)
        kwargs.setdefault("cursor_blink", False)
        kwargs.setdefault("reopen_recent", False)
        return make_app(path, **kwargs)

    return build


async def settle(pilot: Pilot[Any], *, delay: float | None = None) -> None:
    """Let messages, timers (if ``delay``) and the background workers finish."""
    app = pilot.app
    await pilot.pause(delay)
    for _ in range(3):
        workers = [w for w in app.workers if w.group in BACKGROUND and not w.is_finished]
        if workers:
            await app.workers.wait_for_complete(workers)
        await pilot.pause()


async def ready(pilot: Pilot[Any]) -> None:
    """Wait for the draft to be open and its first check done."""
    app = pilot.app
    for _ in range(100):
        await pilot.pause()
        if getattr(app, "session", None) is not None and app.session.checked:  # type: ignore[attr-defined]
            break
    await settle(pilot)


async def wait_for_screen(pilot: Pilot[Any], kind: type, tries: int = 60) -> None:
    """Wait until the active screen is a ``kind`` (a dialog being pushed, a flow ending)."""
    for _ in range(tries):
        await pilot.pause()
        if isinstance(pilot.app.screen, kind):
            return
    raise AssertionError(f"{kind.__name__} never showed; on {pilot.app.screen!r}")


async def type_text(pilot: Pilot[Any], text: str) -> None:
    """Type ``text`` as key presses carrying their characters (emoji and Chinese included)."""
    driver = pilot.app._driver
    assert driver is not None
    for char in text:
        key = char if char.isalnum() else _character_to_key(char)
        driver.send_message(events.Key(key, char))
    await pilot.pause()


def notifications(app: App[Any], severity: str | None = None) -> list[Notification]:
    return [n for n in app._notifications if severity is None or n.severity == severity]


def notices(app: App[Any]) -> str:
    """Every notification so far, one ``title: message`` a line."""
    return "\n".join(f"{n.title}: {n.message}" for n in app._notifications)


def screen_text(app: App[Any]) -> str:
    """What the terminal shows, as plain text."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text.rstrip() for strip in strips)
