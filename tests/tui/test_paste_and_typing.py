"""Text entering by paste and by input method: once, whole, undoable, and never a crash.

Pastes are posted to the app as the terminal driver posts them (``app.post_message``), so
the app forwards them to the focused widget exactly as in a real terminal; posting to
the widget itself would bubble back to the app and be forwarded a second time.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual import events
from textual._xterm_parser import XTermParser  # the parser the terminal driver uses
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from dossier.core.wordcount import count_words
from dossier.storage.drafts import load_draft
from dossier.tui.app import DossierApp
from dossier.tui.inputs import FieldInput, ProseArea
from dossier.tui.screens.main import MainScreen
from dossier.tui.widgets.basic_form import BasicInfoForm

from support.tui import Tui

Make = Callable[..., DossierApp]

# What input methods send that str.isprintable() calls unprintable (Zs and Cf), and
# what they send that it accepts (combining marks, emoji parts), in one list.
IME_CHARACTERS = [
    "\u3000",  # ideographic space (Chinese and Japanese IMEs)
    "\u00a0",  # no-break space (French keyboards: before ; : ! ?)
    "\u202f",  # narrow no-break space (French: « guillemets », thousands)
    "\u200d",  # zero-width joiner (emoji sequences, Indic conjuncts)
    "\u200c",  # zero-width non-joiner (Persian, Indic)
    "\u0301",  # combining acute accent
    "\u200e",  # left-to-right mark (kept: it does not reorder a line the way overrides do)
]
TYPED = (
    "中文\u3000城市 « Bonjour\u202f! » 10\u00a0kg "
    "می\u200cخواهم क्\u200dष e\u0301 👨\u200d👩\u200d👧 🏳\ufe0f\u200d🌈"
)


def main(app: DossierApp) -> MainScreen:
    assert isinstance(app.screen, MainScreen), app.screen
    return app.screen


async def typed(pilot: Pilot[Any], data: str) -> None:
    """Send ``data`` as a terminal does: through Textual's xterm parser, whose events the
    driver posts to the app. (``Pilot.press`` cannot: it gives U+3000, « or 🏳 no character.)"""
    for event in XTermParser().feed(data):
        pilot.app.post_message(event)
        await pilot.pause()
    await pilot.pause()


async def paste(pilot: Pilot[Any], text: str) -> None:
    """Paste as the terminal does: the driver posts one Paste event to the app."""
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()
    await pilot.pause()


async def prose(pilot: Pilot[Any], entry: str) -> ProseArea:
    app = pilot.app
    assert isinstance(app, DossierApp)
    await main(app).go_to(entry)
    await pilot.pause()
    editor = app.focused
    assert isinstance(editor, ProseArea), editor
    return editor


async def city_field(pilot: Pilot[Any]) -> FieldInput:
    app = pilot.app
    assert isinstance(app, DossierApp)
    await main(app).go_to("basic")
    pane = main(app).current_pane
    assert isinstance(pane, BasicInfoForm)
    city = pane.query_one("#f-basic-city", FieldInput)
    city.focus()
    await pilot.pause()
    city.cursor_position = len(city.value)
    city.selection = city.selection.cursor(len(city.value))
    await pilot.pause()
    return city


# --- 1. a paste goes in once, is one undo step, and says what it removed ---------------


async def test_a_paste_goes_into_a_section_once(draft_path: Path, make: Make, tui: Tui) -> None:
    paragraph = " ".join(f"word{i}" for i in range(157))
    app = make(draft_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await tui.ready(pilot)
        editor = await prose(pilot, "strategy")
        before = editor.text
        words = app.session.words["strategy"]  # type: ignore[union-attr]
        editor.move_cursor(editor.document.end)
        await paste(pilot, "\n" + paragraph)
        assert editor.text == before + "\n" + paragraph
        assert editor.text.count("word156") == 1
        await tui.settle(pilot)
        assert app.session.words["strategy"] == words + 157  # type: ignore[union-attr]
        await pilot.press("ctrl+s")
        await tui.settle(pilot)
        assert load_draft(draft_path).sections.strategy.text == before + "\n" + paragraph
        assert app.return_code in (None, 0)


async def test_a_paste_is_one_undo_step_and_redo_brings_it_back(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    app = make(draft_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await tui.ready(pilot)
        editor = await prose(pilot, "strategy")
        editor.move_cursor(editor.document.end)
        await pilot.press(*" typed")
        typed = editor.text
        await paste(pilot, "\nPasted one.\nPasted two.\n")
        pasted = editor.text
        assert pasted == typed + "\nPasted one.\nPasted two.\n"
        await pilot.press("ctrl+z")
        assert editor.text == typed
        await pilot.press("ctrl+y")
        assert editor.text == pasted
        assert app.return_code in (None, 0)


async def test_a_paste_goes_into_a_one_line_field_once(draft_path: Path, make: Make, tui: Tui) -> None:
    app = make(draft_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await tui.ready(pilot)
        city = await city_field(pilot)
        city.value = "Linchuan"
        city.cursor_position = len(city.value)
        await pilot.pause()
        await paste(pilot, "Linchuan")
        assert city.value == "LinchuanLinchuan"
        await tui.settle(pilot)
        assert app.session.draft.basic.city == "LinchuanLinchuan"  # type: ignore[union-attr]


async def test_a_pasted_paragraph_in_a_field_keeps_every_line_and_says_so(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    app = make(draft_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await tui.ready(pilot)
        city = await city_field(pilot)
        city.value = ""
        await pilot.pause()
        await paste(pilot, "Westmere\r\non the lake\n")
        assert city.value == "Westmere on the lake"
        assert tui.notices(app).count("line breaks") == 1
        # a single line with its line end, as copied from a cell, needs no word
        city.value = ""
        await paste(pilot, "Linchuan\n")
        assert city.value == "Linchuan"
        assert tui.notices(app).count("line breaks") == 1


async def test_what_a_paste_removed_is_said_once(draft_path: Path, make: Make, tui: Tui) -> None:
    app = make(draft_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await tui.ready(pilot)
        editor = await prose(pilot, "strategy")
        editor.move_cursor(editor.document.end)
        before = editor.text
        await paste(pilot, " [bold]a\x1b[31mb\x07c\u202ed\u2066e[/x]")
        assert editor.text == before + " [bold]a[31mbcde[/x]"
        said = [n for n in tui.notifications(app) if "removed" in n.message]
        assert len(said) == 1, tui.notices(app)
        assert "2 invisible control characters (removed)" in said[0].message
        assert "2 text-direction marks (removed)" in said[0].message
        assert said[0].markup is False
        # the same in a one-line field
        city = await city_field(pilot)
        city.value = ""
        await paste(pilot, "Lin\x00chuan")
        assert city.value == "Linchuan"
        said = [n for n in tui.notifications(app) if "removed" in n.message]
        assert len(said) == 2, tui.notices(app)
        assert "1 invisible control character (removed)" in said[1].message
        # a clean paste says nothing
        await paste(pilot, " city")
        assert len([n for n in tui.notifications(app) if "removed" in n.message]) == 2


# --- 2. undo and redo after a paste never raise ---------------------------------------


async def test_undo_after_a_long_paste_into_a_short_section_does_not_crash(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    """The paste makes the editor scroll; undoing it removes the scroll bar while the
    cursor still points below the last line (Textual restores the cursor too late)."""
    app = make(draft_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await tui.ready(pilot)
        editor = await prose(pilot, "preparation")  # empty in the test draft
        lines = "\n".join(f"Line {i} of a long pasted text." for i in range(60))
        await paste(pilot, lines)
        assert editor.text == lines
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.return_code in (None, 0)
        assert editor.text == ""
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert editor.text == lines
        editor.select_all()
        await pilot.press("backspace")
        assert editor.text == ""
        await pilot.press("ctrl+z")  # the cursor is back below the last line of what is left
        assert editor.text == lines
        await pilot.press("ctrl+z", "ctrl+y", "ctrl+y")
        await pilot.pause()
        assert app.return_code in (None, 0)
        assert editor.text == ""


class _OneEditor(App[None]):
    """A bare screen with one small ProseArea, so scroll bars come and go often."""

    CSS = "ProseArea { height: 6; }"

    def compose(self) -> ComposeResult:
        yield ProseArea("start")


_STEP = st.one_of(
    st.tuples(st.just("type"), st.text(alphabet="ab \u3000中", min_size=1, max_size=4)),
    st.tuples(
        st.just("paste"),
        st.lists(st.sampled_from(["x", " ", "\n", "\r\n", "中", "\x1b", "\u2028"]), max_size=40).map("".join),
    ),
    st.tuples(st.just("key"), st.sampled_from(["ctrl+z", "ctrl+y", "enter", "backspace", "up", "home"])),
    st.tuples(st.just("select_all"), st.just("")),
)


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(_STEP, max_size=14))
def test_undo_and_redo_never_raise_and_undo_all_restores_the_start(steps: list[tuple[str, str]]) -> None:
    async def run() -> None:
        app = _OneEditor()
        async with app.run_test(size=(40, 12)) as pilot:
            editor = app.query_one(ProseArea)
            editor.focus()
            await pilot.pause()
            for kind, value in steps:
                if kind == "type":
                    await typed(pilot, value)
                elif kind == "paste":
                    app.post_message(events.Paste(value))
                    await pilot.pause()
                elif kind == "select_all":
                    editor.select_all()
                else:
                    await pilot.press(value)
            await pilot.pause()
            assert app.return_code in (None, 0)
            final = editor.text
            done = len(editor.history.undo_stack)
            for _ in range(done):
                editor.undo()
                await pilot.pause()
            assert editor.text == "start"
            for _ in range(done):
                editor.redo()
                await pilot.pause()
            assert editor.text == final
            assert app.return_code in (None, 0)

    asyncio.run(run())


# --- 3. every character an input method sends is kept ---------------------------------


async def test_input_method_characters_are_kept_in_a_section(draft_path: Path, make: Make, tui: Tui) -> None:
    app = make(draft_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await tui.ready(pilot)
        editor = await prose(pilot, "preparation")
        await typed(pilot, TYPED)
        assert editor.text == TYPED
        await tui.settle(pilot)
        assert app.session.words["preparation"] == count_words(TYPED)  # type: ignore[union-attr]
        await pilot.press("ctrl+s")
        await tui.settle(pilot)
        assert load_draft(draft_path).sections.preparation.text == TYPED


async def test_input_method_characters_are_kept_in_a_field(draft_path: Path, make: Make, tui: Tui) -> None:
    app = make(draft_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await tui.ready(pilot)
        city = await city_field(pilot)
        city.value = ""
        await pilot.pause()
        await typed(pilot, "临川" + "".join(IME_CHARACTERS) + "Ville\u00a0!")
        assert city.value == "临川" + "".join(IME_CHARACTERS) + "Ville\u00a0!"
        await tui.settle(pilot)
        assert app.session.draft.basic.city == city.value  # type: ignore[union-attr]


async def test_a_typed_direction_override_is_removed_and_said(draft_path: Path, make: Make, tui: Tui) -> None:
    """The editor cannot hold bidi overrides (see dossier.tui.text); typed, one is said like a paste."""
    app = make(draft_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await tui.ready(pilot)
        editor = await prose(pilot, "preparation")
        await typed(pilot, "a\u202eb")
        assert editor.text == "ab"
        assert "1 text-direction mark (removed)" in tui.notices(app)


# --- canaries: these fail when a Textual upgrade makes our workarounds unnecessary ----


class _BareWidgets(App[None]):
    CSS = "TextArea { height: 6; }"

    def compose(self) -> ComposeResult:
        yield TextArea("start", soft_wrap=True)
        yield Input("")


async def test_canary_textual_still_drops_input_method_characters() -> None:
    """If this fails, Textual keeps U+3000 etc. itself: drop ``_on_key`` in ProseArea and FieldInput."""
    app = _BareWidgets()
    async with app.run_test() as pilot:
        area = app.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)
        await typed(pilot, "\u3000\u00a0\u200d")
        field = app.query_one(Input)
        field.focus()
        await typed(pilot, "\u202f\u200c")
        assert area.text == "start", "Textual now keeps these characters in TextArea"
        assert field.value == "", "Textual now keeps these characters in Input"


async def test_canary_textual_undo_still_restores_the_cursor_too_late() -> None:
    """If this fails, Textual's undo no longer crashes: drop ``_recompute_cursor_offset`` in ProseArea."""
    app = _BareWidgets()
    with pytest.raises(ValueError, match="out of bounds"):
        async with app.run_test(size=(40, 12)) as pilot:
            area = app.query_one(TextArea)
            area.focus()
            area.move_cursor(area.document.end)
            app.post_message(events.Paste("\n".join("line" for _ in range(20))))
            await pilot.pause()
            await pilot.press("ctrl+z")
            await pilot.pause()


# --- a paste holding an ESC (text copied from coloured terminal output) --------------------

COLOURED = "\x1b[200~A\x1b[31mB\x07C\u202eD\x1b[201~x"


def _events(parser: XTermParser, chunks: list[str]) -> list[object]:
    return [event for chunk in chunks for event in parser.feed(chunk)]


@given(st.lists(st.integers(1, len(COLOURED) - 1), max_size=4, unique=True).map(sorted))
def test_a_paste_holding_an_escape_arrives_whole_however_the_terminal_splits_it(cuts: list[int]) -> None:
    from dossier.tui.terminal_input import PasteSafeParser

    bounds = [0, *cuts, len(COLOURED)]
    chunks = [COLOURED[a:b] for a, b in itertools.pairwise(bounds)]
    found = _events(PasteSafeParser(), chunks)
    assert [e.text for e in found if isinstance(e, events.Paste)] == ["A\x1a[31mB\x07C\u202eD"]
    assert [e.character for e in found if isinstance(e, events.Key)] == ["x"]


def test_the_editor_reads_the_terminal_with_the_paste_safe_driver() -> None:
    from dossier.tui.app import DossierApp
    from dossier.tui.terminal_input import PasteSafeDriver

    assert DossierApp(reopen_recent=False).get_driver_class() is PasteSafeDriver


def test_canary_textual_still_ends_a_paste_at_an_escape() -> None:
    """When this fails, Textual keeps an ESC inside a paste: dossier/tui/terminal_input.py can go."""
    found = _events(XTermParser(), [COLOURED])
    assert [e.text for e in found if isinstance(e, events.Paste)] != ["A\x1b[31mB\x07C\u202eD"]
