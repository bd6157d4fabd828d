"""The side-by-side pane of a bilingual draft: both texts, their counts, in step or not."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from dossier.core.translation import translation_state
from dossier.storage import recent
from dossier.storage.drafts import load_draft
from dossier.tui.app import DossierApp
from dossier.tui.inputs import ProseArea
from dossier.tui.screens.main import MainScreen
from dossier.tui.widgets.bilingual import BilingualTexts
from dossier.tui.widgets.section_editor import SectionEditor

from support.paths import EXAMPLES_DIR
from support.tui import Tui

Make = Callable[..., DossierApp]


def _copy(tmp_path: Path, name: str, part: str = "opportunities") -> Path:
    target = tmp_path / name
    shutil.copy(EXAMPLES_DIR / name, target)
    recent.remember(target, place={"part": part})
    return target


def _pane(app: DossierApp) -> SectionEditor:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    pane = screen.current_pane
    assert isinstance(pane, SectionEditor)
    return pane


@pytest.mark.parametrize(("size", "stacked"), [((80, 24), True), ((120, 40), False)])
async def test_side_by_side_or_stacked(
    tmp_path: Path, make: Make, tui: Tui, size: tuple[int, int], stacked: bool
) -> None:
    path = _copy(tmp_path, "lanjiang-music-translating.dossier.json")
    app = make(path)
    async with app.run_test(size=size, notifications=True) as pilot:
        await tui.ready(pilot)
        pane = _pane(app)
        texts = pane.query_one(BilingualTexts)
        assert texts.has_class("-stacked") is stacked
        working, submission = texts.working, texts.submission
        if stacked:
            assert working.region.x == submission.region.x and working.region.y < submission.region.y
        else:
            assert working.region.y == submission.region.y and working.region.x < submission.region.x
        assert working.region.height >= 3 and submission.region.height >= 3
        shown = tui.screen_text(app)
        assert "Chinese (working text)" in shown and "English (for UNESCO)" in shown
        assert "369 characters" in shown  # the working count, information only
        assert "of 500 words" in shown  # the limit is the submission's
        assert "translation o" in shown  # the sidebar (cut short at 80 columns), on opportunities
        assert "translation out of date" in _entry(app, "opportunities")


async def test_typing_in_the_working_text_marks_the_part_then_confirm_clears_it(
    tmp_path: Path, make: Make, tui: Tui
) -> None:
    path = _copy(tmp_path, "lanjiang-music-zh.dossier.json", part="strategy")
    app = make(path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await tui.ready(pilot)
        pane = _pane(app)
        assert "translation out of date" not in tui.screen_text(app)
        working = pane.working_editor
        assert working is not None
        working.focus()
        working.move_cursor((0, 0))
        await tui.type_text(pilot, "新")
        await tui.settle(pilot)
        assert translation_state(app.session.draft.sections.strategy).outdated == [1]
        await tui.until(pilot, lambda: "translation out of date" in tui.screen_text(app), "the mark")
        assert "paragraph 1 of the working text" in tui.screen_text(app)
        await pilot.press("ctrl+t")
        await tui.settle(pilot)
        assert "still holds" in tui.notices(app)
        await tui.until(pilot, lambda: "translation out of date" not in tui.screen_text(app), "cleared")
        await pilot.press("ctrl+s")
        await tui.settle(pilot)
    saved = load_draft(path).sections.strategy
    assert saved.working_text is not None and saved.working_text.startswith("新")
    assert translation_state(saved).in_step


async def test_editing_the_translation_records_the_working_text(tmp_path: Path, make: Make, tui: Tui) -> None:
    path = _copy(tmp_path, "lanjiang-music-translating.dossier.json")
    app = make(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await tui.ready(pilot)
        pane = _pane(app)
        assert translation_state(app.session.draft.sections.opportunities).outdated == [1]
        pane.editor.focus()
        pane.editor.move_cursor((0, 0))
        await tui.type_text(pilot, "In 2025, ")
        await tui.settle(pilot)
        assert translation_state(app.session.draft.sections.opportunities).in_step
        await tui.until(
            pilot, lambda: "translation out of date" not in _entry(app, "opportunities"), "cleared"
        )
        assert "translation out of date" in _entry(app, "contribution")  # the others stay marked


def _entry(app: DossierApp, entry: str) -> str:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return str(screen.sidebar.get_option(entry).prompt)


async def test_scrolling_one_text_brings_the_other_to_the_same_paragraph(
    tmp_path: Path, make: Make, tui: Tui
) -> None:
    path = _copy(tmp_path, "lanjiang-music-zh.dossier.json", part="contribution")
    app = make(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await tui.ready(pilot)
        texts = _pane(app).query_one(BilingualTexts)
        working, submission = texts.working, texts.submission
        assert submission.max_scroll_y > 0
        rows_en = [r for r, line in enumerate(submission.document.lines) if line.strip()]
        rows_zh = [r for r, line in enumerate(working.document.lines) if line.strip()]
        target = submission.wrapped_document.location_to_offset((rows_en[2], 0)).y
        submission.scroll_to(y=target, animate=False, immediate=True)
        await pilot.pause()
        expected = working.wrapped_document.location_to_offset((rows_zh[2], 0)).y
        assert round(working.scroll_y) == min(expected, working.max_scroll_y)


async def test_working_text_is_composed_only_in_a_bilingual_draft(
    tmp_path: Path, make: Make, tui: Tui
) -> None:
    path = _copy(tmp_path, "westmere-design.dossier.json")
    app = make(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await tui.ready(pilot)
        pane = _pane(app)
        assert pane.working_editor is None and not pane.query(BilingualTexts)
        assert len(pane.query(ProseArea)) == 1


async def test_gain_a_working_language_from_the_palette(tmp_path: Path, make: Make, tui: Tui) -> None:
    from dossier.tui.dialogs.text_prompt import TextDialog

    path = _copy(tmp_path, "westmere-design.dossier.json", part="strategy")
    app = make(path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await tui.ready(pilot)
        await pilot.press("ctrl+p")
        await tui.type_text(pilot, "working language")
        await pilot.pause()
        await pilot.press("enter")
        await tui.wait_for_screen(pilot, TextDialog)
        await pilot.press("enter")  # the proposed tag, zh
        await tui.until(pilot, lambda: _pane(app).working_editor is not None, "the working editor")
        assert app.session is not None and app.session.dirty
        await tui.until(pilot, lambda: "Chinese (working text)" in tui.screen_text(app), "the titles")
        await pilot.press("ctrl+s")
        await tui.settle(pilot)
    draft = load_draft(path)
    assert draft.meta.working_language == "zh" and draft.sections.strategy.working_text == ""


async def test_drop_asks_and_keeps_the_working_texts_in_the_history(
    tmp_path: Path, make: Make, tui: Tui
) -> None:
    from dossier.storage.history import History
    from dossier.tui.dialogs.confirm import ConfirmDialog

    path = _copy(tmp_path, "lanjiang-music-zh.dossier.json", part="strategy")
    chinese = load_draft(path).sections.strategy.working_text
    app = make(path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await tui.ready(pilot)
        app.action_working_language()
        await tui.wait_for_screen(pilot, ConfirmDialog)
        await pilot.press("escape")  # asked, and refused: nothing happens
        await tui.settle(pilot)
        assert _pane(app).working_editor is not None and load_draft(path).meta.working_language == "zh"
        app.action_working_language()
        await tui.wait_for_screen(pilot, ConfirmDialog)
        await pilot.press("y")
        await tui.until(pilot, lambda: _pane(app).working_editor is None, "the pane without working text")
        await tui.settle(pilot)
        assert "Working language dropped" in tui.notices(app)
    draft = load_draft(path)
    assert draft.meta.working_language is None and draft.sections.strategy.working_text is None
    history = History.open(path, create=False)
    try:
        kept = [history.get(v.id).sections.strategy.working_text for v in history.versions()]
    finally:
        history.close()
    assert chinese in kept


ENGLISH_PANE = (
    "(working text)",
    "(for UNESCO)",
    "369 characters",
    "translation out of date",
    "Translation holds",
)
SHOWN_PANE = {
    "fr": ("Chinois (texte de travail)", "Anglais (pour l'UNESCO)", "369 caractères", "traduction à revoir"),
    "zh": ("中文（工作稿）", "英语（提交稿）", "约 369 字", "译文已过时"),
}


async def test_the_pane_speaks_the_interface_language_and_follows_a_switch(
    tmp_path: Path, make: Make, tui: Tui, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Titles, the working count, the sidebar mark and the ctrl+t key in French, then in Chinese
    after ctrl+l, with no English of the pane's own left."""
    from dossier.core import i18n

    monkeypatch.setenv(i18n.UI_LANGUAGE_VARIABLE, "fr")
    path = _copy(tmp_path, "lanjiang-music-translating.dossier.json")
    app = make(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await tui.ready(pilot)
        _pane(app).editor.focus()
        for language, key in (("fr", None), ("zh", "ctrl+l")):
            if key is not None:
                await pilot.press(key)
                await tui.until(pilot, lambda language=language: app.ui_language == language, "switched")
                await tui.settle(pilot)
            shown = tui.screen_text(app).replace("\u202f", " ").replace("\u00a0", " ")
            assert all(word in shown for word in SHOWN_PANE[language]), (language, shown)
            assert not [word for word in ENGLISH_PANE if word in shown], shown
            assert i18n.wording(language)("Translation holds") in shown  # the footer's ctrl+t


async def test_reopening_comes_back_to_the_text_the_official_was_in(
    tmp_path: Path, make: Make, tui: Tui
) -> None:
    """Weeks later the draft opens in the working text if that is where the official left
    it, at the same place; moving between parts also comes back to the column last used."""
    path = _copy(tmp_path, "lanjiang-music-zh.dossier.json", part="strategy")
    app = make(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await tui.ready(pilot)
        working = _pane(app).working_editor
        assert working is not None
        working.focus()
        working.move_cursor((0, 3))
        await tui.settle(pilot)
        await pilot.press("ctrl+down")
        await tui.settle(pilot)
        await pilot.press("ctrl+up")
        await tui.settle(pilot)
        assert app.focused is _pane(app).working_editor
        await pilot.press("ctrl+q")
        await tui.until(pilot, lambda: not app.is_running, "the editor closed")
    again = make(path)
    async with again.run_test(size=(120, 40)) as pilot:
        await tui.ready(pilot)
        pane = _pane(again)
        assert pane.entry == "strategy"
        assert again.focused is pane.working_editor
        assert pane.working_editor is not None and pane.working_editor.cursor_location == (0, 3)
        pane.editor.focus()  # the submission text from now on
        await tui.settle(pilot)
        await pilot.press("ctrl+q")
        await tui.until(pilot, lambda: not again.is_running, "the editor closed")
    third = make(path)
    async with third.run_test(size=(120, 40)) as pilot:
        await tui.ready(pilot)
        assert third.focused is _pane(third).editor
