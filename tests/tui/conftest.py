"""Fixtures for the TUI tests: drafts in a temporary folder, a fixed clock, no blink, helpers to wait."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot

from dossier.storage import recent
from dossier.tui import make_app
from dossier.tui.app import DossierApp

DATA = Path(__file__).parent / "data"
FIXED_NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
BACKGROUND = ("check", "autosave", "save", "export")
"""Worker groups that finish on their own (the flows with dialogs wait for the official)."""

HOSTILE = [
    "[bold]",
    "[/",
    "[/x]",
    "[@click=app.quit]q[/]",
    "[$x]",
    "a\\",
    "\x1b]52;c;aGVsbG8=\x07\x1b[31m",
    "\x00\x07\x9b",
    "😀👨‍👩‍👧",
    "مرحبا بالعالم",
]


def copy_test_draft(tmp_path: Path, *, left_at: str | None = "introduction") -> Path:
    """A copy of the test draft (a few gaps, so every status shows) in its own folder.

    The official last left it on ``left_at`` (remembered in the tests' private recent list),
    so it reopens there, as most tests expect; with None it opens where work is needed first.
    """
    folder = tmp_path / "drafts"
    folder.mkdir()
    target = folder / "westmere.dossier.json"
    shutil.copy(DATA / "westmere-gaps.dossier.json", target)
    if left_at is not None:
        recent.remember(target, place={"part": left_at})
    return target


def app_factory() -> Callable[..., DossierApp]:
    """Build the editor for tests: fixed clock, no blink, no reopening of recent drafts."""

    def build(path: Path | None = None, **kwargs: Any) -> DossierApp:
        kwargs.setdefault("now", FIXED_NOW)
        kwargs.setdefault("cursor_blink", False)
        kwargs.setdefault("reopen_recent", False)
        return make_app(path, **kwargs)

    return build


@pytest.fixture
def draft_path(tmp_path: Path) -> Path:
    return copy_test_draft(tmp_path)


@pytest.fixture
def make() -> Callable[..., DossierApp]:
    return app_factory()


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


def screen_text(app: App[Any]) -> str:
    """What the terminal shows, as plain text (for asserting literal display)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text.rstrip() for strip in strips)


def notices(app: App[Any]) -> str:
    """Every notification so far (toasts wrap, so assert on the messages themselves)."""
    return "\n".join(f"{n.title}: {n.message}" for n in app._notifications)
