"""The version history beside a draft: record, list, read back, label, dedup, damage."""

from __future__ import annotations

import os
import random
import sqlite3
import stat
import sys
from pathlib import Path

import pytest

from dossier.core.form import TEXT_PARTS
from dossier.core.model import Dossier, Initiative, SdgTarget
from dossier.storage.drafts import backup_path, dumps, load_draft, read_draft, save_draft, touch
from dossier.storage.history import (
    APPLICATION_ID,
    SCHEMA,
    History,
    HistoryError,
    default_author,
    history_path,
    record_save,
    split_draft,
)

from support.faults import remount_read_only

BENCH = Path(__file__).resolve().parent / "bench"


@pytest.fixture
def draft_path(tmp_path: Path) -> Path:
    draft = Dossier()
    draft.basic.city = "Westmere"
    draft.introduction.text = "Westmere is a city of makers. 我们的城市。"
    draft.sections.sdg_goals.targets = [SdgTarget(goal=4, outcome="schools")]
    draft.sections.contribution.initiatives = [Initiative(title="Studios", budget=1000)]
    path = tmp_path / "westmere.dossier.json"
    save_draft(draft, path, backup=False)
    return path


def test_history_file_sits_beside_the_draft(tmp_path: Path) -> None:
    assert history_path(tmp_path / "a.dossier.json") == tmp_path / "a.dossier.history.sqlite"
    assert history_path(tmp_path / "notes.json") == tmp_path / "notes.json.history.sqlite"
    assert history_path(tmp_path / "B.Dossier.JSON") == tmp_path / "B.Dossier.history.sqlite"


def test_record_list_get_label_round_trip(draft_path: Path) -> None:
    draft = load_draft(draft_path)
    with History.open(draft_path) as history:
        assert history.note is None and history.versions() == []
        first = history.record(draft, kind="import")
        assert first is not None and first.kind == "import" and first.author == default_author()
        assert history.record(draft) is None  # nothing changed: no version
        touch(draft)
        assert history.record(draft) is None  # only the revision and time: still no version
        draft.sections.strategy.text = "A new strategy."
        draft.sections.contribution.initiatives.append(Initiative(title="Festival"))
        second = history.record(draft, author="li.wei", label="draft for the mayor")
        assert second is not None
        assert second.parts == ("strategy", "contribution") and second.author == "li.wei"
        listed = history.versions()
        assert [v.id for v in listed] == [second.id, first.id]  # newest first
        assert listed[0] == second
        assert history.get(first.id) == load_draft(draft_path)
        assert history.get(second.id) == draft
        labelled = history.label(first.id, "  national pre-selection ")
        assert labelled.label == "national pre-selection"
        assert history.label(first.id, "").label is None
        with pytest.raises(HistoryError, match="no version 99"):
            history.get(99)
        with pytest.raises(HistoryError, match="no version 99"):
            history.label(99, "x")
    with History.open(draft_path) as again:  # and it is all on disk
        assert [v.id for v in again.versions()] == [second.id, first.id]
        assert again.get(second.id) == draft
        assert again.version(second.id).label == "draft for the mayor"


def test_file_is_marked_and_versioned_for_migrations(draft_path: Path) -> None:
    History.open(draft_path).close()
    conn = sqlite3.connect(history_path(draft_path))
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        conn.close()


def test_unknown_keys_and_exact_text_survive(draft_path: Path) -> None:
    raw = draft_path.read_text("utf-8").replace('"meta": {', '"future_part": {"x": [1, 2]},\n  "meta": {', 1)
    draft_path.write_text(raw, "utf-8")
    draft = load_draft(draft_path)
    draft.sections.assets.text = "[bold] not markup [/x] 🎨 e\u0301 \u200b"
    with History.open(draft_path) as history:
        version = history.record(draft)
        assert version is not None
        assert dumps(history.get(version.id)) == dumps(draft)


def test_an_outside_change_is_recorded_before_the_save(draft_path: Path) -> None:
    draft = load_draft(draft_path)
    assert record_save(draft_path, draft) is None
    # another program (a text editor, a sync client) changes the file
    raw = draft_path.read_text("utf-8").replace("city of makers", "city of weavers")
    draft_path.write_text(raw, "utf-8")
    # dossier saves over it ("Overwrite" in the conflict dialog): the other text stays in the history
    touch(draft)
    draft.sections.assets.text = "Our assets."
    save_draft(draft, draft_path)
    assert record_save(draft_path, draft) is None
    with History.open(draft_path) as history:
        saved, outside, first = history.versions()
        assert (first.kind, outside.kind, saved.kind) == ("save", "outside", "save")
        assert outside.parts == ("introduction",) and outside.author is None
        assert "city of weavers" in history.get(outside.id).introduction.text
        assert history.get(saved.id) == draft


def test_check_outside(draft_path: Path) -> None:
    on_disk = load_draft(draft_path)
    with History.open(draft_path) as history:
        first = history.check_outside(on_disk)  # no version yet: the draft as found is the first
        assert first is not None and first.kind == "import"
        assert history.check_outside(on_disk) is None  # unchanged
        on_disk.basic.city = "Eastmere"
        changed = history.check_outside(on_disk)
        assert changed is not None and changed.kind == "outside" and changed.parts == ("basic",)


def test_first_save_of_an_old_draft_keeps_what_was_there(draft_path: Path) -> None:
    """A draft from before histories existed: its last text on disk becomes the first version."""
    draft = load_draft(draft_path)
    before = load_draft(draft_path)
    draft.sections.opportunities.text = "New."
    touch(draft)
    save_draft(draft, draft_path)
    assert backup_path(draft_path).exists()
    assert record_save(draft_path, draft) is None
    with History.open(draft_path) as history:
        saved, imported = history.versions()
        assert imported.kind == "import" and saved.parts == ("opportunities",)
        assert history.get(imported.id) == before


def test_a_backup_of_another_draft_is_not_taken_for_this_one(draft_path: Path) -> None:
    other = Dossier()
    other.basic.city = "Somewhere else"
    backup_path(draft_path).write_text(dumps(other), "utf-8")
    assert record_save(draft_path, load_draft(draft_path)) is None
    with History.open(draft_path) as history:
        assert [v.kind for v in history.versions()] == ["save"]


def test_history_is_no_more_readable_than_the_draft(draft_path: Path) -> None:
    os.chmod(draft_path, 0o600)
    record_save(draft_path, load_draft(draft_path))
    assert stat.S_IMODE(history_path(draft_path).stat().st_mode) & 0o077 == 0


def test_split_keeps_unchanged_parts_identical() -> None:
    a = Dossier()
    b = a.model_copy(deep=True)
    b.sections.strategy.text = "changed"
    pa, pb = split_draft(a), split_draft(b)
    assert {k for k in pa if pa[k] != pb[k]} == {"strategy"}


# --------------------------------------------------------------------------- damage


def _garbage(path: Path) -> None:
    path.write_bytes(b"this is not a database at all\x00\xff" * 200)


def _truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def _directory(path: Path) -> None:
    path.unlink()
    path.mkdir()
    (path / "inside").write_text("x")


def _other_sqlite(path: Path) -> None:
    path.unlink()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE songs (name TEXT)")
    conn.commit()
    conn.close()


@pytest.mark.parametrize("damage", [_garbage, _truncated, _directory, _other_sqlite])
def test_a_damaged_history_is_set_aside_and_reported(draft_path: Path, damage: object) -> None:
    original = load_draft(draft_path)
    draft = original.model_copy(deep=True)
    with History.open(draft_path) as history:
        for n in range(30):  # enough pages (text that does not compress) that a truncation cuts data
            draft.sections.assets.text = f"version {n} {random.Random(n).randbytes(3000).hex()}"
            history.record(draft)
    target = history_path(draft_path)
    damage(target)  # type: ignore[operator]
    # the draft still opens, whatever its history looks like
    assert read_draft(draft_path).draft == original
    with History.open(draft_path) as history:
        assert history.note is not None
        assert "damaged" in history.note and "set aside" in history.note and "not affected" in history.note
        assert history.versions() == []
        assert history.record(draft) is not None  # and the fresh one works
    aside = [p for p in draft_path.parent.iterdir() if ".damaged-" in p.name]
    assert len(aside) == 1 and aside[0].name.startswith(target.name + ".damaged-")
    with History.open(draft_path) as again:
        assert again.note is None and len(again.versions()) == 1


def test_a_truncated_history_found_while_saving_is_set_aside(draft_path: Path) -> None:
    """Damage that only shows when a page is read: record_save still records, and says so."""
    draft = load_draft(draft_path)
    with History.open(draft_path) as history:
        history.record(draft)
    history_path(draft_path).write_bytes(b"\x00" * 4096)
    draft.basic.city = "Later"
    note = record_save(draft_path, draft)
    assert note is not None and "set aside" in note
    with History.open(draft_path) as history:
        assert history.get(history.versions()[0].id) == draft


def test_a_folder_that_cannot_hold_a_history_does_not_stop_the_save(small_disk: Path) -> None:
    """A read-only disk (a real one: a tmpfs remounted read-only): the save's note says so."""
    draft_path = small_disk / "ro.dossier.json"
    save_draft(Dossier(), draft_path, backup=False)
    remount_read_only(small_disk)
    note = record_save(draft_path, load_draft(draft_path))
    assert note is not None and "cannot be used" in note


def test_record_save_never_raises(draft_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(History, "record", broken)
    note = record_save(draft_path, load_draft(draft_path))
    assert note is not None and "disk on fire" in note and "was saved" in note


def test_history_from_a_newer_dossier_is_read_not_written(draft_path: Path) -> None:
    draft = load_draft(draft_path)
    with History.open(draft_path) as history:
        history.record(draft)
    conn = sqlite3.connect(history_path(draft_path))
    conn.execute(f"PRAGMA user_version = {SCHEMA + 1}")
    conn.commit()
    conn.close()
    draft.basic.city = "Other"
    note = record_save(draft_path, draft)
    assert note is not None and "newer dossier" in note
    with History.open(draft_path) as history:
        assert history.read_only and len(history.versions()) == 1
    assert not [p for p in draft_path.parent.iterdir() if ".damaged-" in p.name]


# --------------------------------------------------------------------------- size


@pytest.mark.slow
def test_a_thousand_versions_of_the_largest_draft_take_under_20_mb(tmp_path: Path) -> None:
    sys.path.insert(0, str(BENCH))
    from largest import make_largest

    path = make_largest(tmp_path)
    draft = load_draft(path)
    with History.open(path) as history:
        history.record(draft)
        for n in range(1000):
            part = TEXT_PARTS[n % len(TEXT_PARTS)]
            draft.part(part).text += f" change{n}"
            touch(draft)
            version = history.record(draft)
            assert version is not None and version.parts == (part,)
        assert len(history.versions()) == 1001
        assert history.get(500).part(TEXT_PARTS[498 % len(TEXT_PARTS)]).text.endswith(" change498")
    files = [p for p in tmp_path.iterdir() if p.name.startswith(history_path(path).name)]
    size = sum(p.stat().st_size for p in files)
    assert [p.name for p in files] == [history_path(path).name]  # one file travels with the draft
    # every version stores only the part that changed (and the small settings part)
    assert size < 20 * 1024 * 1024, f"{size / 1e6:.1f} MB"
    whole = len(path.read_bytes())
    assert size < 1000 * whole / 2, "parts are not deduplicated"


def test_a_history_that_cannot_be_made_keeps_versions_in_memory(
    draft_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As a read-only folder does (the permission test above cannot run as root)."""

    def refuse(*args: object, **kwargs: object) -> sqlite3.Connection:
        if args and args[0] == ":memory:":
            return real(":memory:", **kwargs)  # type: ignore[arg-type]
        raise sqlite3.OperationalError("unable to open database file")

    real = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", refuse)
    with History.open(draft_path) as history:
        assert history.file is None
        assert history.note is not None and "kept only until you close" in history.note
        assert history.record(load_draft(draft_path)) is not None
        assert len(history.versions()) == 1
    note = record_save(draft_path, load_draft(draft_path))
    assert note is not None and "cannot be used" in note


def test_the_author_set_in_the_settings_is_recorded_with_each_save(draft_path: Path) -> None:
    from dossier.storage.history import set_author

    draft = load_draft(draft_path)
    assert set_author("  Li   Wei ")
    draft.introduction.text = "Changed once."
    assert record_save(draft_path, draft) is None
    with History.open(draft_path) as history:
        assert history.versions()[0].author == "Li Wei"
    assert set_author("")  # an empty name: the computer's user name again
    assert default_author() != "Li Wei"


def test_version_of_and_record_export(draft_path: Path) -> None:
    from dossier.storage.history import exported_version, record_export

    draft = load_draft(draft_path)
    assert exported_version(draft_path, draft) == (None, None)  # no history yet: nothing to say
    assert record_save(draft_path, draft) is None
    version_id, note = exported_version(draft_path, draft)
    assert version_id == 1 and note is None
    assert record_export(draft_path, 1, draft_path.with_name("a.docx")) is None
    with History.open(draft_path) as history:
        assert history.version(1).exported == ("a.docx",)
        assert history.record(draft) is None  # an export is not a version
    draft.introduction.text = "Typed, not saved."
    version_id, note = exported_version(draft_path, draft)
    assert version_id is None and note is not None and "names no version" in note
