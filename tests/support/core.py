"""Plugin: fixtures for every test: a private data folder, a fixed clock, the profile, a complete draft."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from dossier.core.model import Dossier, Initiative, SdgTarget
from dossier.core.profiles import Profile, load_profile
from dossier.workspace import new_dossier


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the user's real recent-drafts list from a test."""
    monkeypatch.setenv("DOSSIER_DATA_DIR", str(tmp_path_factory.mktemp("data")))


@pytest.fixture(scope="session")
def fixed_now() -> datetime:
    """The tests' "now": 28 November 2026, 09:00 UTC (64 days before the 2027 call's deadline)."""
    return datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


@pytest.fixture
def profile() -> Profile:
    return load_profile("uccn-2027")


def _prose(topic: str, words: int) -> str:
    """Distinct English sentences about ``topic`` adding up to about ``words`` words."""
    sentences = []
    i = 0
    while sum(len(s.split()) for s in sentences) < words:
        i += 1
        sentences.append(
            f"In year {i} the city of Westmere will work on {topic} with partner number {i} "
            f"and report every result of step {i} to the public."
        )
    return "\n\n".join(" ".join(sentences[j : j + 4]) for j in range(0, len(sentences), 4))


def make_complete(profile: Profile) -> Dossier:
    """A draft with no errors under ``profile`` (used where examples would be overkill)."""
    draft = new_dossier(city="Westmere", country="Canada", field="design", profile=profile)
    basic = draft.basic
    basic.population = 420_000
    basic.area_km2 = 312.5
    basic.links = ["https://westmere.example.org/design", "https://example.org/about"]
    for role in ("mayor", "mayor_representative", "main_contact", "alternative_contact"):
        person = getattr(basic.contacts, role)
        person.title = "Ms"
        person.family_name = f"Family {role}"
        person.first_name = "Alex"
        person.institution = "City of Westmere"
        person.address = "1 City Hall Square, Westmere"
        person.phone = "+1 555 0100"
        person.email = f"{role}@westmere.example.org"
    basic.contacts.mayor_representative.status = "Municipal government"
    basic.reporting_commitment = True
    for spec in profile.sections:
        target = (spec.min_words + spec.max_words) // 2
        draft.part(spec.id).text = _prose(spec.id.replace("_", " "), target)
    draft.sections.sdg_goals.targets = [
        SdgTarget(goal=11, horizon="medium", outcome="Two new creative hubs in older districts"),
        SdgTarget(goal=4, horizon="long", outcome="Design taught in every secondary school"),
    ]
    draft.sections.contribution.initiatives = [
        Initiative(
            title="Design week",
            scope="international",
            start_year=2027,
            end_year=2030,
            partners="Design university",
            budget=250_000,
            currency="USD",
        ),
        Initiative(
            title="Repair cafés",
            scope="local",
            start_year=2027,
            end_year=2028,
            partners="Libraries",
            budget=40_000,
            currency="USD",
        ),
    ]
    for item in draft.attachments.values():
        item.status = "ready"
    return draft


@pytest.fixture
def complete(profile: Profile) -> Dossier:
    """A fresh draft that passes every rule of ``profile``."""
    return make_complete(profile)
