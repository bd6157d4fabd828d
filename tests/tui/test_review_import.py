"""The reviewed Word file in the editor: notes in the overview, the import review screen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from dossier.core.model import Note
from dossier.storage.drafts import load_draft, save_draft
from dossier.tui.app import DossierApp
from dossier.tui.screens.overview import OverviewScreen

from support.tui import Tui

Make = Callable[..., DossierApp]


async def test_overview_lists_reviewers_notes(draft_path: Path, make: Make, tui: Tui) -> None:
    draft = load_draft(draft_path)
    draft.notes = [
        Note(
            part="strategy",
            paragraph=0,
            author="Li Wei [b]",
            text="Cite the vote [bold]",
            date=datetime(2026, 11, 30, tzinfo=UTC),
        ),
        Note(part="meta", author="Zhang", text="Cover looks good", resolved=True),
    ]
    save_draft(draft, draft_path)
    app = make(draft_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await tui.ready(pilot)
        await pilot.press("f2")
        await tui.wait_for_screen(pilot, OverviewScreen)
        notes = str(app.screen.query_one("#overview-notes").content)  # type: ignore[attr-defined]
        assert "Li Wei [b] · 30 Nov 2026 · " in notes and "paragraph 1" in notes
        assert "Cite the vote [bold]" in notes
        assert "Zhang" in notes and "(resolved)" in notes
