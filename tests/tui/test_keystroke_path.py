"""The keystroke path: what a key costs beyond Textual's own work must not change what it does.

A key is taken by the section editor in the key's own handler (``ProseArea.take_change``),
counted from the editor's lines, and drawn with ``ProseWrap``'s height and
``ProseArea.render_line``: each is compared here with the slow way it replaces.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import get_character_cell_size
from textual.app import App, ComposeResult
from textual.document._document import Document
from textual.document._wrapped_document import WrappedDocument
from textual.widgets import TextArea

from dossier.core.wordcount import count_words
from dossier.tui.app import DossierApp
from dossier.tui.inputs import ProseArea
from dossier.tui.prose_wrap import ProseWrap, _wide_run
from dossier.tui.screens.main import MainScreen
from dossier.tui.widgets.section_editor import SectionEditor

from support.tui import Tui

Make = Callable[..., DossierApp]

PIECES = [
    "西湖设计之城" * 7,
    "extraordinarily-long-compound-word-that-folds",
    "\t",
    "  ",
    "西湖设计之城",
    "，",
    "creative",
    " ",
    "city",
    "\n",
    "\n\n",
    "🎨",
    "e\u0301",
    "\u3000",
    "1,000.5",
    "\x07",
    "\x08",
]
text_piece = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)
# an edit: where (row, column), how far it reaches (rows, column), what it puts there; or an undo / redo
edit = st.one_of(
    # a key typed, or a character deleted, within one line (the path ProseWrap wraps in part)
    st.tuples(
        st.integers(0, 40),
        st.integers(0, 300),
        st.just(0),
        st.integers(0, 300),
        st.sampled_from(["", "西", "，", "a", " ", "\u3000", "e\u0301", "🎨"]),
    ),
    st.tuples(st.integers(0, 40), st.integers(0, 80), st.integers(0, 2), st.integers(0, 80), text_piece),
    st.sampled_from(["undo", "redo"]),
)


def apply(area: TextArea, step: tuple[int, int, int, int, str] | str) -> None:
    """One edit as the official makes it: typing, deleting, pasting over a selection, ctrl+z, ctrl+y."""
    if step == "undo":
        area.undo()
    elif step == "redo":
        area.redo()
    else:
        assert not isinstance(step, str)
        row, column, rows, end_column, text = step
        start = area.clamp_visitable((row, column))
        end = area.clamp_visitable((start[0] + rows, end_column))
        area.replace(text, start, end)
        area.history.checkpoint()  # each edit its own undo step


WRAP_PIECES = ["a", "bc", "defgh", " ", "  ", "西", "湖设计", "，", "e\u0301", "\u3000", "🎨", "\t", "\n"]


@settings(max_examples=1500)
@given(
    text=st.lists(st.sampled_from(WRAP_PIECES), max_size=40).map("".join),
    width=st.integers(1, 12),
    edits=st.lists(
        st.tuples(
            st.integers(0, 3),
            st.integers(0, 60),
            st.integers(0, 4),
            st.lists(st.sampled_from(WRAP_PIECES[:-1]), max_size=3).map("".join),
        ),
        min_size=1,
        max_size=6,
    ),
)
def test_prose_wrap_rewraps_a_line_as_a_fresh_wrap(
    text: str, width: int, edits: list[tuple[int, int, int, str]]
) -> None:
    """Edits within a line (typed, deleted, replaced), at narrow widths where words move
    between rows and long words fold: the breaks are those of wrapping the whole text again."""
    document = Document(text)
    wrapped = ProseWrap(document, width)
    for row, column, cut, insert in edits:
        row = min(row, document.line_count - 1)
        length = len(document[row])
        start = (row, min(column, length))
        end = (row, min(column + cut, length))
        result = document.replace_range(start, end, insert)
        wrapped.wrap_range(start, end, result.end_location)
        fresh = WrappedDocument(document, width)
        assert wrapped._wrap_offsets == fresh._wrap_offsets
        assert wrapped._offset_to_line_info == fresh._offset_to_line_info
        assert wrapped._line_index_to_offsets == fresh._line_index_to_offsets
        assert wrapped._tab_width_cache == fresh._tab_width_cache


LONG_PIECES = [
    "西湖设计之城可持续发展",
    "，",
    "。",
    "（12）",
    "creative",
    " ",
    "city ",
    "e\u0301",
    "🎨",
    "\u3000",
]


@settings(max_examples=300)
@given(
    text=st.lists(st.sampled_from(LONG_PIECES), min_size=20, max_size=200).map("".join),
    width=st.integers(2, 90),
    edits=st.lists(
        st.tuples(
            st.floats(0, 1),
            st.integers(0, 3),
            st.lists(st.sampled_from(LONG_PIECES), max_size=2).map("".join),
        ),
        min_size=1,
        max_size=8,
    ),
)
def test_prose_wrap_rewraps_a_long_paragraph_as_a_fresh_wrap(
    text: str, width: int, edits: list[tuple[float, int, str]]
) -> None:
    """A long paragraph (mostly Chinese, folded character by character, or mixed with words)
    edited anywhere: the rows after the edit, taken over from before it once they line up
    again, are those of wrapping the whole paragraph again."""
    document = Document(text)
    wrapped = ProseWrap(document, width)
    for where, cut, insert in edits:
        length = len(document[0])
        column = round(where * length)
        start, end = (0, column), (0, min(column + cut, length))
        result = document.replace_range(start, end, insert)
        wrapped.wrap_range(start, end, result.end_location)
        fresh = WrappedDocument(document, width)
        assert wrapped._wrap_offsets == fresh._wrap_offsets
        assert wrapped._offset_to_line_info == fresh._offset_to_line_info
        assert wrapped._line_index_to_offsets == fresh._line_index_to_offsets


def test_wide_run_is_what_rich_measures_two_cells() -> None:
    """``ProseWrap`` folds runs of wide characters by counting them: the run is exactly the
    characters rich's ``get_character_cell_size`` (which Textual wraps with) makes two cells."""
    wide = _wide_run()
    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue  # surrogates: never text
        char = chr(code)
        assert (wide.fullmatch(char) is not None) == (get_character_cell_size(char) == 2), hex(code)


class _Prose(App[None]):
    def compose(self) -> ComposeResult:
        yield ProseArea("", placeholder="Write here")


async def test_prose_wrap_is_textual_wrap() -> None:
    """``ProseWrap.height`` reads the rows Textual keeps (Textual sums every line's rows), and
    ``get_sections`` slices what Textual cuts from a rich ``Text``, control codes and all."""
    app = _Prose()
    async with app.run_test(size=(30, 20)) as pilot:
        area = app.query_one(ProseArea)
        await pilot.pause()
        assert type(area.wrapped_document) is ProseWrap
        textual_height = WrappedDocument.height.fget  # type: ignore[attr-defined]
        assert textual_height is not None

        @settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
        @given(first=text_piece, steps=st.lists(edit, max_size=20))
        def same_height(first: str, steps: list[tuple[int, int, int, int, str] | str]) -> None:
            area.load_text(first)
            assert type(area.wrapped_document) is ProseWrap  # a loaded text keeps the fast height
            for step in steps:
                apply(area, step)
                wrapped = area.wrapped_document
                assert wrapped.height == textual_height(wrapped)
                fresh = WrappedDocument(area.document, wrapped._width, wrapped._tab_width)
                assert wrapped._wrap_offsets == fresh._wrap_offsets
                assert wrapped._offset_to_line_info == fresh._offset_to_line_info
                assert wrapped._line_index_to_offsets == fresh._line_index_to_offsets
                assert wrapped._tab_width_cache == fresh._tab_width_cache
                for row in range(area.document.line_count):
                    assert wrapped.get_sections(row) == WrappedDocument.get_sections(wrapped, row)

        same_height()


async def test_prose_render_line_is_textual_render_line() -> None:
    """Every row, and the placeholder of an empty editor, as Textual's ``render_line`` draws it."""
    app = _Prose()
    async with app.run_test(size=(30, 12)) as pilot:
        area = app.query_one(ProseArea)
        area.focus()
        area.cursor_blink = False
        await pilot.pause()
        for text in ("", "西湖设计之城" * 12 + "\n\ncreative city", "one\n"):
            area.load_text(text)
            area.move_cursor((0, 3))
            await pilot.pause()
            ours, theirs = [], []
            for y in range(area.size.height):
                area._line_cache.clear()
                ours.append(area.render_line(y))
                area._line_cache.clear()
                theirs.append(TextArea.render_line(area, y))
            assert ours == theirs, text
            if not text:
                assert "Write here" in "".join(strip.text for strip in ours)


async def test_a_key_is_taken_in_its_own_handler(draft_path: Path, make: Make, tui: Tui) -> None:
    """The model, the count, the count line and the sidebar follow an edit before the event loop
    turns again (no repaint can come between the key and its count)."""
    app = make(draft_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await tui.ready(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await screen.go_to("strategy")
        await pilot.pause()
        pane = screen.current_pane
        session = app.session
        assert isinstance(pane, SectionEditor) and session is not None
        before = session.words["strategy"]
        pane.editor.insert(" two words")  # no await from here on: nothing else runs meanwhile
        assert session.draft.part("strategy").text == pane.editor.text
        assert session.words["strategy"] == before + 2
        assert str(pane.count_line.content).startswith(f"{before + 2} of ")
        assert f"{before + 2}/" in str(screen.sidebar.get_option("strategy").prompt)
        assert session.dirty


async def test_the_live_count_is_a_full_count_after_any_edits(draft_path: Path, make: Make, tui: Tui) -> None:
    """Typing, deleting across lines, pasting over a selection, undo and redo: after each, the
    model holds the editor's text and the count is ``count_words`` of it."""
    app = make(draft_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await tui.ready(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await screen.go_to("strategy")
        await pilot.pause()
        pane = screen.current_pane
        session = app.session
        assert isinstance(pane, SectionEditor) and session is not None
        area = pane.editor

        @settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
        @given(steps=st.lists(edit, min_size=1, max_size=15))
        def counted(steps: list[tuple[int, int, int, int, str] | str]) -> None:
            for step in steps:
                apply(area, step)
                text = area.text
                assert session.draft.part("strategy").text == text
                assert session.words["strategy"] == count_words(text)

        counted()
        await tui.settle(pilot)
        assert str(pane.count_line.content).startswith(f"{count_words(area.text)} of ")
