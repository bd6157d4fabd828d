"""Real I/O failures, not simulated ones: a full disk, a read-only disk, a folder we may not
write to, a folder deleted under us, an over-long name. Each gives a plain message and
leaves the old draft intact.

CI runs as root, where ``chmod`` blocks nothing, so the faults are made for real: a tiny
tmpfs for a full disk, a read-only tmpfs mount, and a child process that drops to the
capabilities (``setpriv``) so that root is refused a folder without write permission.
The mounts are made by ``tests/support/faults.py`` and its ``tiny_disk`` fixture.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dossier.core.model import Dossier
from dossier.storage.drafts import DraftError, backup_path, load_draft, save_draft

from support.faults import mount_tmpfs as _mount

NO_CAPS = ["setpriv", "--bounding-set=-all", "--inh-caps=-all"]


def _big(draft: Dossier) -> Dossier:
    big = draft.model_copy(deep=True)
    big.sections.assets.text = "创意城市 creative city " * 40_000
    return big


def test_disk_full_for_real(tiny_disk: Path, complete: Dossier) -> None:
    path = tiny_disk / "city.dossier.json"
    save_draft(complete, path)
    before = path.read_bytes()
    with pytest.raises(DraftError, match="is full") as caught:
        save_draft(_big(complete), path)
    assert str(path) in str(caught.value)
    assert path.read_bytes() == before and load_draft(path) == complete
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["city.dossier.json"]


def test_cli_new_on_a_full_disk_is_one_line(tiny_disk: Path) -> None:
    filler = tiny_disk / "filler"
    with open(filler, "wb", buffering=0) as handle, pytest.raises(OSError):
        while True:
            handle.write(b"x" * 4096)
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "dossier",
            "new",
            str(tiny_disk / "new.dossier.json"),
            "--city",
            "X",
            "--country",
            "Y",
            "--field",
            "film",
            "--no-open",
        ],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "is full" in out.stderr and "Traceback" not in out.stderr
    assert not (tiny_disk / "new.dossier.json").exists()


def test_read_only_disk_for_real(tmp_path: Path, complete: Dossier) -> None:
    target = tmp_path / "ro"
    target.mkdir()
    if not _mount(target, "size=1m,mode=0777"):
        pytest.skip("needs root and tmpfs to make a real read-only disk")
    try:
        path = target / "city.dossier.json"
        save_draft(complete, path)
        before = path.read_bytes()
        subprocess.run(["mount", "-o", "remount,ro", str(target)], check=True)
        complete.introduction.text = "not saved"
        with pytest.raises(DraftError, match="read-only disk"):
            save_draft(complete, path)
        assert path.read_bytes() == before
    finally:
        subprocess.run(["umount", "-l", str(target)], check=False)


@pytest.mark.skipif(
    sys.platform != "linux" or os.geteuid() != 0 or shutil.which("setpriv") is None,
    reason="needs root and setpriv to be refused for real (simulated in test_drafts.py)",
)
def test_permission_denied_for_real(tmp_path: Path, complete: Dossier) -> None:
    """A folder without write permission, written by a process that has dropped root's powers."""
    folder = tmp_path / "office"
    folder.mkdir()
    path = folder / "city.dossier.json"
    save_draft(complete, path)
    before = path.read_bytes()
    os.chmod(folder, 0o555)
    script = (
        "import sys\n"
        "from dossier.storage.drafts import DraftError, load_draft, save_draft\n"
        "draft = load_draft(sys.argv[1])\n"
        "draft.introduction.text = 'changed'\n"
        "try:\n"
        "    save_draft(draft, sys.argv[1])\n"
        "except DraftError as exc:\n"
        "    print(exc)\n"
    )
    try:
        out = subprocess.run(
            [*NO_CAPS, sys.executable, "-c", script, str(path)], capture_output=True, text=True
        )
        assert "not allowed to write" in out.stdout, out.stdout + out.stderr
        assert path.read_bytes() == before
        assert not backup_path(path).exists()
        cli = subprocess.run(
            [
                *NO_CAPS,
                sys.executable,
                "-m",
                "dossier",
                "new",
                str(folder / "x.dossier.json"),
                "--city",
                "X",
                "--country",
                "Y",
                "--field",
                "film",
                "--no-open",
            ],
            capture_output=True,
            text=True,
        )
        assert cli.returncode == 2 and "not allowed to write" in cli.stderr, cli.stderr
        assert cli.stderr.count("\n") == 1
    finally:
        os.chmod(folder, 0o755)


def test_folder_deleted_while_open(tmp_path: Path, complete: Dossier) -> None:
    folder = tmp_path / "bid"
    folder.mkdir()
    path = folder / "city.dossier.json"
    save_draft(complete, path)
    shutil.rmtree(folder)
    with pytest.raises(DraftError, match="does not exist"):
        save_draft(complete, path)
    save_draft(complete, tmp_path / "elsewhere.dossier.json")  # another place still works


def test_very_long_name(tmp_path: Path, complete: Dossier) -> None:
    path = tmp_path / ("长" * 200 + ".dossier.json")  # 600+ bytes: over any file system's name limit
    with pytest.raises(DraftError, match="too long"):
        save_draft(complete, path)
