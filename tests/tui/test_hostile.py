"""Hostile strings everywhere: markup-looking text, control characters, emoji and RTL never crash the app.

The draft, its profile (titles, guidance, field and attachment labels) and even the
folder name carry ``[bold]``, ``[/``, ``[@click=app.quit]q[/]``, ``[$x]``, ESC and OSC 52
sequences. Every screen is visited with notifications on; the text must show literally
and no ESC may reach the terminal.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Static

from dossier.core.profiles import load_profile
from dossier.storage.drafts import load_draft, save_draft
from dossier.tui.app import DossierApp
from dossier.tui.inputs import FieldInput
from dossier.tui.screens.main import MainScreen
from dossier.tui.text import clean, highlight, literal, removed_summary, strip_controls

from support.paths import TUI_DATA
from support.tui import Tui

Make = Callable[..., DossierApp]
HOSTILE = [
    "[bold]",
    "[/",
    "[/x]",
    "[@click=app.quit]q[/]",
    "[$x]",
    "a\\",
    "\x1b]52;c;aGVsbG8=\x07\x1b[31m",
    "\x00\x07\x9b",
    "😀👨‍👩‍👧",
    "مرحبا بالعالم",
]
H = " ".join(HOSTILE)
CITY = "[bold]West[/x]mere[/"


def toml_str(value: str) -> str:
    # JSON escapes C0 controls as \\u00XX, which TOML accepts; TOML also wants DEL escaped
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def hostile_profile(folder: Path) -> Path:
    base = load_profile("uccn-2027")
    lines = [
        'id = "hostile"',
        'extends = "uccn-2027"',
        f"name = {toml_str('[b]Hostile call[/')}",
        "call_year = 2027",
    ]
    for f in base.fields:
        lines += ["[[fields]]", f"id = {toml_str(f.id)}", f"en = {toml_str(f.en + ' [/x]')}"]
        lines += [f"fr = {toml_str(f.fr)}", f"zh = {toml_str(f.zh + ' [$x]')}"]
    for s in base.sections:
        lines += ["[[sections]]", f"id = {toml_str(s.id)}", f"number = {s.number}"]
        lines += [f"min_words = {s.min_words}", f"max_words = {s.max_words}"]
        lines += [f"title_en = {toml_str(s.title_en + ' [/] [@click=app.quit]q[/]')}"]
        lines += [f"title_zh = {toml_str(s.title_zh + ' [bold]')}"]
        lines += [
            f"guidance_en = {toml_str(s.guidance_en + ' ' + H)}",
            f"guidance_zh = {toml_str(s.guidance_zh + ' [/')}",
        ]
    for a in base.attachments:
        lines += ["[[attachments]]", f"id = {toml_str(a.id)}", f"kind = {toml_str(a.kind)}"]
        lines += [f"en = {toml_str(a.en + ' [$x] [/')}", f"zh = {toml_str(a.zh)}"]
    path = folder / "hostile.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def hostile_draft(tmp_path: Path) -> Path:
    folder = tmp_path / "[b]folder[/" / "[@click=app.quit]x[/]"
    folder.mkdir(parents=True)
    path = folder / "hostile.dossier.json"
    shutil.copy(TUI_DATA / "westmere-gaps.dossier.json", path)
    hostile_profile(folder)
    draft = load_draft(path)
    draft.meta.profile = "hostile.toml"
    draft.basic.city = CITY
    draft.basic.country = "[@click=app.quit]q[/]"
    draft.basic.links = ["https://[/x]", "[$x]"]
    draft.basic.contacts.main_contact.email = "[/x]@[$x]"
    draft.basic.contacts.mayor.family_name = "مرحبا [/"
    for part in ("introduction", "opportunities", "strategy", "assets"):
        draft.part(part).text += "\n\n" + H
    draft.sections.sdg_goals.targets[0].outcome = "[/x] outcome \x1b[31m"
    draft.sections.contribution.initiatives[0].title = "[/x] [@click=app.quit]q[/] 😀"
    draft.sections.contribution.initiatives[0].partners = "[$x] \x1b]52;c;aGk=\x07"
    draft.sections.contribution.initiatives[0].currency = "[/"
    draft.attachments["photo_1"].path = "[/]photo\x1b]52;c;aGk=\x07.jpg"
    save_draft(draft, path)
    return path


def no_escape(app: DossierApp) -> None:
    svg = app.export_screenshot()
    assert "\x1b" not in svg and "\x07" not in svg and "\x9b" not in svg


async def test_hostile_strings_everywhere_do_not_crash(hostile_draft: Path, make: Make, tui: Tui) -> None:
    app = make(hostile_draft)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await tui.ready(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        text = tui.screen_text(app)
        assert CITY in text  # the header, literally
        assert "[/] [@click=app.quit]q[/]" in text  # profile titles in the sidebar and the pane
        assert "[$x]" in text and "␛]52;c;aGVsbG8=␇" in text  # guidance: controls shown as symbols
        no_escape(app)
        start = screen.current_entry
        for _ in range(9):  # every part, so every pane is built
            await pilot.press("ctrl+down")
            await tui.settle(pilot)
            no_escape(app)
        assert screen.current_entry == start
        # findings quote user text (an e-mail, a link, an attachment path)
        await screen.go_to("basic")
        await pilot.pause()
        assert "“[/x]@[$x]”" in tui.screen_text(app)
        await screen.go_to("attachments")
        await pilot.pause()
        # the finding quotes the path literally, its controls shown as symbols
        assert "the file “[/]photo␛]52;c;aGk=␇.jpg” cannot be found." in tui.screen_text(app)
        # the action plan table and its edit dialog
        await screen.go_to("contribution", "sections.contribution.initiatives[0]")
        await pilot.pause()
        assert "[/x] [@click=" in tui.screen_text(app)  # the title column cuts the rest with an ellipsis
        table = app.screen.query_one(DataTable)
        assert table.get_row_at(0)[0].plain == "[/x] [@click=app.quit]q[/] 😀"
        await pilot.press("e")
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query_one("#ini-title-input", FieldInput).value == "[/x] [@click=app.quit]q[/] 😀"
        await pilot.press("escape")
        await pilot.pause()
        # the SDG picker shows the hostile outcome in its field
        await screen.go_to("sdg_goals", "sections.sdg_goals.targets[0]")
        await pilot.pause()
        assert "[/x] outcome" in tui.screen_text(app)
        # overview, help, palette (with a hostile query too)
        for key in ("f2", "f2", "f1", "escape"):
            await pilot.press(key)
            await pilot.pause()
            no_escape(app)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"go")
        await pilot.pause(0.3)
        assert "Go to: 2. Development strategy and policy [/] [@click=app.quit]q[/]" in tui.screen_text(app)
        await pilot.press("ctrl+a", "backspace", "[", "/")  # ctrl+a: the palette input selects all
        await pilot.pause(0.3)
        await pilot.press("escape")
        await pilot.pause()
        # Chinese guidance and titles (ctrl+l: French, then Chinese), then English again
        await pilot.press("ctrl+l", "ctrl+l")
        await pilot.pause()
        assert "[bold]" in tui.screen_text(app)
        no_escape(app)
        await pilot.press("ctrl+l")
        await pilot.pause()
        # save and export: notifications carry the hostile folder name
        await pilot.press("space", *"typed", "ctrl+s")
        await tui.settle(pilot)
        assert f"Saved: {hostile_draft}" in tui.notices(app)
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("enter")
        await tui.settle(pilot)
        await tui.settle(pilot)
        assert hostile_draft.with_name("hostile.docx").is_file()
        no_escape(app)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


@pytest.mark.parametrize("value", HOSTILE)
def test_display_helpers_are_literal(value: str) -> None:
    shown = literal(value)
    assert "\x1b" not in shown.plain and "\x07" not in shown.plain
    assert shown.plain == clean(value)
    if value.isprintable():
        assert shown.plain == value  # nothing is lost or reinterpreted
    assert "\x1b" not in strip_controls(value)


def test_palette_highlight_does_not_parse_markup() -> None:
    from textual.fuzzy import Matcher

    result = highlight(Matcher("go"), "Go to: [/x] [@click=app.quit]q[/]")
    assert result.plain == "Go to: [/x] [@click=app.quit]q[/]"
    assert result.spans  # the matched letters are styled


def _unused(*_: Any) -> None:  # keep imports honest for type checkers
    return None


async def test_characters_the_editor_cannot_hold_are_announced_before_they_go(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    """Stored text stays exact until the official edits it; then they are told what was removed."""
    draft = load_draft(draft_path)
    original = "Before\x07 after \u202eevil\u202c end.\r\nNext line."
    draft.sections.assets.text = original
    draft.basic.country = "Can\tada\x00"
    save_draft(draft, draft_path)
    app = make(draft_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await tui.ready(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await screen.go_to("assets")
        await pilot.pause()
        note = str(screen.query_one("#removed-note", Static).content)
        assert "1 invisible control character (removed) and 2 text-direction marks (removed)" in note
        await pilot.press("ctrl+s")  # saving without an edit keeps every character
        await tui.settle(pilot)
        assert load_draft(draft_path).sections.assets.text == original
        await pilot.press("x")
        await tui.settle(pilot)
        assert "Characters changed: Your edit of “5. Comparative assets” changed characters" in tui.notices(
            app
        )
        assert "1 invisible control character (removed) and 2 text-direction marks (removed)" in tui.notices(
            app
        )
        assert app.session is not None
        assert app.session.draft.sections.assets.text == "Before after evil end.\nNext line.x"
        assert not screen.query("#removed-note")
        await screen.go_to("basic")
        await pilot.pause()
        country = screen.query_one("#f-basic-country", FieldInput)
        country.focus()
        await pilot.press("end", "!")
        await tui.settle(pilot)
        assert "1 invisible control character (removed) and line breaks or tabs (made spaces" in tui.notices(
            app
        )
        assert app.session.draft.basic.country == "Can ada!"


def test_line_separators_become_line_breaks_and_are_announced() -> None:
    assert strip_controls("a\u2028b\u2029c\x85d\r\ne") == "a\nb\nc\nd\ne"
    assert removed_summary("a\u2028b") == "1 Unicode line separator (made ordinary line breaks)"
    assert removed_summary("Windows\r\nline ends and\ttabs") is None
