"""SVG snapshots of the key screens (pytest-textual-snapshot).

Why: the Pilot tests assert on state and text; these pictures catch what they cannot see:
layout, colours, truncation and breakpoints at 80x24 and 120x40. They are kept few and
deterministic: a fixed clock (days to the deadline, timeline), no cursor blink, a private
data folder (no recent drafts, set by ``tests/conftest.py``), no screen that shows the
draft's temporary path, no notifications, and every picture is taken only once the first
full check has finished, so the findings are in it.

After an intended change of look, regenerate them and review the diff:
``python -m pytest tests/tui/test_snapshots.py --snapshot-update -p no:benchmark``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from dossier.tui.app import DossierApp
from dossier.tui.screens.help import HelpScreen
from dossier.tui.screens.main import MainScreen
from dossier.tui.screens.overview import OverviewScreen
from dossier.tui.screens.start import StartScreen

from .conftest import ready, settle

Make = Callable[..., DossierApp]
SnapCompare = Callable[..., bool]
RunBefore = Callable[[Pilot[Any]], Awaitable[None]]

WAIT_STEP = 0.05
WAIT_TRIES = 200
"""Up to 10 s of real time: a loaded machine (``-n 2``) must not outrun the first check's timer."""


async def _until(pilot: Pilot[Any], condition: Callable[[], bool], what: str) -> None:
    for _ in range(WAIT_TRIES):
        if condition():
            return
        await pilot.pause(WAIT_STEP)
    raise AssertionError(f"{what} never happened; screen is {pilot.app.screen!r}")


async def _finish(pilot: Pilot[Any]) -> None:
    """Let the background workers end and drop any toast (none is expected) before the picture."""
    await settle(pilot)
    pilot.app.clear_notifications()
    await pilot.pause()


async def _checked(pilot: Pilot[Any]) -> None:
    """The draft is on screen and its first full check has been applied (marks and findings shown)."""
    app = pilot.app
    assert isinstance(app, DossierApp)
    await ready(pilot)
    await _until(pilot, lambda: app.session is not None and app.session.checked, "the first check")
    await _until(pilot, lambda: isinstance(app.screen, MainScreen), "the editor screen")
    await _finish(pilot)


def _on_part(entry: str) -> RunBefore:
    """Go to ``entry`` (cursor in its editor) once the draft is checked."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await _checked(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, MainScreen)
        await screen.go_to(entry)
        await _until(pilot, lambda: screen.current_entry == entry, f"showing {entry}")
        await _finish(pilot)

    return run_before


def _after_key(key: str, screen_type: type[Any]) -> RunBefore:
    """Press ``key`` on the checked draft and wait for ``screen_type`` to be on top."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await _checked(pilot)
        await pilot.press(key)
        await _until(pilot, lambda: isinstance(pilot.app.screen, screen_type), f"{key} opening its screen")
        await _finish(pilot)

    return run_before


async def _start(pilot: Pilot[Any]) -> None:
    await _until(pilot, lambda: isinstance(pilot.app.screen, StartScreen), "the start screen")
    await _finish(pilot)


def test_main_screen_80x24(snap_compare: SnapCompare, draft_path: Path, make: Make) -> None:
    """The smallest supported terminal: narrow sidebar, introduction with its guidance and count."""
    assert snap_compare(make(draft_path), terminal_size=(80, 24), run_before=_checked)


def test_main_screen_120x40(snap_compare: SnapCompare, draft_path: Path, make: Make) -> None:
    """Wide layout: every part's mark and count in the sidebar, the findings box under the editor."""
    assert snap_compare(make(draft_path), terminal_size=(120, 40), run_before=_checked)


def test_main_screen_part_with_findings_120x40(
    snap_compare: SnapCompare, draft_path: Path, make: Make
) -> None:
    """An empty part (section 4): its error in the findings list, in the error colour."""
    assert snap_compare(make(draft_path), terminal_size=(120, 40), run_before=_on_part("preparation"))


def test_overview_120x40(snap_compare: SnapCompare, draft_path: Path, make: Make) -> None:
    """Overview, two columns: progress per part, every finding, attachments and the timeline."""
    assert snap_compare(
        make(draft_path), terminal_size=(120, 40), run_before=_after_key("f2", OverviewScreen)
    )


def test_overview_80x24(snap_compare: SnapCompare, draft_path: Path, make: Make) -> None:
    """Overview below the breakpoint: one column, truncated part names."""
    assert snap_compare(make(draft_path), terminal_size=(80, 24), run_before=_after_key("f2", OverviewScreen))


def test_help_100x30(snap_compare: SnapCompare, draft_path: Path, make: Make) -> None:
    """The keys dialog over the (dimmed) editor."""
    assert snap_compare(make(draft_path), terminal_size=(100, 30), run_before=_after_key("f1", HelpScreen))


def test_start_screen_80x24(snap_compare: SnapCompare, make: Make) -> None:
    """No draft and no recent drafts: create, open or quit."""
    assert snap_compare(make(None), terminal_size=(80, 24), run_before=_start)


def test_start_screen_last_draft_gone_80x24(snap_compare: SnapCompare, make: Make) -> None:
    """The last draft was moved: said at the top (name and old folder), the recent list greyed."""
    from dossier.storage import recent

    for name in ("hangzhou.dossier.json", "westmere.dossier.json"):  # folders that do not exist here
        recent.remember(Path("/srv/dossiers") / name)
    assert snap_compare(make(None, reopen_recent=True), terminal_size=(80, 24), run_before=_start)
