"""The layers stay apart: the core never pulls in Textual or python-docx, nor the editor python-docx."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("textual", "docx", "rich")


@pytest.mark.parametrize(
    ("module", "forbidden"),
    [
        ("dossier.core.model", HEAVY),
        ("dossier.core.profiles", HEAVY),
        ("dossier.core.rules", HEAVY),
        ("dossier.core.wordcount", HEAVY),
        ("dossier.core.reference", HEAVY),
        ("dossier.storage.drafts", HEAVY),
        ("dossier.workspace", HEAVY),
        ("dossier.cli", HEAVY),
        ("dossier.export", HEAVY),
        ("dossier.storage.recent", HEAVY),
        ("dossier.storage.recovery", HEAVY),
        ("dossier.storage.lock", HEAVY),
        ("dossier.tui", HEAVY),  # the package itself is cheap: the app loads when run
        ("dossier.tui.app", ("docx",)),  # the editor starts without python-docx: it loads on export
    ],
)
def test_module_imports_nothing_heavy(module: str, forbidden: tuple[str, ...]) -> None:
    code = (
        f"import sys, {module}\n"
        f"bad = sorted({{m.split('.')[0] for m in sys.modules}} & set({forbidden!r}))\n"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"{module} imports {out.stdout.strip()}"


FIRST_FRAME = ("dossier.tui.app", "dossier.tui.screens.opening")
"""What ``dossier open`` imports before its first frame (``dossier.tui.import_editor``)."""
NOT_BEFORE_FIRST_FRAME = (
    "pydantic",
    "dossier.core.model",
    "dossier.core.rules",
    "dossier.tui.screens.main",
    "dossier.tui.screens.start",
    "dossier.tui.dialogs.",
)
"""Imported when first needed (the validation worker, a dialog, the start screen): never
before the first frame of a draft being opened."""


def test_the_first_frame_imports_only_what_it_shows() -> None:
    code = (
        f"import sys, {', '.join(FIRST_FRAME)}\n"
        f"bad = sorted(m for m in sys.modules if m.startswith({NOT_BEFORE_FIRST_FRAME!r}))\n"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"imported before the first frame: {out.stdout.strip()}"


def test_importing_the_editor_leaves_the_collector_running_with_the_modules_frozen() -> None:
    code = (
        "import gc, dossier.tui\n"
        "before = gc.get_freeze_count()\n"
        "dossier.tui.import_editor()\n"
        "print(gc.isenabled(), before == 0 < gc.get_freeze_count(), 'dossier.tui.app' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", "import sys\n" + code], capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["True", "True", "True"]
