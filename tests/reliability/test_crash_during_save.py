"""Kill a saving process at many moments: the draft on disk is always the old or the new one.

The child announces the start of the save; the parent waits a chosen delay and sends
SIGKILL. Delays are spread over the length of a save, so kills land in the
serialisation, the write, the fsync, the backup link and the rename. The length is
what the child itself reports, and it is measured again whenever a save finishes
before its kill: a machine that was busy during the first measure and is quiet
later (or the reverse) still gets most kills inside the save.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dossier.storage.drafts import backup_path, dumps, load_draft, save_draft

CHILD = Path(__file__).with_name("crash_child.py")
KILLS = 24
"""Kills that must land inside a save for the test to prove something."""
MAX_TRIALS = 96
"""On a machine whose speed changes under the test, some kills come after the save: try again."""

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def _start(path: Path, tag: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, str(CHILD), str(path), tag],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "saving"
    return proc


def _reported(said: str) -> float | None:
    """The save's length as the child reported it, or None when it was killed first."""
    for line in said.splitlines():
        if line.startswith("saved "):
            return float(line.split()[1])
    return None


def _save_duration(tmp_path: Path) -> float:
    """How long one full save takes here: the fastest of three, as the child measured it."""
    durations = []
    for n in range(3):
        proc = _start(tmp_path / f"calibrate{n}.dossier.json", "calibrate")
        assert proc.stdout is not None
        duration = _reported(proc.stdout.readline())
        assert duration is not None
        durations.append(duration)
        proc.kill()
        proc.wait()
    return min(durations)


def test_sigkill_during_save_never_leaves_a_mix(tmp_path: Path) -> None:
    sys.path.insert(0, str(CHILD.parent))
    from crash_child import big_draft

    duration = _save_duration(tmp_path)
    old, new = big_draft("OLD"), big_draft("NEW")
    old_text, new_text = dumps(old), dumps(new)
    killed_inside = 0
    outcomes = {"old": 0, "new": 0}
    for n in range(MAX_TRIALS):
        if killed_inside >= KILLS:
            break
        folder = tmp_path / f"run{n}"
        folder.mkdir()
        path = folder / "big.dossier.json"
        save_draft(old, path)
        proc = _start(path, "NEW")
        time.sleep(duration * 1.1 * (n % KILLS) / (KILLS - 1))
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.stdout is not None
        finished = _reported(proc.stdout.read())
        assert proc.wait() == -signal.SIGKILL  # the kill really happened
        if finished is None:
            killed_inside += 1
        else:  # the save beat the kill: aim the next kills at the length seen now
            duration = finished
        on_disk = path.read_text("utf-8")
        assert on_disk in (old_text, new_text), f"run {n}: a mix of versions"
        assert load_draft(path) in (old, new)
        outcomes["old" if on_disk == old_text else "new"] += 1
        backup = backup_path(path)
        if backup.exists():  # the backup, when there is one, is the old version, whole
            assert backup.read_text("utf-8") == old_text
    tried = sum(outcomes.values())
    print(f"kills inside the save: {killed_inside}/{tried}, on disk after kill: {outcomes}")
    assert killed_inside >= KILLS, f"only {killed_inside} of {tried} kills landed inside the save"
    assert outcomes["old"] > 0, outcomes
