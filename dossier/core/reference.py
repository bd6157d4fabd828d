"""Reference data that does not change with a call: the SDGs and the network's members."""

from __future__ import annotations

import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class Sdg:
    goal: int
    en: str
    fr: str
    zh: str

    def label(self, language: str = "en") -> str:
        return {"fr": self.fr, "zh": self.zh}.get(language, self.en)


@dataclass(frozen=True, slots=True)
class MemberCity:
    city: str
    zh: str
    country: str
    field: str
    year: int

    def names(self) -> set[str]:
        return {normalise_name(self.city), normalise_name(self.zh)} - {""}


def normalise_name(name: str) -> str:
    """Fold a city name for comparison: case, accents, apostrophes, a trailing 市/City."""
    folded = unicodedata.normalize("NFKD", name).casefold()
    folded = "".join(ch for ch in folded if ch.isalnum())
    for suffix in ("市", "city"):
        if folded.endswith(suffix) and len(folded) > len(suffix):
            folded = folded[: -len(suffix)]
    return folded


@cache
def _bundled() -> dict[str, Any]:
    text = (resources.files("dossier.core") / "data" / "reference.toml").read_text("utf-8")
    return tomllib.loads(text)


@cache
def sdgs() -> dict[int, Sdg]:
    """The 17 goals by number."""
    return {row["goal"]: Sdg(**row) for row in _bundled()["sdgs"]}


def load_member_cities(extra: Path | None = None) -> tuple[MemberCity, ...]:
    """The bundled member cities, plus those in ``extra`` (a TOML file with ``members``)."""
    rows = list(_bundled()["members"])
    if extra is not None:
        rows += tomllib.loads(extra.read_text("utf-8")).get("members", [])
    return tuple(MemberCity(**row) for row in rows)


def find_member(city: str, members: tuple[MemberCity, ...] | None = None) -> MemberCity | None:
    """The member city that ``city`` names, in English or Chinese, if any."""
    key = normalise_name(city)
    if not key:
        return None
    for member in members if members is not None else load_member_cities():
        if key in member.names():
            return member
    return None


DEFAULT_CURRENCY = "USD"


@cache
def _currencies() -> dict[str, str]:
    """Folded country name -> ISO 4217 code, from the bundled table."""
    return {
        normalise_name(name): row["code"] for row in _bundled()["currencies"] for name in row["countries"]
    }


def currency_for(country: str) -> str:
    """The currency an official of ``country`` budgets in (CNY for China), USD when unknown.

    Only a default for a new initiative: the official can type any other code.
    """
    return _currencies().get(normalise_name(country), DEFAULT_CURRENCY)
