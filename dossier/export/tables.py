"""The SDG and action-plan tables as the export writes them, and their cells read back.

A reviewed document's tables are compared as text, cell by cell, with the rows the
export wrote (the base) and with the rows the draft would give now (:func:`draft_rows`,
written exactly as :class:`dossier.export.docx_writer.DocxWriter` writes them; a test
holds the two together). A cell the reviewer changed is read back into the draft's
value with :func:`parse_cell`, in the dossier's language: ``1 250 000 EUR`` (narrow
no-break spaces) in French, ``1,250,000 EUR`` in English; what cannot be read whole
(``about a million``) is refused with a plain reason, never guessed.

Pure: no python-docx, no files.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from dossier.core import form
from dossier.core.i18n import Wording, _, wording
from dossier.core.model import Dossier, Initiative, SdgTarget
from dossier.core.reference import sdgs
from dossier.export import labels as L
from dossier.export import markers
from dossier.export.sanitize import xml_safe

SDG_TABLE = markers.BOOKMARK_SDG_TARGETS
PLAN_TABLE = markers.BOOKMARK_ACTION_PLAN
COLUMNS = {SDG_TABLE: 3, PLAN_TABLE: 5}
"""Cells in a row of each table: rows with fewer (the merged total rows) are not items."""
OWNER = {SDG_TABLE: form.SDGS.id, PLAN_TABLE: form.PLAN.id}
"""The text part each table belongs to."""
LANGUAGES = ("en", "fr", "zh")
_SPACES = re.compile("[\\s\u00a0\u202f\u2009\u2007]+")
_CURRENCY = re.compile(r"^(?:([A-Za-z]{3})\s*)?(.*?)(?:\s*([A-Za-z]{3}))?$", re.S)
_YEAR = r"(\d{4})"
_RANGE = re.compile(r"^(\d{4})\s*(?:[-\u2010-\u2015]|to|à|au|至|到)\s*(\d{4})$", re.I)


class CellError(ValueError):
    """A cell whose text cannot be read back into the draft; the message says why."""


@dataclass(frozen=True, slots=True)
class Row:
    """One item's row as the export writes it: its place in the draft's list and its cells."""

    item: int
    cells: tuple[str, ...]


def _cell(value: str | None, w: Wording) -> str:
    """A cell as it reads back: a blank value shows the "not given" placeholder."""
    return w(L.NOT_GIVEN) if value is None or not value.strip() else value


def amount(value: float, w: Wording) -> str:
    """A budget as the document's language writes it (as the writer's ``_amount``)."""
    if not math.isfinite(value):
        return w(L.TOO_LARGE)
    return w.number(value, 0 if float(value).is_integer() else 2)


def years(start: int | None, end: int | None, w: Wording) -> str | None:
    if start is not None and end is not None:
        return f"{start}–{end}" if start != end else str(start)
    if start is not None:
        return w(L.YEARS_FROM).format(year=start)
    if end is not None:
        return w(L.YEARS_UNTIL).format(year=end)
    return None


def sdg_cells(target: SdgTarget, w: Wording) -> tuple[str, ...]:
    goal = sdgs().get(target.goal)
    label = (
        w(L.SDG_LABEL).format(goal=target.goal, name=goal.label(w.language))
        if goal
        else w(L.SDG_UNKNOWN).format(goal=target.goal)
    )
    horizon = w(L.HORIZONS[target.horizon]) if target.horizon in L.HORIZONS else target.horizon
    return tuple(_cell(v, w) for v in (label, horizon, xml_safe(target.outcome)[0]))


def plan_cells(item: Initiative, w: Wording) -> tuple[str, ...]:
    currency = xml_safe(item.currency)[0].strip().upper() or "?"
    values = (
        xml_safe(item.title)[0],
        w(L.SCOPES[item.scope]) if item.scope in L.SCOPES else item.scope,
        years(item.start_year, item.end_year, w),
        xml_safe(item.partners)[0],
        _budget_text(item.budget, currency, w),
    )
    return tuple(_cell(v, w) for v in values)


def _budget_text(budget: float, currency: str, w: Wording) -> str | None:
    """As the writer's ``_budget``: none when not given, a negative one marked as not added."""
    if not budget:
        return None
    text = f"{amount(budget, w)} {currency}"
    return w(L.NOT_ADDED).format(amount=text) if budget < 0 else text


def _unmarked(text: str, language: str) -> str:
    """``-500 EUR (negative: not added)`` → ``-500 EUR``: the mark the export adds, in any language."""
    clean = _SPACES.sub(" ", text).strip()
    for lang in (language, *LANGUAGES):
        template = _SPACES.sub(" ", wording(lang)(L.NOT_ADDED))
        pattern = re.escape(template).replace(re.escape("{amount}"), "(.+)")
        hit = re.fullmatch(pattern, clean)
        if hit:
            return hit.group(1)
    return text


def draft_rows(draft: Dossier, table: str) -> list[Row]:
    """The item rows of ``table`` as the export writes ``draft`` now (SDGs in goal order)."""
    w = wording(draft.meta.language)
    if table == SDG_TABLE:
        targets = draft.sections.sdg_goals.targets
        ordered = sorted(enumerate(targets), key=lambda pair: pair[1].goal)
        return [Row(i, sdg_cells(t, w)) for i, t in ordered]
    return [Row(i, plan_cells(item, w)) for i, item in enumerate(draft.sections.contribution.initiatives)]


def item_rows(rows: list[list[str]], table: str) -> list[tuple[str, ...]]:
    """The rows of a table read from a document that are items: not its header (the first
    row) nor the merged total rows (fewer cells than the table has columns)."""
    return [tuple(r) for r in rows[1:] if len(r) == COLUMNS[table]]


def other_rows(rows: list[list[str]], table: str) -> list[tuple[str, ...]]:
    """The header and total rows (written by dossier from the items: never read back)."""
    return [tuple(r) for n, r in enumerate(rows) if n == 0 or len(r) != COLUMNS[table]]


# ----------------------------------------------------------------------------- reading cells back


def _labels(message: str) -> dict[str, str]:
    return {wording(lang)(message).casefold().strip(): lang for lang in LANGUAGES}


def _blank(text: str, w: Wording) -> bool:
    return not text.strip() or text.strip().casefold() in {
        wording(lang)(L.NOT_GIVEN).casefold() for lang in (w.language, *LANGUAGES)
    }


def parse_amount(text: str, language: str) -> tuple[float, str | None]:
    """``1 250 000 EUR`` → (1250000, "EUR"): a budget in the document's language.

    Refuses (:class:`CellError`) what is not one number with at most a currency code:
    digit groups must be the language's (``,`` in English, spaces in French), so
    ``1,250`` is never read as one and a quarter in an English dossier.
    """
    match = _CURRENCY.match(text.strip())
    number = match.group(2) if match else ""
    currency = (match.group(1) or match.group(3)) if match else None
    compact = _SPACES.sub(" ", number).strip()
    spaced = r"-?\d{1,3}(?: \d{3})+"
    if language == "fr":
        ok = re.fullmatch(rf"(?:{spaced}|-?\d+)(?:,\d+)?", compact)
        value = compact.replace(" ", "").replace(",", ".")
    else:
        ok = re.fullmatch(rf"(?:{spaced}|-?\d{{1,3}}(?:,\d{{3}})+|-?\d+)(?:\.\d+)?", compact)
        value = compact.replace(" ", "").replace(",", "")
    if not ok:
        raise CellError(_("not an amount dossier can read"))
    return float(value), currency.upper() if currency else None


def parse_years(text: str, language: str) -> tuple[int | None, int | None]:
    """``2025–2028``, ``2026``, ``from 2026`` / ``à partir de 2026``, ``until 2030``."""
    clean = _SPACES.sub(" ", text).strip()
    if re.fullmatch(_YEAR, clean):
        return int(clean), int(clean)
    found = _RANGE.match(clean)
    if found:
        return int(found.group(1)), int(found.group(2))
    for lang in (language, *LANGUAGES):
        w = wording(lang)
        for message, which in ((L.YEARS_FROM, 0), (L.YEARS_UNTIL, 1)):
            pattern = re.escape(_SPACES.sub(" ", w(message))).replace(re.escape("{year}"), _YEAR)
            hit = re.fullmatch(pattern, clean, re.I)
            if hit:
                year = int(hit.group(1))
                return (year, None) if which == 0 else (None, year)
    raise CellError(_("not years dossier can read"))


def parse_cell(table: str, column: int, text: str, language: str) -> dict[str, Any]:
    """The draft's values a cell says (``{"budget": 1250000.0, "currency": "EUR"}``).

    Raises :class:`CellError` when the cell cannot be read whole.
    """
    w = wording(language)
    blank = _blank(text, w)
    if table == SDG_TABLE:
        if column == 0:
            found = re.search(r"\d+", text)
            if not found or int(found.group()) not in sdgs():
                raise CellError(_("not a goal from 1 to 17"))
            return {"goal": int(found.group())}
        if column == 1:
            wanted = text.strip().casefold()
            for key, message in L.HORIZONS.items():
                if wanted == key or wanted in _labels(message):
                    return {"horizon": key}
            raise CellError(_("not a horizon dossier knows"))
        return {"outcome": "" if blank else text}
    if column == 0:
        return {"title": "" if blank else text}
    if column == 1:
        wanted = text.strip().casefold()
        for key, message in L.SCOPES.items():
            if wanted == key or wanted in _labels(message):
                return {"scope": key}
        raise CellError(_("not a scope dossier knows"))
    if column == 2:
        if blank:
            return {"start_year": None, "end_year": None}
        start, end = parse_years(text, language)
        return {"start_year": start, "end_year": end}
    if column == 3:
        return {"partners": "" if blank else text}
    if blank:
        return {"budget": 0.0}
    value, currency = parse_amount(_unmarked(text, language), language)
    return {"budget": value} | ({"currency": currency} if currency else {})


def column_name(table: str, column: int, w: Wording) -> str:
    """The column's header in the document's language (for messages)."""
    header = L.SDG_HEADER if table == SDG_TABLE else L.PLAN_HEADER
    return w(header[column]) if 0 <= column < len(header) else str(column + 1)
