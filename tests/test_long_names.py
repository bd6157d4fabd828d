"""Drafts whose file name is close to the system's limit (255 bytes): the files kept beside
them get shortened, stable names, so the draft opens, saves, recovers and exports; a name
that is too long for the output is refused in one plain line."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from dossier.cli import main
from dossier.storage import lock as locks
from dossier.storage.atomic import remove_leftovers
from dossier.storage.drafts import backup_path, load_draft, save_draft
from dossier.storage.names import NAME_MAX, name_bytes, side_path, temp_prefix
from dossier.storage.recovery import read_recovery, recovery_path, retire_recovery, write_recovery

from support.paths import EXAMPLES_DIR

COMPLETE = EXAMPLES_DIR / "westmere-design.dossier.json"
SUFFIX = ".dossier.json"


def long_name(total: int, *, chinese: bool = False) -> str:
    """A draft name of exactly ``total`` bytes ending in .dossier.json."""
    room = total - len(SUFFIX)
    stem = "创意城市" * (room // 12) + "x" * (room % 12) if chinese else "w" * room
    name = stem + SUFFIX
    assert name_bytes(name) == total
    return name


NAMES = [long_name(n) for n in (247, 251, 255)] + [long_name(255, chinese=True)]


@pytest.fixture(params=NAMES, ids=["247", "251", "255", "255-chinese"])
def draft(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    target = tmp_path / request.param
    shutil.copy(COMPLETE, target)
    return target


def test_side_names_fit_and_are_stable(draft: Path) -> None:
    for suffix in (".lock", ".recovery", ".bak", ".recovery-20261128-090000-12"):
        side = side_path(draft, suffix)
        assert name_bytes(side.name) <= NAME_MAX
        assert side.name.endswith(suffix) and side.parent == draft.parent
        assert side == side_path(draft, suffix)
    assert name_bytes(temp_prefix(draft)) + 14 <= NAME_MAX
    assert side_path(Path("a.dossier.json"), ".lock").name == "a.dossier.json.lock"  # short: unchanged


def test_a_draft_with_a_long_name_saves_locks_and_recovers(draft: Path) -> None:
    loaded = load_draft(draft)
    lock = locks.acquire(draft)
    assert isinstance(lock, locks.Lock) and lock.held, getattr(lock, "reason", "")
    assert isinstance(locks.acquire(draft), locks.Holder)  # a second window sees it
    loaded.basic.city = "Changed"
    save_draft(loaded, draft)
    assert load_draft(draft).basic.city == "Changed"
    assert backup_path(draft).is_file() and name_bytes(backup_path(draft).name) <= NAME_MAX
    loaded.basic.city = "Typed"
    write_recovery(loaded, draft)
    recovered = read_recovery(draft)
    assert recovered is not None and recovered.basic.city == "Typed"
    aside = retire_recovery(draft, load_draft(draft))
    assert aside is not None and aside.is_file() and not recovery_path(draft).exists()
    lock.release()
    assert not locks.lock_path(draft).exists()


def test_leftovers_of_a_killed_save_are_found_for_long_names(draft: Path) -> None:
    leftover = draft.with_name(f"{temp_prefix(draft)}abcd1234.tmp")
    leftover.write_bytes(b"partial")
    old = time.time() - 3600
    os.utime(leftover, (old, old))
    assert remove_leftovers(draft) == 1 and not leftover.exists()


def test_export_beside_a_long_named_draft(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["export", str(draft)])
    _out, err = capsys.readouterr()
    assert code == 0, err
    assert draft.with_name(draft.name.removesuffix(SUFFIX) + ".docx").is_file()


def test_export_to_a_name_too_long_says_so_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_path = tmp_path / ("x" * 300 + ".docx")
    code = main(["export", str(COMPLETE), "-o", str(out_path)])
    _, err = capsys.readouterr()
    assert code == 2
    assert err.startswith("dossier: The file name") and "too long" in err and "unexpected" not in err
    assert err.count("\n") == 1


def test_default_export_name_too_long_suggests_o(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = tmp_path / ("d" * 252 + ".js")  # not .dossier.json: the .docx name is longer
    shutil.copy(COMPLETE, draft)
    code = main(["export", str(draft)])
    _, err = capsys.readouterr()
    assert code == 2 and "too long" in err and "-o" in err and "unexpected" not in err
