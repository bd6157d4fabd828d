"""``dossier export``: where it writes, what it refuses, exit codes and one-line messages."""

from __future__ import annotations

import errno
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dossier.cli import main
from dossier.export import ExportError, default_output, export_docx, export_draft
from dossier.workspace import check, open_draft

from support.export import Case
from support.paths import EXAMPLES, REPO

COMPLETE = REPO / "examples" / "westmere-design.dossier.json"
INCOMPLETE = REPO / "examples" / "harbourview-incomplete.dossier.json"

pytestmark = pytest.mark.skipif(
    not COMPLETE.exists() or not INCOMPLETE.exists(), reason="the example drafts are missing"
)


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("dossier: "), err
    assert "Traceback" not in err
    return lines[0]


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "westmere.dossier.json"
    shutil.copy(COMPLETE, path)
    return path


@pytest.fixture
def incomplete(tmp_path: Path) -> Path:
    path = tmp_path / "harbourview.dossier.json"
    shutil.copy(INCOMPLETE, path)
    return path


def test_default_output_is_beside_the_draft(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "export", draft)
    target = draft.with_name("westmere.docx")
    assert code == 0 and err == ""
    loaded, profile = open_draft(draft)
    findings = len(check(loaded.draft, profile, draft.parent).findings)  # today's date, as the export
    assert findings > 1  # the complete example still has a few warnings (deadline, attachments)
    assert out == f"Wrote {target} ({findings} findings as comments).\n"
    assert target.read_bytes()[:2] == b"PK"
    assert default_output(Path("a/b/hangzhou.dossier.json")) == Path("a/b/hangzhou.docx")
    assert default_output(Path("plain.json")) == Path("plain.docx")


def test_existing_default_output_is_kept_without_force(
    draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = draft.with_name("westmere.docx")
    target.write_bytes(b"the official's edited copy")
    code, out, err = run(capsys, "export", draft)
    assert code == 2 and out == ""
    assert "already exists" in one_line(err) and "--force" in err
    assert target.read_bytes() == b"the official's edited copy"
    code, out, err = run(capsys, "export", draft, "--force")
    assert code == 0 and out.startswith(f"Replaced {target} (")
    assert target.read_bytes()[:2] == b"PK"


def test_a_named_output_may_be_replaced(
    draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    named = tmp_path / "for-the-mayor.docx"
    named.write_bytes(b"old")
    code, out, err = run(capsys, "export", draft, "-o", named)
    assert code == 0 and err == "" and out.startswith(f"Replaced {named} (")
    assert named.read_bytes()[:2] == b"PK"


@pytest.mark.parametrize("companion", ["", ".bak", ".recovery", ".lock"])
def test_never_over_the_draft_or_its_companions(
    draft: Path, companion: str, capsys: pytest.CaptureFixture[str]
) -> None:
    target = draft.with_name(draft.name + companion)
    if companion:
        target.write_text("keep me")
    before = target.read_bytes()
    for extra in ([], ["--force"]):
        code, out, err = run(capsys, "export", draft, "-o", target, *extra)
        assert code == 2 and out == ""
        one_line(err)
        assert target.read_bytes() == before


@pytest.mark.parametrize("companion", ["", ".bak", ".recovery", ".lock"])
def test_the_library_export_applies_the_output_rules_itself(
    cases: dict[str, Case], tmp_path: Path, companion: str
) -> None:
    """``export_draft`` is what the CLI and the editor call: no caller can skip the guard."""
    case = next(iter(cases.values()))
    odd = tmp_path / "odd.docx"  # a draft whose own name ends in .docx
    shutil.copy(COMPLETE, odd)
    target = odd.with_name(odd.name + companion)
    if companion:
        target.write_text("keep me")
    before = target.read_bytes()
    with pytest.raises(ExportError, match=r"choose another|ending in \.docx"):
        export_draft(case.draft, case.profile, case.report, odd, target, force=True)
    assert target.read_bytes() == before


def test_the_library_export_keeps_an_existing_default_output_unless_forced(
    cases: dict[str, Case], draft: Path
) -> None:
    case = next(iter(cases.values()))
    default = draft.with_name("westmere.docx")
    default.write_bytes(b"edited by hand")
    with pytest.raises(ExportError, match="already exists"):
        export_draft(case.draft, case.profile, case.report, draft)
    assert default.read_bytes() == b"edited by hand"
    result = export_draft(case.draft, case.profile, case.report, draft, force=True)
    assert result.path == default and result.replaced and default.read_bytes()[:2] == b"PK"
    named = draft.with_name("named.docx")
    named.write_bytes(b"old")
    assert export_draft(case.draft, case.profile, case.report, draft, named).replaced  # named: replaced


def test_the_draft_itself_even_if_named_docx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    odd = tmp_path / "odd.docx"
    shutil.copy(COMPLETE, odd)
    code, _, err = run(capsys, "export", odd, "-o", odd, "--force")
    assert code == 2 and "the draft itself" in one_line(err)
    assert odd.read_bytes() == COMPLETE.read_bytes()


def test_output_must_be_a_docx(draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "notes.txt"
    other.write_text("notes")
    code, _, err = run(capsys, "export", draft, "-o", other)
    assert code == 2 and ".docx" in one_line(err)
    assert other.read_text() == "notes"


def test_strict_refuses_a_draft_with_errors(incomplete: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "export", incomplete, "--strict")
    assert code == 1
    assert "not exported" in one_line(err) and "--strict" in err
    assert "error    basic.contacts.main_contact.email:" in out
    assert not incomplete.with_name("harbourview.docx").exists()
    code, out, err = run(capsys, "export", incomplete)  # without --strict it is written
    assert code == 0 and incomplete.with_name("harbourview.docx").exists()


def test_strict_exports_a_draft_without_errors(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "export", draft, "--strict")
    assert code == 0 and out.startswith("Wrote ")


def test_template_without_the_styles(draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import docx

    plain = tmp_path / "plain.docx"
    docx.Document().save(plain)
    code, out, err = run(capsys, "export", draft, "--template", plain)
    assert code == 2 and out == ""
    assert "lacks the styles" in one_line(err) and "Dossier Table" in err
    assert not draft.with_name("westmere.docx").exists()


def test_unwritable_destinations(draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "export", draft, "-o", tmp_path / "no" / "such" / "folder" / "x.docx")
    assert code == 2 and "does not exist" in one_line(err)
    folder = tmp_path / "a-folder.docx"
    folder.mkdir()
    code, _, err = run(capsys, "export", draft, "-o", folder)
    assert code == 2 and "folder" in one_line(err)


def test_a_full_disk_leaves_the_old_document(
    cases: dict[str, Case], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dossier.storage import atomic

    case = cases["westmere-design"] if "westmere-design" in cases else next(iter(cases.values()))
    out = tmp_path / "kept.docx"
    out.write_bytes(b"previous export, edited by hand")

    real_fdopen = atomic.os.fdopen

    class FullDisk:
        def __init__(self, fd: int, mode: str) -> None:
            self._handle = real_fdopen(fd, mode)

        def __enter__(self) -> FullDisk:
            return self

        def __exit__(self, *exc: object) -> None:
            self._handle.close()

        def write(self, data: bytes) -> int:
            self._handle.write(data[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fdopen", FullDisk)
    with pytest.raises(ExportError, match=r"disk .* is full"):
        export_docx(case.draft, case.profile, case.report, out)
    assert out.read_bytes() == b"previous export, edited by hand"
    assert [p.name for p in tmp_path.iterdir()] == ["kept.docx"]  # no temporary file left


def test_broken_draft_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.dossier.json"
    bad.write_text("{ not json")
    code, out, err = run(capsys, "export", bad)
    assert code == 2 and out == "" and str(bad) in one_line(err)
    code, _, err = run(capsys, "export", tmp_path / "missing.dossier.json")
    assert code == 2 and "no such file" in one_line(err)


def test_every_example_exports_through_the_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for example in EXAMPLES:
        copy = tmp_path / example.name
        shutil.copy(example, copy)
        code, out, err = run(capsys, "export", copy)
        assert code == 0 and out.startswith("Wrote "), (example.name, err)


@pytest.mark.parametrize("module", ["dossier.export", "dossier.cli"])
def test_importing_does_not_import_python_docx(module: str) -> None:
    code = (
        f"import sys, {module}; print(sorted(m for m in sys.modules if m.split('.')[0] in ('docx', 'lxml')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_python_m_dossier_export(draft: Path) -> None:
    """As a user runs it: a real process, exit code and output."""
    done = subprocess.run(
        [sys.executable, "-m", "dossier", "export", str(draft)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Wrote ") and done.stderr == ""
