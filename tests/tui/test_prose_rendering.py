"""ProseArea draws each row of a long wrapped line from that row's text alone (see
``ProseArea._render_line``): it must draw exactly what Textual's TextArea draws."""

from __future__ import annotations

import hashlib
import inspect

import textual
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.app import App, ComposeResult
from textual.widgets import TextArea
from textual.widgets.text_area import Selection

from dossier.tui.inputs import ProseArea

TEXTUAL_RENDER_LINE_SHA256 = "11d1cc3274dc185bd0b5072bd270e6dd647c550e74d54bb1a293bf6c6b7749f7"
"""The source of ``TextArea._render_line`` in Textual 8.2.8, which ProseArea's copies."""
TEXTUAL_RENDER_LINE_CACHE_SHA256 = "0fab1cf6e049e371e83b8efd8ee5822ae5bb47b217fe6c99b2120b239e14797a"
"""The source of ``TextArea.render_line`` (a row from the cache, or drawn) in Textual 8.2.8,
which ``ProseArea.render_line`` copies without its whole-text test for the placeholder."""

# Chinese, Latin, emoji (with a joiner and a skin tone), full-width forms, Hangul, kana,
# combining marks, brackets (the cursor's bracket matching) and spaces: wide and narrow cells
PIECES = [
    "西湖设计之城",
    "，",
    "。",
    "creative",
    " ",
    "  ",
    "city",
    "🎨",
    "👩\u200d💻",
    "👍🏽",
    "ＡＢＣ",
    "한국어",
    "かな",
    "e\u0301",
    "(",
    ")",
    "[x]",
    "\u3000",
    "1,000.5",
]

paragraph = st.lists(st.sampled_from(PIECES), min_size=0, max_size=120).map("".join)


class _Prose(App[None]):
    def compose(self) -> ComposeResult:
        yield ProseArea("")


def _rows(area: ProseArea) -> tuple[list[object], list[object]]:
    """Every row of the area as ProseArea draws it and as Textual's TextArea draws it."""
    height = area.wrapped_document.height
    ours = [ProseArea._render_line(area, y) for y in range(height)]
    textual_rows = [TextArea._render_line(area, y) for y in range(height)]
    return ours, textual_rows


async def test_prose_rows_are_drawn_as_textual_draws_them() -> None:
    app = _Prose()
    async with app.run_test(size=(47, 200)) as pilot:
        area = app.query_one(ProseArea)
        area.focus()
        area.cursor_blink = False
        await pilot.pause()
        checked: list[int] = []

        @settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
        @given(
            lines=st.lists(paragraph, min_size=1, max_size=4),
            anchor=st.tuples(st.integers(0, 3), st.integers(0, 500)),
            cursor=st.tuples(st.integers(0, 3), st.integers(0, 500)),
            line_highlight=st.booleans(),
        )
        def same_rows(
            lines: list[str], anchor: tuple[int, int], cursor: tuple[int, int], line_highlight: bool
        ) -> None:
            area.load_text("\n".join(lines))
            area.highlight_cursor_line = line_highlight
            area.selection = Selection(area.clamp_visitable(anchor), area.clamp_visitable(cursor))
            ours, textual_rows = _rows(area)
            assert ours == textual_rows
            checked.append(len(ours))

        same_rows()
        assert max(checked) > 3, "no example wrapped a line: the short path was never compared"


async def test_a_long_chinese_paragraph_is_drawn_as_textual_draws_it() -> None:
    """The case the short path is for: 2,000 characters, cursor and a selection in the middle."""
    app = _Prose()
    async with app.run_test(size=(60, 80)) as pilot:
        area = app.query_one(ProseArea)
        area.focus()
        area.cursor_blink = False
        area.load_text(("西湖设计之城以创意推动可持续发展，" * 120)[:2000])
        await pilot.pause()
        for selection in (Selection.cursor((0, 1000)), Selection((0, 990), (0, 1010))):
            area.selection = selection
            ours, textual_rows = _rows(area)
            assert len(ours) > 50
            assert ours == textual_rows


def test_canary_textual_render_line_is_unchanged() -> None:
    """If this fails, Textual's TextArea draws rows differently (or faster): check
    ``ProseArea._render_line`` against the new ``TextArea._render_line``, or drop it if
    Textual no longer builds each row from the whole line, then update the hash."""
    assert textual.__version__ == "8.2.8"
    source = inspect.getsource(TextArea._render_line)
    assert hashlib.sha256(source.encode()).hexdigest() == TEXTUAL_RENDER_LINE_SHA256


def test_canary_textual_render_line_cache_is_unchanged() -> None:
    """If this fails, Textual changed how it caches rows: make ``ProseArea.render_line`` do
    what the new ``TextArea.render_line`` does (or drop it if Textual no longer joins the
    whole text for every row), then update the hash."""
    assert textual.__version__ == "8.2.8"
    source = inspect.getsource(TextArea.render_line)
    assert hashlib.sha256(source.encode()).hexdigest() == TEXTUAL_RENDER_LINE_CACHE_SHA256
