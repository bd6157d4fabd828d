"""The F1 help: closed by escape or f1 (never by a letter), and built from the keys the classes declare."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from pathlib import Path

from textual.binding import Binding
from textual.dom import DOMNode

import dossier.tui
from dossier.tui.app import DossierApp
from dossier.tui.screens.help import KEY_NAMES, LONG, NOT_LISTED, HelpScreen, help_rows
from dossier.tui.screens.main import MainScreen

from support.tui import Tui

Make = Callable[..., DossierApp]


def _declared() -> list[tuple[type[DOMNode], Binding]]:
    """Every binding a class of the editor declares itself, found by walking ``dossier.tui``."""
    found: dict[tuple[type[DOMNode], str], Binding] = {}
    for module in pkgutil.walk_packages(dossier.tui.__path__, "dossier.tui."):
        for _name, cls in inspect.getmembers(importlib.import_module(module.name), inspect.isclass):
            if not (issubclass(cls, DOMNode) and cls.__module__.startswith("dossier.tui")):
                continue
            for binding in cls.__dict__.get("BINDINGS", []):
                if isinstance(binding, Binding) and binding.action not in NOT_LISTED:
                    found[cls, binding.key] = binding
    return [(cls, binding) for (cls, _key), binding in found.items()]


def test_every_declared_key_is_in_the_help() -> None:
    """A binding added to any screen or widget shows in the help, with its long description."""
    rows = help_rows(DossierApp)
    shown = {name for keys, _text in rows for name in keys.split(" / ")}
    declared = _declared()
    assert len(declared) > 20
    for cls, binding in declared:
        for key in binding.key.split(","):
            assert KEY_NAMES.get(key, key) in shown, (
                f"{cls.__name__}: {key} ({binding.action}) is not in the help"
            )
        assert binding.action in LONG, f"{cls.__name__}: {binding.action} has no description in the help"
    texts = dict(rows)
    assert "resolved" in next(text for key, text in rows if key == "r" and "note" in text)
    assert all(text and text[0].isupper() for text in texts.values()), texts


async def test_help_closes_on_escape_and_f1_never_on_q(draft_path: Path, make: Make, tui: Tui) -> None:
    """q is a letter the official types: on the help it does nothing."""
    app = make(draft_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await tui.ready(pilot)
        for closing in ("escape", "f1"):
            await pilot.press("f1")
            await tui.wait_for_screen(pilot, HelpScreen)
            await pilot.press("q")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            await pilot.press(closing)
            await tui.wait_for_screen(pilot, MainScreen)
        assert app.return_code is None
