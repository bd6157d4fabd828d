"""Plugin: real faults for the I/O tests: small tmpfs mounts that fill up or turn read-only.

CI runs as root, where ``chmod`` blocks nothing, so a full or read-only disk has to be a
real file system. Mounting needs root and Linux; :func:`can_mount` says whether the
fixtures here (``tiny_disk``, ``small_disk``) can make one, and they skip (saying why)
when not. :func:`fill`, :func:`remount_read_only` and :func:`mount_tmpfs` cause the
faults; tests import them from ``support.faults``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest


def can_mount() -> bool:
    """Whether this process may mount a tmpfs (Linux, root, ``mount`` on the PATH)."""
    return sys.platform == "linux" and os.geteuid() == 0 and shutil.which("mount") is not None


def mount_tmpfs(target: Path, options: str) -> bool:
    """Mount a tmpfs on ``target`` (an existing folder); False when that is not possible here."""
    if not can_mount():
        return False
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(target)], capture_output=True)
    return done.returncode == 0


def unmount(target: Path) -> None:
    subprocess.run(["umount", "-l", str(target)], check=False, capture_output=True)


def remount_read_only(target: Path) -> None:
    """Turn a mounted tmpfs read-only, as a USB stick with its lock switched or a full quota would."""
    subprocess.run(["mount", "-o", "remount,ro", str(target)], check=True, capture_output=True)


def fill(folder: Path) -> Path:
    """Write a filler file until the disk holding ``folder`` is full (ENOSPC); returns it."""
    filler = folder / "filler"
    with open(filler, "wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"x" * 4096)
        except OSError:
            pass
    return filler


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 256 KiB file system: room for a small draft, not for a large one."""
    target = tmp_path / "tiny"
    target.mkdir()
    if not mount_tmpfs(target, "size=256k,mode=0777"):
        pytest.skip("needs root and tmpfs to make a real full disk (simulated in test_drafts.py)")
    yield target
    unmount(target)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MiB file system of its own, which a test may remount read-only."""
    target = tmp_path / "disk"
    target.mkdir()
    if not mount_tmpfs(target, "size=1m,mode=0777"):
        pytest.skip("needs root and tmpfs to make a real read-only disk (simulated in test_drafts.py)")
    yield target
    unmount(target)
