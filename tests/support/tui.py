"""Plugin: the editor under Pilot: a draft to open, an app factory and the ``tui`` helpers.

``make(path, **kwargs)`` builds the app as ``dossier open`` would, with a fixed clock, no
cursor blink and no reopening of recent drafts, and keeps a log of its notifications.
``tui`` waits (for a condition, a screen, the first check, the background workers), reads
what the terminal shows, lists the notifications and types text, through Textual's
public API only.
"""

from __future__ import annotations

import html
import re
import shutil
import unicodedata
import weakref
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from textual import events
from textual.app import App
from textual.notifications import Notification, SeverityLevel
from textual.pilot import Pilot

from dossier.core import i18n
from dossier.storage import recent
from dossier.tui import make_app
from dossier.tui.app import DossierApp

from .paths import TUI_DATA

BACKGROUND = ("check", "autosave", "save", "export")
"""Worker groups that finish on their own (the flows with dialogs wait for the official)."""

QUICK_TRIES = 20
"""Plain pauses first (a message round each): most conditions hold after one or two."""
SLOW_TRIES = 200
SLOW_STEP = 0.05
"""Then up to 10 s of real time, so a loaded machine (``-n 2``) does not outrun a timer."""

_TEXT = re.compile(
    r'<text [^>]*\bx="(?P<x>[\d.]+)"[^>]*clip-path="url\(#[\w-]+-line-(?P<line>\d+)\)"[^>]*>'
    r"(?P<text>.*?)</text>",
    re.S,
)
_CHAR_WIDTH = 0.61 * 20
"""Width of one cell in Rich's SVG export (``font_aspect_ratio * font_size``, both defaults)."""

_LOGS: weakref.WeakKeyDictionary[App[Any], list[Notification]] = weakref.WeakKeyDictionary()
"""Every notification each app built by ``make`` raised, in order."""


def _logged(app: DossierApp) -> DossierApp:
    """Record every ``notify`` of ``app`` (widgets and screens notify through the app)."""
    log: list[Notification] = []
    _LOGS[app] = log
    notify = app.notify

    def recording(
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        log.append(Notification(message, title, severity, markup=markup))
        notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    app.notify = recording  # type: ignore[method-assign]
    return app


def _key_name(char: str) -> str:
    """The key a terminal names for ``char`` (bindings match on it; the editor inserts the character)."""
    if char.isalnum():
        return char
    if char == " ":
        return "space"
    try:
        return unicodedata.name(char).lower().replace("-", "_").replace(" ", "_")
    except ValueError:
        return char


class Tui:
    """Helpers for Pilot tests of the editor (the ``tui`` fixture)."""

    async def until(
        self, pilot: Pilot[Any], condition: Callable[[], bool], what: str = "the condition"
    ) -> None:
        """Let the app run until ``condition()`` holds; fail saying ``what`` never happened."""
        for n in range(QUICK_TRIES + SLOW_TRIES):
            if condition():
                return
            await pilot.pause(None if n < QUICK_TRIES else SLOW_STEP)
        raise AssertionError(f"{what} never happened; the screen is {pilot.app.screen!r}")

    async def wait_for_screen(self, pilot: Pilot[Any], kind: type) -> None:
        """Wait until the active screen is a ``kind`` (a dialog being pushed, a flow ending)."""
        await self.until(pilot, lambda: isinstance(pilot.app.screen, kind), f"{kind.__name__} showing")

    async def settle(self, pilot: Pilot[Any], *, delay: float | None = None) -> None:
        """Let messages, timers (if ``delay``) and the background workers finish."""
        app = pilot.app
        await pilot.pause(delay)
        for _ in range(3):
            workers = [w for w in app.workers if w.group in BACKGROUND and not w.is_finished]
            if workers:
                await app.workers.wait_for_complete(workers)
            await pilot.pause()

    async def ready(self, pilot: Pilot[Any]) -> None:
        """Wait for the draft to be open and its first check applied, then for the workers."""
        app = pilot.app
        assert isinstance(app, DossierApp)
        await self.until(pilot, lambda: app.session is not None and app.session.checked, "the first check")
        await self.settle(pilot)

    def screen_text(self, app: App[Any]) -> str:
        """What the terminal shows, as plain text (read from the app's own SVG screenshot)."""
        lines: dict[int, str] = {}
        for match in _TEXT.finditer(app.export_screenshot()):
            line = int(match["line"])
            column = round(float(match["x"]) / _CHAR_WIDTH)
            text = html.unescape(match["text"]).replace("\xa0", " ")
            so_far = lines.get(line, "")
            lines[line] = so_far + " " * (column - cell_len(so_far)) + text
        return "\n".join(lines.get(n, "").rstrip() for n in range(app.size.height))

    def notifications(self, app: App[Any], severity: str | None = None) -> list[Notification]:
        """Every notification ``app`` raised so far (``app`` must come from ``make``)."""
        try:
            log = _LOGS[app]
        except KeyError:
            raise AssertionError("notifications are logged only for apps built by the make fixture") from None
        return [n for n in log if severity is None or n.severity == severity]

    def notices(self, app: App[Any]) -> str:
        """Every notification so far as text (toasts wrap, so assert on the messages themselves)."""
        return "\n".join(f"{n.title}: {n.message}" for n in self.notifications(app))

    async def type_text(self, pilot: Pilot[Any], text: str) -> None:
        """Type ``text`` as key presses carrying their characters (emoji and Chinese included).

        ``Pilot.press`` drops characters it cannot name (an emoji arrives as no character
        at all), so each key is posted the way a terminal driver posts it.
        """
        for char in text:
            pilot.app.post_message(events.Key(_key_name(char), char))
        await pilot.pause()


def copy_test_draft(folder: Path, *, left_at: str | None = "introduction") -> Path:
    """A copy of the test draft (a few gaps, so every status shows) in ``folder/drafts``.

    The official last left it on ``left_at`` (remembered in the tests' private recent list),
    so it reopens there, as most tests expect; with None it opens where work is needed first.
    """
    drafts = folder / "drafts"
    drafts.mkdir()
    target = drafts / "westmere.dossier.json"
    shutil.copy(TUI_DATA / "westmere-gaps.dossier.json", target)
    if left_at is not None:
        recent.remember(target, place={"part": left_at})
    return target


@pytest.fixture
def draft_path(tmp_path: Path) -> Path:
    """A copy of the TUI test draft in its own folder."""
    return copy_test_draft(tmp_path)


@pytest.fixture
def make(fixed_now: datetime, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., DossierApp]]:
    """Build the editor for tests: fixed clock, no blink, no reopening of recent drafts.

    The interface speaks English whatever the machine's locale (a test sets
    ``DOSSIER_UI_LANGUAGE`` after taking this fixture to choose another), and the
    interface language is put back afterwards, so a test that switched to Chinese leaves
    the next test (in the same process) in English.
    """
    monkeypatch.setenv(i18n.UI_LANGUAGE_VARIABLE, "en")
    before = i18n.interface_language()

    def build(path: Path | None = None, **kwargs: Any) -> DossierApp:
        kwargs.setdefault("now", fixed_now)
        kwargs.setdefault("cursor_blink", False)
        kwargs.setdefault("reopen_recent", False)
        return _logged(make_app(path, **kwargs))

    yield build
    i18n.set_interface_language(before)


@pytest.fixture(scope="session")
def tui() -> Tui:
    return Tui()
