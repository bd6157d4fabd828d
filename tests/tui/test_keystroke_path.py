"""The keystroke path: what a key costs beyond Textual's own work must not change what it does.

A key is taken by the section editor in the key's own handler (``ProseArea.take_change``),
counted from the editor's lines, and drawn with ``ProseWrap``'s height and
``ProseArea.render_line``: each is compared here with the slow way it replaces.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.app import App, ComposeResult
from textual.document._wrapped_document import WrappedDocument
from textual.widgets import TextArea

from dossier.tui.inputs import ProseArea, ProseWrap

PIECES = ["西湖设计之城", "，", "creative", " ", "city", "\n", "\n\n", "🎨", "e\u0301", "\u3000", "1,000.5"]
text_piece = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)
# an edit: where (row, column), how far it reaches (rows, column), what it puts there; or an undo / redo
edit = st.one_of(
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


class _Prose(App[None]):
    def compose(self) -> ComposeResult:
        yield ProseArea("", placeholder="Write here")


async def test_prose_wrap_height_is_textual_height() -> None:
    """``ProseWrap.height`` reads the rows Textual keeps; Textual sums every line's rows."""
    app = _Prose()
    async with app.run_test(size=(30, 20)) as pilot:
        area = app.query_one(ProseArea)
        await pilot.pause()
        assert type(area.wrapped_document) is ProseWrap
        textual_height = WrappedDocument.height.fget  # type: ignore[attr-defined]
        assert textual_height is not None

        @settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
        @given(first=text_piece, steps=st.lists(edit, max_size=12))
        def same_height(first: str, steps: list[tuple[int, int, int, int, str] | str]) -> None:
            area.load_text(first)
            assert type(area.wrapped_document) is ProseWrap  # a loaded text keeps the fast height
            for step in steps:
                apply(area, step)
                wrapped = area.wrapped_document
                assert wrapped.height == textual_height(wrapped)

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
