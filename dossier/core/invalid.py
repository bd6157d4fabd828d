"""Pydantic's validation errors in the official's words, for drafts and call profiles alike.

Pydantic writes its own messages in English ("Field required", "Input should be a valid
integer"). Drafts (``dossier.storage.drafts``) and call profiles (``dossier.core.profiles``)
both turn them into one sentence through :func:`explain_validation_error`, so that a
broken file is explained the same way, in the interface language, whatever kind it is.
Each error ``type`` pydantic may give for our models has its own message here; any other
is named in a generic one. ``value_error`` carries our own message (a validator's
``ValueError``, translated where it is raised).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import ValidationError

from dossier.core.i18n import _, follow, ngettext

_SHOWN_VALUE = 60
"""How many characters of a wrong value the sentence quotes."""


def location(loc: Sequence[int | str]) -> str:
    """``("basic", "contacts", 0, "email")`` → ``basic.contacts[0].email``: the key path as written."""
    where = ""
    for item in loc:
        where += f"[{item}]" if isinstance(item, int) else (f".{item}" if where else str(item))
    return where


def _choices(expected: str) -> str:
    """Pydantic's ``'en' or 'fr'`` (English "or") as ``'en', 'fr'``."""
    return ", ".join(part for part in re.split(r", | or ", expected) if part)


def _count(context: Mapping[str, Any], key: str) -> int:
    value = context.get(key, 0)
    return value if isinstance(value, int) else 0


def describe_error_type(kind: str, context: Mapping[str, Any]) -> str:
    """What is wrong with a value, as the end of a sentence that starts with its place."""
    if kind == "missing":
        return _("is missing")
    if kind == "extra_forbidden":
        return _("is not a key dossier knows (check its spelling)")
    if kind in ("string_type", "string_sub_type", "string_unicode"):
        return _("should be text")
    if kind == "string_too_short":
        count = _count(context, "min_length")
        return ngettext(
            "should be at least {count} character long", "should be at least {count} characters long", count
        ).format(count=count)
    if kind == "string_too_long":
        count = _count(context, "max_length")
        return ngettext(
            "should be at most {count} character long", "should be at most {count} characters long", count
        ).format(count=count)
    if kind == "string_pattern_mismatch":
        return _("is not written in the form expected here")
    if kind in ("int_type", "int_parsing", "int_from_float", "int_parsing_size"):
        return _("should be a whole number")
    if kind in ("float_type", "float_parsing", "finite_number", "decimal_type", "decimal_parsing"):
        return _("should be a number")
    if kind in ("bool_type", "bool_parsing"):
        return _("should be true or false")
    if kind in ("list_type", "tuple_type", "set_type", "frozen_set_type", "iterable_type"):
        return _("should be a list")
    if kind in ("dict_type", "mapping_type", "model_type", "model_attributes_type", "dataclass_type"):
        return _("should be a group of named values")
    if kind in ("datetime_type", "datetime_parsing", "datetime_from_date_parsing", "datetime_object_invalid"):
        return _("should be a date and time such as 2026-11-28T09:00:00Z")
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"):
        return _("should be a date such as 2027-01-31")
    if kind in ("time_type", "time_parsing"):
        return _("should be a time such as 23:59")
    if kind == "timezone_aware":
        return _("should be given with its time zone, such as 2027-01-31T23:59:00+01:00")
    if kind == "timezone_naive":
        return _("should be given without a time zone")
    if kind == "greater_than_equal":
        return _("should be {limit} or more").format(limit=context.get("ge", ""))
    if kind == "greater_than":
        return _("should be more than {limit}").format(limit=context.get("gt", ""))
    if kind == "less_than_equal":
        return _("should be {limit} or less").format(limit=context.get("le", ""))
    if kind == "less_than":
        return _("should be less than {limit}").format(limit=context.get("lt", ""))
    if kind == "multiple_of":
        return _("should be a multiple of {number}").format(number=context.get("multiple_of", ""))
    if kind == "too_short":
        count = _count(context, "min_length")
        return ngettext(
            "should hold at least {count} item", "should hold at least {count} items", count
        ).format(count=count)
    if kind == "too_long":
        count = _count(context, "max_length")
        return ngettext(
            "should hold at most {count} item", "should hold at most {count} items", count
        ).format(count=count)
    if kind in ("literal_error", "enum"):
        return _("should be one of {choices}").format(choices=_choices(str(context.get("expected", ""))))
    if kind.startswith("url_"):
        return _("should be a web address such as https://example.org")
    if kind == "none_required":
        return _("should be empty")
    if kind in ("value_error", "assertion_error"):
        return str(context.get("error", "")) or _("has a value dossier cannot use ({type})").format(type=kind)
    return _("has a value dossier cannot use ({type})").format(type=kind)


def _shown(value: object) -> str:
    """A wrong value as the file holds it, cut short."""
    try:
        text = json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError, RecursionError):
        text = repr(value)
    return text[:_SHOWN_VALUE]


def explain_validation_error(exc: ValidationError, whole: str) -> str:
    """The first problem as one line, ``basic.population should be a whole number, not "many"``,
    saying how many more follow; ``whole`` names the file when the problem is with all of it
    (a check of our own then speaks for itself)."""
    errors = exc.errors(include_url=False)
    first = errors[0]
    kind = first["type"]
    where = location(first["loc"])
    what = describe_error_type(kind, first.get("ctx") or {})
    if kind not in ("missing", "extra_forbidden", "value_error", "assertion_error"):
        what = _("{problem}, not {value}").format(problem=what, value=_shown(first.get("input")))
    if len(errors) > 1:
        more = len(errors) - 1
        what = follow(
            what,
            ngettext(
                "({count} more problem after this one)", "({count} more problems after this one)", more
            ).format(count=more),
        )
    if kind in ("value_error", "assertion_error"):  # our own sentence: after a colon, or alone
        return _("{where}: {problem}").format(where=where, problem=what) if where else what
    return _("{where} {problem}").format(where=where or whole, problem=what)
