"""Every bundled example loads, checks and says what it is meant to show."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from dossier.core.translation import translation_state
from dossier.core.wordcount import paragraphs
from dossier.storage.drafts import dumps, read_draft
from dossier.workspace import check, open_draft

from support.paths import EXAMPLES, EXAMPLES_DIR


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_loads_as_written(path: Path, fixed_now: datetime) -> None:
    loaded = read_draft(path)
    assert loaded.notes == [] and loaded.migrated_from is None and not loaded.read_only
    assert dumps(loaded.draft) == path.read_text("utf-8")  # written as dossier writes it
    loaded, profile = open_draft(path)
    check(loaded.draft, profile, path.parent, now=fixed_now)


def test_bilingual_example_is_ready_and_in_step(fixed_now: datetime) -> None:
    loaded, profile = open_draft(EXAMPLES_DIR / "lanjiang-music-zh.dossier.json")
    draft = loaded.draft
    assert draft.meta.working_language == "zh"
    report = check(draft, profile, EXAMPLES_DIR, now=fixed_now)
    assert report.errors == []
    for part_id in draft.texts():
        section = draft.part(part_id)
        assert section.working_text and section.text
        assert len(paragraphs(section.working_text)) == len(paragraphs(section.text))
        assert translation_state(section).in_step, part_id
    assert not [f for f in report.findings if f.code in ("language", "translation-missing")]


def test_mid_translation_example_shows_what_is_behind(fixed_now: datetime) -> None:
    loaded, profile = open_draft(EXAMPLES_DIR / "lanjiang-music-translating.dossier.json")
    report = check(loaded.draft, profile, EXAMPLES_DIR, now=fixed_now)
    found = {(f.part, f.code) for f in report.findings if f.code.startswith("translation")}
    assert found == {
        ("opportunities", "translation-outdated"),
        ("contribution", "translation-outdated"),
        ("strategy", "translation-missing"),
        ("assets", "translation-missing"),
    }
    assert [(f.part, f.code) for f in report.errors] == [("assets", "empty")]
