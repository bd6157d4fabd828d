"""Fixtures and Pilot helpers for the reliability tests of the editor, as in ``tests/tui/conftest.py``.

Test modules import ``make_fixture`` and ``draft_path_fixture`` to get the ``make`` and
``draft_path`` fixtures of ``tests/tui/conftest.py`` (no ``conftest.py`` in this folder:
it would shadow ``tests/conftest.py``).

:func:`type_text` sends keys the way a terminal does, each with its character, because
``Pilot.press`` drops characters it cannot name (an emoji arrives as no character at all).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.app import App
from textual.keys import _character_to_key
from textual.notifications import Notification
from textual.pilot import Pilot

# the TUI tests' own fixtures and helpers (pytest imports tests/tui/conftest.py as tui.conftest)
from tui.conftest import (
    BACKGROUND,
    FIXED_NOW,
    app_factory,
    copy_test_draft,
    notices,
    ready,
    screen_text,
    settle,
)

from dossier.tui.app import DossierApp

TUI_DATA = Path(__file__).resolve().parent.parent / "tui" / "data"

__all__ = [
    "BACKGROUND",
    "FIXED_NOW",
    "TUI_DATA",
    "draft_path_fixture",
    "make_fixture",
    "notices",
    "notifications",
    "ready",
    "screen_text",
    "settle",
    "type_text",
    "wait_for_screen",
]


@pytest.fixture(name="draft_path")
def draft_path_fixture(tmp_path: Path) -> Path:
    return copy_test_draft(tmp_path)


@pytest.fixture(name="make")
def make_fixture() -> Callable[..., DossierApp]:
    return app_factory()


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
