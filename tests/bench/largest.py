"""The largest realistic draft: the complete example with every text part at its word limit."""

from __future__ import annotations

from pathlib import Path

from dossier.core.profiles import load_profile
from dossier.core.wordcount import count_words
from dossier.storage.drafts import load_draft, save_draft

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "westmere-design.dossier.json"


def make_largest(folder: Path) -> Path:
    """Write the draft into ``folder`` and return its path.

    Each part is grown from its own paragraphs, numbered so that no paragraph repeats,
    until it holds exactly its profile's maximum of words.
    """
    draft = load_draft(EXAMPLE)
    profile = load_profile(draft.meta.profile)
    for spec in profile.sections:
        section = draft.part(spec.id)
        source = [p for p in section.text.split("\n\n") if p.strip()]
        paragraphs: list[str] = []
        room = spec.max_words
        n = 0
        while room > 0:
            words = f"({n}) {source[n % len(source)]}".split()[:room]
            paragraphs.append(" ".join(words))
            room -= len(words)
            n += 1
        section.text = "\n\n".join(paragraphs)
        assert count_words(section.text) == spec.max_words
    path = folder / "largest.dossier.json"
    save_draft(draft, path, backup=False)
    return path
