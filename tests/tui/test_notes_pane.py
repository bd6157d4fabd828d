"""The reviewers' notes beside the part they are about: shown under the editor, resolved there."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

import pytest

from dossier.core.model import Note
from dossier.storage.drafts import load_draft, save_draft
from dossier.tui.app import DossierApp
from dossier.tui.screens.main import MainScreen

from support.tui import Tui

Make = Callable[..., DossierApp]


def _with_notes(draft_path: Path) -> None:
    draft = load_draft(draft_path)
    draft.notes = [
        Note(
            part="introduction",
            paragraph=0,
            anchor="Westmere [i] has a long story",
            author="Li Wei [b]",
            text="Cite the council vote [bold]",
            date=datetime(2026, 11, 30, tzinfo=UTC),
        ),
        Note(part="introduction", author="Zhang", text="Already settled", resolved=True),
        Note(part="strategy", author="Marie", text="Shorter please"),
    ]
    save_draft(draft, draft_path)


def _comments(data: bytes) -> str:
    with zipfile.ZipFile(BytesIO(data)) as archive:
        names = archive.namelist()
        return archive.read("word/comments.xml").decode() if "word/comments.xml" in names else ""


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_open_notes_shown_under_the_editor(
    draft_path: Path, make: Make, tui: Tui, size: tuple[int, int]
) -> None:
    _with_notes(draft_path)
    app = make(draft_path)
    async with app.run_test(size=size) as pilot:
        await tui.ready(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.current_entry == "introduction"
        assert screen.notes.display and [n.author for n in screen.notes.notes] == ["Li Wei [b]"]
        text = tui.screen_text(app)
        assert "Li Wei [b]" in text and "30 Nov 2026" in text and "paragraph 1" in text
        assert "Cite the council vote [bold]" in text
        assert "Already settled" not in text and "Shorter please" not in text
        if size[1] >= 40:
            assert "Westmere [i] has a long story" in text
        await screen.go_to("strategy")
        await pilot.pause()
        assert [n.author for n in screen.notes.notes] == ["Marie"]


async def test_no_notes_no_list(draft_path: Path, make: Make, tui: Tui) -> None:
    app = make(draft_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await tui.ready(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert not screen.notes.display


async def test_resolving_a_note_is_saved_and_not_exported_again(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    from dossier.export import render_docx
    from dossier.workspace import check, open_draft

    _with_notes(draft_path)
    loaded, profile = open_draft(draft_path)
    before, _, _ = render_docx(loaded.draft, profile, check(loaded.draft, profile, None))
    assert "Cite the council vote" in _comments(before)  # the open note goes to Word before

    app = make(draft_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await tui.ready(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.notes.focus()
        await pilot.pause()
        await pilot.press("r")
        await tui.until(pilot, lambda: not screen.notes.display, "the note leaving the list")
        assert "resolved" in tui.notices(app)
        assert screen.session.dirty
        await pilot.press("ctrl+s")
        await tui.until(pilot, lambda: not screen.session.dirty, "the save")

    saved = load_draft(draft_path)
    by_text = {n.text: n for n in saved.notes}
    assert by_text["Cite the council vote [bold]"].resolved
    assert not by_text["Shorter please"].resolved
    loaded, profile = open_draft(draft_path)
    after, _, _ = render_docx(loaded.draft, profile, check(loaded.draft, profile, None))
    comments = _comments(after)
    assert "Cite the council vote" not in comments and "Shorter please" in comments


async def test_palette_command_resolves_the_highlighted_note(draft_path: Path, make: Make, tui: Tui) -> None:
    _with_notes(draft_path)
    app = make(draft_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await tui.ready(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("ctrl+p")
        await tui.type_text(pilot, "note resolved")
        await tui.until(
            pilot, lambda: "Mark the selected note resolved" in tui.screen_text(app), "the command"
        )
        await pilot.press("enter")
        await tui.until(pilot, lambda: not screen.notes.display, "the note leaving the list")
        assert [n.resolved for n in screen.session.draft.notes] == [True, True, False]


async def test_notes_in_chinese_interface(
    draft_path: Path, make: Make, tui: Tui, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dossier.core import i18n

    _with_notes(draft_path)
    monkeypatch.setenv(i18n.UI_LANGUAGE_VARIABLE, "zh")
    app = make(draft_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await tui.ready(pilot)
        text = tui.screen_text(app)
        assert "2026年11月30日" in text and "第 1 段" in text and "1 条审阅批注" in text
        assert "Cite the council vote [bold]" in text


def test_a_note_on_the_working_text_says_so() -> None:
    """A comment made in a review copy's left column came back as a note on the working text:
    its place reads "paragraph 2 of the working text", not "paragraph 2" (the submission's)."""
    from dossier.tui.widgets.notes import note_prompt

    working = Note(part="strategy", paragraph=1, column="working", author="王芳", text="这句要改")
    plain = Note(part="strategy", paragraph=1, author="Li Wei", text="Cite it")
    assert "paragraph 2 of the working text" in str(note_prompt(working))
    assert "paragraph 2" in str(note_prompt(plain)) and "working" not in str(note_prompt(plain))
