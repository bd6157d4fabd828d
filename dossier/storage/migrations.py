"""Upgrades of draft files written by older versions of dossier.

Each step takes the raw JSON object of schema ``n`` and returns the object of schema
``n + 1``. Steps never drop data they do not understand: unknown keys are carried
along so that the model keeps them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from dossier.core import form
from dossier.core.i18n import _

Raw = dict[str, Any]


_YEARS = re.compile(
    r"^\s*(\d{4})\s*(?:(?:[-\u2010-\u2015\u2212]|\bto\b|\buntil\b)\s*(\d{4})?)?\s*$", re.IGNORECASE
)
"""``2027-2030``, ``2025–2028`` (Word's en dash), ``2025 to 2028``, ``2026``, ``2026-``."""
YEARS_NOTE = "years_note"
"""An upgraded initiative keeps years text it could not read whole under this key."""


def parse_years(text: str) -> tuple[int | None, int | None, bool]:
    """Start and end year in ``text``, and whether all of it was understood.

    ``2026-ongoing`` gives (2026, None, False): the start year is taken, and the caller
    keeps the text so that "ongoing" is not lost.
    """
    match = _YEARS.match(text)
    if match:
        return int(match[1]), int(match[2]) if match[2] else None, True
    head = re.match(r"^\s*(\d{4})\b", text)
    return (int(head[1]) if head else None), None, False


def _v1_to_v2(old: Raw, notes: list[str]) -> Raw:
    """Schema 1 (the pre-release layout) kept everything flat and the texts as strings.

    Schema 2 groups the form's parts (``meta``, ``basic``, ``sections``), makes every
    free-text part an object (so a section can carry its table) and moves the SDG
    targets and the action plan into their sections. The action plan's single
    ``years`` string ("2027-2030") becomes start and end years, and ``budget_usd``
    becomes an amount with its currency.
    """
    data = dict(old)
    meta = {
        "schema_version": 2,
        "profile": data.pop("profile", "uccn-2025"),
        "language": data.pop("language", "en"),
    }
    for key in ("draft_id", "created", "modified"):
        if key in data:
            meta[key] = data.pop(key)
    data.pop("schema_version", None)

    basic = {
        key: data.pop(key)
        for key in ("city", "country", "field", "population", "area_km2", "links", "contacts")
        if key in data
    }

    texts = data.pop("sections", {}) or {}
    sections: Raw = {}
    for part_id, text in texts.items():
        sections[part_id] = text if isinstance(text, dict) else {"text": text}
    if "sdg_targets" in data:
        sections.setdefault("sdg_goals", {"text": ""})["targets"] = data.pop("sdg_targets")
    if "action_plan" in data:
        plan = []
        for number, row in enumerate(data.pop("action_plan") or [], start=1):
            row = dict(row)
            years = str(row.pop("years", "") or "")
            start, end, whole = parse_years(years)
            if start is not None:
                row["start_year"] = start
            if end is not None:
                row["end_year"] = end
            if years.strip() and not whole:
                row[YEARS_NOTE] = years  # kept word for word: the model keeps keys it does not know
                notes.append(
                    _(
                        "Action plan, initiative {number}: the years “{years}” could not all be read "
                        "as a start and end year; the text is kept in the draft file ({key})."
                    ).format(number=number, years=years, key=YEARS_NOTE)
                )
            if "budget_usd" in row:
                row["budget"] = row.pop("budget_usd")
                row["currency"] = "USD"
            plan.append(row)
        sections.setdefault("contribution", {"text": ""})["initiatives"] = plan

    introduction = data.pop("introduction", "")
    return {
        "meta": meta,
        "basic": basic,
        "introduction": introduction if isinstance(introduction, dict) else {"text": introduction},
        "sections": sections,
        **data,  # attachments and anything unknown travel on unchanged
    }


_MR = frozenset({"mr", "先生", "m", "monsieur"})
_MS = frozenset({"ms", "女士", "mme", "madame"})


def title_from_text(text: str) -> tuple[str, str]:
    """A free-text title as the form's choice and the text kept beside it.

    ``先生`` → (``Mr``, ""), ``女士`` → (``Ms``, ""), ``Dr`` → (``Other``, ``Dr``), "" → ("", "").
    """
    key = text.strip().casefold().rstrip(".").strip()
    if not key:
        return "", ""
    if key in _MR:
        return "Mr", ""
    if key in _MS:
        return "Ms", ""
    return "Other", text.strip()


def _v2_to_v3(old: Raw, notes: list[str]) -> Raw:
    """Schema 3 offers a contact's title from the form's list (Mr / Ms / Other).

    A free-text title becomes ``Mr`` or ``Ms`` when it says so (``先生``, ``女士``, ``Mr.``);
    anything else becomes ``Other`` with the text kept word for word in ``title_other``.
    Schema 3 also adds the representative's status and other information and the reporting
    commitment, which start empty.
    """
    data = dict(old)
    meta = data.get("meta")
    if isinstance(meta, dict):
        data["meta"] = {**meta, "schema_version": 3}
    basic = data.get("basic")
    contacts = basic.get("contacts") if isinstance(basic, dict) else None
    if isinstance(contacts, dict):
        new_contacts = dict(contacts)
        for role, person in contacts.items():
            if not isinstance(person, dict) or not isinstance(person.get("title"), str):
                continue
            title, other = title_from_text(person["title"])
            changed = {**person, "title": title}
            if other:
                changed["title_other"] = other
                who = form.contact_role(role).label() if role in form.CONTACT_ROLE_IDS else role
                notes.append(
                    _(
                        "{who}: the title “{title}” is not one the form offers (Mr, Ms); "
                        "it is now “Other” with the text kept."
                    ).format(who=who, title=other)
                )
            new_contacts[role] = changed
        data["basic"] = {**basic, "contacts": new_contacts}  # type: ignore[dict-item]
    return data


def _renumbered(old: Raw, version: int) -> Raw:
    """``old`` with only its schema version changed (a step that adds optional keys)."""
    data = dict(old)
    meta = data.get("meta")
    if isinstance(meta, dict):
        data["meta"] = {**meta, "schema_version": version}
    return data


def _v3_to_v4(old: Raw, notes: list[str]) -> Raw:
    """Schema 4 lets a text part carry a working text beside its submission text
    (``working_text``, ``translated_from``) and the draft a ``meta.working_language``.

    A schema-3 draft has none of them and means exactly what it meant: only the version
    number changes. Nothing is said in ``notes``, since nothing was changed or lost.
    """
    return _renumbered(old, 4)


def _v4_to_v5(old: Raw, notes: list[str]) -> Raw:
    """Schema 5 lets a reviewer's note say it is about the working text (``column``), as a
    comment in a review copy's left column is. A schema-4 note is about the submission
    text, as the default says: only the version number changes."""
    return _renumbered(old, 5)


MIGRATIONS: dict[int, Callable[[Raw, list[str]], Raw]] = {
    1: _v1_to_v2,
    2: _v2_to_v3,
    3: _v3_to_v4,
    4: _v4_to_v5,
}
_SAME_LAYOUT = frozenset({3, 4})
"""Versions whose upgrade changes only the number: a draft read from them is not "upgraded"
in any sense the official would care about, so nothing is said."""


def changes_layout(version: int, target: int) -> bool:
    """Whether upgrading from ``version`` to ``target`` changes more than the version number."""
    return any(step not in _SAME_LAYOUT for step in range(version, target))


def schema_version_of(raw: Raw) -> int | None:
    """The schema version a raw draft declares, wherever that version kept it."""
    meta = raw.get("meta")
    version = meta.get("schema_version") if isinstance(meta, dict) else raw.get("schema_version")
    return version if isinstance(version, int) and not isinstance(version, bool) else None


def migrate(raw: Raw, version: int, target: int, notes: list[str] | None = None) -> Raw:
    """Upgrade ``raw`` from ``version`` to ``target`` one step at a time; what a step could
    not carry over whole is said in ``notes``."""
    said = notes if notes is not None else []
    while version < target:
        raw = MIGRATIONS[version](raw, said)
        version += 1
    return raw
