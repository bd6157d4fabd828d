"""A draft given at start shows at once (its text, read-only) and is validated after the
first frame: until then nothing can save or export it, and what is typed is kept."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from dossier import workspace
from dossier.tui.app import DossierApp
from dossier.tui.inputs import ProseArea
from dossier.tui.screens.main import MainScreen
from dossier.tui.screens.opening import OpeningScreen, part_text

from support.tui import Tui

Make = Callable[..., DossierApp]


@pytest.fixture
def held_validation(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Validation of the draft given at start waits until the returned event is set."""
    release = threading.Event()
    validate = workspace.validate_opened

    def waiting(*args: Any, **kwargs: Any) -> Any:
        release.wait(30)
        return validate(*args, **kwargs)

    monkeypatch.setattr(workspace, "validate_opened", waiting)
    yield release
    release.set()  # never leave the worker thread waiting


async def test_save_and_export_before_validation_are_refused_in_words(
    draft_path: Path, make: Make, tui: Tui, held_validation: threading.Event
) -> None:
    before = draft_path.read_bytes()
    app = make(draft_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await tui.wait_for_screen(pilot, OpeningScreen)
        assert app.validating and app.session is None
        shown = app.screen.query_one(ProseArea)
        assert shown.read_only and "Westmere" in shown.text  # the introduction, from the JSON
        await tui.type_text(pilot, "Draft ")  # typed while the draft is being checked
        await pilot.press("ctrl+s")
        await pilot.press("ctrl+e")
        await pilot.pause()
        refusals = [n for n in tui.notifications(app) if "still being checked" in n.message]
        assert len(refusals) == 2
        assert not any(draft_path.parent.glob("*.docx"))
        assert draft_path.read_bytes() == before  # nothing written before validation
        held_validation.set()
        await tui.ready(pilot)
        assert isinstance(app.screen, MainScreen) and not app.validating
        editor = app.screen.query_one("#text-introduction", ProseArea)
        await tui.until(pilot, lambda: "Draft " in editor.text, "the held keys typed into the editor")
        await pilot.press("ctrl+s")
        await tui.settle(pilot)
        assert "Saved" in tui.notices(app)
    assert "Draft " in json.loads(draft_path.read_text("utf-8"))["introduction"]["text"]


async def test_a_draft_pydantic_refuses_stops_the_app_with_one_line(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    data = json.loads(draft_path.read_text("utf-8"))
    data["basic"]["population"] = "many"  # JSON, but not a draft's
    draft_path.write_text(json.dumps(data), "utf-8")
    app = make(draft_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await tui.until(pilot, lambda: app.fatal is not None, "the refusal")
    assert app.fatal is not None and "population" in app.fatal
    assert app.session is None


def test_the_opening_screen_finds_each_parts_text() -> None:
    raw = {"introduction": {"text": "intro"}, "sections": {"strategy": {"text": "plan"}}}
    assert part_text(raw, "introduction") == "intro"
    assert part_text(raw, "strategy") == "plan"
    assert part_text(raw, "assets") == ""
    assert part_text({"sections": "not an object"}, "strategy") == ""
