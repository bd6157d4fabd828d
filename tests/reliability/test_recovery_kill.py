"""Kill a process while it writes recovery copies: the copy is absent, the old or the new one, never partial.

The recovery copy is what brings typing back after a crash, so a crash *while writing
it* must not leave a cut or empty copy (the next start would then have nothing, or
something it cannot read, to offer). Children write two versions in turn; each is
killed with SIGKILL after a delay spread over the first few writes, so kills land in
the first write (no copy yet) and in later ones (replacing a copy).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dossier.storage.drafts import backup_path, load_draft
from dossier.storage.recovery import read_recovery, recovery_path, write_recovery

from support.paths import TUI_DATA

CHILD = Path(__file__).with_name("recovery_child.py")
KILLS = 20

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def _write_duration(folder: Path, text: str) -> float:
    """The fastest of three recovery writes here, so the kills land inside the writes."""
    draft = folder / "calibrate.dossier.json"
    shutil.copy(TUI_DATA / "westmere-gaps.dossier.json", draft)
    durations = []
    for _ in range(3):
        started = time.perf_counter()
        write_recovery(text, draft)
        durations.append(time.perf_counter() - started)
    return min(durations)


def test_sigkill_while_writing_the_recovery_copy_never_leaves_a_partial_copy(tmp_path: Path) -> None:
    sys.path.insert(0, str(CHILD.parent))
    from recovery_child import version

    texts = {"A": version("A"), "B": version("B")}
    duration = _write_duration(tmp_path, texts["A"])
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    runs = []
    for n in range(KILLS):  # start every child first: their start-up is not part of the timing
        folder = tmp_path / f"run{n}"
        folder.mkdir()
        draft = folder / "westmere.dossier.json"
        shutil.copy(TUI_DATA / "westmere-gaps.dossier.json", draft)
        child = subprocess.Popen(
            [sys.executable, str(CHILD), str(draft)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        runs.append((draft, draft.read_bytes(), child))
    outcomes = {"absent": 0, "A": 0, "B": 0}
    try:
        for n, (draft, before, child) in enumerate(runs):
            assert child.stdin is not None and child.stdout is not None
            assert child.stdout.readline().strip() == "ready"
            child.stdin.write("go\n")
            child.stdin.flush()
            time.sleep(duration * 3.0 * n / (KILLS - 1))
            os.kill(child.pid, signal.SIGKILL)
            assert child.wait(timeout=10) == -signal.SIGKILL
            copy = recovery_path(draft)
            if not copy.exists():
                outcomes["absent"] += 1
            else:
                content = copy.read_text("utf-8")
                assert content in texts.values(), (
                    f"run {n}: a partial recovery copy of {len(content)} characters"
                )
                assert read_recovery(draft) is not None
                outcomes["A" if content == texts["A"] else "B"] += 1
            assert draft.read_bytes() == before, f"run {n}: the draft itself was touched"
            assert not backup_path(draft).exists()
            assert load_draft(draft).introduction.text  # still the readable draft
    finally:
        for _, _, child in runs:
            if child.poll() is None:
                child.kill()
                child.wait()
    print(f"recovery write {duration * 1000:.1f} ms; after kill: {outcomes}")
    # kills landed both in the first write (no copy yet) and in later ones
    assert outcomes["absent"] > 0 and outcomes["A"] + outcomes["B"] > 0, outcomes
