"""Child process for the kill-at-scale test: forks one worker per kill, each doing what the editor does.

Run as ``python kill_child.py``. It imports dossier once, says ``zygote``, then reads
commands on stdin:

* ``run FOLDER START`` forks a worker. The worker says ``worker PID`` and then, for step
  ``START``, ``START + 1``, … does what the editor does between two saves of the draft
  ``FOLDER/draft.dossier.json``: writes the recovery copy twice (typing goes on:
  :func:`typed` ``(k, 0)`` then ``(k, 1)``), saves :func:`saved` ``(k)`` (``save_draft``
  then ``record_save``, the two halves of ``OpenDraft.write``) and removes the recovery
  copy. Before each write it says ``ready PHASE K`` and waits for a line on stdin (the
  parent's go), then says ``writing PHASE K`` right before the write and
  ``written PHASE K SECONDS`` right after it, so the parent knows whether its SIGKILL
  landed inside the write. PHASE is ``recovery``, ``save`` or ``history``.
  When the worker has ended, this process says ``ended PID STATUS`` (the raw wait status).
* ``quit`` ends it.

Forking from one process that has already imported dossier makes a fresh process per
kill cost milliseconds instead of a Python start-up; each worker is still a real process
that is killed with a real SIGKILL.
"""

from __future__ import annotations

import os
import sys
import time
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from dossier.core.form import TEXT_PARTS
from dossier.core.model import Dossier, Initiative
from dossier.storage.drafts import dumps, save_draft
from dossier.storage.history import record_save
from dossier.storage.recovery import discard_recovery, write_recovery

PHASES = ("recovery", "save", "history")
DRAFT_NAME = "draft.dossier.json"


def saved(k: int) -> Dossier:
    """The draft saved at step ``k``: every step changes the city, one text part (in turn) and the plan."""
    draft = Dossier()
    draft.meta.draft_id = "0" * 32
    draft.meta.created = draft.meta.modified = datetime(2026, 11, 28, tzinfo=UTC)
    draft.basic.city = f"Westmere step {k}"  # so a version or a file says which step it is
    for n, part in enumerate(TEXT_PARTS):
        step = max((m for m in range(k + 1) if m % len(TEXT_PARTS) == n), default=-1)
        draft.part(part).text = "\n\n".join(
            f"step {step} 第{step}步 [bold] part {part}, paragraph {p}. " * 12 for p in range(60)
        )
    draft.sections.contribution.initiatives = [
        Initiative(title=f"row {i} of step {k}", budget=i) for i in range(k % 7 * 20)
    ]
    return draft


def typed(k: int, stage: int) -> Dossier:
    """What the official has typed towards step ``k`` when the recovery copy is written."""
    draft = saved(k)
    draft.part(TEXT_PARTS[k % len(TEXT_PARTS)]).text += f"\n\nstill typing ({stage}) 🎨"
    return draft


def _say(line: str) -> None:
    os.write(1, (line + "\n").encode("utf-8"))


def _step(folder: Path, k: int) -> None:
    path = folder / DRAFT_NAME
    draft = saved(k)
    first, second = dumps(typed(k, 0)), dumps(typed(k, 1))  # made before, so only the writes are timed
    writes: list[tuple[str, Callable[[], object]]] = [
        ("recovery", lambda: write_recovery(first, path)),
        ("recovery", lambda: write_recovery(second, path)),
        ("save", lambda: save_draft(draft, path)),
        ("history", lambda: record_save(path, draft)),
    ]
    for phase, write in writes:
        _say(f"ready {phase} {k}")
        if not sys.stdin.readline():
            os._exit(0)  # the parent has gone
        _say(f"writing {phase} {k}")
        started = time.perf_counter()
        result = write()
        _say(f"written {phase} {k} {time.perf_counter() - started:.6f}")
        if phase == "history" and result is not None:
            _say(f"error the history said: {result}")
    discard_recovery(path)


def _work(folder: Path, start: int) -> None:
    _say(f"worker {os.getpid()}")
    try:
        k = start
        while True:
            _step(folder, k)
            k += 1
    except BaseException:
        _say("error " + traceback.format_exc().replace("\n", " | "))
        sys.stdin.read()  # stay until killed (or the parent goes): the parent reads the error


def main() -> None:
    print("zygote", flush=True)
    for line in sys.stdin:
        command = line.split()
        if command[:1] == ["quit"]:
            return
        if command[:1] != ["run"]:
            continue  # a go the last worker did not live to read
        folder, start = Path(command[1]), int(command[2])
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            try:
                _work(folder, start)
            finally:
                os._exit(0)
        _, status = os.waitpid(pid, 0)
        try:
            print(f"ended {pid} {status}", flush=True)
        except BrokenPipeError:
            return  # the parent has gone


if __name__ == "__main__":
    main()
