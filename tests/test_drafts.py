"""Draft files: exact round trips, atomic saves with a backup, and a clear error for every bad file."""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.core.model import SCHEMA_VERSION, Dossier
from dossier.storage import atomic
from dossier.storage.drafts import (
    DraftConflictError,
    DraftError,
    DraftNewerError,
    backup_path,
    create_new,
    dumps,
    load_draft,
    read_draft,
    save_draft,
)

from support.paths import EXAMPLES_DIR, REPO

SAMPLES = REPO / "tests" / "data" / "drafts"

# Any text a user could type or paste: every plane, controls and markup-looking brackets.
any_text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=200) | st.sampled_from(
    ["[bold]x[/bold]", "[/", "[@click=app.quit]q[/]", "\x00\x07\x1b[31m", "😀👨‍👩‍👧", "مرحبا"]
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(city=any_text, text=any_text, outcome=any_text)
def test_save_load_round_trip_any_unicode(tmp_path: Path, city: str, text: str, outcome: str) -> None:
    draft = Dossier()
    draft.basic.city = city
    draft.sections.assets.text = text
    draft.sections.sdg_goals.targets = [{"goal": 11, "outcome": outcome}]  # type: ignore[list-item]
    path = tmp_path / "rt.dossier.json"
    save_draft(draft, path)
    again = load_draft(path)
    assert again == draft
    assert again.sections.assets.text == text
    first = path.read_bytes()
    save_draft(again, path)
    assert path.read_bytes() == first


def test_file_is_readable_utf8_with_stable_order(tmp_path: Path, complete: Dossier) -> None:
    complete.basic.city = "澜江"
    path = tmp_path / "c.dossier.json"
    save_draft(complete, path)
    text = path.read_text("utf-8")
    assert "澜江" in text and "\\u" not in text
    assert text.startswith(f'{{\n  "meta": {{\n    "schema_version": {SCHEMA_VERSION},')
    assert list(json.loads(text)) == ["meta", "basic", "introduction", "sections", "attachments"]
    assert text == dumps(load_draft(path))


def test_save_keeps_previous_version_as_backup(tmp_path: Path, complete: Dossier) -> None:
    path = tmp_path / "b.dossier.json"
    save_draft(complete, path)
    first = path.read_bytes()
    assert not backup_path(path).exists()
    complete.introduction.text = "second version"
    save_draft(complete, path)
    assert backup_path(path).read_bytes() == first
    assert load_draft(path).introduction.text == "second version"


def test_leftovers_of_a_killed_save_are_removed_and_nothing_else(tmp_path: Path, complete: Dossier) -> None:
    path = tmp_path / "city.dossier.json"
    save_draft(complete, path)
    old = [tmp_path / ".city.dossier.json.abc123.tmp", tmp_path / ".city.dossier.json.recovery.x.tmp"]
    fresh = tmp_path / ".city.dossier.json.def456.tmp"
    others = [tmp_path / ".other.dossier.json.abc.tmp", tmp_path / "city.dossier.json.bak"]
    for leftover in [*old, fresh, *others]:
        leftover.write_text("partial")
    for leftover in [*old, *others]:
        os.utime(leftover, (1_000_000_000, 1_000_000_000))
    (tmp_path / ".city.dossier.json.dir.tmp").mkdir()
    os.utime(tmp_path / ".city.dossier.json.dir.tmp", (1_000_000_000, 1_000_000_000))
    assert atomic.remove_leftovers(path) == 2
    assert not any(p.exists() for p in old)
    assert fresh.exists() and all(p.exists() for p in others)  # a save may still be writing it
    assert (tmp_path / ".city.dossier.json.dir.tmp").is_dir()
    assert atomic.remove_leftovers(tmp_path / "gone" / "x.dossier.json") == 0


def test_file_mode_is_kept_and_no_temp_files_remain(tmp_path: Path, complete: Dossier) -> None:
    path = tmp_path / "m.dossier.json"
    save_draft(complete, path)
    os.chmod(path, 0o640)
    save_draft(complete, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.dossier.json", "m.dossier.json.bak"]


@pytest.mark.parametrize("failing", ["write", "fsync", "replace"])
def test_failed_save_leaves_old_file_intact(
    tmp_path: Path, complete: Dossier, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    path = tmp_path / "f.dossier.json"
    save_draft(complete, path)
    before = path.read_bytes()
    complete.introduction.text = "never written"

    def boom(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    target = {"write": (os, "fdopen"), "fsync": (os, "fsync"), "replace": (os, "replace")}[failing]
    if failing == "write":
        real_fdopen = os.fdopen

        class Full:
            def __init__(self, fd: int, mode: str) -> None:
                self.handle = real_fdopen(fd, mode)

            def __enter__(self) -> Full:
                return self

            def __exit__(self, *exc: object) -> None:
                self.handle.close()

            def write(self, data: bytes) -> int:
                self.handle.write(data[: len(data) // 2])  # half lands, then the disk is full
                raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(atomic.os, "fdopen", Full)
    else:
        monkeypatch.setattr(target[0], target[1], boom)
    with pytest.raises(DraftError, match=r"disk holding .* is full"):
        save_draft(complete, path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize(
    ("err", "words"),
    [
        (errno.EACCES, "not allowed to write"),
        (errno.EROFS, "read-only disk"),
        (errno.ENAMETOOLONG, "too long"),
        (errno.ENOENT, "does not exist"),
    ],
)
def test_save_errors_are_plain_sentences(
    tmp_path: Path, complete: Dossier, monkeypatch: pytest.MonkeyPatch, err: int, words: str
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(err, os.strerror(err))

    monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
    with pytest.raises(DraftError, match=words) as caught:
        save_draft(complete, tmp_path / "x.dossier.json")
    assert "Errno" not in str(caught.value)


def test_save_to_a_folder_is_refused(tmp_path: Path, complete: Dossier) -> None:
    with pytest.raises(DraftError, match="is a folder"):
        save_draft(complete, tmp_path)


def test_external_change_is_detected_before_overwriting(tmp_path: Path, complete: Dossier) -> None:
    path = tmp_path / "c.dossier.json"
    save_draft(complete, path)
    loaded = read_draft(path)
    path.write_text(path.read_text("utf-8").replace("Westmere", "Eastmere"), "utf-8")
    with pytest.raises(DraftConflictError, match="changed by another program"):
        save_draft(loaded.draft, path, expect=loaded.fingerprint)
    assert "Eastmere" in path.read_text("utf-8")
    save_draft(loaded.draft, path, expect=loaded.fingerprint, force=True)
    assert "Eastmere" not in path.read_text("utf-8")


def test_create_new_never_overwrites(tmp_path: Path, complete: Dossier) -> None:
    path = tmp_path / "n.dossier.json"
    path.write_text("precious", "utf-8")
    with pytest.raises(DraftError, match="already exists"):
        create_new(path, complete)
    assert path.read_text("utf-8") == "precious"


BAD_FILES: list[tuple[str, bytes, str]] = [
    ("empty", b"", "the file is empty"),
    ("truncated", b'{\n  "meta": {\n    "schema_version": 2,\n    "profile": "uc', "line 4.*cut short"),
    ("not json", b"Dear colleagues,\nplease find the draft attached.", "not JSON at all"),
    ("binary", b"\x89PNG\r\n\x1a\n\x00\x00", "not a UTF-8 text file"),
    (
        "latin-1",
        '{"meta": {"schema_version": 2}, "basic": {"city": "Besançon"}}'.encode("latin-1"),
        "not a UTF-8 text file",
    ),
    ("other program", b'{"name": "my-app", "version": "1.0.0"}', "not a dossier draft"),
    ("a list", b"[1, 2, 3]", "not a dossier draft"),
    ("no version", b'{"meta": {}}', "does not say which schema version"),
    (
        "wrong shape",
        b'{"meta": {"schema_version": 2}, "basic": {"population": "many"}}',
        r"basic\.population should be a whole number, not \"many\"",
    ),
    (
        "wrong type",
        b'{"meta": {"schema_version": 2}, "sections": {"strategy": 42}}',
        r"sections\.strategy should be a group of named values",
    ),
    (
        "bad literal",
        b'{"meta": {"schema_version": 2, "language": "de"}}',
        r"meta\.language should be one of 'en', 'fr', not \"de\"",  # not pydantic's English "or"
    ),
    (
        "deep",
        b'{"meta": {"schema_version": 2}, "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        "nested too deeply",
    ),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_files_raise_one_error_naming_file_and_problem(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / "bad.dossier.json"
    path.write_bytes(content)
    with pytest.raises(DraftError, match=message) as caught:
        load_draft(path)
    assert str(path) in str(caught.value)
    assert "\n" not in str(caught.value)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(DraftError, match="no such file"):
        load_draft(tmp_path / "nope.dossier.json")
    with pytest.raises(DraftError, match="is a folder"):
        load_draft(tmp_path)


def test_truncated_file_points_to_the_backup(tmp_path: Path, complete: Dossier) -> None:
    path = tmp_path / "t.dossier.json"
    save_draft(complete, path)
    save_draft(complete, path)
    path.write_bytes(path.read_bytes()[:500])
    with pytest.raises(DraftError, match=r"previous version is in .*t\.dossier\.json\.bak"):
        load_draft(path)


def test_bom_and_crlf_files_load(tmp_path: Path, complete: Dossier) -> None:
    path = tmp_path / "w.dossier.json"
    path.write_bytes(b"\xef\xbb\xbf" + dumps(complete).replace("\n", "\r\n").encode("utf-8"))
    assert load_draft(path) == complete


def test_lone_surrogate_escapes_are_replaced_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "s.dossier.json"
    path.write_text('{"meta": {"schema_version": 2}, "basic": {"city": "ab\\ud800cd"}}', "utf-8")
    loaded = read_draft(path)
    assert loaded.draft.basic.city == "ab\ufffdcd"
    assert any("basic.city" in note and "surrogate" in note for note in loaded.notes)
    save_draft(loaded.draft, path)  # and it can be saved again


def test_newer_schema_is_refused_but_readable(tmp_path: Path, complete: Dossier) -> None:
    data = complete.model_dump(mode="json")
    data["meta"]["schema_version"] = SCHEMA_VERSION + 1
    data["sections"]["future_part"] = {"text": "from the future"}
    path = tmp_path / "new.dossier.json"
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(DraftNewerError, match="newer version of dossier") as caught:
        load_draft(path)
    assert caught.value.loaded.read_only
    loaded = read_draft(path, allow_newer=True)
    assert loaded.read_only and loaded.draft.sections.assets.text == complete.sections.assets.text


def test_unknown_fields_survive_load_and_save(tmp_path: Path, complete: Dossier) -> None:
    data = complete.model_dump(mode="json")
    data["reviewer"] = {"name": "Li"}
    data["basic"]["contacts"]["mayor"]["wechat"] = "mayor_wx"
    data["sections"]["contribution"]["initiatives"][0]["kpi"] = ["visitors", 3]
    data["attachments"]["photo_1"]["caption"] = "晨雾中的老街"
    path = tmp_path / "u.dossier.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    save_draft(load_draft(path), path)
    again = json.loads(path.read_text("utf-8"))
    assert again["reviewer"] == {"name": "Li"}
    assert again["basic"]["contacts"]["mayor"]["wechat"] == "mayor_wx"
    assert again["sections"]["contribution"]["initiatives"][0]["kpi"] == ["visitors", 3]
    assert again["attachments"]["photo_1"]["caption"] == "晨雾中的老街"


def test_schema_1_sample_migrates(tmp_path: Path) -> None:
    path = tmp_path / "old.dossier.json"
    shutil.copy(SAMPLES / "schema-1.dossier.json", path)
    loaded = read_draft(path)
    draft = loaded.draft
    assert loaded.migrated_from == 1 and any("schema 1" in n for n in loaded.notes)
    assert draft.meta.schema_version == SCHEMA_VERSION
    assert draft.meta.draft_id == "5f0c1d2e3a4b4c5d8e9f0a1b2c3d4e5f"
    assert draft.basic.city == "Westmere" and draft.basic.contacts.mayor.family_name == "Okafor"
    assert draft.introduction.text.endswith("西湖 and 🎨 stay as typed: [bold] too.")
    assert draft.sections.strategy.text.startswith("The Westmere Plan 2030")
    assert draft.sections.sdg_goals.targets[0].goal == 11
    [item] = draft.sections.contribution.initiatives
    assert (item.start_year, item.end_year, item.budget, item.currency) == (2025, 2028, 250000, "USD")
    assert draft.attachments["mayor_letter"].path == "letters/mayor.pdf"
    assert draft.model_extra == {"reviewer_notes": "kept by the migration"}
    # a migrated draft re-saves to a fixed point
    save_draft(draft, path)
    first = path.read_bytes()
    save_draft(load_draft(path), path)
    assert path.read_bytes() == first


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("schema-*.dossier.json")), ids=lambda p: p.name)
def test_every_released_schema_sample_keeps_loading(sample: Path) -> None:
    assert load_draft(sample).meta.schema_version == SCHEMA_VERSION


def test_temp_files_are_created_owner_only(
    tmp_path: Path, complete: Dossier, monkeypatch: pytest.MonkeyPatch
) -> None:
    modes: list[int] = []
    real = atomic.tempfile.mkstemp

    def spy(*args: object, **kwargs: object) -> tuple[int, str]:
        fd, name = real(*args, **kwargs)  # type: ignore[call-overload]
        modes.append(stat.S_IMODE(os.stat(name).st_mode))
        return fd, name

    monkeypatch.setattr(atomic.tempfile, "mkstemp", spy)
    save_draft(complete, tmp_path / "o.dossier.json")
    assert modes == [0o600]


def test_windows_sharing_violation_is_retried(
    tmp_path: Path, complete: Dossier, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Antivirus and sync tools hold files for a moment on Windows: retry, then succeed."""
    path = tmp_path / "w.dossier.json"
    save_draft(complete, path)
    real = os.replace
    refusals = iter([True, True, False])

    def held(src: str, dst: object) -> None:
        if next(refusals, False):
            raise PermissionError(13, "The process cannot access the file")
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(atomic.sys, "platform", "win32")
    monkeypatch.setattr(atomic.os, "replace", held)
    monkeypatch.setattr(atomic.time, "sleep", lambda s: None)
    complete.introduction.text = "saved after two refusals"
    save_draft(complete, path, backup=False)
    assert load_draft(path).introduction.text == "saved after two refusals"


def test_windows_sharing_violation_gives_up_with_a_message(
    tmp_path: Path, complete: Dossier, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "w.dossier.json"
    save_draft(complete, path)
    before = path.read_bytes()

    def always(src: str, dst: object) -> None:
        raise PermissionError(13, "The process cannot access the file")

    monkeypatch.setattr(atomic.sys, "platform", "win32")
    monkeypatch.setattr(atomic.os, "replace", always)
    monkeypatch.setattr(atomic.time, "sleep", lambda s: None)
    with pytest.raises(DraftError, match="not allowed to write"):
        save_draft(complete, path, backup=False)
    assert path.read_bytes() == before


@pytest.mark.parametrize("number", ["Infinity", "-Infinity", "NaN", "1e999", "9" * 5000])
def test_numbers_that_cannot_be_saved_back_are_refused_plainly(tmp_path: Path, number: str) -> None:
    """Python's json reads them (or raises a bare ValueError); a save would change or lose them."""
    path = tmp_path / "odd.dossier.json"
    data = json.loads(EXAMPLES_DIR.joinpath("westmere-design.dossier.json").read_text("utf-8"))
    data["attachments"]["photo_1_rights"]["future_field"] = "PLACEHOLDER"
    path.write_text(json.dumps(data).replace('"PLACEHOLDER"', number), encoding="utf-8")
    with pytest.raises(DraftError) as caught:
        load_draft(path)
    message = str(caught.value)
    assert str(path) in message and "\n" not in message and "cannot keep" in message
