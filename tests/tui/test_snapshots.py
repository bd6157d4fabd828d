"""SVG snapshots of the key screens (pytest-textual-snapshot).

Why: the Pilot tests assert on state and text; these pictures catch what they cannot see:
layout, colours, truncation and breakpoints at 80x24 and 120x40. They are kept few and
deterministic: a fixed clock (days to the deadline, timeline), no cursor blink, a private
data folder (no recent drafts, set by ``tests/support/core.py``), no screen that shows the
draft's temporary path, no notifications, and every picture is taken only once the first
full check has finished, so the findings are in it.

After an intended change of look, regenerate them and review the diff:
``python -m pytest tests/tui/test_snapshots.py --snapshot-update -p no:benchmark``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from dossier.tui.app import DossierApp
from dossier.tui.screens.help import HelpScreen
from dossier.tui.screens.main import MainScreen
from dossier.tui.screens.overview import OverviewScreen
from dossier.tui.screens.start import StartScreen

from support.tui import Tui

Make = Callable[..., DossierApp]
SnapCompare = Callable[..., bool]
RunBefore = Callable[[Pilot[Any]], Awaitable[None]]


async def _finish(tui: Tui, pilot: Pilot[Any]) -> None:
    """Let the background workers end and drop any toast (none is expected) before the picture."""
    await tui.settle(pilot)
    pilot.app.clear_notifications()
    await pilot.pause()


def _checked(tui: Tui) -> RunBefore:
    """The draft is on screen and its first full check has been applied (marks and findings shown)."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await tui.ready(pilot)
        await tui.wait_for_screen(pilot, MainScreen)
        await _finish(tui, pilot)

    return run_before


def _on_part(tui: Tui, entry: str) -> RunBefore:
    """Go to ``entry`` (cursor in its editor) once the draft is checked."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await _checked(tui)(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, MainScreen)
        await screen.go_to(entry)
        await tui.until(pilot, lambda: screen.current_entry == entry, f"showing {entry}")
        await _finish(tui, pilot)

    return run_before


def _after_key(tui: Tui, key: str, screen_type: type[Any]) -> RunBefore:
    """Press ``key`` on the checked draft and wait for ``screen_type`` to be on top."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await _checked(tui)(pilot)
        await pilot.press(key)
        await tui.wait_for_screen(pilot, screen_type)
        await _finish(tui, pilot)

    return run_before


def _start(tui: Tui) -> RunBefore:
    async def run_before(pilot: Pilot[Any]) -> None:
        await tui.wait_for_screen(pilot, StartScreen)
        await _finish(tui, pilot)

    return run_before


def test_main_screen_80x24(snap_compare: SnapCompare, draft_path: Path, make: Make, tui: Tui) -> None:
    """The smallest supported terminal: narrow sidebar, introduction with its guidance and count."""
    assert snap_compare(make(draft_path), terminal_size=(80, 24), run_before=_checked(tui))


def test_main_screen_120x40(snap_compare: SnapCompare, draft_path: Path, make: Make, tui: Tui) -> None:
    """Wide layout: every part's mark and count in the sidebar, the findings box under the editor."""
    assert snap_compare(make(draft_path), terminal_size=(120, 40), run_before=_checked(tui))


def test_main_screen_part_with_findings_120x40(
    snap_compare: SnapCompare, draft_path: Path, make: Make, tui: Tui
) -> None:
    """An empty part (section 4): its error in the findings list, in the error colour."""
    assert snap_compare(make(draft_path), terminal_size=(120, 40), run_before=_on_part(tui, "preparation"))


def test_overview_120x40(snap_compare: SnapCompare, draft_path: Path, make: Make, tui: Tui) -> None:
    """Overview, two columns: progress per part, every finding, attachments and the timeline."""
    assert snap_compare(
        make(draft_path), terminal_size=(120, 40), run_before=_after_key(tui, "f2", OverviewScreen)
    )


def test_overview_80x24(snap_compare: SnapCompare, draft_path: Path, make: Make, tui: Tui) -> None:
    """Overview below the breakpoint: one column, truncated part names."""
    assert snap_compare(
        make(draft_path), terminal_size=(80, 24), run_before=_after_key(tui, "f2", OverviewScreen)
    )


def test_help_100x30(snap_compare: SnapCompare, draft_path: Path, make: Make, tui: Tui) -> None:
    """The keys dialog over the (dimmed) editor."""
    assert snap_compare(
        make(draft_path), terminal_size=(100, 30), run_before=_after_key(tui, "f1", HelpScreen)
    )


def test_start_screen_80x24(snap_compare: SnapCompare, make: Make, tui: Tui) -> None:
    """No draft and no recent drafts: create, open or quit."""
    assert snap_compare(make(None), terminal_size=(80, 24), run_before=_start(tui))


def test_start_screen_last_draft_gone_80x24(snap_compare: SnapCompare, make: Make, tui: Tui) -> None:
    """The last draft was moved: said at the top (name and old folder), the recent list greyed."""
    from dossier.storage import recent

    for name in ("hangzhou.dossier.json", "westmere.dossier.json"):  # folders that do not exist here
        recent.remember(Path("/srv/dossiers") / name)
    assert snap_compare(make(None, reopen_recent=True), terminal_size=(80, 24), run_before=_start(tui))


def test_history_80x24(
    snap_compare: SnapCompare, draft_path: Path, make: Make, tui: Tui, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The history at the smallest size: versions (label, author, parts), the parts that differ
    from the text now, and the introduction's changed words struck red / underlined green."""
    import time

    from dossier.storage import history as history_module
    from dossier.storage.drafts import load_draft, save_draft
    from dossier.storage.history import History
    from dossier.tui.screens.history import HistoryScreen

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    monkeypatch.setattr(history_module, "_now", lambda: "2026-03-02T09:30:00+00:00")
    original = load_draft(draft_path)
    changed = original.model_copy(deep=True)
    changed.introduction.text = changed.introduction.text.replace("city", "harbour city", 1)
    save_draft(changed, draft_path)
    with History.open(draft_path) as history:
        history.record(original, kind="import", author="Li Wei")
        history.record(changed, author="Li Wei", label="sent to the vice-mayor")

    async def run_before(pilot: Pilot[Any]) -> None:
        await _checked(tui)(pilot)
        await pilot.press("f3")
        await tui.wait_for_screen(pilot, HistoryScreen)
        screen = pilot.app.screen
        assert isinstance(screen, HistoryScreen)
        await tui.until(pilot, lambda: screen.compared is not None, "the newest version compared")
        await pilot.press("down")
        await tui.until(
            pilot, lambda: screen.compared is not None and screen.compared.version.id == 1, "version 1"
        )
        await _finish(tui, pilot)

    try:
        assert snap_compare(make(draft_path), terminal_size=(80, 24), run_before=run_before)
    finally:
        monkeypatch.undo()
        time.tzset()


LANGUAGES = ["fr", "zh"]
SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("language", LANGUAGES)
def test_main_screen_in_language(
    snap_compare: SnapCompare,
    draft_path: Path,
    make: Make,
    tui: Tui,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    size: tuple[int, int],
) -> None:
    """The editor in French and Chinese: sidebar counts, header, guidance box, count line and
    footer in the interface language, wide characters aligned, anything cut ending with "…"."""
    monkeypatch.setenv("DOSSIER_UI_LANGUAGE", language)
    assert snap_compare(make(draft_path), terminal_size=size, run_before=_checked(tui))


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("language", LANGUAGES)
def test_overview_in_language(
    snap_compare: SnapCompare,
    draft_path: Path,
    make: Make,
    tui: Tui,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    size: tuple[int, int],
) -> None:
    """The overview in French and Chinese: progress rows in columns, findings, attachments, timeline."""
    monkeypatch.setenv("DOSSIER_UI_LANGUAGE", language)
    assert snap_compare(
        make(draft_path), terminal_size=size, run_before=_after_key(tui, "f2", OverviewScreen)
    )


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("language", LANGUAGES)
def test_initiative_dialog_in_language(
    snap_compare: SnapCompare,
    draft_path: Path,
    make: Make,
    tui: Tui,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    size: tuple[int, int],
) -> None:
    """A dialog in French and Chinese: the initiative's labels in one column, its buttons."""
    from dossier.tui.dialogs.initiative import InitiativeDialog

    monkeypatch.setenv("DOSSIER_UI_LANGUAGE", language)

    async def run_before(pilot: Pilot[Any]) -> None:
        await _checked(tui)(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, MainScreen)
        await screen.go_to("contribution", "sections.contribution.initiatives[0]")
        await pilot.pause()
        await pilot.press("e")
        await tui.wait_for_screen(pilot, InitiativeDialog)
        await _finish(tui, pilot)

    assert snap_compare(make(draft_path), terminal_size=size, run_before=run_before)
