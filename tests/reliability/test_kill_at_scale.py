"""210 SIGKILLs inside the three writes that keep an official's work: no draft, version or copy lost or torn.

Each trial forks a fresh worker (``kill_child.py``) that does what the editor does
between two saves, on a draft it shares with the trials before it (seven trials a
folder, so the draft, its backup, its history and its recovery copy have a past): it
writes the recovery copy twice, saves the draft and records the version. The trial picks
one of the three writes (in turn) and one of its next occurrences; when the worker says
it is *writing* it, the parent waits a random part of that write's calibrated length and
sends SIGKILL. After every kill:

* the draft on disk is, byte for byte, the one before the save or the one it was
  writing (never a mix, never empty), and it loads; its backup, if any, is a whole draft;
* the history opens without being taken for damaged, every version in it reads back as
  exactly a draft the worker saved, in the order saved, and none the worker finished
  recording is missing;
* the recovery copy, if there is one, reads back as exactly one the worker wrote.

Whether each kill landed inside its write is known, not guessed: the worker says
``written`` as soon as a write returns, so a kill after which the last word is
``writing`` cut that write. The test fails if fewer than half of each write's kills did.
A write that finished before its kill reports how long it took, and the next kills of
that write are spread over that length, so a machine that speeds up or slows down
under the test still gets its kills inside the writes.
"""

from __future__ import annotations

import functools
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from dossier.core.model import Dossier
from dossier.storage.drafts import backup_path, dumps, load_draft, read_draft
from dossier.storage.history import History, history_path
from dossier.storage.recovery import read_recovery, recovery_path

CHILD = Path(__file__).with_name("kill_child.py")
ROOT = Path(__file__).resolve().parents[2]
KILLS_PER_WRITE = 70
TRIALS_PER_FOLDER = 7
INSIDE_SHARE = 0.5
"""At least this share of each write's kills must land inside it, or the test proves nothing."""

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and fork are POSIX"),
    pytest.mark.slow,
]

sys.path.insert(0, str(CHILD.parent))
from kill_child import DRAFT_NAME, PHASES, saved, typed  # noqa: E402


@functools.cache
def _saved(k: int) -> Dossier:
    return saved(k)


@functools.cache
def _saved_text(k: int) -> str:
    return dumps(saved(k))


@functools.cache
def _typed_texts(k: int) -> tuple[str, str]:
    return dumps(typed(k, 0)), dumps(typed(k, 1))


def _step_of(draft: Dossier) -> int:
    return int(draft.basic.city.rsplit(" ", 1)[1])


class Zygote:
    """The child that forks workers; ``run`` gives the lines of one worker until it has ended."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(CHILD)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])},
        )
        assert self.read() == ["zygote"]

    def read(self) -> list[str]:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        assert line, "the child process has gone"
        words = line.split()
        assert words[:1] != ["error"], line
        return words

    def send(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()  # a worker still waiting for its go ends too
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()


class Folder:
    """One draft and what the parent knows of it from what the workers said."""

    def __init__(self, path: Path) -> None:
        path.mkdir()
        self.draft = path / DRAFT_NAME
        self.on_disk: int | None = None
        """The step of the draft on disk (None: not saved yet)."""
        self.recorded: set[int] = set()
        """Steps whose version a worker finished recording: each must stay in the history."""

    def next_step(self) -> int:
        return 0 if self.on_disk is None else self.on_disk + 1


def _calibrate(zygote: Zygote, folder: Folder, steps: int = 6) -> dict[str, float]:
    """The fastest of each write over a few unkilled steps here (the first step, which
    creates the files, left out)."""
    zygote.send(f"run {folder.draft.parent} 0")
    pid = int(zygote.read()[1])
    durations: dict[str, list[float]] = {phase: [] for phase in PHASES}
    while True:
        words = zygote.read()
        if words[0] == "ready":
            if int(words[2]) == steps:
                break
            zygote.send("go")
        elif words[0] == "written" and int(words[2]) > 0:
            durations[words[1]].append(float(words[3]))
    os.kill(pid, signal.SIGKILL)
    while zygote.read()[0] != "ended":
        pass
    return {phase: min(found) for phase, found in durations.items()}


def _trial(zygote: Zygote, folder: Folder, phase: str, skip: int, delay: float) -> list[str]:
    """Let ``skip`` writes of ``phase`` pass, kill the worker ``delay`` seconds into the next
    one; the worker's last words (``writing PHASE K``: the kill cut that write). Updates what
    ``folder`` knows from the writes the worker finished."""
    zygote.send(f"run {folder.draft.parent} {folder.next_step()}")
    words = zygote.read()
    assert words[0] == "worker", words
    pid = int(words[1])
    last: list[str] = []
    killed = False
    while True:
        words = zygote.read()
        if words[0] == "ended":
            break
        assert not killed or words[0] in ("written", "ready"), words  # nothing after the kill but this
        if words[0] == "ready":
            if killed:
                continue
            zygote.send("go")
            if words[1] == phase:
                if skip == 0:
                    last = zygote.read()
                    assert last[:2] == ["writing", phase], last
                    time.sleep(delay)
                    os.kill(pid, signal.SIGKILL)
                    killed = True
                skip -= 1
            continue
        last = words
        if words[0] == "written":
            if words[1] == "save":
                folder.on_disk = int(words[2])
            elif words[1] == "history":
                folder.recorded.add(int(words[2]))
    status = int(words[2])
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, words  # a real kill
    return last


def _check(folder: Folder, writing: int | None, trial: int, outcomes: Counter[str]) -> None:
    """Everything on disk is whole after the kill; ``writing`` is the step of a cut save."""
    where = f"trial {trial}"
    # the draft: the old one or the one being written, byte for byte, and it loads
    allowed = {k for k in (folder.on_disk, writing) if k is not None}
    if not folder.draft.exists():
        assert folder.on_disk is None, f"{where}: the draft is gone"
        outcomes["draft not yet saved"] += 1
    else:
        text = folder.draft.read_text("utf-8")
        found = next((k for k in allowed if text == _saved_text(k)), None)
        assert found is not None, f"{where}: the draft is torn ({len(text)} characters), not one of {allowed}"
        assert load_draft(folder.draft) == _saved(found)
        if writing is not None:
            outcomes[
                "cut save left the old draft" if found == folder.on_disk else "cut save left the new"
            ] += 1
        folder.on_disk = found
    backup = backup_path(folder.draft)
    if backup.exists():
        kept = read_draft(backup).draft
        assert backup.read_text("utf-8") == _saved_text(_step_of(kept)), f"{where}: the backup is torn"
    # the history: opens as it is, every version whole and in order, none finished is missing
    assert not list(folder.draft.parent.glob("*.damaged-*")), f"{where}: the history was set aside"
    with History.open(folder.draft, create=False) as history:
        assert history.note is None, f"{where}: {history.note}"
        versions = history.versions()
        if versions:
            assert history_path(folder.draft).exists()
        steps = []
        for version in reversed(versions):
            got = history.get(version.id)
            step = _step_of(got)
            assert got == _saved(step), f"{where}: version {version.id} is torn"
            steps.append(step)
    assert steps == sorted(set(steps)), f"{where}: versions out of order or twice: {steps}"
    assert folder.recorded <= set(steps), f"{where}: versions lost: {folder.recorded - set(steps)}"
    outcomes["versions checked"] += len(steps)
    # the recovery copy: none, or exactly one the worker wrote
    copy = recovery_path(folder.draft)
    if copy.exists():
        recovered = read_recovery(folder.draft)
        assert recovered is not None, f"{where}: the recovery copy does not read back"
        assert copy.read_text("utf-8") in _typed_texts(_step_of(recovered)), f"{where}: a torn recovery copy"
        outcomes["recovery copy"] += 1
    else:
        outcomes["no recovery copy"] += 1


def test_210_sigkills_inside_the_draft_save_the_history_and_the_recovery_copy(tmp_path: Path) -> None:
    rng = random.Random(15)
    zygote = Zygote()
    try:
        lengths = _calibrate(zygote, Folder(tmp_path / "calibrate"))
        kills: Counter[str] = Counter()
        inside: Counter[str] = Counter()
        outcomes: Counter[str] = Counter()
        folder = Folder(tmp_path / "f0")
        for trial in range(KILLS_PER_WRITE * len(PHASES)):
            if trial and trial % TRIALS_PER_FOLDER == 0:
                folder = Folder(tmp_path / f"f{trial}")
            phase = PHASES[trial % len(PHASES)]
            # recovery is written twice a step: skipping 0-3 reaches the first and the second
            skip = rng.randrange(4 if phase == "recovery" else 2)
            last = _trial(zygote, folder, phase, skip, rng.uniform(0, 1.2 * lengths[phase]))
            kills[phase] += 1
            inside[phase] += last[:2] == ["writing", phase]
            if last[:2] == ["written", phase]:  # the write beat the kill: aim at the length seen now
                lengths[phase] = float(last[3])
            cut_save = int(last[2]) if last[:2] == ["writing", "save"] else None
            _check(folder, cut_save, trial, outcomes)
    finally:
        zygote.close()
    total = sum(kills.values())
    print(
        f"\n{total} SIGKILLs; landed inside the write: "
        + ", ".join(f"{phase} {inside[phase]}/{kills[phase]}" for phase in PHASES)
        + "; write lengths here (ms): "
        + ", ".join(f"{phase} {lengths[phase] * 1000:.1f}" for phase in PHASES)
        + f"; after the kills: {dict(outcomes)}"
    )
    assert total >= 200
    for phase in PHASES:
        assert inside[phase] >= INSIDE_SHARE * kills[phase], (
            f"only {inside[phase]} of {kills[phase]} kills landed inside the {phase} write"
        )
