"""Recent list, recovery copies and lock files: pure helpers, tested without Textual."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dossier.core.model import Dossier
from dossier.core.profiles import Profile
from dossier.storage import lock, recent, recovery
from dossier.storage.drafts import DraftError, create_new, dumps, save_draft


@pytest.fixture
def draft_file(tmp_path: Path, complete: Dossier) -> Path:
    path = tmp_path / "westmere.dossier.json"
    create_new(path, complete)
    return path


# ---------------------------------------------------------------- recent


def test_data_dir_follows_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(recent.ENV_DATA_DIR, str(tmp_path / "d"))
    assert recent.data_dir() == tmp_path / "d"
    monkeypatch.delenv(recent.ENV_DATA_DIR)
    assert recent.data_dir().name == "dossier"


def test_recent_is_most_recent_first_and_existing_only(tmp_path: Path) -> None:
    a, b, gone = tmp_path / "a.dossier.json", tmp_path / "b.dossier.json", tmp_path / "c.dossier.json"
    for p in (a, b, gone):
        p.write_text("{}")
    for p in (a, gone, b, a):
        assert recent.remember(p)
    gone.unlink()
    assert recent.recent_drafts() == [a.resolve(), b.resolve()]


def test_recent_keeps_the_place_and_survives_a_damaged_file(tmp_path: Path) -> None:
    a = tmp_path / "a.dossier.json"
    a.write_text("{}")
    recent.remember(a, place={"part": "strategy", "cursor": [3, 4]})
    recent.remember(a)  # no place given: the old one stays
    assert recent.last_place(a) == {"part": "strategy", "cursor": [3, 4]}
    (recent.data_dir() / "recent.json").write_text("{not json")
    assert recent.recent_drafts() == []
    assert recent.remember(a)
    assert recent.recent_drafts() == [a.resolve()]


def test_recent_list_is_capped_and_preferences_kept(tmp_path: Path) -> None:
    for i in range(recent.MAX_RECENT + 5):
        p = tmp_path / f"{i}.dossier.json"
        p.write_text("{}")
        recent.remember(p)
    assert len(recent.recent_drafts()) == recent.MAX_RECENT
    recent.set_preference("guidance_language", "zh")
    assert recent.preferences()["guidance_language"] == "zh"
    recent.forget(tmp_path / f"{recent.MAX_RECENT + 4}.dossier.json")
    assert recent.recent_drafts()[0].name == f"{recent.MAX_RECENT + 3}.dossier.json"


def test_remember_never_raises_when_the_data_dir_is_unwritable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Permission denied on the data folder (injected: as root chmod would block nothing)."""

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(args[0]) if args else "")

    monkeypatch.setattr("tempfile.mkstemp", denied)
    assert recent.remember(tmp_path / "x") is False
    assert recent.recent_drafts() == []


def test_remember_reports_an_unwritable_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv(recent.ENV_DATA_DIR, str(blocker / "sub"))  # a file where a folder should be
    assert recent.remember(tmp_path / "x") is False
    assert recent.recent_drafts() == []


# ---------------------------------------------------------------- recovery


def test_recovery_path_is_beside_the_draft(draft_file: Path) -> None:
    assert recovery.recovery_path(draft_file) == draft_file.with_name("westmere.dossier.json.recovery")


def test_recovery_is_offered_only_when_newer_and_different(draft_file: Path, complete: Dossier) -> None:
    assert recovery.recovery_offer(draft_file, complete) is None
    edited = complete.model_copy(deep=True)
    edited.sections.strategy.text += "\n\nOne more paragraph typed before the crash."
    written = recovery.write_recovery(edited, draft_file)
    os.utime(written, (time.time() + 5, time.time() + 5))
    offered = recovery.recovery_offer(draft_file, complete)
    assert offered is not None
    assert offered.sections.strategy.text == edited.sections.strategy.text
    # same content (only revision/modified differ): nothing to offer
    same = complete.model_copy(deep=True)
    same.meta.revision += 3
    recovery.write_recovery(dumps(same), draft_file)
    os.utime(written, (time.time() + 10, time.time() + 10))
    assert recovery.recovery_offer(draft_file, complete) is None


def test_recovery_older_than_the_draft_is_not_offered_but_set_aside(
    draft_file: Path, complete: Dossier
) -> None:
    edited = complete.model_copy(deep=True)
    edited.introduction.text = "Typed in a window that died."
    written = recovery.write_recovery(edited, draft_file)
    os.utime(written, (time.time() - 100, time.time() - 100))
    assert recovery.recovery_offer(draft_file, complete) is None
    aside = recovery.retire_recovery(draft_file, complete)
    assert aside is not None and aside.is_file() and not written.exists()
    assert "Typed in a window that died." in aside.read_text(encoding="utf-8")
    # an identical copy is simply removed
    recovery.write_recovery(complete, draft_file)
    assert recovery.retire_recovery(draft_file, complete) is None
    assert not recovery.recovery_path(draft_file).exists()


def test_recovery_keeps_the_drafts_permissions(draft_file: Path, complete: Dossier) -> None:
    if sys.platform == "win32":
        pytest.skip("POSIX modes")
    os.chmod(draft_file, 0o640)
    written = recovery.write_recovery(complete, draft_file)
    assert stat.S_IMODE(written.stat().st_mode) == 0o640


def test_unreadable_recovery_is_ignored_and_discard_is_idempotent(
    draft_file: Path, complete: Dossier
) -> None:
    target = recovery.recovery_path(draft_file)
    target.write_text('{"meta": {"schema_version": 2}, "basic": ', encoding="utf-8")  # cut short
    assert recovery.read_recovery(draft_file) is None
    assert recovery.recovery_offer(draft_file, complete) is None
    recovery.discard_recovery(draft_file)
    recovery.discard_recovery(draft_file)
    assert not target.exists()


def test_write_recovery_failure_is_a_plain_draft_error(tmp_path: Path, complete: Dossier) -> None:
    with pytest.raises(DraftError, match="recovery copy"):
        recovery.write_recovery(complete, tmp_path / "no-such-folder" / "x.dossier.json")


def test_compare_names_each_changed_part(complete: Dossier, profile: Profile) -> None:
    new = complete.model_copy(deep=True)
    new.sections.strategy.text += " three more words"
    new.introduction.text = new.introduction.text.replace("Westmere", "Eastmere")
    new.basic.city = "Eastmere"
    new.sections.contribution.initiatives = new.sections.contribution.initiatives[:1]
    new.attachments["mayor_letter"].status = "missing"
    lines = recovery.compare(complete, new, profile)
    strategy_words = len(complete.sections.strategy.text.split())
    assert lines == [
        "Basic information: city changed",
        f"General introduction: text changed ({len(complete.introduction.text.split())} words)",
        f"2. Development strategy and policy: {strategy_words} → {strategy_words + 3} words",
        "6. Contribution to the network: action plan 2 → 1 initiative",
        "Attachments: 1 changed",
    ]
    assert recovery.compare(complete, complete.model_copy(deep=True)) == []


# ---------------------------------------------------------------- lock


def test_lock_is_exclusive_and_says_who_holds_it(draft_file: Path) -> None:
    first = lock.acquire(draft_file)
    assert isinstance(first, lock.Lock) and first.held
    content = json.loads(lock.lock_path(draft_file).read_text())
    assert set(content) == {"pid", "host", "user", "started"}
    second = lock.acquire(draft_file)
    assert isinstance(second, lock.Holder)
    # our own pid counts as stale (this process no longer has the draft open in a window)
    assert second.pid == os.getpid()
    first.release()
    assert not lock.lock_path(draft_file).exists()
    again = lock.acquire(draft_file)
    assert isinstance(again, lock.Lock)
    again.release()


def test_a_live_process_elsewhere_is_not_stale(draft_file: Path) -> None:
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        info = {
            "pid": child.pid,
            "host": socket.gethostname(),
            "user": "li",
            "started": "2026-11-27T08:00:00+00:00",
        }
        lock.lock_path(draft_file).write_text(json.dumps(info))
        holder = lock.acquire(draft_file)
        assert isinstance(holder, lock.Holder) and not holder.stale
        assert "already open in another window: li on" in holder.describe()
        assert "2026-11-27" in holder.describe()  # ISO: no English month name in a Chinese message
    finally:
        child.kill()
        child.wait()
    holder = lock.acquire(draft_file)
    assert isinstance(holder, lock.Holder) and holder.stale
    assert "ended without closing" in holder.describe()
    taken = lock.take_over(draft_file, holder)
    assert isinstance(taken, lock.Lock) and taken.held
    taken.release()


def test_another_host_is_never_stale_and_take_over_checks_content(draft_file: Path) -> None:
    info = {"pid": 1, "host": "other-machine", "user": "wang", "started": "x"}
    lock.lock_path(draft_file).write_text(json.dumps(info))
    holder = lock.acquire(draft_file)
    assert isinstance(holder, lock.Holder) and not holder.stale and holder.host == "other-machine"
    # the lock changed hands since we looked: take_over must not remove the new one
    lock.lock_path(draft_file).write_text(json.dumps({**info, "pid": 2}))
    result = lock.take_over(draft_file, holder)
    assert isinstance(result, lock.Holder) and result.pid == 2


def test_release_leaves_someone_elses_lock(draft_file: Path) -> None:
    mine = lock.acquire(draft_file)
    assert isinstance(mine, lock.Lock)
    lock.lock_path(draft_file).write_text('{"pid": 99, "host": "x", "user": "y", "started": ""}')
    mine.release()
    assert lock.lock_path(draft_file).exists()


def test_unreadable_lock_is_stale_only_once_old(draft_file: Path) -> None:
    target = lock.lock_path(draft_file)
    target.write_bytes(b"")
    holder = lock.acquire(draft_file)
    assert isinstance(holder, lock.Holder) and not holder.stale
    os.utime(target, (time.time() - 60, time.time() - 60))
    holder = lock.acquire(draft_file)
    assert isinstance(holder, lock.Holder) and holder.stale
    assert "cannot be read" in holder.describe()


def test_no_lock_in_an_unusable_folder_is_reported_not_raised(tmp_path: Path) -> None:
    result = lock.acquire(tmp_path / "missing-folder" / "x.dossier.json")
    assert isinstance(result, lock.Lock) and not result.held and "no lock file" in result.reason
    result.release()


def test_save_removes_nothing_of_ours(draft_file: Path, complete: Dossier) -> None:
    """The draft's own save never touches the lock or recovery sidecars."""
    held = lock.acquire(draft_file)
    recovery.write_recovery(complete, draft_file)
    save_draft(complete, draft_file)
    assert lock.lock_path(draft_file).exists() and recovery.recovery_path(draft_file).exists()
    assert isinstance(held, lock.Lock)
    held.release()
