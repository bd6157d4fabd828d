"""A 10,000-word section stays live: each character typed at its end updates the count and status.

How fast that is gets measured by ``tests/bench/run.py`` (``keystroke_ms_p95``), not here:
timings in tests fail on a busy machine and prove nothing on a quiet one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from dossier.storage.drafts import load_draft, save_draft
from dossier.tui.app import DossierApp
from dossier.tui.screens.main import MainScreen
from dossier.tui.widgets.findings import FindingsList
from dossier.tui.widgets.section_editor import SectionEditor

from support.tui import Tui

Make = Callable[..., DossierApp]


def long_text(words: int = 10_000) -> str:
    """About ``words`` words in paragraphs of about 100 words, as officials write."""
    sentence = "The city will open twelve design studios in former factories along the lake shore."
    paragraph = " ".join([sentence] * 7)  # 98 words
    return "\n\n".join([paragraph] * (words // 98 + 1))


async def test_typing_at_the_end_of_10000_words_keeps_the_count_live(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    draft = load_draft(draft_path)
    draft.sections.strategy.text = long_text()
    save_draft(draft, draft_path)
    app = make(draft_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await tui.ready(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await screen.go_to("strategy")
        await pilot.pause()
        pane = screen.current_pane
        assert isinstance(pane, SectionEditor)
        assert app.session is not None
        before = app.session.words["strategy"]
        assert before > 10_000
        assert pane.editor.cursor_location == pane.editor.document.end
        await pilot.press("space", "n", "e", "w", "space", "w", "o", "r", "d")
        await pilot.pause()
        assert app.session.words["strategy"] == before + 2
        assert str(pane.count_line.content).startswith(f"{before + 2} of 500 words")
        assert app.session.state("strategy").status == "error"
        assert app.session.draft.sections.strategy.text.endswith("shore. new word")
        await tui.settle(pilot, delay=0.6)
        flagged = app.session.findings_for("strategy")
        assert any(f.code == "over-limit" and f.is_error for f in flagged)
        # typing on: the live over-limit finding follows the count, in place
        findings = screen.query_one("#findings", FindingsList)
        options = findings.option_count
        await pilot.press("space", "m", "o", "r", "e")
        await pilot.pause()
        words = app.session.words["strategy"]
        assert words == before + 3
        assert findings.option_count == options
        prompts = [str(findings.get_option_at_index(i).prompt) for i in range(options)]
        assert any(f"{words:,} words: {words - 500:,} over the limit" in p for p in prompts), prompts
