"""Upgrades of draft files written by older versions of dossier.

Each step takes the raw JSON object of schema ``n`` and returns the object of schema
``n + 1``. Steps never drop data they do not understand: unknown keys are carried
along so that the model keeps them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Raw = dict[str, Any]


def _v1_to_v2(old: Raw) -> Raw:
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
        for row in data.pop("action_plan") or []:
            row = dict(row)
            years = str(row.pop("years", "") or "")
            start, _, end = years.partition("-")
            if start.strip().isdigit():
                row["start_year"] = int(start)
            if end.strip().isdigit():
                row["end_year"] = int(end)
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


MIGRATIONS: dict[int, Callable[[Raw], Raw]] = {1: _v1_to_v2}


def schema_version_of(raw: Raw) -> int | None:
    """The schema version a raw draft declares, wherever that version kept it."""
    meta = raw.get("meta")
    version = meta.get("schema_version") if isinstance(meta, dict) else raw.get("schema_version")
    return version if isinstance(version, int) and not isinstance(version, bool) else None


def migrate(raw: Raw, version: int, target: int) -> Raw:
    """Upgrade ``raw`` from ``version`` to ``target`` one step at a time."""
    while version < target:
        raw = MIGRATIONS[version](raw)
        version += 1
    return raw
