"""The editor's side of attachments as files and of the submission package."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Button

from dossier.storage.drafts import load_draft
from dossier.tui.app import DossierApp
from dossier.tui.dialogs.choice import ChoiceDialog
from dossier.tui.dialogs.path_prompt import DraftTree, PathDialog
from dossier.tui.dialogs.progress import ProgressDialog
from dossier.tui.inputs import FieldInput
from dossier.tui.screens.main import MainScreen

from support.files import jpeg_bytes, pdf_bytes, png_bytes, write
from support.tui import Tui

Make = Callable[..., DossierApp]


async def test_an_attachment_file_is_picked_from_a_folder_tree(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    folder = draft_path.parent
    write(folder / "mayor.PDF", pdf_bytes())
    write(folder / "photo.png", png_bytes())
    write(folder / "photo.jpg", jpeg_bytes())
    app = make(draft_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await tui.ready(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await screen.go_to("attachments")
        await tui.settle(pilot)
        profile = app.session.profile  # type: ignore[union-attr]
        index = [spec.id for spec in profile.attachments].index("mayor_letter")
        button = screen.query_one(f"#att-choose-{index}", Button)
        button.focus()
        await pilot.press("enter")
        await tui.wait_for_screen(pilot, PathDialog)
        tree = app.screen.query_one(DraftTree)
        shown = [p.name for p in tree.filter_paths(sorted(folder.iterdir()))]
        assert "mayor.PDF" in shown and "photo.png" not in shown and "photo.jpg" not in shown
        field = app.screen.query_one("#path-input", FieldInput)
        field.value = str(folder / "mayor.PDF")
        field.focus()
        await pilot.press("enter")
        await tui.until(pilot, lambda: isinstance(app.screen, MainScreen), "back to the editor")
        assert screen.query_one(f"#att-path-{index}", FieldInput).value == "mayor.PDF"
        await pilot.press("ctrl+s")
        await tui.settle(pilot)
    assert load_draft(draft_path).attachments["mayor_letter"].path == "mayor.PDF"


async def test_the_list_of_documents_has_no_file_to_pick(draft_path: Path, make: Make, tui: Tui) -> None:
    app = make(draft_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await tui.ready(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await screen.go_to("attachments")
        await tui.settle(pilot)
        assert not screen.query("#att-choose-0")
        assert "dossier bundle" in tui.screen_text(app)


async def test_the_package_is_written_with_its_progress_shown(
    draft_path: Path, make: Make, tui: Tui, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dossier.export.pdf

    monkeypatch.setattr(dossier.export.pdf, "find_soffice", lambda: None)
    steps: list[str] = []
    real = ProgressDialog.advance

    def advance(self: ProgressDialog, step: str, done: float) -> None:
        steps.append(step)
        real(self, step, done)

    monkeypatch.setattr(ProgressDialog, "advance", advance)
    out = draft_path.parent / "package.zip"
    app = make(draft_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await tui.ready(pilot)
        app.action_bundle()
        await tui.wait_for_screen(pilot, PathDialog)
        field = app.screen.query_one("#path-input", FieldInput)
        field.value = str(out)
        await pilot.press("enter")
        await tui.wait_for_screen(pilot, ChoiceDialog)  # files are missing: a partial package?
        assert "no file given" in tui.screen_text(app)
        await pilot.press("p")
        await tui.until(pilot, lambda: out.exists(), "the package")
        await tui.settle(pilot)
        await tui.until(pilot, lambda: "Submission package" in tui.notices(app), "the notice")
        assert "LibreOffice is not installed" in tui.notices(app)
        assert isinstance(app.screen, MainScreen)
    assert "Writing the Word document" in steps and "Writing the package" in steps
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
    assert names[0].startswith("Application - ") and any(n.startswith("Attachment 01 - ") for n in names)
