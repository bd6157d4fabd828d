"""Two writers and the files beside the draft: stale and live locks, and what a quit or a kill leaves.

A lock left by a crashed window must be detected and offered for removal (never taken
over without telling the official); a lock of a window that still runs must warn and
default to read-only. A clean quit removes the lock and the recovery copy; a kill or
an unexpected error leaves the recovery copy, which the next start offers back.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from dossier.storage.drafts import load_draft
from dossier.storage.lock import lock_path
from dossier.storage.recovery import recovery_path
from dossier.tui.app import DossierApp
from dossier.tui.dialogs.lock_warning import LockDialog
from dossier.tui.dialogs.quit import QuitDialog
from dossier.tui.dialogs.recovery import RecoveryDialog
from dossier.tui.screens.main import MainScreen

from support.tui import Tui

Make = Callable[..., DossierApp]
REPO = Path(__file__).resolve().parents[2]
TUI_CHILD = REPO / "tests" / "tui" / "crash_child.py"
CHILD_TYPED = "Words typed before the kill."  # what tests/tui/crash_child.py types
TYPED = " Ajouté 创意城市 🎨"


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def write_lock(draft: Path, pid: int, user: str = "li") -> bytes:
    info = {"pid": pid, "host": socket.gethostname(), "user": user, "started": "2026-11-27T08:00:00+00:00"}
    lock_path(draft).write_text(json.dumps(info), encoding="utf-8")
    return lock_path(draft).read_bytes()


def lock_pid(draft: Path) -> int:
    return int(json.loads(lock_path(draft).read_text(encoding="utf-8"))["pid"])


def focused_choice(app: DossierApp) -> str:
    """The answer that enter gives: the dialog's focused (first) button."""
    focused = app.screen.focused
    assert focused is not None and focused.id is not None
    return focused.id.removeprefix("choice-")


async def test_a_stale_lock_is_offered_for_take_over_not_taken_silently(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    before = write_lock(draft_path, dead_pid())
    app = make(draft_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await tui.wait_for_screen(pilot, LockDialog)
        assert "has ended without closing it" in tui.screen_text(app)
        assert "Take over" in tui.screen_text(app)
        assert focused_choice(app) == "take_over"  # the dead window cannot save any more
        assert lock_path(draft_path).read_bytes() == before  # nothing done before the official answers
        assert app.session is None
        await pilot.press("enter")
        await tui.ready(pilot)
        assert isinstance(app.screen, MainScreen) and app.session is not None
        assert not app.session.read_only and lock_pid(draft_path) == os.getpid()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    assert not lock_path(draft_path).exists()


async def test_an_unreadable_old_lock_is_stale_too(draft_path: Path, make: Make, tui: Tui) -> None:
    lock_path(draft_path).write_bytes(b"\x00garbage")
    old = time.time() - 3600
    os.utime(lock_path(draft_path), (old, old))
    app = make(draft_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await tui.wait_for_screen(pilot, LockDialog)
        assert "cannot be read" in tui.screen_text(app)
        assert focused_choice(app) == "take_over"
        await pilot.press("t")
        await tui.ready(pilot)
        assert app.session is not None and not app.session.read_only
        assert lock_pid(draft_path) == os.getpid()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not lock_path(draft_path).exists()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
async def test_a_live_window_warns_then_its_kill_leaves_a_recovery_copy(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    """A real second editor process holds the draft; then it is killed after its autosave."""
    original = draft_path.read_bytes()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = subprocess.Popen(
        [sys.executable, str(TUI_CHILD), str(draft_path)], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "autosaved"
        assert lock_pid(draft_path) == child.pid
        theirs = recovery_path(draft_path).read_bytes()

        app = make(draft_path)
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await tui.wait_for_screen(pilot, LockDialog)
            assert "already open in another window" in tui.screen_text(app)
            assert f"(process {child.pid})" in tui.screen_text(app)
            assert focused_choice(app) == "read_only"  # the safe answer is the default
            await pilot.press("enter")
            await tui.ready(pilot)
            assert app.session is not None and app.session.read_only
            await tui.type_text(pilot, TYPED)
            assert not app.session.dirty
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert "cannot be saved here: it is open in another window" in tui.notices(app)
            await pilot.press("ctrl+q")
            await pilot.pause()
        assert app.return_code == 0
        # the other window's lock and recovery copy are untouched by the read-only visit
        assert lock_pid(draft_path) == child.pid and recovery_path(draft_path).read_bytes() == theirs

        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=10) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    # the kill leaves the lock and the recovery copy; the draft is as it was
    assert lock_path(draft_path).exists() and recovery_path(draft_path).exists()
    assert draft_path.read_bytes() == original

    app = make(draft_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await tui.wait_for_screen(pilot, LockDialog)
        assert "has ended without closing it" in tui.screen_text(app)
        await pilot.press("t")
        await tui.wait_for_screen(pilot, RecoveryDialog)
        await pilot.press("r")
        await tui.ready(pilot)
        assert app.session is not None and app.session.draft.introduction.text.endswith(CHILD_TYPED)
        await pilot.press("ctrl+s")
        await tui.settle(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    assert load_draft(draft_path).introduction.text.endswith(CHILD_TYPED)
    assert not lock_path(draft_path).exists() and not recovery_path(draft_path).exists()


async def test_a_clean_quit_after_saving_removes_the_lock_and_the_recovery_copy(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    app = make(draft_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await tui.ready(pilot)
        assert lock_path(draft_path).exists()
        await tui.type_text(pilot, TYPED)
        app.flush_pending()
        await tui.settle(pilot)
        assert recovery_path(draft_path).exists()
        await pilot.press("ctrl+s")
        await tui.settle(pilot)
        assert not recovery_path(draft_path).exists()
        await pilot.press("ctrl+q")  # nothing unsaved: no question
        await pilot.pause()
        assert not isinstance(app.screen, QuitDialog)
    assert app.return_code == 0
    assert not lock_path(draft_path).exists() and not recovery_path(draft_path).exists()
    assert load_draft(draft_path).introduction.text.endswith(TYPED)


async def test_quitting_with_discard_removes_the_lock_and_the_recovery_copy(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    before = draft_path.read_bytes()
    app = make(draft_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await tui.ready(pilot)
        await tui.type_text(pilot, TYPED)
        app.flush_pending()
        await tui.settle(pilot)
        assert recovery_path(draft_path).exists() and lock_path(draft_path).exists()
        await pilot.press("ctrl+q")
        await tui.wait_for_screen(pilot, QuitDialog)
        await pilot.press("escape")  # cancel: still editing, nothing removed
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and app.return_code is None
        assert recovery_path(draft_path).exists() and lock_path(draft_path).exists()
        await pilot.press("ctrl+q")
        await tui.wait_for_screen(pilot, QuitDialog)
        await pilot.press("d")
        await pilot.pause()
    assert app.return_code == 0
    assert not lock_path(draft_path).exists() and not recovery_path(draft_path).exists()
    assert draft_path.read_bytes() == before


async def test_an_unexpected_error_still_leaves_the_typing_in_the_recovery_copy(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    """A bug that stops the app between two autosaves: the typing goes to the recovery copy on the way out."""
    before = draft_path.read_bytes()

    def bug() -> None:
        raise RuntimeError("a bug in some widget")

    app = make(draft_path)
    with pytest.raises(RuntimeError, match="a bug in some widget"):
        async with app.run_test(size=(80, 24)) as pilot:
            await tui.ready(pilot)
            await tui.type_text(pilot, TYPED)
            assert not recovery_path(draft_path).exists()  # the autosave has not run yet
            app.call_later(bug)
            await pilot.pause()
    assert app.return_code == 1
    assert json.loads(recovery_path(draft_path).read_text("utf-8"))["introduction"]["text"].endswith(TYPED)
    assert draft_path.read_bytes() == before
    assert not lock_path(draft_path).exists()  # this process has ended: no lock to explain next time

    again = make(draft_path)
    async with again.run_test(size=(80, 24)) as pilot:
        await tui.wait_for_screen(pilot, RecoveryDialog)
        await pilot.press("r")
        await tui.ready(pilot)
        assert again.session is not None and again.session.draft.introduction.text.endswith(TYPED)
