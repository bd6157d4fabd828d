"""File-safety holes found by trying (issue 15): each test failed before its fix.

Real files and links; ownership needs root (CI runs as root) and is skipped otherwise,
and what the OS refuses is refused at the OS boundary (``os.fchown``).
"""

from __future__ import annotations

import json
import os
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from dossier.cli import main
from dossier.core.model import Dossier
from dossier.core.profiles import Profile
from dossier.core.rules import validate
from dossier.export import export_docx
from dossier.storage import atomic
from dossier.storage.drafts import (
    MAX_DRAFT_BYTES,
    DraftError,
    DraftReadOnlyFileError,
    backup_path,
    read_draft,
    save_draft,
)
from dossier.storage.history import record_save
from dossier.storage.lock import lock_path, read_holder
from dossier.storage.open_draft import OpenDraft
from dossier.storage.recovery import write_recovery

from support.docx_reading import open_docx, rows
from support.paths import EXAMPLES_DIR, REPO

SCHEMA_1 = REPO / "tests" / "data" / "drafts" / "schema-1.dossier.json"
as_root = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="giving files away needs root"
)


def _draft(city: str = "Westmere") -> Dossier:
    draft = Dossier()
    draft.basic.city = city
    return draft


# -- 1. a draft that is a link into a synced folder
def test_save_through_a_link_writes_the_target_and_keeps_the_link(tmp_path: Path) -> None:
    synced = tmp_path / "Dropbox"
    synced.mkdir()
    real = synced / "bid.dossier.json"
    save_draft(_draft("Before"), real)
    link = tmp_path / "bid.dossier.json"
    link.symlink_to(real)
    save_draft(_draft("After"), link)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert read_draft(real).draft.basic.city == "After"
    # the backup sits beside the link, with the lock, recovery copy and history
    assert read_draft(backup_path(link)).draft.basic.city == "Before"
    assert not backup_path(real).exists()
    leftovers = [p.name for p in (*tmp_path.iterdir(), *synced.iterdir()) if p.name.endswith(".tmp")]
    assert leftovers == []


def test_a_link_to_a_file_not_made_yet_makes_it_there(tmp_path: Path) -> None:
    synced = tmp_path / "sync"
    synced.mkdir()
    link = tmp_path / "new.dossier.json"
    link.symlink_to(synced / "new.dossier.json")
    save_draft(_draft(), link)
    assert link.is_symlink() and (synced / "new.dossier.json").is_file()


# -- 7. a link to a device is not written through, and the new file gets the umask
def test_output_through_a_link_to_dev_full_is_a_private_new_file(tmp_path: Path) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    out = tmp_path / "bid.docx"
    out.symlink_to("/dev/full")
    old = os.umask(0o022)
    try:
        atomic.atomic_write(out, b"PK")
    finally:
        os.umask(old)
    assert not out.is_symlink() and out.read_bytes() == b"PK"
    assert stat.S_IMODE(out.stat().st_mode) == 0o644  # never 0666 (the device's mode)
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_special_file_itself_is_refused_not_replaced(tmp_path: Path) -> None:
    # a named pipe of the test's own, never a real device: the old code renamed over it
    pipe = tmp_path / "bid.docx"
    os.mkfifo(pipe)
    with pytest.raises(atomic.WriteError, match="named pipe"):
        atomic.atomic_write(pipe, b"x")
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)


# -- 2. a shared group folder: owner, group and mode stay
@as_root
def test_a_colleagues_save_keeps_owner_group_and_mode(tmp_path: Path) -> None:
    path = tmp_path / "shared.dossier.json"
    save_draft(_draft(), path)
    os.chown(path, 1002, 1003)
    os.chmod(path, 0o660)
    notes: list[str] = []
    save_draft(_draft("Again"), path, notes=notes)
    st = path.stat()
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (1002, 1003, 0o660)
    assert notes == []


@as_root
def test_when_the_owner_cannot_be_kept_it_is_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "shared.dossier.json"
    save_draft(_draft(), path)
    os.chown(path, 1002, 1003)
    os.chmod(path, 0o660)

    def refuse(fd: int, uid: int, gid: int) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(atomic.os, "fchown", refuse)
    notes: list[str] = []
    save_draft(_draft("Again"), path, notes=notes)
    assert len(notes) == 1 and "was owned by 1002" in notes[0] and "now belongs to" in notes[0]
    assert stat.S_IMODE(path.stat().st_mode) == 0o660


def test_a_read_only_draft_is_not_overwritten_without_asking(tmp_path: Path) -> None:
    path = tmp_path / "final.dossier.json"
    save_draft(_draft("Signed"), path)
    os.chmod(path, 0o400)
    with pytest.raises(DraftReadOnlyFileError, match="read-only"):
        save_draft(_draft("Changed"), path)
    assert read_draft(path).draft.basic.city == "Signed"
    save_draft(_draft("Changed"), path, force_read_only=True)
    assert read_draft(path).draft.basic.city == "Changed"
    assert stat.S_IMODE(path.stat().st_mode) == 0o400


# -- 5. duplicate keys
def test_a_duplicate_key_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "dup.dossier.json"
    save_draft(_draft("First"), path)
    text = path.read_text(encoding="utf-8").replace('"city": "First"', '"city": "First", "city": "Second"')
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DraftError) as caught:
        read_draft(path)
    message = str(caught.value)
    assert '"city"' in message and "twice" in message and "\n" not in message


# -- 4. the schema-1 upgrade keeps years it cannot read
@pytest.mark.parametrize(
    ("years", "start", "end", "kept"),
    [
        ("2025–2028", 2025, 2028, False),  # Word's en dash
        ("2025 — 2028", 2025, 2028, False),
        ("2025 to 2028", 2025, 2028, False),
        ("2025-2028", 2025, 2028, False),
        ("2026-ongoing", 2026, None, True),
        ("from spring", None, None, True),
    ],
)
def test_schema_1_years_are_parsed_or_kept(
    tmp_path: Path, years: str, start: int | None, end: int | None, kept: bool
) -> None:
    raw = json.loads(SCHEMA_1.read_text(encoding="utf-8"))
    raw["action_plan"][0]["years"] = years
    path = tmp_path / "old.dossier.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    loaded = read_draft(path)
    item = loaded.draft.sections.contribution.initiatives[0]
    assert (item.start_year, item.end_year) == (start, end)
    extra = item.model_extra or {}
    if kept:
        assert extra.get("years_note") == years
        assert any(years in note and "kept" in note for note in loaded.notes)
        save_draft(loaded.draft, path)
        assert years in path.read_text(encoding="utf-8")
    else:
        assert "years_note" not in extra


# -- 9. plain words
def test_the_current_folder_is_named_not_dot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    message = atomic.explain_os_error(PermissionError(13, "Permission denied"), Path("bid.docx"))
    assert f"write in {tmp_path}" in message and " in .." not in message


def test_a_file_that_is_not_json_is_not_called_cut_short(tmp_path: Path) -> None:
    path = tmp_path / "letter.dossier.json"
    path.write_text("Dear Mayor,\nplease find attached", encoding="utf-8")
    with pytest.raises(DraftError) as caught:
        read_draft(path)
    assert "not JSON" in str(caught.value) and "cut short" not in str(caught.value)


# -- 10. a huge draft is refused before it is read
def test_a_draft_over_the_documented_size_is_refused_before_reading(tmp_path: Path) -> None:
    assert MAX_DRAFT_BYTES == 16 * 1024 * 1024
    path = tmp_path / "huge.dossier.json"
    with open(path, "wb") as handle:
        handle.truncate(MAX_DRAFT_BYTES + 1)  # sparse: nothing is written, nothing must be read
    with pytest.raises(DraftError, match="far too large"):
        read_draft(path)


# -- 9. a garbage lock is unreadable at once, never "process 0" for ten seconds
@pytest.mark.parametrize(
    "content", [b"\x00garbage", b"hello", b'{"pid": 0, "host": "x"}', b'{"pid": "many"}\n', b"[1, 2]"]
)
def test_a_garbage_lock_is_unreadable_at_once(tmp_path: Path, content: bytes) -> None:
    draft = tmp_path / "bid.dossier.json"
    lock_path(draft).write_bytes(content)  # written just now
    holder = read_holder(draft)
    assert holder is not None and holder.stale
    words = holder.describe()
    assert "unreadable" in words and "process" not in words


def test_a_lock_cut_short_just_now_may_still_be_written(tmp_path: Path) -> None:
    draft = tmp_path / "bid.dossier.json"
    lock_path(draft).write_bytes(b'{"pid": 42')
    holder = read_holder(draft)
    assert holder is not None and not holder.stale and "process" not in holder.describe()


# -- 9. a budget total past what a number holds is refused, never "inf USD"
def test_a_total_too_large_to_add_up_is_an_error_and_exported_as_too_large(
    tmp_path: Path, complete: Dossier, profile: Profile
) -> None:
    plan = complete.sections.contribution.initiatives
    plan[0].budget, plan[0].currency = 1.7e308, "USD"
    plan[1].budget, plan[1].currency = 1.7e308, "USD"
    report = validate(complete, profile)
    assert "budget-total" in {f.code for f in report.errors}
    out = tmp_path / "bid.docx"
    export_docx(complete, profile, report, out)
    text = "\n".join(" ".join(" ".join(row) for row in rows(t)) for t in open_docx(out).tables)
    assert "too large" in text and "inf USD" not in text


# -- 9. a newer draft's export says what it leaves out, or refuses with --strict
def test_a_newer_drafts_export_names_what_it_leaves_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = json.loads((EXAMPLES_DIR / "westmere-design.dossier.json").read_text(encoding="utf-8"))
    raw["meta"]["schema_version"] = 99
    raw["sections"]["heritage"] = {"text": "A part added by a newer dossier."}
    path = tmp_path / "newer.dossier.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "newer.docx"
    assert main(["export", str(path), "-o", str(out), "--strict"]) == 1
    err = capsys.readouterr().err
    assert "sections.heritage" in err and "--strict" in err and not out.exists()
    assert main(["export", str(path), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "leaves out" in err and "sections.heritage" in err and out.exists()


# -- 6. a path starting with ~nosuchuser names the field, never "unexpected error (RuntimeError…)"
@pytest.mark.parametrize("where", ["attachment", "profile"])
def test_a_home_folder_of_nobody_names_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    raw = json.loads((EXAMPLES_DIR / "westmere-design.dossier.json").read_text(encoding="utf-8"))
    if where == "profile":
        raw["meta"]["profile"] = "~nosuchuser/call.toml"
    else:
        raw["attachments"]["mayor_letter"]["path"] = "~nosuchuser/letter.pdf"
    path = tmp_path / "home.dossier.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    field = "meta.profile" if where == "profile" else "Letter from the Mayor"
    for command in (["validate", str(path)], ["export", str(path), "-o", str(tmp_path / "home.docx")]):
        code = main(command)
        out, err = capsys.readouterr()
        said = out + err
        assert "unexpected" not in said and "RuntimeError" not in said
        if where == "profile" or command[0] == "validate":
            assert field in said and "~nosuchuser" in said
        else:
            assert code == 0  # exported; the missing letter is a finding in the document


# -- 8. a deleted or damaged draft points to its recovery copy and its history
@pytest.mark.parametrize("damage", ["deleted", "cut short", "wrong shape"])
def test_a_lost_draft_points_to_the_recovery_copy_and_the_history(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "bid.dossier.json"
    save_draft(_draft(), path)
    record_save(path, _draft())
    copy = write_recovery(_draft("Typed since"), path)
    if damage == "deleted":
        path.unlink()
    elif damage == "cut short":
        path.write_bytes(path.read_bytes()[:40])
    else:
        path.write_text('{"meta": {"schema_version": 2}, "basic": []}', encoding="utf-8")
    with pytest.raises(DraftError) as caught:
        read_draft(path)
    message = str(caught.value)
    assert str(copy) in message
    assert f"dossier history {path}" in message and "dossier restore" in message
    assert "\n" not in message


@as_root
def test_the_editor_is_told_when_the_owner_cannot_be_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "shared.dossier.json"
    save_draft(_draft(), path)
    os.chown(path, 1002, 1003)

    def refuse(fd: int, uid: int, gid: int) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(atomic.os, "fchown", refuse)
    opened = OpenDraft(read_draft(path))
    opened.draft.basic.city = "Changed"
    opened.edited()
    job = opened.save_job(datetime(2026, 11, 28, 9, 0, tzinfo=UTC))
    written = opened.write(job)
    assert written.note is not None and "was owned by 1002" in written.note


def test_cli_restore_never_overwrites_a_read_only_draft(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "final.dossier.json"
    save_draft(_draft("First"), path)
    record_save(path, _draft("First"))
    save_draft(_draft("Signed"), path)
    record_save(path, _draft("Signed"))
    os.chmod(path, 0o400)
    code = main(["restore", str(path), "1"])
    err = capsys.readouterr().err
    assert code == 2 and "read-only" in err and err.count("\n") == 1
    assert read_draft(path).draft.basic.city == "Signed"


def test_a_killed_save_through_a_link_is_tidied_beside_the_target(tmp_path: Path) -> None:
    synced = tmp_path / "sync"
    synced.mkdir()
    real = synced / "bid.dossier.json"
    save_draft(_draft(), real)
    link = tmp_path / "bid.dossier.json"
    link.symlink_to(real)
    leftover = synced / ".bid.dossier.json.k1ll3d.tmp"
    leftover.write_text('{"half": ', encoding="utf-8")
    os.utime(leftover, (1, 1))
    assert atomic.remove_leftovers(link) == 1 and not leftover.exists()
