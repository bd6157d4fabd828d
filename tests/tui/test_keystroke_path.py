"""The keystroke path: what a key costs beyond Textual's own work must not change what it does.

A key is taken by the section editor in the key's own handler (``ProseArea.take_change``),
counted from the editor's lines, and drawn with ``ProseWrap``'s height and
``ProseArea.render_line``: each is compared here with the slow way it replaces.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rich.cells import get_character_cell_size
from textual._wrap import compute_wrap_offsets
from textual.app import App, ComposeResult
from textual.document._document import Document, DocumentBase
from textual.document._wrapped_document import WrappedDocument
from textual.expand_tabs import get_tab_widths
from textual.widgets import TextArea

from dossier.core.wordcount import count_words
from dossier.tui.app import DossierApp
from dossier.tui.inputs import ProseArea
from dossier.tui.kinsoku import NO_ROW_END, NO_ROW_START
from dossier.tui.prose_wrap import ProseWrap, _wide_run
from dossier.tui.screens.main import MainScreen
from dossier.tui.widgets.section_editor import SectionEditor

from support.tui import Tui

Make = Callable[..., DossierApp]


def obeying(line: str, row_start: int, greedy: int) -> int:
    """The break ending the row ``line[row_start:greedy]`` once it obeys the line-breaking rules:
    moved back one character at a time to the first place where the next row does not start
    with a closing mark, this one does not end with an opening mark (and, for a moved break,
    the next row does not start with a zero-width character); ``greedy`` if none in the row."""
    for at in range(greedy, row_start, -1):
        starts_badly = line[at] in NO_ROW_START
        ends_badly = line[at - 1] in NO_ROW_END
        splits_a_letter = at != greedy and get_character_cell_size(line[at]) == 0
        if not (starts_badly or ends_badly or splits_a_letter):
            return at
    return greedy


def reference_breaks(line: str, width: int, tab_width: int = 4) -> list[int]:
    """The rows a section editor must show: Textual's greedy wrap; then the first break the
    rules move is moved, and the rest of the line is Textual's wrap of it from there; again
    until no break moves."""
    if not width:
        return []

    def textual(text: str) -> list[int]:  # as WrappedDocument calls it
        return compute_wrap_offsets(
            text, width, tab_width, precomputed_tab_sections=get_tab_widths(text, tab_width)
        )

    breaks = textual(line)
    index = 0
    while index < len(breaks):
        moved = obeying(line, breaks[index - 1] if index else 0, breaks[index])
        if moved != breaks[index]:
            rest = textual(line[moved:])
            breaks = breaks[:index] + [moved] + [moved + offset for offset in rest]
        index += 1
    return breaks


def assert_reference_wrap(wrapped: WrappedDocument, document: DocumentBase) -> None:
    """``wrapped`` holds the reference rows of ``document``, and the tables Textual keeps of them."""
    fresh = WrappedDocument(document, wrapped._width, wrapped._tab_width)  # its tab widths
    breaks = [reference_breaks(line, wrapped._width, wrapped._tab_width) for line in document.lines]
    info = [(index, row) for index, line_breaks in enumerate(breaks) for row in range(len(line_breaks) + 1)]
    by_line: list[list[int]] = []
    for line_breaks in breaks:
        first = by_line[-1][-1] + 1 if by_line else 0
        by_line.append(list(range(first, first + len(line_breaks) + 1)))
    assert wrapped._wrap_offsets == breaks
    assert wrapped._offset_to_line_info == info
    assert wrapped._line_index_to_offsets == by_line
    assert wrapped._tab_width_cache == fresh._tab_width_cache


PIECES = [
    "西湖设计之城" * 7,
    "extraordinarily-long-compound-word-that-folds",
    "\t",
    "  ",
    "西湖设计之城",
    "，",
    "团员1.2万多人、",
    "《城市》（2024）",
    "“设计”。",
    "……",
    "。。。。",
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


WRAP_PIECES = [
    "a",
    "bc",
    "defgh",
    " ",
    "  ",
    "西",
    "湖设计",
    "，",
    "。",
    "、",
    "（",
    "）",
    "“",
    "”",
    "……",
    "e\u0301",
    "\u3000",
    "🎨",
    "\t",
    "\n",
]
LATIN_PIECES = [
    "a",
    "bc",
    "defgh",
    " ",
    "  ",
    "西",
    "湖设计",
    "e\u0301",
    "\u3000",
    "🎨",
    "\t",
    "\n",
    ",",
    ".",
    "(",
]
"""Text without any character of the line-breaking rules (ASCII punctuation is not one)."""


def edit_lines(
    document: Document, wrapped: ProseWrap, edits: list[tuple[int, int, int, str]]
) -> Iterator[None]:
    """Make each edit (row, column, characters cut, text put there) in ``document``, tell
    ``wrapped`` as ``TextArea`` does, and hand back after each."""
    for row, column, cut, insert in edits:
        row = min(row, document.line_count - 1)
        length = len(document[row])
        start = (row, min(column, length))
        end = (row, min(column + cut, length))
        result = document.replace_range(start, end, insert)
        wrapped.wrap_range(start, end, result.end_location)
        yield


def line_edits(pieces: list[str]) -> st.SearchStrategy[list[tuple[int, int, int, str]]]:
    """Edits within a line: where (row, column), how many characters cut, what is put there."""
    within = [piece for piece in pieces if piece != "\n"]
    return st.lists(
        st.tuples(
            st.integers(0, 3),
            st.integers(0, 60),
            st.integers(0, 4),
            st.lists(st.sampled_from(within), max_size=3).map("".join),
        ),
        min_size=1,
        max_size=6,
    )


@settings(max_examples=1500)
@given(
    text=st.lists(st.sampled_from(WRAP_PIECES), max_size=40).map("".join),
    width=st.integers(1, 12),
    edits=line_edits(WRAP_PIECES),
)
@example(
    text="\u3000 “”  \u0301计defghé", width=2, edits=[(0, 8, 4, "，（")]
)  # a row starting with an accent
def test_prose_wrap_rewraps_a_line_as_a_fresh_wrap(
    text: str, width: int, edits: list[tuple[int, int, int, str]]
) -> None:
    """Edits within a line (typed, deleted, replaced), at narrow widths where words move
    between rows, long words fold and the line-breaking rules move breaks: the rows are
    those of the reference wrap of the whole text, as a fresh ``ProseWrap`` has them."""
    document = Document(text)
    wrapped = ProseWrap(document, width)
    assert_reference_wrap(wrapped, document)
    for _ in edit_lines(document, wrapped, edits):
        assert_reference_wrap(wrapped, document)
    assert_reference_wrap(ProseWrap(document, width), document)


@settings(max_examples=500)
@given(
    text=st.lists(st.sampled_from(LATIN_PIECES), max_size=40).map("".join),
    width=st.integers(1, 12),
    edits=line_edits(LATIN_PIECES),
)
def test_prose_wrap_is_textual_wrap_without_the_rules_characters(
    text: str, width: int, edits: list[tuple[int, int, int, str]]
) -> None:
    """Text holding none of the characters the line-breaking rules name (English, ASCII
    punctuation, Chinese without punctuation) wraps exactly as Textual wraps it."""
    document = Document(text)
    wrapped = ProseWrap(document, width)
    for _ in edit_lines(document, wrapped, edits):
        fresh = WrappedDocument(document, width)
        assert wrapped._wrap_offsets == fresh._wrap_offsets
        assert wrapped._offset_to_line_info == fresh._offset_to_line_info
        assert wrapped._line_index_to_offsets == fresh._line_index_to_offsets
        assert wrapped._tab_width_cache == fresh._tab_width_cache
    assert ProseWrap(document, width)._wrap_offsets == WrappedDocument(document, width)._wrap_offsets


def test_the_rules_move_a_break_back() -> None:
    """The example of the issue: a row never starts with "、" nor ends with "（"; a row of
    closing marks longer than a row stays as it is, rather than leaving a row empty."""
    line = "一二三四五六七八九、团员1.2万多人（注）"
    wrapped = ProseWrap(Document(line), 18)  # nine characters a row: "、" would start the second
    assert wrapped.get_sections(0) == ["一二三四五六七八", "九、团员1.2万多人", "（注）"]
    assert WrappedDocument(Document(line), 18).lines == [["一二三四五六七八九", "、团员1.2万多人（", "注）"]]
    assert ProseWrap(Document("。" * 10), 8).get_sections(0) == ["。。。。", "。。。。", "。。"]


LONG_PIECES = [
    "西湖设计之城可持续发展",
    "，",
    "。",
    "（12）",
    "、团员1.2万多人",
    "“设计之都”。",
    "《",
    "……",
    "。。。。。。",
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
        assert_reference_wrap(wrapped, document)
    assert_reference_wrap(ProseWrap(document, width), document)


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
                assert_reference_wrap(wrapped, area.document)
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


def _cells(text: str, x: int, width: int) -> str:
    """The characters of ``text`` (a screen line) in the ``width`` cells from cell ``x`` on."""
    kept, used = [], 0
    for char in text:
        if x <= used < x + width:
            kept.append(char)
        used += get_character_cell_size(char)
    return "".join(kept)


async def _strategy_editor(app: DossierApp, pilot: Any, tui: Tui) -> ProseArea:
    """The strategy's editor of ``app``, shown and focused."""
    await tui.ready(pilot)
    screen = app.screen
    assert isinstance(screen, MainScreen)
    await screen.go_to("strategy")
    await pilot.pause()
    pane = screen.current_pane
    assert isinstance(pane, SectionEditor)
    pane.editor.focus()
    await pilot.pause()
    return pane.editor


def _rows_on_screen(app: DossierApp, area: ProseArea, tui: Tui) -> list[str]:
    """The editor's rows as the terminal shows them (from the screen's text)."""
    region = area.content_region
    lines = tui.screen_text(app).splitlines()
    rows = [_cells(line, region.x, region.width) for line in lines[region.y : region.bottom]]
    return [row.rstrip() for row in rows]


async def test_a_chinese_paragraph_shows_no_row_starting_with_a_comma(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    """At 80x24, a paragraph whose greedy wrap puts "，" at the start of rows shows none there,
    and the cursor moves through it and typing in its middle works."""
    app = make(draft_path)
    async with app.run_test(size=(80, 24)) as pilot:
        area = await _strategy_editor(app, pilot, tui)
        width = area.wrapped_document._width
        per_row = width // 2
        filler = "创意城市网络设计之都可持续发展目标" * 20
        # every character two cells wide: Textual's rows start every per_row characters, at a "，"
        text = "".join(
            "，" if at and at % per_row == 0 else char for at, char in enumerate(filler[: per_row * 6])
        )
        greedy = compute_wrap_offsets(text, width, 4)
        assert [text[at] for at in greedy].count("，") >= 3  # Textual alone starts rows with it
        area.load_text(text)
        area.move_cursor((0, 0))
        await pilot.pause()
        shown = [row for row in _rows_on_screen(app, area, tui) if row]
        assert "".join(shown) == text  # every row shown, in full
        assert not any(row.startswith("，") for row in shown), shown
        sections = area.wrapped_document.get_sections(0)
        assert len(sections) > 5 and not any(section.startswith("，") for section in sections[1:])

        for key in ["right"] * 3 + ["down", "down", "end", "left", "home", "up", "end", "right"]:
            await pilot.press(key)
        await pilot.press("down", "home")
        row, column = area.cursor_location
        offsets = area.wrapped_document.get_offsets(0)
        assert row == 0 and column in offsets  # home: the start of a wrapped row
        await pilot.press("end")
        assert area.cursor_location[1] > column
        middle = len(text) // 2
        area.move_cursor((0, middle))
        await tui.type_text(pilot, "西湖，")
        assert area.text == text[:middle] + "西湖，" + text[middle:]
        sections = area.wrapped_document.get_sections(0)
        assert not any(section.startswith("，") for section in sections[1:])
        for key in ["up", "left", "down", "right", "end", "home"]:
            await pilot.press(key)
        assert not any(row.startswith("，") for row in _rows_on_screen(app, area, tui))


async def test_a_run_of_closing_marks_longer_than_a_row(draft_path: Path, make: Make, tui: Tui) -> None:
    """A row of nothing but "。" cannot obey the rules: it stays full (no empty row, no loop),
    and the cursor and typing work through it."""
    app = make(draft_path)
    async with app.run_test(size=(80, 24)) as pilot:
        area = await _strategy_editor(app, pilot, tui)
        text = "好" + "。" * 100
        area.load_text(text)
        await pilot.pause()
        sections = area.wrapped_document.get_sections(0)
        assert "".join(sections) == text and all(sections)
        assert len(sections) == -(-(len(text) * 2) // (area.wrapped_document._width // 2 * 2))
        area.move_cursor((0, 50))
        await tui.type_text(pilot, "。。")
        for key in ["down", "end", "up", "home", "left", "right"]:
            await pilot.press(key)
        assert area.text == text[:50] + "。。" + text[50:]
        sections = area.wrapped_document.get_sections(0)
        assert "".join(sections) == area.text and all(sections)
        shown = [row for row in _rows_on_screen(app, area, tui) if row]
        assert "".join(shown) == area.text
