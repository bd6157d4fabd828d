"""The hostile corpus as working text: every character kept through the side-by-side editor.

Each loadable corpus file becomes a bilingual draft whose working texts are the hostile
texts (the submission texts stay as they were). The editor opens every part at 80×24,
the official types in the working text of the part with the most, saves and quits; the
file must hold exactly what it held, the typed text and the documented changes to the
edited text only (see ``tests/reliability/test_tui_corpus.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from dossier.core.form import TEXT_PARTS
from dossier.storage.drafts import load_draft, read_draft, save_draft
from dossier.storage.recovery import same_content
from dossier.tui.app import DossierApp
from dossier.tui.screens.main import MainScreen
from dossier.tui.session import ENTRIES
from dossier.tui.text import strip_controls
from dossier.tui.widgets.section_editor import SectionEditor

from support.corpus import LOADABLE, Case
from support.tui import Tui

Make = Callable[..., DossierApp]
TYPED = " [bold] [/ 🎨 创意城市"


@pytest.mark.parametrize("case", LOADABLE, ids=lambda c: c.name)
async def test_hostile_working_text_keeps_every_character(
    tmp_path: Path, case: Case, make: Make, tui: Tui
) -> None:
    source = case.write(tmp_path)
    draft = read_draft(source).draft
    draft.meta.working_language = "zh"
    for part_id in TEXT_PARTS:
        section = draft.part(part_id)
        section.working_text = section.text
        section.translated_from = []
    path = tmp_path / "bilingual.dossier.json"
    save_draft(draft, path)
    before = load_draft(path)
    part = max(TEXT_PARTS, key=lambda p: len(before.part(p).working_text or ""))
    app = make(path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await tui.ready(pilot)
        screen = app.main_screen
        assert isinstance(screen, MainScreen) and app.session is not None
        for entry in ENTRIES:
            await screen.go_to(entry)
            await pilot.pause()
        assert not app.session.dirty, "looking at the parts changed the draft"
        await screen.go_to(part)
        pane = screen.pane(part)
        assert isinstance(pane, SectionEditor) and pane.working_editor is not None
        working = pane.working_editor
        working.focus()
        working.move_cursor(working.document.end)
        await tui.type_text(pilot, TYPED)
        assert working.text.endswith(TYPED)
        await pilot.press("ctrl+s")
        await tui.settle(pilot)
        assert f"Saved: {path}" in tui.notices(app)
        assert not tui.notifications(app, "error"), tui.notices(app)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    after = load_draft(path)
    expected = before.model_copy(deep=True)
    expected.part(part).working_text = strip_controls(before.part(part).working_text or "") + TYPED
    assert same_content(after, expected)
    assert after.part(part).text == before.part(part).text  # the submission text was not touched
