"""Locks, drafts and templates that are not what they should be: a pipe, a device, a folder,
a huge file, garbage, numbers out of range. Each gives one plain message; nothing hangs,
nothing fills the memory, nothing raises.

The storage checks run in a child process with a time limit and a memory limit, so a
regression fails the test instead of hanging it or eating the machine's memory.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from dossier.storage.lock import lock_path
from dossier.tui.app import DossierApp
from dossier.tui.dialogs.lock_warning import LockDialog

from support.tui import Tui

REPO = Path(__file__).resolve().parents[2]
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev/zero are POSIX")
Make = Callable[..., DossierApp]

CHILD = """
import resource, sys, traceback
resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))
from pathlib import Path
what, path = sys.argv[1], Path(sys.argv[2])
try:
    if what == "lock":
        from dossier.storage.lock import read_holder
        holder = read_holder(path)
        print("OK", holder.stale, holder.pid, holder.describe())
    elif what == "draft":
        from dossier.storage.drafts import read_draft
        read_draft(path)
        print("OK loaded")
    elif what == "template":
        from dossier.export.template import open_template
        open_template(path)
        print("OK opened")
except Exception as exc:
    print("RAISED", type(exc).__name__, exc)
"""


def probe(what: str, path: Path) -> str:
    """What the child printed; fails (never hangs) if it takes longer than a generous limit."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    try:
        done = subprocess.run(
            [sys.executable, "-c", CHILD, what, str(path)],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"reading the {what} {path.name} hung")
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


def _lock_json(**info: object) -> bytes:
    base: dict[str, object] = {"pid": 4242, "host": socket.gethostname(), "user": "li", "started": ""}
    base.update(info)
    return json.dumps(base).encode()


def make_hostile(kind: str, path: Path) -> None:
    """Put something hostile at ``path``."""
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-zero-link":
        path.symlink_to("/dev/zero")
    elif kind == "folder":
        path.mkdir()
    elif kind == "huge":
        with path.open("wb") as handle:
            handle.truncate(200 * 1024 * 1024)  # sparse: costs no disk
    elif kind == "garbage":
        path.write_bytes(os.urandom(3000))
    else:
        raise AssertionError(kind)


HOSTILE = ["fifo", "dev-zero-link", "folder", "huge", "garbage"]

LOCK_CONTENTS = {
    "pid 2**31": _lock_json(pid=2**31),
    "pid 2**63": _lock_json(pid=2**63),
    "pid Infinity": _lock_json().replace(b'"pid": 4242', b'"pid": Infinity'),
    "pid NaN": _lock_json().replace(b'"pid": 4242', b'"pid": NaN'),
    "pid 1e400": _lock_json().replace(b'"pid": 4242', b'"pid": 1e400'),
    "pid -7": _lock_json(pid=-7),
    "pid true": _lock_json(pid=True),
    "started year 1": _lock_json(started="0001-01-01T00:00:00+14:00"),
    "started year 9999": _lock_json(started="9999-12-31T23:59:59-14:00"),
    "nested": b"[" * 100_000 + b"]" * 100_000,
}


# ----------------------------------------------------------------------------- storage


@POSIX
@pytest.mark.parametrize("kind", HOSTILE)
def test_a_hostile_lock_file_is_a_stale_unreadable_lock(kind: str, draft_path: Path) -> None:
    make_hostile(kind, lock_path(draft_path))
    out = probe("lock", draft_path)
    assert out.startswith("OK"), out
    if kind != "garbage":  # garbage written just now may be a window writing its lock
        assert out.startswith("OK True 0"), out
    assert "Traceback" not in out


@pytest.mark.parametrize("name", list(LOCK_CONTENTS))
def test_a_lock_with_numbers_out_of_range_is_described_plainly(name: str, draft_path: Path) -> None:
    lock_path(draft_path).write_bytes(LOCK_CONTENTS[name])
    out = probe("lock", draft_path)
    assert out.startswith("OK"), out


@POSIX
@pytest.mark.parametrize("kind", HOSTILE)
def test_a_hostile_draft_gives_one_plain_message(kind: str, tmp_path: Path) -> None:
    path = tmp_path / "x.dossier.json"
    make_hostile(kind, path)
    out = probe("draft", path)
    assert out.startswith("RAISED DraftError"), out
    assert str(path) in out


@POSIX
@pytest.mark.parametrize("kind", HOSTILE)
def test_a_hostile_template_gives_one_plain_message(kind: str, tmp_path: Path) -> None:
    path = tmp_path / "t.docx"
    make_hostile(kind, path)
    out = probe("template", path)
    assert out.startswith("RAISED ExportError"), out


# ----------------------------------------------------------------------------- command line


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    try:
        return subprocess.run(
            [sys.executable, "-m", "dossier", *args],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
            cwd=cwd,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"dossier {' '.join(args)} hung")


@POSIX
@pytest.mark.parametrize("kind", ["fifo", "dev-zero-link", "huge"])
def test_the_cli_says_plainly_when_a_draft_or_template_is_not_a_file(
    kind: str, draft_path: Path, tmp_path: Path
) -> None:
    bad = tmp_path / f"bad-{kind}.dossier.json"
    make_hostile(kind, bad)
    done = run_cli("validate", str(bad), cwd=tmp_path)
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith("dossier: ") and "unexpected" not in done.stderr
    template = tmp_path / f"t-{kind}.docx"
    make_hostile(kind, template)
    done = run_cli(
        "export", str(draft_path), "-o", str(tmp_path / "out.docx"), "--template", str(template), cwd=tmp_path
    )
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith("dossier: Template ") and "unexpected" not in done.stderr
    assert not (tmp_path / "out.docx").exists()


# ----------------------------------------------------------------------------- editor


@contextlib.contextmanager
def unblock_fifo_after(fifo: Path, seconds: float) -> Iterator[list[bool]]:
    """If something blocks reading ``fifo`` (and with it the event loop), unblock it after
    ``seconds`` so the test fails instead of hanging; yields [fired]."""
    fired = [False]
    stop = threading.Event()

    def watch() -> None:
        deadline = time.monotonic() + seconds
        while not stop.wait(0.2):
            if time.monotonic() < deadline:
                continue
            try:
                fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:
                continue  # no reader blocked on it
            fired[0] = True
            os.close(fd)

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    try:
        yield fired
    finally:
        stop.set()
        thread.join()


async def _open_with_lock(pilot, app: DossierApp, tui: Tui) -> None:  # type: ignore[no-untyped-def]
    await tui.wait_for_screen(pilot, LockDialog)
    text = tui.screen_text(app)
    assert "lock" in text or "window" in text
    key = next(c.key for c in app.screen._choices if c.id == "take_over")  # type: ignore[attr-defined]
    await pilot.press(key)
    await tui.ready(pilot)


@POSIX
@pytest.mark.parametrize("kind", ["fifo", "folder", "huge", "garbage"])
async def test_the_editor_opens_a_draft_whose_lock_is_not_a_lock(
    kind: str, draft_path: Path, make: Make, tui: Tui
) -> None:
    target = lock_path(draft_path)
    make_hostile(kind, target)
    with unblock_fifo_after(target, 20) as fired:
        app = make(draft_path)
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await _open_with_lock(pilot, app, tui=tui)
            assert app.session is not None
            if kind == "folder":  # dossier never deletes a folder: read-only, and said why
                assert app.session.read_only
                assert "cannot be replaced" in tui.notices(app)
            else:
                assert not app.session.read_only
                assert json.loads(target.read_text())["pid"] == os.getpid()
            await pilot.press("ctrl+q")
            await pilot.pause()
    assert not fired[0], "the editor blocked reading the lock FIFO"
    assert app.return_code in (None, 0)


@pytest.mark.parametrize("name", ["pid 2**31", "pid Infinity", "started year 1", "started year 9999"])
async def test_the_editor_opens_a_draft_whose_lock_holds_numbers_out_of_range(
    name: str, draft_path: Path, make: Make, tui: Tui
) -> None:
    lock_path(draft_path).write_bytes(LOCK_CONTENTS[name])
    app = make(draft_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await _open_with_lock(pilot, app, tui=tui)
        assert app.session is not None and not app.session.read_only
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code in (None, 0)
