"""The largest realistic draft: the complete example with every text part at its word limit."""

from __future__ import annotations

from pathlib import Path

from dossier.core.profiles import load_profile
from dossier.core.wordcount import count_words
from dossier.storage.drafts import load_draft, save_draft

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "westmere-design.dossier.json"


def grow(text: str, words: int) -> str:
    """``words`` words made of ``text``'s own paragraphs, numbered so that no paragraph repeats."""
    source = [p for p in text.split("\n\n") if p.strip()]
    paragraphs: list[str] = []
    room = words
    n = 0
    while room > 0:
        chunk = f"({n}) {source[n % len(source)]}".split()[:room]
        paragraphs.append(" ".join(chunk))
        room -= len(chunk)
        n += 1
    return "\n\n".join(paragraphs)


def make_largest(folder: Path, *, long_part: str | None = None, long_words: int = 10_000) -> Path:
    """Write the draft into ``folder`` and return its path.

    Each part is grown from its own paragraphs until it holds exactly its profile's
    maximum of words; ``long_part``, if given, gets ``long_words`` instead (far over its
    limit, as when a whole document is pasted in).
    """
    draft = load_draft(EXAMPLE)
    profile = load_profile(draft.meta.profile)
    for spec in profile.sections:
        section = draft.part(spec.id)
        words = long_words if spec.id == long_part else spec.max_words
        section.text = grow(section.text, words)
        assert count_words(section.text) == words
    name = f"long-{long_part}" if long_part else "largest"
    path = folder / f"{name}.dossier.json"
    save_draft(draft, path, backup=False)
    return path
