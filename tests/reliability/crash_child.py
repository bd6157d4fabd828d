"""Child process for the crash test: build a large draft, say "saving", then save it.

Run as ``python crash_child.py DRAFT VERSION_TAG``. It prints ``saving`` (and flushes)
right before the save starts, so the parent's SIGKILL lands inside the save, and
``saved SECONDS`` when the save has returned, with the time the save took.
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from dossier.core.model import Dossier, Initiative
from dossier.storage.drafts import save_draft


def big_draft(tag: str) -> Dossier:
    """About 4 MB of JSON: every text part long, a 10,000-row action plan."""
    draft = Dossier()
    draft.meta.draft_id = "0" * 32
    draft.meta.created = draft.meta.modified = datetime(2026, 11, 28, tzinfo=UTC)
    draft.basic.city = f"Westmere {tag}"
    for i, part in enumerate(
        ("introduction", "opportunities", "strategy", "sdg_goals", "preparation", "assets", "contribution")
    ):
        paragraph = f"{tag} 第{i}部分 paragraph with 中文 and emoji 🎨 and [bold] brackets. "
        draft.part(part).text = "\n\n".join(paragraph * 20 for _ in range(200))
    draft.sections.contribution.initiatives = [
        Initiative(title=f"{tag} initiative {n}", budget=n, partners="partners " * 5) for n in range(10_000)
    ]
    return draft


def main() -> None:
    path, tag = Path(sys.argv[1]), sys.argv[2]
    draft = big_draft(tag)
    print("saving", flush=True)
    started = time.perf_counter()
    save_draft(draft, path)
    print(f"saved {time.perf_counter() - started:.6f}", flush=True)
    sys.stdin.read()  # wait to be killed or released, so every run ends the same way


if __name__ == "__main__":
    main()
