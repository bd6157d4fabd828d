"""Real I/O failures while the editor is open: a full disk, a read-only disk, the folder deleted.

Each time the save must fail with one plain notification, the typed text must stay on
screen and in the session, the file on disk must be the old one, and "save as" from
the failure dialog must put the text somewhere that works. The faults are real (tmpfs
mounts, a removed folder), because CI runs as root and ``chmod`` would block nothing.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from dossier.storage.drafts import load_draft
from dossier.storage.history import history_path
from dossier.storage.lock import lock_path
from dossier.storage.recovery import recovery_path
from dossier.tui.app import DossierApp
from dossier.tui.dialogs.path_prompt import PathDialog
from dossier.tui.dialogs.save_failed import SaveFailedDialog
from dossier.tui.screens.main import MainScreen
from dossier.tui.widgets.section_editor import SectionEditor

from support.faults import fill, remount_read_only
from support.tui import Tui

Make = Callable[..., DossierApp]
TYPED = " Précieux 创意城市 words 🎨"


async def fail_then_save_elsewhere(
    tui: Tui,
    make: Make,
    path: Path,
    fault: Callable[[], object],
    reason: str,
    elsewhere: Path,
) -> str:
    """Open ``path``, cause ``fault``, type, save (it fails), then "save as" ``elsewhere``.

    Returns the text that was on screen; checks everything the official sees on the way.
    """
    app = make(path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await tui.ready(pilot)
        screen = app.main_screen
        assert isinstance(screen, MainScreen) and app.session is not None
        fault()
        await screen.go_to("introduction")
        await tui.type_text(pilot, TYPED)
        pane = screen.pane("introduction")
        assert isinstance(pane, SectionEditor)
        shown = pane.editor.text
        assert shown.endswith(TYPED)
        app.flush_pending()  # the recovery copy cannot be written either: the official is told
        await tui.settle(pilot)
        assert "No recovery copy" in tui.notices(app) and "save soon" in tui.notices(app)

        await pilot.press("ctrl+s")
        await tui.wait_for_screen(pilot, SaveFailedDialog)
        errors = tui.notifications(app, "error")
        assert len(errors) == 1 and errors[0].title == "Not saved", tui.notices(app)
        message = errors[0].message
        assert reason in message and str(path) in message
        assert "\n" not in message and "Traceback" not in message and "Errno" not in message
        assert pane.editor.text == shown and app.session.draft.introduction.text == shown
        assert app.session.dirty and app.session.path == path

        await pilot.press("a")  # save as…
        await tui.wait_for_screen(pilot, PathDialog)
        app.screen.query_one("#path-input").value = str(elsewhere)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await tui.wait_for_screen(pilot, MainScreen)
        await tui.settle(pilot)
        assert app.session.path == elsewhere and not app.session.dirty, tui.notices(app)
        assert f"Saved: {elsewhere}" in tui.notices(app)
        assert pane.editor.text == shown
        assert lock_path(elsewhere).exists()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    assert load_draft(elsewhere).introduction.text == shown
    assert not lock_path(elsewhere).exists() and not recovery_path(elsewhere).exists()
    return shown


async def test_full_disk_in_the_editor(tiny_disk: Path, draft_path: Path, make: Make, tui: Tui) -> None:
    path = tiny_disk / draft_path.name
    shutil.copy(draft_path, path)
    before = path.read_bytes()
    filler: list[Path] = []
    await fail_then_save_elsewhere(
        tui,
        make,
        path,
        lambda: filler.append(fill(tiny_disk)),
        "is full",
        draft_path.with_name("saved.dossier.json"),
    )
    assert path.read_bytes() == before
    # nothing half-written left behind on the full disk: no temporary file, no empty recovery copy
    assert sorted(p.name for p in tiny_disk.iterdir()) == sorted([path.name, filler[0].name])


async def test_read_only_disk_in_the_editor(small_disk: Path, draft_path: Path, make: Make, tui: Tui) -> None:
    path = small_disk / draft_path.name
    shutil.copy(draft_path, path)
    before = path.read_bytes()
    await fail_then_save_elsewhere(
        tui,
        make,
        path,
        lambda: remount_read_only(small_disk),
        "read-only disk",
        draft_path.with_name("saved.dossier.json"),
    )
    assert path.read_bytes() == before
    # the lock of the session could not be removed from the read-only disk; nothing else is there
    assert sorted(p.name for p in small_disk.iterdir()) == sorted([path.name, lock_path(path).name])


async def test_folder_deleted_while_the_draft_is_open(
    tmp_path: Path, draft_path: Path, make: Make, tui: Tui
) -> None:
    folder = tmp_path / "bid"
    folder.mkdir()
    path = folder / draft_path.name
    shutil.copy(draft_path, path)
    elsewhere = tmp_path / "rescued.dossier.json"
    await fail_then_save_elsewhere(
        tui, make, path, lambda: shutil.rmtree(folder), "does not exist", elsewhere
    )
    assert not folder.exists()  # the deleted folder is not silently made again


async def test_retry_after_the_disk_is_freed_saves_in_place(
    tiny_disk: Path, draft_path: Path, make: Make, tui: Tui
) -> None:
    """The other way out: free some space, press retry, and the draft is saved where it was."""
    path = tiny_disk / draft_path.name
    shutil.copy(draft_path, path)
    app = make(path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await tui.ready(pilot)
        assert app.main_screen is not None
        await app.main_screen.go_to("introduction")  # a copy remembers no place: it opens on section 4
        filler = fill(tiny_disk)
        await tui.type_text(pilot, TYPED)
        await pilot.press("ctrl+s")
        await tui.wait_for_screen(pilot, SaveFailedDialog)
        filler.unlink()
        await pilot.press("r")  # retry
        await tui.wait_for_screen(pilot, MainScreen)
        await tui.settle(pilot)
        assert app.session is not None and not app.session.dirty and app.session.path == path
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    assert load_draft(path).introduction.text.endswith(TYPED)
    # the draft, its backup and its version history: no temporary file left behind
    assert sorted(p.name for p in tiny_disk.iterdir()) == sorted(
        [path.name, path.name + ".bak", history_path(path).name]
    )


async def test_a_draft_on_a_read_only_disk_opens_and_quits(
    small_disk: Path, draft_path: Path, make: Make, tui: Tui
) -> None:
    """A draft on a locked USB stick: readable, the official is told there is no lock, quitting works."""
    path = small_disk / draft_path.name
    shutil.copy(draft_path, path)
    before = path.read_bytes()
    remount_read_only(small_disk)
    app = make(path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await tui.ready(pilot)
        assert isinstance(app.screen, MainScreen)
        assert "not protected against a second window" in tui.notices(app)
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.pause()
        assert app.return_code == 0, "ctrl+q did not quit"
    assert app.return_code == 0
    assert path.read_bytes() == before
