"""The command line: exit codes, one-line errors, never a traceback."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dossier.cli import main
from dossier.storage.drafts import load_draft

from support.paths import EXAMPLES_DIR, REPO

COMPLETE = EXAMPLES_DIR / "westmere-design.dossier.json"
CHINESE = EXAMPLES_DIR / "lanjiang-music-zh.dossier.json"
INCOMPLETE = EXAMPLES_DIR / "harbourview-incomplete.dossier.json"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_complete_example_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "validate", str(COMPLETE))
    assert code == 0, out
    assert "0 errors" in out and err == ""


def test_validate_bilingual_example_judges_the_english(capsys: pytest.CaptureFixture[str]) -> None:
    """The Chinese example is bilingual: its English is what UNESCO reads, and is ready."""
    code, out, _ = run(capsys, "validate", "--json", str(CHINESE))
    report = json.loads(out)
    assert code == 0 and report["errors"] == 0
    assert not [f for f in report["findings"] if f["code"] in ("language", "translation-outdated")]


def test_validate_incomplete_example_names_each_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", str(INCOMPLETE))
    assert code == 1
    for place in (
        "basic.contacts.main_contact.email",
        "sections.preparation.text",
        "sections.assets.text",
        "sections.sdg_goals.targets[2].goal",
        "basic.links",
    ):
        assert f"error    {place}:" in out
    assert "\n8. How the application was prepared\n" in out  # grouped under the section's title
    code, out, _ = run(capsys, "validate", "--json", str(INCOMPLETE))
    report = json.loads(out)
    assert code == 1 and report["errors"] == len([f for f in report["findings"] if f["severity"] == "error"])
    assert {
        "over-limit",
        "empty",
        "email",
        "url",
        "links-too-many",
        "sdg-range",
        "budget-negative",
        "required",
    } <= {f["code"] for f in report["findings"]}


def test_truncated_draft_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    broken = tmp_path / "broken.dossier.json"
    broken.write_bytes(COMPLETE.read_bytes()[:1000])
    code, out, err = run(capsys, "validate", str(broken))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("dossier: ") and "broken.dossier.json" in err
    assert "Traceback" not in err


def test_new_creates_and_never_overwrites(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "lanjiang.dossier.json"
    args = [
        "new",
        str(path),
        "--city",
        "澜江",
        "--country",
        "China",
        "--field",
        "Music",
        "--language",
        "fr",
        "--no-open",
    ]
    code, out, _ = run(capsys, *args)
    assert code == 0 and "Created" in out
    draft = load_draft(path)
    assert (draft.basic.city, draft.basic.field, draft.meta.language) == ("澜江", "music", "fr")
    assert draft.meta.profile == "uccn-2027" and len(draft.attachments) == 10
    before = path.read_bytes()
    code, _, err = run(capsys, *args)
    assert code == 2 and "already exists" in err and path.read_bytes() == before


def test_new_with_an_unknown_field_lists_the_offered_ones(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(
        capsys,
        "new",
        str(tmp_path / "x.dossier.json"),
        "--city",
        "X",
        "--country",
        "Y",
        "--field",
        "circus",
        "--no-open",
    )
    assert code == 2 and "gastronomy" in err and err.count("\n") == 1
    assert not (tmp_path / "x.dossier.json").exists()


def test_profiles_lists_deadlines(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "profiles")
    assert code == 0 and "uccn-2025" in out and "uccn-2027" in out and "provisional" in out


@pytest.mark.parametrize(
    "args",
    [
        ["validate"],
        ["frobnicate"],
        ["validate", "/nonexistent/x.dossier.json"],
        ["validate", "--profile", "nope", str(COMPLETE)],
        ["new", "x.json"],
    ],
)
def test_failures_are_one_line_exit_2(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    code, _, err = run(capsys, *args)
    assert code == 2 and err.count("\n") == 1 and err.startswith("dossier: ")


def test_version_and_help_as_installed() -> None:
    for flag, expected in (("--version", "dossier 0."), ("--help", "validate")):
        out = subprocess.run([sys.executable, "-m", "dossier", flag], capture_output=True, text=True)
        assert out.returncode == 0 and expected in out.stdout


@pytest.mark.parametrize(
    ("given", "created"),
    [
        ("linchuan2", "linchuan2.dossier.json"),
        ("linchuan.json", "linchuan.dossier.json"),
        ("bid.v2", "bid.v2.dossier.json"),
        ("Linchuan.Dossier.JSON", "Linchuan.Dossier.JSON"),
    ],
)
def test_new_adds_the_draft_suffix(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, given: str, created: str
) -> None:
    """`dossier new linchuan2` writes linchuan2.dossier.json and says so."""
    args = ["new", str(tmp_path / given), "--city", "Linchuan", "--country", "China", "--field", "music"]
    code, out, err = run(capsys, *args, "--no-open")
    assert code == 0, err
    from dossier.storage.history import history_path

    made = sorted(p.name for p in tmp_path.iterdir())
    assert made == sorted([created, history_path(tmp_path / created).name])  # the draft and its history
    assert f"Created {tmp_path / created} " in out
    assert load_draft(tmp_path / created).basic.city == "Linchuan"


def _closed_pipe_run(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the installed command with stdout a pipe whose reader is already gone (`| head` done early)."""
    read, write = os.pipe()
    os.close(read)
    try:
        return subprocess.run(
            [sys.executable, "-m", "dossier", *args],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            timeout=60,
        )
    finally:
        os.close(write)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["validate", str(INCOMPLETE)], 1),
        (["validate", "--json", str(INCOMPLETE)], 1),
        (["validate", str(COMPLETE)], 0),
        (["profiles"], 0),
        (["--help"], 0),
    ],
)
def test_closed_pipe_is_not_a_failure(args: list[str], expected: int) -> None:
    """`dossier validate X | head`: the reader leaving is no unreadable draft (own exit code, no message)."""
    result = _closed_pipe_run(*args)
    assert (result.returncode, result.stderr) == (expected, "")


def test_closed_pipe_still_creates_and_exports(tmp_path: Path) -> None:
    """Work done by a command whose message nobody reads is done all the same."""
    draft = tmp_path / "lc.dossier.json"
    result = _closed_pipe_run(
        "new", str(draft), "--city", "Linchuan", "--country", "China", "--field", "music", "--no-open"
    )
    assert (result.returncode, result.stderr, draft.exists()) == (0, "", True)
    shutil.copy(COMPLETE, tmp_path / "w.dossier.json")
    result = _closed_pipe_run("export", str(tmp_path / "w.dossier.json"))
    assert (result.returncode, result.stderr) == (0, "")
    assert (tmp_path / "w.docx").stat().st_size > 0
