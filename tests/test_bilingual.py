"""Bilingual drafting: the working text beside the submission text, its migration, its
hashes per paragraph and the findings that say the two are out of step."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from dossier.cli import main
from dossier.core.model import SCHEMA_VERSION, Dossier
from dossier.storage.drafts import dumps, load_draft, read_draft, save_draft
from dossier.storage.migrations import migrate

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "tests" / "data" / "drafts"


# --------------------------------------------------------------------------- (a) model and migration


def test_schema_3_draft_migrates_unchanged(tmp_path: Path) -> None:
    """A schema-3 draft (before working texts) reads as it was: same texts, no working
    language, no note; re-saved, only the version number changes in the file."""
    path = tmp_path / "old.dossier.json"
    raw = json.loads((SAMPLES / "schema-2.dossier.json").read_text("utf-8"))
    raw = migrate(raw, 2, 3)  # the form's structure (schema 3), as a draft of that time holds it
    path.write_text(json.dumps(raw, ensure_ascii=False, indent=2) + "\n", "utf-8")
    before = json.loads(path.read_text("utf-8"))
    loaded = read_draft(path)
    assert loaded.migrated_from == 3 and loaded.notes == []
    draft = loaded.draft
    assert draft.meta.schema_version == SCHEMA_VERSION == 5
    assert draft.meta.working_language is None
    assert all(draft.part(p).working_text is None for p in draft.texts())
    save_draft(draft, path)
    after = json.loads(path.read_text("utf-8"))
    before["meta"]["schema_version"] = SCHEMA_VERSION
    assert {k: v for k, v in after.items() if k != "basic"} == {
        k: v for k, v in before.items() if k != "basic"
    }  # not one key added: no "working_text": null anywhere
    assert all("working" not in key for key in json.dumps(after))


def test_schema_4_draft_with_notes_migrates_unchanged(tmp_path: Path) -> None:
    """Schema 5 only adds a note's ``column``: a schema-4 draft's notes are about the
    submission text, as they were, and re-saved nothing but the version number changes;
    a note on the working text keeps its column through a save."""
    path = tmp_path / "four.dossier.json"
    raw = json.loads((REPO / "examples" / "lanjiang-music-zh.dossier.json").read_text("utf-8"))
    raw["meta"]["schema_version"] = 4
    raw["notes"] = [{"id": "n1", "part": "strategy", "paragraph": 1, "author": "李伟", "text": "数据？"}]
    path.write_text(json.dumps(raw, ensure_ascii=False, indent=2) + "\n", "utf-8")
    loaded = read_draft(path)
    assert loaded.migrated_from == 4 and loaded.notes == []  # nothing to tell the official
    assert loaded.draft.notes[0].column == "text"
    save_draft(loaded.draft, path)
    after = json.loads(path.read_text("utf-8"))
    assert after["meta"]["schema_version"] == SCHEMA_VERSION == 5
    assert "column" not in after["notes"][0]
    draft = loaded.draft
    draft.notes[0].column = "working"
    save_draft(draft, path)
    assert json.loads(path.read_text("utf-8"))["notes"][0]["column"] == "working"
    assert load_draft(path).notes[0].column == "working"


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


# --------------------------------------------------------------------------- (b) hashes and findings

from dossier.core.profiles import Profile  # noqa: E402
from dossier.core.rules import Report, validate  # noqa: E402
from dossier.core.translation import (  # noqa: E402
    paragraph_hash,
    paragraph_hashes,
    paragraph_list,
    record_translation,
    set_working_language,
    translation_state,
)

Check = Callable[[Dossier, Profile], Report]


@pytest.fixture
def check(fixed_now: datetime) -> Check:
    return lambda draft, profile: validate(draft, profile, now=fixed_now)


WORKING = "澜江是一座音乐之城。\n\n我们每年举办江上音乐节。\n\n音乐学院培养了三千名学生。"
SUBMISSION = (
    "Lanjiang is a city of music.\n\nEvery year we hold the River Music Festival.\n\n"
    "The conservatory has trained three thousand students."
)


def test_hash_per_paragraph_ignores_spacing_only() -> None:
    assert paragraph_hashes("a b\n\n\nc") == [paragraph_hash("a b"), paragraph_hash("c")]
    assert paragraph_hash("  a   b ") == paragraph_hash("a b")
    assert paragraph_hash("a b") != paragraph_hash("a c") != paragraph_hash("A c")
    assert len(paragraph_hash("澜江")) == 12


def test_paragraph_list_reads_as_ranges() -> None:
    assert paragraph_list([1, 2, 3, 5, 7, 8]) == "1\u20133, 5, 7\u20138"
    assert paragraph_list([4]) == "4"


def _bilingual(complete: Dossier) -> Dossier:
    set_working_language(complete, "zh")
    section = complete.sections.strategy
    section.working_text, section.text = WORKING, SUBMISSION
    record_translation(section)
    return complete


def _translation(report: Report) -> list[tuple[str, str, str, str]]:
    return [
        (f.code, f.severity, f.part, f.location) for f in report.findings if f.code.startswith("translation")
    ]


def test_in_step_draft_has_no_translation_findings(complete: Dossier, profile: Profile, check: Check) -> None:
    draft = _bilingual(complete)
    assert translation_state(draft.sections.strategy).in_step
    assert _translation(check(draft, profile)) == []


def test_changed_working_paragraph_is_outdated_and_named(
    complete: Dossier, profile: Profile, check: Check
) -> None:
    draft = _bilingual(complete)
    section = draft.sections.strategy
    section.working_text = WORKING.replace("三千", "五千")
    state = translation_state(section)
    assert state.outdated == [3] and state.missing == []
    report = check(draft, profile)
    [finding] = [f for f in report.findings if f.code == "translation-outdated"]
    assert (finding.severity, finding.part, finding.location) == ("warning", "strategy", "sections.strategy")
    assert "paragraph 3 " in finding.message
    # confirming it still holds clears it; so does an edit of the translation (recorded again)
    record_translation(section)
    assert _translation(check(draft, profile)) == []


def test_inserted_paragraph_shifts_nothing_else(complete: Dossier) -> None:
    draft = _bilingual(complete)
    section = draft.sections.strategy
    first, *rest = WORKING.split("\n\n")
    section.working_text = "\n\n".join([first, "新增的一段。", *rest])
    state = translation_state(section)
    assert state.outdated == [2] and state.missing == [4]


def test_working_paragraph_without_counterpart_is_missing(
    complete: Dossier, profile: Profile, check: Check
) -> None:
    draft = _bilingual(complete)
    section = draft.sections.strategy
    section.working_text = WORKING + "\n\n第四段。\n第五段。"
    record_translation(section)  # even confirmed, nothing translates paragraphs 4 and 5
    [finding] = [f for f in check(draft, profile).findings if f.code.startswith("translation")]
    assert finding.code == "translation-missing" and "paragraphs 4\u20135 " in finding.message
    draft.sections.opportunities.working_text = "只有中文。"
    draft.sections.opportunities.text = ""
    codes = {(f.part, f.code) for f in check(draft, profile).findings}
    assert ("opportunities", "translation-missing") in codes


def test_never_recorded_translation_is_outdated(complete: Dossier, profile: Profile, check: Check) -> None:
    """A submission text with no record of what it translates cannot be said to be in step."""
    draft = _bilingual(complete)
    draft.sections.assets.working_text = "一段。"
    assert draft.sections.assets.translated_from is None
    assert ("translation-outdated", "warning", "assets", "sections.assets") in _translation(
        check(draft, profile)
    )


def test_monolingual_draft_ignores_stray_working_text(
    complete: Dossier, profile: Profile, check: Check
) -> None:
    complete.sections.strategy.working_text = "一段。"  # no working language: nothing to keep in step
    assert _translation(check(complete, profile)) == []


def test_malformed_working_language_is_an_error_not_a_lockout(
    complete: Dossier, profile: Profile, check: Check
) -> None:
    complete.meta.working_language = "Chinese"
    [finding] = [f for f in check(complete, profile).findings if f.code == "working-language"]
    assert finding.is_error and finding.location == "meta.working_language" and "Chinese" in finding.message


def test_chinese_submission_text_is_not_ready(complete: Dossier, profile: Profile, check: Check) -> None:
    """The verdict is about what UNESCO reads: Chinese in the submission text is an error."""
    draft = _bilingual(complete)
    draft.sections.strategy.text = WORKING
    errors = [f for f in check(draft, profile).errors if f.code == "language"]
    assert [f.location for f in errors] == ["sections.strategy.text"]


# --------------------------------------------------------------------------- (b) dossier confirm


def test_confirm_records_the_working_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _new(tmp_path, "--working-language", "zh")[0] == 0
    path = tmp_path / "lin.dossier.json"
    draft = load_draft(path)
    section = draft.sections.strategy
    section.working_text, section.text = WORKING, SUBMISSION
    record_translation(section)
    section.working_text = WORKING.replace("三千", "五千")
    save_draft(draft, path)
    assert translation_state(load_draft(path).sections.strategy).outdated == [3]
    capsys.readouterr()
    assert main(["confirm", str(path), "strategy"]) == 0
    assert "still holds" in capsys.readouterr().out
    assert translation_state(load_draft(path).sections.strategy).in_step
    assert main(["confirm", str(path), "strategy"]) == 0
    assert "Nothing to confirm" in capsys.readouterr().out
    history = main(["history", str(path), "--json"])
    assert history == 0 and "translation confirmed: strategy" in capsys.readouterr().out


def test_confirm_refuses_plainly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, _, path = _new(tmp_path)
    capsys.readouterr()
    assert main(["confirm", str(path), "strategy"]) == 2
    assert "no working language" in capsys.readouterr().err
    assert main(["confirm", str(path), "basic"]) == 2
    err = capsys.readouterr().err
    assert "not a text part" in err and err.count("\n") == 1
