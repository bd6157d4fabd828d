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
