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
        while chunk and count_words(" ".join(chunk)) > room:  # "m²" is two words, as Word counts
            chunk.pop()
        if not chunk:
            chunk = ["word"]
        paragraphs.append(" ".join(chunk))
        room -= count_words(" ".join(chunk))
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


ZH_SOURCE = (
    "西湖设计之城以创意推动可持续发展，让每一位市民都能参与城市的更新。"
    "我们的工作坊向青年设计师开放，与高校和企业合作培养人才；"
    "老街区的手工艺与数字技术相结合，形成新的产业链。"
    "市政府设立专项资金，支持社区文化空间和国际交流项目。"
)


def chinese_paragraph(chars: int) -> str:
    """One paragraph (no line break, no space) of ``chars`` Chinese characters and punctuation."""
    text = ""
    n = 0
    while len(text) < chars:
        start = (n * 7) % len(ZH_SOURCE)  # each round starts elsewhere: no two runs alike
        text += ZH_SOURCE[start:] + ZH_SOURCE[:start] + f"（{n}）"
        n += 1
    return text[:chars]


def make_with_text(folder: Path, part: str, text: str, name: str) -> Path:
    """The complete example with ``part``'s text replaced by ``text``, saved as ``NAME.dossier.json``."""
    draft = load_draft(EXAMPLE)
    draft.part(part).text = text
    path = folder / f"{name}.dossier.json"
    save_draft(draft, path, backup=False)
    return path


def megabytes_of_text(size: int) -> str:
    """About ``size`` bytes of text (UTF-8): the example's strategy grown paragraph by paragraph,
    every tenth paragraph in Chinese."""
    source = [p for p in load_draft(EXAMPLE).part("strategy").text.split("\n\n") if p.strip()]
    paragraphs: list[str] = []
    total = 0
    n = 0
    while total < size:
        paragraph = chinese_paragraph(300) if n % 10 == 9 else f"({n}) {source[n % len(source)]}"
        paragraphs.append(paragraph)
        total += len(paragraph.encode("utf-8")) + 2
        n += 1
    return "\n\n".join(paragraphs)
