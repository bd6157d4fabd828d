"""OpenDraft: the open file's life (lock, edits, saves, save as, recovery, close) without Textual."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from dossier.core.profiles import load_profile
from dossier.storage import lock as locks
from dossier.storage.drafts import DraftConflictError, create_new, read_draft
from dossier.storage.open_draft import OpenDraft
from dossier.storage.recovery import read_recovery, recovery_path
from dossier.workspace import new_dossier

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


@pytest.fixture
def draft_file(tmp_path: Path) -> Path:
    path = tmp_path / "linchuan.dossier.json"
    draft = new_dossier(city="Linchuan", country="China", field="music", profile=load_profile("uccn-2027"))
    create_new(path, draft)
    return path


def _open(path: Path) -> OpenDraft:
    opened = OpenDraft(read_draft(path, allow_newer=True))
    assert opened.lock() is None
    return opened


def test_edit_save_and_close(draft_file: Path) -> None:
    opened = _open(draft_file)
    assert opened.locked and not opened.dirty
    opened.draft.introduction.text = "临川 is a city of music."
    opened.edited()
    assert opened.dirty
    job = opened.save_job(NOW)
    opened.draft.introduction.text += " More typed while saving."
    opened.edited()
    opened.saved(job, opened.write(job))
    assert opened.dirty, "typing done during the save is still unsaved"
    assert read_draft(draft_file).draft.introduction.text == "临川 is a city of music."
    opened.close(discard=True)
    assert not opened.locked and locks.read_holder(draft_file) is None


def test_a_second_window_is_told_and_can_read_only(draft_file: Path) -> None:
    first = _open(draft_file)
    second = OpenDraft(read_draft(draft_file))
    holder = second.lock()
    assert isinstance(holder, locks.Holder)
    second.open_read_only()
    assert second.read_only and "another window" in second.read_only_reason
    assert second.recovery_job() is None
    first.close()


def test_a_change_on_disk_is_a_conflict_until_forced(draft_file: Path) -> None:
    opened = _open(draft_file)
    other = read_draft(draft_file).draft
    other.basic.city = "Changed elsewhere"
    from dossier.storage.drafts import save_draft

    save_draft(other, draft_file, force=True)
    opened.draft.basic.city = "Mine"
    opened.edited()
    with pytest.raises(DraftConflictError):
        opened.write(opened.save_job(NOW))
    job = opened.save_job(NOW, force=True)
    opened.saved(job, opened.write(job))
    assert read_draft(draft_file).draft.basic.city == "Mine" and not opened.dirty
    opened.close()


def test_save_as_moves_the_lock_and_the_recovery_copy(draft_file: Path, tmp_path: Path) -> None:
    opened = _open(draft_file)
    opened.draft.basic.city = "Typed"
    opened.edited()
    job = opened.recovery_job()
    assert job is not None
    opened.write_recovery(job)
    opened.recovery_written(job)
    assert recovery_path(draft_file).exists()
    target = tmp_path / "copy.dossier.json"
    save = opened.save_job(NOW, target=target)
    opened.saved(save, opened.write(save))
    assert opened.path == target and not opened.dirty
    assert not recovery_path(draft_file).exists(), "the old file's recovery copy is tidied"
    assert locks.read_holder(draft_file) is None and locks.read_holder(target) is not None
    opened.close()
    assert locks.read_holder(target) is None


def test_recovery_is_offered_and_recovered_text_is_unsaved(draft_file: Path) -> None:
    opened = _open(draft_file)
    opened.draft.introduction.text = "typed before the crash"
    opened.edited()
    opened.shutdown()  # as on a closed terminal: typing to the recovery copy, lock released
    assert read_recovery(draft_file) is not None
    again = _open(draft_file)
    offer = again.recovery_offer()
    assert offer is not None
    offered, _when = offer
    again.recover(offered)
    assert again.dirty and again.draft.introduction.text == "typed before the crash"
    assert again.recovery_job() is None, "the recovery copy already holds this text"
    again.close(discard=True)
    assert not recovery_path(draft_file).exists()


def test_closing_with_unsaved_typing_kept_keeps_the_recovery_copy(draft_file: Path) -> None:
    opened = _open(draft_file)
    opened.draft.introduction.text = "keep me"
    opened.edited()
    job = opened.recovery_job()
    assert job is not None
    opened.write_recovery(job)
    opened.recovery_written(job)
    opened.close(discard=False)
    assert read_recovery(draft_file) is not None


def test_every_save_is_a_version_in_the_history(draft_file: Path) -> None:
    from dossier.storage.history import History

    opened = _open(draft_file)
    for text in ("first words", "second words"):
        opened.draft.introduction.text = text
        opened.edited()
        job = opened.save_job(NOW)
        written = opened.write(job)
        assert written.note is None
        opened.saved(job, written)
    opened.close()
    with History.open(draft_file) as history:
        versions = history.versions()
        assert [history.get(v.id).introduction.text for v in versions[:2]] == ["second words", "first words"]


def _another_window_holds(draft_file: Path) -> locks.Holder:
    """Make the lock say a live window of another process holds the draft (pid 1 always runs)."""
    holder = locks.read_holder(draft_file)
    assert holder is not None
    lock = locks.lock_path(draft_file)
    lock.write_text(
        lock.read_text(encoding="utf-8").replace(f'"pid": {holder.pid}', '"pid": 1'), encoding="utf-8"
    )
    now = locks.read_holder(draft_file)
    assert now is not None and not now.stale
    return now


def test_edit_anyway_gives_each_window_its_own_recovery_copy(draft_file: Path) -> None:
    first = _open(draft_file)
    second = OpenDraft(read_draft(draft_file))
    holder = _another_window_holds(draft_file)
    assert isinstance(second.lock(), locks.Holder)
    assert second.take_over(holder) is None  # "Edit anyway"
    for window, words in ((first, "typed in the first window"), (second, "typed in the second window")):
        window.draft.introduction.text = words
        window.edited()
    first.shutdown()  # both windows die with unsaved typing: neither copy overwrites the other
    os.utime(draft_file, (time.time() - 60, time.time() - 60))
    os.utime(recovery_path(draft_file), (time.time() - 5, time.time() - 5))
    second.shutdown()
    again = _open(draft_file)
    offers = again.recovery_offers()
    texts = [offered.introduction.text for _copy, offered, _when in offers]
    assert texts == ["typed in the second window", "typed in the first window"]  # newest first
    assert offers[1][0] == recovery_path(draft_file) and offers[0][0] != offers[1][0]
    again.close(discard=True)
