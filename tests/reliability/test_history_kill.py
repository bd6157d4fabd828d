"""Kill a process while it writes versions: the history stays readable, with no torn version.

Each trial starts a child that records versions one after another and kills it with
SIGKILL at a random moment of that run. The history must then open without being
taken for damaged, and every version in it must read back as exactly the draft the
child recorded under that id (a version is one SQLite transaction: all or nothing).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dossier.storage.history import History

CHILD = Path(__file__).with_name("history_child.py")
ROOT = Path(__file__).resolve().parents[2]
INSIDE = 15
"""Kills that must land inside a version's write for the test to prove something."""
MAX_TRIALS = 150
"""On a busy machine many kills land before the first write or after the last: try again."""
VERSIONS = 40

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
    pytest.mark.slow,
]


def _start(path: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, str(CHILD), str(path), str(VERSIONS)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])},
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    return proc


def _run_length(tmp_path: Path) -> float:
    """How long recording every version takes here (the fastest of two)."""
    lengths = []
    for n in range(2):
        proc = _start(tmp_path / f"calibrate{n}.dossier.json")
        started = time.perf_counter()
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.strip() == "done":
                break
        lengths.append(time.perf_counter() - started)
        proc.kill()
        proc.wait()
    return min(lengths)


def test_sigkill_while_recording_never_tears_a_version(tmp_path: Path) -> None:
    sys.path.insert(0, str(CHILD.parent))
    from history_child import draft_for

    length = _run_length(tmp_path)
    rng = random.Random(15)
    inside = 0
    found: list[int] = []
    for trial in range(MAX_TRIALS):
        if inside >= INSIDE:
            break
        path = tmp_path / f"run{trial}" / "draft.dossier.json"
        path.parent.mkdir()
        proc = _start(path)
        time.sleep(rng.uniform(0, length))
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.stdout is not None
        lines = proc.stdout.read().split("\n")
        assert proc.wait() == -signal.SIGKILL
        said = [line for line in lines if line]
        written = sum(1 for line in said if line.startswith("written"))
        if said and said[-1].startswith("writing"):
            inside += 1
        with History.open(path) as history:
            assert history.note is None, f"trial {trial}: {history.note}"
            versions = history.versions()
            # every version the child finished is there; one more if the kill came after the commit
            assert written <= len(versions) <= written + 1, (trial, written, len(versions))
            assert [v.id for v in versions] == list(range(len(versions), 0, -1))
            for version in versions:
                assert history.get(version.id) == draft_for(version.id - 1), (
                    f"trial {trial}: torn {version.id}"
                )
            found.append(len(versions))
    print(f"kills inside a version write: {inside}/{len(found)}; versions found: {found}")
    assert inside >= INSIDE, f"only {inside} of {len(found)} kills landed inside a write"
