"""Child process for the recovery kill test: write recovery copies of two versions in turn, forever.

Run as ``python recovery_child.py DRAFT``. It builds both versions, prints ``ready``,
waits for a line on stdin, then writes the ``A`` and ``B`` copies alternately (``A``
first, when there is no copy yet) until the parent kills it.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

from dossier.core.form import TEXT_PARTS
from dossier.core.model import Dossier
from dossier.storage.drafts import dumps
from dossier.storage.recovery import write_recovery


def version(tag: str) -> str:
    """About 1.5 MB of recovery text, different in every part between the two tags."""
    draft = Dossier()
    draft.meta.draft_id = "0" * 32
    draft.meta.created = draft.meta.modified = datetime(2026, 11, 28, tzinfo=UTC)  # same in both processes
    for i, part in enumerate(TEXT_PARTS):
        line = f"{tag} typed in part {i}: 创意城市 [bold] [/ 🎨 and more words. "
        draft.part(part).text = "\n\n".join(line * 20 for _ in range(150))
    return dumps(draft)


def main() -> None:
    path = Path(sys.argv[1])
    texts = (version("A"), version("B"))
    print("ready", flush=True)
    sys.stdin.readline()
    n = 0
    while True:
        write_recovery(texts[n % 2], path)
        n += 1


if __name__ == "__main__":
    main()
