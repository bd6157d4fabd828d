"""Bilingual drafting: a working text beside the submission text, and whether they are in step.

Many cities write a part in their own language first (the *working text*), have it
approved, and only then translate it into English or French (the *submission text*, the
one UNESCO reads). The classic mistake is a working paragraph changed after the
translation was made, which then reaches UNESCO untranslated. So whenever the submission
text is edited (or the official confirms the translation still holds), the draft records
the hash of every working paragraph as it is then (``translated_from``). Later:

* a working paragraph whose hash is not among the recorded ones changed (or was added)
  after the translation: the part's translation is *out of date*, naming that paragraph;
* a working paragraph with no submission paragraph at the same position has *no
  translation* at all.

Paragraphs are :func:`dossier.core.wordcount.paragraphs` (one per line, blank lines only
separate), so the numbers agree with the editor and the export. A hash ignores how white
space is spread (re-wrapping a line is not a change of meaning); anything else counts.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from dossier.core.model import Dossier, Section
from dossier.core.wordcount import paragraphs

HASH_LENGTH = 12
"""Hex digits kept of a paragraph's SHA-256: enough to tell a part's paragraphs apart forever."""

_BCP47 = re.compile(
    r"^[a-z]{2,3}(?:-[a-z]{3}){0,3}"  # language (2-3 letters, as every registered one is)
    r"(?:-[a-z]{4})?"  # script: Hans, Hant, Latn
    r"(?:-(?:[a-z]{2}|\d{3}))?"  # region: CN, TW, 419
    r"(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*"  # variants
    r"(?:-[a-wyz\d](?:-[a-z\d]{2,8})+)*"  # extensions
    r"(?:-x(?:-[a-z\d]{1,8})+)?$",  # private use
    re.IGNORECASE,
)


def is_language_tag(tag: str) -> bool:
    """Whether ``tag`` is well-formed BCP 47 (``zh``, ``zh-Hans-CN``, ``yue``, ``es-419``).

    Well-formed, not registered: the registry changes and a city may need a tag dossier has
    never seen; a typo such as ``chinese`` or ``zh_CN`` is still refused (the grammar's
    4 to 8 letter primary subtags are reserved and no language has one).
    """
    return bool(_BCP47.match(tag))


def paragraph_hash(paragraph: str) -> str:
    """A short fingerprint of one paragraph; white space runs count as one space."""
    normal = " ".join(paragraph.split())
    return hashlib.sha256(normal.encode("utf-8", "surrogatepass")).hexdigest()[:HASH_LENGTH]


def paragraph_hashes(text: str) -> list[str]:
    """The fingerprint of each paragraph of ``text``, in order."""
    return [paragraph_hash(p) for p in paragraphs(text)]


def record_translation(section: Section) -> None:
    """Say that ``section``'s submission text now translates its working text as it is.

    Called when the submission text is edited and when the official confirms that the
    translation still holds; a part without a working text records nothing.
    """
    if section.working_text is None:
        return
    hashes = paragraph_hashes(section.working_text)
    if section.translated_from != hashes:
        section.translated_from = hashes


@dataclass(frozen=True, slots=True)
class TranslationState:
    """Where one part's working and submission texts are out of step (paragraphs from 1)."""

    outdated: list[int] = field(default_factory=list)
    """Working paragraphs changed (or added) since the translation was made or confirmed."""
    missing: list[int] = field(default_factory=list)
    """Working paragraphs with no submission paragraph at their position."""

    @property
    def in_step(self) -> bool:
        return not self.outdated and not self.missing


def translation_state(section: Section) -> TranslationState:
    """How far ``section``'s submission text is behind its working text."""
    working = paragraphs(section.working_text or "")
    if not working:
        return TranslationState()
    submitted = len(paragraphs(section.text))
    recorded = set(section.translated_from or ())
    outdated: list[int] = []
    missing: list[int] = []
    for number, paragraph in enumerate(working, start=1):
        if number > submitted:
            missing.append(number)
        elif paragraph_hash(paragraph) not in recorded:
            outdated.append(number)
    return TranslationState(outdated, missing)


def paragraph_list(numbers: list[int]) -> str:
    """``[1, 2, 3, 5]`` → ``1–3, 5``: paragraph numbers as a reader scans them."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}\u2013{r[-1]}" for r in runs)


def is_bilingual(draft: Dossier) -> bool:
    """Whether the draft is written in a working language first."""
    return draft.meta.working_language is not None


def set_working_language(draft: Dossier, tag: str) -> None:
    """Give the draft a working language; every text part gets an (empty) working text.

    Existing working texts are kept (changing ``zh`` to ``zh-Hans`` loses nothing).
    """
    draft.meta.working_language = tag
    for part_id in draft.texts():
        section = draft.part(part_id)
        if section.working_text is None:
            section.working_text = ""


def drop_working_language(draft: Dossier) -> None:
    """Make the draft monolingual again: the working texts and their records leave the draft.

    The caller keeps them first (a saved version in the history) and asks the official.
    """
    draft.meta.working_language = None
    for part_id in draft.texts():
        section = draft.part(part_id)
        section.working_text = None
        section.translated_from = None
