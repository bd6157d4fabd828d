"""Never lose typing: recovery after a crash, locks, save failures and conflicts, read-only drafts."""

from __future__ import annotations

import json
import os
import signal
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from dossier.storage import drafts
from dossier.storage.drafts import DraftError, load_draft
from dossier.storage.lock import lock_path
from dossier.storage.recovery import recovery_path, write_recovery
from dossier.tui.app import DossierApp
from dossier.tui.dialogs.confirm import ConfirmDialog
from dossier.tui.dialogs.conflict import ConflictDialog
from dossier.tui.dialogs.lock_warning import LockDialog
from dossier.tui.dialogs.recovery import RecoveryDialog
from dossier.tui.dialogs.save_failed import SaveFailedDialog
from dossier.tui.inputs import ProseArea
from dossier.tui.screens.main import MainScreen
from dossier.tui.screens.start import StartScreen

from support.tui import Tui

Make = Callable[..., DossierApp]
CHILD = Path(__file__).with_name("crash_child.py")


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


async def test_autosave_writes_a_recovery_copy_after_typing_stops(
    draft_path: Path, make: Make, monkeypatch: pytest.MonkeyPatch, tui: Tui
) -> None:
    monkeypatch.setattr("dossier.tui.app.AUTOSAVE_DELAY", 0.3)
    app = make(draft_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app._autosaver.delay = 0.3
        await tui.ready(pilot)
        await pilot.press(*" typed")
        assert not recovery_path(draft_path).exists()
        await tui.settle(pilot, delay=0.6)
        assert recovery_path(draft_path).exists()
        assert json.loads(recovery_path(draft_path).read_text())["introduction"]["text"].endswith(" typed")
        await pilot.press("ctrl+s")
        await tui.settle(pilot)
        assert not recovery_path(draft_path).exists()  # saved: the copy is no longer needed


async def test_recovery_is_offered_after_a_simulated_crash(draft_path: Path, make: Make, tui: Tui) -> None:
    # the crashed session left its lock (dead process) and a recovery copy newer than the draft
    crashed = load_draft(draft_path)
    crashed.introduction.text += "\n\nTyped just before the laptop died."
    copy = write_recovery(crashed, draft_path)
    os.utime(copy, (time.time() + 5, time.time() + 5))
    info = {
        "pid": dead_pid(),
        "host": socket.gethostname(),
        "user": "li",
        "started": "2026-11-27T08:00:00+00:00",
    }
    lock_path(draft_path).write_text(json.dumps(info))

    app = make(draft_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await tui.wait_for_screen(pilot, LockDialog)
        assert "ended without closing it" in tui.screen_text(app)
        await pilot.press("t")  # take over
        await tui.wait_for_screen(pilot, RecoveryDialog)
        await pilot.press("c")  # compare: the dialog stays and lists what differs
        await pilot.pause()
        assert isinstance(app.screen, RecoveryDialog)
        assert "General introduction: " in tui.screen_text(app)
        await pilot.press("r")
        await tui.ready(pilot)
        assert isinstance(app.screen, MainScreen)
        editor = app.screen.current_pane.editor  # type: ignore[union-attr]
        assert editor.text.endswith("Typed just before the laptop died.")
        assert app.session is not None and app.session.dirty
        assert "● unsaved" in tui.screen_text(app)
        assert json.loads(lock_path(draft_path).read_text())["pid"] == os.getpid()
        await pilot.press("ctrl+s")
        await tui.settle(pilot)
    assert load_draft(draft_path).introduction.text.endswith("Typed just before the laptop died.")
    assert not recovery_path(draft_path).exists()


async def test_discarding_the_recovery_copy_removes_it(draft_path: Path, make: Make, tui: Tui) -> None:
    crashed = load_draft(draft_path)
    crashed.sections.assets.text = "Something else"
    copy = write_recovery(crashed, draft_path)
    os.utime(copy, (time.time() + 5, time.time() + 5))
    app = make(draft_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await tui.wait_for_screen(pilot, RecoveryDialog)
        await pilot.press("d")
        await tui.ready(pilot)
        assert not copy.exists()
        assert app.session is not None and not app.session.dirty


async def test_each_windows_recovery_copy_is_offered_newest_first(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    # two windows ("Edit anyway") died with unsaved typing: each left its own copy
    first = load_draft(draft_path)
    first.sections.assets.text = "Typed in the first window."
    second = load_draft(draft_path)
    second.sections.assets.text = "Typed in the second window."
    older = write_recovery(first, draft_path)
    newer = write_recovery(second, draft_path, "4242")
    os.utime(older, (time.time() + 5, time.time() + 5))
    os.utime(newer, (time.time() + 9, time.time() + 9))
    app = make(draft_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await tui.wait_for_screen(pilot, RecoveryDialog)
        await pilot.press("d")  # the second window's typing: not wanted
        await pilot.pause()
        await tui.wait_for_screen(pilot, RecoveryDialog)
        await pilot.press("r")  # the first window's
        await tui.ready(pilot)
        assert (
            app.session is not None and app.session.draft.sections.assets.text == "Typed in the first window."
        )
        assert not newer.exists()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
async def test_nothing_typed_is_lost_when_killed_between_autosave_and_save(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    """A real process types, waits for its recovery copy, and is killed with SIGKILL."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(draft_path)], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline().strip()
        assert line == "autosaved", line
        assert recovery_path(draft_path).exists()  # the handshake: the kill lands after the autosave
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL
    assert lock_path(draft_path).exists()  # the killed window never cleaned up
    assert "Words typed before the kill." not in draft_path.read_text(encoding="utf-8")

    app = make(draft_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await tui.wait_for_screen(pilot, LockDialog)
        await pilot.press("t")
        await tui.wait_for_screen(pilot, RecoveryDialog)
        await pilot.press("r")
        await tui.ready(pilot)
        assert app.session is not None
        assert app.session.draft.introduction.text.endswith("Words typed before the kill.")


async def test_a_draft_open_in_another_window_can_be_opened_read_only(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        info = {
            "pid": sleeper.pid,
            "host": socket.gethostname(),
            "user": "wang",
            "started": "2026-11-28T08:00:00+00:00",
        }
        lock_path(draft_path).write_text(json.dumps(info))
        app = make(draft_path)
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await tui.wait_for_screen(pilot, LockDialog)
            assert "already open in another window: wang" in tui.screen_text(app)
            await pilot.press("r")
            await tui.ready(pilot)
            assert app.session is not None and app.session.read_only
            assert "read-only" in tui.screen_text(app)
            editor = app.focused
            assert isinstance(editor, ProseArea) and editor.read_only
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert "cannot be saved here: it is open in another window" in tui.notices(app)
            await pilot.press("ctrl+q")
            await pilot.pause()
        assert app.return_code == 0
        assert json.loads(lock_path(draft_path).read_text())["user"] == "wang"  # their lock is untouched
    finally:
        sleeper.kill()
        sleeper.wait()


async def test_cancelling_the_lock_warning_shows_the_start_screen(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    info = {"pid": 1, "host": "another-machine", "user": "wang", "started": "x"}
    lock_path(draft_path).write_text(json.dumps(info))
    app = make(draft_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await tui.wait_for_screen(pilot, LockDialog)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert app.session is None


async def test_a_newer_schema_opens_read_only_with_a_message(draft_path: Path, make: Make, tui: Tui) -> None:
    data = json.loads(draft_path.read_text(encoding="utf-8"))
    data["meta"]["schema_version"] = 99
    draft_path.write_text(json.dumps(data), encoding="utf-8")
    before = draft_path.read_bytes()
    app = make(draft_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await tui.ready(pilot)
        text = tui.screen_text(app)
        assert "read-only" in text
        assert "newer version of dossier" in tui.notices(app)
        await pilot.press(*"abc", "ctrl+s")
        await tui.settle(pilot)
        assert "cannot be saved here" in tui.notices(app)
        await pilot.press("ctrl+q")
    assert draft_path.read_bytes() == before
    assert not lock_path(draft_path).exists() and not recovery_path(draft_path).exists()


async def test_a_failed_save_keeps_the_text_and_offers_save_as(
    draft_path: Path, make: Make, monkeypatch: pytest.MonkeyPatch, tui: Tui
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise DraftError(f"Could not save {draft_path}: the disk holding {draft_path.parent} is full.")

    monkeypatch.setattr("dossier.storage.open_draft.save_draft", refuse)
    app = make(draft_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await tui.ready(pilot)
        await pilot.press(*" precious words", "ctrl+s")
        await tui.wait_for_screen(pilot, SaveFailedDialog)
        assert "is full" in tui.screen_text(app)
        monkeypatch.setattr("dossier.storage.open_draft.save_draft", drafts.save_draft)
        await pilot.press("a")  # save as…
        await pilot.pause()
        await pilot.pause()
        field = app.screen.query_one("#path-input")
        other = draft_path.with_name("elsewhere.dossier.json")
        field.value = str(other)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await tui.settle(pilot)
        await tui.settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.session is not None and app.session.path == other and not app.session.dirty
        assert load_draft(other).introduction.text.endswith(" precious words")
        assert lock_path(other).exists() and not lock_path(draft_path).exists()
        assert f"Saved: {other}" in tui.notices(app)


async def test_a_save_over_changes_made_elsewhere_asks_first(draft_path: Path, make: Make, tui: Tui) -> None:
    app = make(draft_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await tui.ready(pilot)
        other = load_draft(draft_path)
        other.sections.assets.text = "Written by a colleague in another program."
        drafts.save_draft(other, draft_path)
        await pilot.press(*" mine", "ctrl+s")
        await tui.wait_for_screen(pilot, ConflictDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert load_draft(draft_path).sections.assets.text.startswith("Written by a colleague")
        await pilot.press("ctrl+s")
        await tui.wait_for_screen(pilot, ConflictDialog)
        await pilot.press("o")  # overwrite
        await tui.settle(pilot)
        await tui.settle(pilot)
    saved = load_draft(draft_path)
    assert saved.introduction.text.endswith(" mine")
    assert drafts.backup_path(draft_path).exists()


async def test_a_read_only_draft_is_overwritten_only_when_confirmed(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    os.chmod(draft_path, 0o400)  # root ignores it: dossier itself must ask
    app = make(draft_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await tui.ready(pilot)
        await pilot.press(*" mine", "ctrl+s")
        await tui.wait_for_screen(pilot, ConfirmDialog)
        assert "read-only" in tui.screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not load_draft(draft_path).introduction.text.endswith(" mine")
        await pilot.press("ctrl+s")
        await tui.wait_for_screen(pilot, ConfirmDialog)
        await pilot.press("y")
        await tui.settle(pilot)
        await tui.settle(pilot)
    assert load_draft(draft_path).introduction.text.endswith(" mine")
    assert stat.S_IMODE(draft_path.stat().st_mode) == 0o400


async def test_opening_a_draft_tidies_what_a_killed_save_left(draft_path: Path, make: Make, tui: Tui) -> None:
    leftover = draft_path.with_name(f".{draft_path.name}.k1ll3d.tmp")
    leftover.write_text('{"half": ')
    os.utime(leftover, (time.time() - 3600, time.time() - 3600))
    app = make(draft_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await tui.ready(pilot)
        assert not leftover.exists()
        assert load_draft(draft_path).basic.city  # the draft itself untouched
