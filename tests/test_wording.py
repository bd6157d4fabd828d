"""Wording that a source scan can hold: no count is glued to a fixed plural ("1 words")."""

from __future__ import annotations

import re
from pathlib import Path

from dossier.core.wording import plural

SOURCE = Path(__file__).resolve().parents[1] / "dossier"
NOUNS = (
    "words|findings|errors|warnings|characters|initiatives|goals|days|documents|links|fields|files"
    "|parts|paragraphs|targets|items|drafts|changes|attachments|problems|lines|seconds|minutes"
)
# "{count} words" in an f-string: the count can be 1. "of {n} words" and "{a}/{b} words" are fine
# (the noun goes with a total, never 1 in practice), and so is an expression that pluralises.
_SLIP = re.compile(r"(?<!of )(?<!/)\{(?P<expr>[^{}]+)\}\s(?P<noun>" + NOUNS + r")\b")
_ARROW = re.compile(r"→ \{[^{}]+\}\s(?:" + NOUNS + r")\b")


def test_plural_helper() -> None:
    assert plural(1, "word") == "1 word"
    assert plural(0, "word") == "0 words"
    assert plural(2, "day") == "2 days"
    assert plural(2, "entry", "entries") == "2 entries"


def test_no_count_is_glued_to_a_plural_noun() -> None:
    slips = []
    for path in sorted(SOURCE.rglob("*.py")):
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            if 'f"' not in line and "f'" not in line:
                continue
            for match in (*_SLIP.finditer(line), *_ARROW.finditer(line)):
                if "join(" in match.group(0) or "'" in match.group(0):
                    continue  # a list of names ("JPG/PNG files"), not a count
                slips.append(f"{path.relative_to(SOURCE.parent)}:{number}: {match.group(0)}")
    assert not slips, "counts that read wrong for 1:\n" + "\n".join(slips)
