"""How interface text is broken into rows (``dossier.tui.typeset``): Chinese breaks between
its characters under the line-breaking rules, a finding's mark keeps its own column, and no
row of the findings is left holding the mark alone."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len, get_character_cell_size

from dossier.core import i18n
from dossier.core.rules import Finding
from dossier.tui.app import DossierApp
from dossier.tui.kinsoku import NO_ROW_END, NO_ROW_START, row_breaks
from dossier.tui.screens.main import MainScreen
from dossier.tui.widgets.findings import FindingsList, finding_prompt

from support.tui import Tui

Make = Callable[..., DossierApp]

EMPTY_ZH = (
    "此部分为空。每个部分都必须填写；如确无内容可写，请填写“Aucune information "
    "pertinente à fournir”，不要留空。"
)


def _rows(text: str, width: int) -> list[str]:
    edges = [0, *row_breaks(text, width), len(text)]
    return [text[start:end] for start, end in itertools.pairwise(edges)]


def test_a_chinese_sentence_breaks_between_characters_and_keeps_latin_words_whole() -> None:
    rows = _rows(EMPTY_ZH, 30)
    assert "".join(rows) == EMPTY_ZH
    assert all(cell_len(row.rstrip()) <= 30 for row in rows), rows
    words = ["Aucune", "information", "pertinente", "à", "fournir"]
    assert all(any(word in row for row in rows) for word in words), rows  # none cut in two
    assert rows[0] == "此部分为空。每个部分都必须填"  # filled to the edge, not pushed down whole
    assert not any(row[0] in NO_ROW_START or row.rstrip()[-1] in NO_ROW_END for row in rows[1:]), rows


def test_english_breaks_at_its_spaces() -> None:
    text = "Basic information: Enter the e-mail address of the main executive contact."
    assert _rows(text, 40) == [
        "Basic information: Enter the e-mail ",
        "address of the main executive contact.",
    ]
    assert _rows("word\nnext", 40) == ["word\n", "next"]
    assert _rows("abcdefghij", 4) == ["abcd", "efgh", "ij"]  # longer than a row: cut


def test_french_no_break_spaces_hold() -> None:
    """The narrow no-break space before ":" and inside « » never ends a row (Textual's wrap,
    which breaks at any white space, puts the colon alone at the start of the next)."""
    text = "ce qui l'en empêche encore\u202f: les «\u202fcompétences\u202f»"
    for width in range(16, 40):  # from the width of its longest unbreakable run, "«\u202fcompétences\u202f»"
        for row in _rows(text, width)[1:]:
            assert row[0] not in ":»\u202f", (width, _rows(text, width))


_TEXT = st.text(
    alphabet=st.sampled_from([*"ab cd，。“”（）此部分为空、\n", "😀", "é", "\u0301"]), max_size=80
)


@given(_TEXT, st.integers(min_value=2, max_value=40))
def test_rows_hold_the_text_and_fit(text: str, width: int) -> None:
    text = re.sub(r"(\s)\u0301+", r"\1", text)  # an accent on a space has no letter to stay with
    breaks = row_breaks(text, width)
    assert breaks == sorted(set(breaks)) and all(0 < b < len(text) for b in breaks)
    for row in _rows(text, width):
        drawn = row.rstrip()
        # a row wider than the width only when it is one character (a wide one in a row of 1)
        assert cell_len(drawn) <= width or len(drawn) == 1, (row, width)
    for start in breaks:
        assert get_character_cell_size(text[start]) or text[start - 1] == "\n", (text, start)  # accents stay


def _finding(message: str) -> Finding:
    return Finding(severity="error", part="strategy", location="strategy", message=message, code="empty")


def test_the_mark_keeps_its_column_at_any_width() -> None:
    prompt = finding_prompt(_finding(EMPTY_ZH))
    assert str(prompt) == "✗ " + EMPTY_ZH
    for width in (12, 30, 60, 200):
        rows = prompt.rows(width)
        assert "".join(row.plain for row in rows).replace(" ", "") == EMPTY_ZH.replace(" ", "")
        assert all(cell_len(row.plain) <= width - 2 for row in rows)


async def test_no_row_of_the_findings_holds_the_mark_alone(
    draft_path: Path, make: Make, tui: Tui, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(i18n.UI_LANGUAGE_VARIABLE, "zh")
    app = make(draft_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await tui.ready(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await screen.go_to("strategy")
        findings = screen.query_one("#findings", FindingsList)
        findings.show([_finding(EMPTY_ZH), _finding("尚未列出可持续发展目标。")])
        await tui.settle(pilot)
        lines = tui.screen_text(app).splitlines()
        first = next(i for i, line in enumerate(lines) if "✗ 此部分为空" in line)
        row, below = (lines[n].split("▊")[-1] for n in (first, first + 1))
        indent = row.index("✗") + 2
        # the first row is filled, and the next starts under the text, not under the mark
        assert cell_len(lines[first].rstrip(" ▎")) > 70, lines[first]
        assert below[:indent].isspace() and below[indent] != " ", (row, below)
        assert "“Aucune information" in row + below, (row, below)


async def test_the_guidance_obeys_the_line_breaking_rules(
    draft_path: Path, make: Make, tui: Tui, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(i18n.UI_LANGUAGE_VARIABLE, "zh")
    app = make(draft_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await tui.ready(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        for entry in ("opportunities", "strategy", "sdg_goals", "preparation", "assets", "contribution"):
            await screen.go_to(entry)
            await tui.settle(pilot)
            guidance = screen.query_one(f"#pane-{entry} #guidance-text")
            region = guidance.content_region
            lines = tui.screen_text(app).splitlines()[region.y : region.bottom]
            rows = [line.split("▎", 1)[-1].strip() for line in lines]
            assert len(rows) >= 2, rows
            for row in rows[1:]:
                assert row and row[0] not in NO_ROW_START, (entry, rows)
        # what a mouse selection over two rows copies: the guidance's own words, unbroken
        from textual.geometry import Offset
        from textual.selection import Selection

        app.screen.selections = {guidance: Selection(Offset(0, 0), Offset(3, 1))}
        copied = app.screen.get_selected_text()
        assert copied is not None and "\n" not in copied.strip()
        assert copied.strip() == rows[0] + rows[1][:3], (copied, rows)


def test_a_selection_across_rows_copies_the_text_as_typed() -> None:
    """Selecting guidance with the mouse copies its words, not the rows' breaks."""
    from textual.content import Content
    from textual.geometry import Offset
    from textual.selection import Selection

    from dossier.tui.typeset import Typeset

    typeset = Typeset(Content(EMPTY_ZH))
    rows = [row.plain for row in typeset.rows(30)]
    assert len(rows) >= 3
    start = len(rows[0]) - 2
    picked = typeset.selected_text(Selection(Offset(start, 0), Offset(4, 2)), 30)
    assert picked == EMPTY_ZH[start : len(rows[0]) + len(rows[1]) + 4]
    assert "\n" not in picked
    assert typeset.selected_text(Selection(None, None), 30) == EMPTY_ZH


async def test_a_chinese_note_starts_beside_its_indent_in_the_overview(
    draft_path: Path, make: Make, tui: Tui, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import UTC, datetime

    from dossier.core.model import Note
    from dossier.storage.drafts import load_draft, save_draft
    from dossier.tui.screens.overview import OverviewScreen

    # one character more than the row holds after its indent: Textual's wrap leaves the full
    # stop alone at the start of the next row
    note = "这一段需要补充具体的数据来源，例如统计局二〇二五年度的统计年报等。"
    draft = load_draft(draft_path)
    draft.notes = [Note(part="strategy", author="王芳", date=datetime(2026, 11, 30, tzinfo=UTC), text=note)]
    save_draft(draft, draft_path)
    monkeypatch.setenv(i18n.UI_LANGUAGE_VARIABLE, "zh")
    app = make(draft_path)
    async with app.run_test(size=(70, 60)) as pilot:
        await tui.ready(pilot)
        await pilot.press("f2")
        await tui.wait_for_screen(pilot, OverviewScreen)
        await tui.settle(pilot)
        lines = tui.screen_text(app).splitlines()
        row = next(i for i, line in enumerate(lines) if "✎ 王芳" in line)
        assert lines[row + 1].strip().startswith("这一段需要"), lines[row : row + 3]
        assert "".join(line.strip() for line in lines[row + 1 : row + 3]) == note
        assert lines[row + 2].strip()[0] not in NO_ROW_START, lines[row : row + 3]
        indent = len(lines[row + 1]) - len(lines[row + 1].lstrip())
        assert len(lines[row + 2]) - len(lines[row + 2].lstrip()) == indent  # under the text


def test_a_chinese_note_in_the_notes_pane_starts_beside_its_indent() -> None:
    from dossier.core.model import Note
    from dossier.tui.widgets.notes import note_prompt

    text = "这一段需要补充具体的数据来源，例如统计局二〇二五年度的统计年报等。"
    rows = [row.plain for row in note_prompt(Note(part="strategy", author="王芳", text=text)).rows(40)]
    assert rows[1].startswith("  这一段"), rows
    assert "".join(row.strip() for row in rows[1:]) == text
    assert not any(row.strip()[0] in NO_ROW_START for row in rows[2:]), rows


def test_an_indented_line_hangs_and_a_selection_skips_the_added_indent() -> None:
    from textual.content import Content
    from textual.geometry import Offset
    from textual.selection import Selection

    from dossier.tui.typeset import Typeset

    body = "Heading\n    " + EMPTY_ZH
    typeset = Typeset(Content(body))
    rows = [row.plain for row in typeset.rows(34)]
    assert rows[0] == "Heading" and rows[1].startswith("    此部分")
    assert all(row.startswith("    ") and not row[4].isspace() for row in rows[2:]), rows
    # from the start of the third row's text to the end: the added indent is not copied
    picked = typeset.selected_text(Selection(Offset(0, 2), None), 34)
    assert body.endswith(picked) and not picked.startswith(" ")
    assert picked == body[body.index(rows[2].strip()) :]
