"""Small helpers for interface wording that every layer shares."""

from __future__ import annotations


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 word``, ``0 words``, ``2 words``: a count with its noun agreeing."""
    noun = singular if count == 1 else (plural_form or f"{singular}s")
    return f"{count} {noun}"
