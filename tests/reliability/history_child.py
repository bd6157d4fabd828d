"""Child process for the history kill test: records versions one after another until killed.

Run as ``python history_child.py DRAFT COUNT``. Version ``n`` (1-based id) is always
:func:`draft_for` ``(n - 1)``, so the parent can check every version it finds. It prints
``writing N`` before and ``written N`` after each version (flushed), so the parent knows
whether its SIGKILL landed inside a write.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

from dossier.core.form import TEXT_PARTS
from dossier.core.model import Dossier, Initiative
from dossier.storage.history import History


def draft_for(n: int) -> Dossier:
    """Step ``n``: every step changes one part (in turn), so each is a new version."""
    draft = Dossier()
    draft.meta.draft_id = "0" * 32
    draft.meta.created = draft.meta.modified = datetime(2026, 11, 28, tzinfo=UTC)
    for k, part in enumerate(TEXT_PARTS):
        # the latest step that changed this part
        step = max((m for m in range(n + 1) if m % len(TEXT_PARTS) == k), default=-1)
        draft.part(part).text = f"step {step} 第{step}步 " + f"words of part {part} and step {step}. " * 300
    draft.sections.contribution.initiatives = [Initiative(title=f"row {i}", budget=i) for i in range(n % 50)]
    return draft


def main() -> None:
    path, count = Path(sys.argv[1]), int(sys.argv[2])
    drafts = [draft_for(n) for n in range(count)]
    history = History.open(path)
    print("ready", flush=True)
    for n, draft in enumerate(drafts):
        print(f"writing {n}", flush=True)
        history.record(draft)
        print(f"written {n}", flush=True)
    print("done", flush=True)
    sys.stdin.read()


if __name__ == "__main__":
    main()
