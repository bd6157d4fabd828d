"""Bilingual drafting: the working text beside the submission text, its migration, its
hashes per paragraph and the findings that say the two are out of step."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from dossier.cli import main
from dossier.core.model import SCHEMA_VERSION, Dossier
from dossier.storage.drafts import dumps, load_draft, read_draft, save_draft
from dossier.storage.migrations import migrate

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "tests" / "data" / "drafts"


# --------------------------------------------------------------------------- (a) model and migration


def test_schema_2_draft_migrates_unchanged(tmp_path: Path) -> None:
    """A schema-2 draft reads as it was: same texts, no working language, no note; re-saved,
    only the version number changes in the file."""
    path = tmp_path / "old.dossier.json"
    shutil.copy(SAMPLES / "schema-2.dossier.json", path)
    before = json.loads(path.read_text("utf-8"))
    loaded = read_draft(path)
    assert loaded.migrated_from == 2 and loaded.notes == []
    draft = loaded.draft
    assert draft.meta.schema_version == SCHEMA_VERSION == 3
    assert draft.meta.working_language is None
    assert all(draft.part(p).working_text is None for p in draft.texts())
    save_draft(draft, path)
    after = json.loads(path.read_text("utf-8"))
    before["meta"]["schema_version"] = SCHEMA_VERSION
    assert after == before  # not one key added: no "working_text": null anywhere


def test_migration_step_keeps_unknown_keys() -> None:
    raw = {"meta": {"schema_version": 2, "x": 1}, "introduction": {"text": "a", "y": [2]}, "z": {}}
    assert migrate(raw, 2, 3) == {
        "meta": {"schema_version": 3, "x": 1},
        "introduction": {"text": "a", "y": [2]},
        "z": {},
    }


def test_working_texts_round_trip(tmp_path: Path) -> None:
    draft = Dossier()
    draft.meta.working_language = "zh-Hans"
    draft.sections.strategy.working_text = "第一段。\n\n[bold] 第二段 [/x]"
    draft.sections.strategy.translated_from = ["abc", "def"]
    path = tmp_path / "b.dossier.json"
    save_draft(draft, path)
    data = json.loads(path.read_text("utf-8"))
    assert data["meta"]["working_language"] == "zh-Hans"
    assert list(data["sections"]["strategy"]) == ["text", "working_text", "translated_from"]
    again = load_draft(path)
    assert again.sections.strategy.working_text == draft.sections.strategy.working_text
    assert again.sections.strategy.translated_from == ["abc", "def"]
    assert dumps(again) == dumps(draft)


def _new(tmp_path: Path, *extra: str) -> tuple[int, str, Path]:
    path = tmp_path / "lin.dossier.json"
    code = main(
        ["new", str(path), "--city", "Lin", "--country", "China", "--field", "music", "--no-open", *extra]
    )
    return code, "", path


def test_new_with_working_language(tmp_path: Path) -> None:
    code, _, path = _new(tmp_path, "--working-language", "zh")
    assert code == 0
    draft = load_draft(path)
    assert draft.meta.working_language == "zh"
    assert all(draft.part(p).working_text == "" for p in draft.texts())


@pytest.mark.parametrize("tag", ["chinese", "zh_CN", "", "z", "zh--CN", "[bold]"])
def test_new_refuses_a_malformed_working_language(
    tmp_path: Path, tag: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, path = _new(tmp_path, "--working-language", tag)
    err = capsys.readouterr().err
    assert code == 2 and not path.exists()
    assert "not a language tag" in err and err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.parametrize("tag", ["zh", "zh-Hans", "zh-Hant-TW", "yue", "es-419", "sr-Latn-RS", "de-CH-1996"])
def test_well_formed_tags_are_accepted(tag: str) -> None:
    from dossier.core.translation import is_language_tag

    assert is_language_tag(tag)
