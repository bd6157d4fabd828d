"""Keys typed faster than the editor handles them: a whole form typed with Tab in one burst
lands field by field, and keys typed while a large recovered draft opens end in the text."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Input

from dossier.storage.drafts import load_draft, save_draft
from dossier.storage.recovery import write_recovery
from dossier.tui.app import DossierApp
from dossier.tui.dialogs.recovery import RecoveryDialog
from dossier.tui.inputs import FieldInput
from dossier.tui.screens.main import MainScreen

from .test_long_sections import long_text
from .test_stray_keys import _until, burst
from support.tui import Tui

Make = Callable[..., DossierApp]

FORM = {
    "f-basic-links-0": "https://a.example.org",
    "f-basic-links-1": "https://b.example.org/x",
    "f-basic-links-2": "https://c.example.org",
    "f-basic-links-3": "https://d.example.org",
    "f-basic-contacts-mayor-title_other": "Dr.",
    "f-basic-contacts-mayor-family_name": "Wang",
    "f-basic-contacts-mayor-first_name": "Li",
}


def keys_for(values: list[str]) -> list[str]:
    keys: list[str] = []
    for value in values:
        keys += [*value, "tab"]
    return keys


async def test_a_form_typed_with_tab_in_one_burst_fills_each_field(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    app = make(draft_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await tui.ready(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await screen.go_to("basic")
        await tui.settle(pilot)
        for wid in FORM:
            screen.query_one(f"#{wid}", FieldInput).value = ""
        screen.query_one("#f-basic-links-0", FieldInput).focus()
        await tui.settle(pilot)
        values = list(FORM.values())
        # the title is chosen from a list (Mr / Ms / Other): tab passes it by
        await burst(pilot, [*keys_for(values[:4]), "tab", *keys_for(values[4:])])
        await tui.settle(pilot)
        got = {wid: screen.query_one(f"#{wid}", FieldInput).value for wid in FORM}
        assert got == FORM
        # and back with shift+tab, in the same burst as the typing
        await burst(pilot, ["shift+tab", *"Jr", "shift+tab", "shift+tab", *"Chen"])
        await tui.settle(pilot)
        # (whether the field's old text stays is the focus behaviour's business, not this test's)
        assert screen.query_one("#f-basic-contacts-mayor-first_name", FieldInput).value.endswith("Jr")
        assert screen.query_one("#f-basic-contacts-mayor-family_name", FieldInput).value == "Wang"
        assert screen.query_one("#f-basic-contacts-mayor-title_other", FieldInput).value.endswith("Chen")
        assert screen.query_one("#f-basic-links-3", FieldInput).value == FORM["f-basic-links-3"]


class _TwoInputs(App[None]):
    def compose(self) -> ComposeResult:
        yield Input(id="one")
        yield Input(id="two")


async def test_textual_still_sends_keys_after_a_tab_to_the_old_field() -> None:
    """Why the form binds tab with priority. When this fails, Textual moves the focus before it
    hands on the next key of a burst, and the bindings in ``basic_form.py`` and ``form.py`` can go."""
    app = _TwoInputs()
    async with app.run_test() as pilot:
        await pilot.pause()
        await burst(pilot, ["a", "tab", "b"])
        await pilot.pause()
        assert app.query_one("#one", Input).value == "ab"
        assert app.query_one("#two", Input).value == ""


def large_draft_with_recovery(draft_path: Path) -> None:
    draft = load_draft(draft_path)
    draft.introduction.text = long_text(30_000)
    save_draft(draft, draft_path)
    draft.introduction.text += "\n\nRecovered end."
    write_recovery(draft, draft_path)
    old = time.time() - 100
    os.utime(draft_path, (old, old))


TYPED = "Typed at once, 创意 and more."


async def test_keys_typed_right_after_recovering_a_large_draft_all_end_in_the_text(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    large_draft_with_recovery(draft_path)
    app = make(draft_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _until(pilot, RecoveryDialog)
        await burst(pilot, ["r", *TYPED, "enter", *"Next line"])
        await tui.ready(pilot)
        await tui.settle(pilot)
        assert app.session is not None
        text = app.session.draft.introduction.text
        assert text.endswith(f"Recovered end.{TYPED}\nNext line")
