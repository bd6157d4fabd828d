"""The editor on a draft whose name is close to the 255-byte limit, and an export to a
name that is too long: it opens, recovers, saves and quits; the export says why not."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from dossier.storage.drafts import backup_path, load_draft
from dossier.storage.lock import lock_path
from dossier.storage.recovery import recovery_path, write_recovery
from dossier.tui.app import DossierApp
from dossier.tui.dialogs.path_prompt import PathDialog
from dossier.tui.dialogs.recovery import RecoveryDialog
from dossier.tui.inputs import FieldInput

from .test_stray_keys import _until
from support.tui import Tui

Make = Callable[..., DossierApp]


def long_draft(draft_path: Path) -> Path:
    target = draft_path.with_name("创" * 80 + "x" * (255 - 240 - 13) + ".dossier.json")
    shutil.move(draft_path, target)
    return target


async def test_a_draft_named_at_the_limit_recovers_saves_and_quits(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    draft = long_draft(draft_path)
    assert len(draft.name.encode()) == 255
    recovered = load_draft(draft)
    recovered.basic.city = "Recovered city"
    write_recovery(recovered, draft)
    app = make(draft)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await _until(pilot, RecoveryDialog)
        await pilot.press("r")
        await tui.ready(pilot)
        assert app.session is not None and app.session.file.locked
        await pilot.press("ctrl+s")
        await tui.settle(pilot)
        assert "Saved" in tui.notices(app)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code in (None, 0)
    assert load_draft(draft).basic.city == "Recovered city"
    assert backup_path(draft).is_file()
    assert not lock_path(draft).exists() and not recovery_path(draft).exists()


async def test_export_to_a_name_too_long_says_so(draft_path: Path, make: Make, tui: Tui) -> None:
    app = make(draft_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await tui.ready(pilot)
        await pilot.press("ctrl+e")
        await _until(pilot, PathDialog)
        field = app.screen.query_one("#path-input", FieldInput)
        field.value = str(draft_path.parent / ("x" * 300 + ".docx"))
        await pilot.press("enter")
        await tui.settle(pilot)
        assert app.return_code in (None, 0)
        shown = tui.notices(app) + str(app.screen.query("#path-error").first().render())
        assert "too long" in shown
    assert app.return_code in (None, 0)
