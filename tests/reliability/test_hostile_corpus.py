"""Every hostile file through load, validate and save: no traceback, no hang, nothing lost."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from dossier.core.profiles import load_profile
from dossier.storage.drafts import DraftError, dumps, read_draft, save_draft
from dossier.workspace import check

from support.corpus import CASES, Case


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_load_validate_save(tmp_path: Path, case: Case) -> None:
    path = case.write(tmp_path)
    if case.expect is not None:
        with pytest.raises(DraftError, match=case.expect.replace(".", r"\.")) as caught:
            read_draft(path)
        assert str(path) in str(caught.value)
        return
    loaded = read_draft(path)
    report = check(loaded.draft, load_profile("uccn-2027"), tmp_path)
    assert all(f.message and f.location for f in report.findings)
    save_draft(loaded.draft, path)
    again = read_draft(path).draft
    assert again == loaded.draft  # every character back, or a stated change (see below)
    if case.name == "lone-surrogates":
        assert loaded.notes and "\ufffd" in again.basic.city
    else:
        assert loaded.notes == []
        original = json.loads(case.content().decode("utf-8-sig"))
        assert json.loads(dumps(again))["introduction"] == original["introduction"]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_cli_validate_never_tracebacks(tmp_path: Path, case: Case) -> None:
    path = case.write(tmp_path)
    out = subprocess.run(
        [sys.executable, "-m", "dossier", "validate", str(path)], capture_output=True, text=True, timeout=60
    )
    assert "Traceback" not in out.stderr
    if case.expect is None:
        assert out.returncode in (0, 1), out.stderr
    else:
        assert out.returncode == 2 and out.stderr.count("\n") == 1 and case.expect in out.stderr


@pytest.mark.parametrize("case", [c for c in CASES if c.expect is None], ids=lambda c: c.name)
def test_export_keeps_every_character_or_says_what_it_removed(tmp_path: Path, case: Case) -> None:
    import docx

    from dossier.core.wordcount import paragraphs
    from dossier.export import export_docx, xml_safe

    draft = read_draft(case.write(tmp_path)).draft
    profile = load_profile("uccn-2027")
    result = export_docx(draft, profile, check(draft, profile, tmp_path), tmp_path / "out.docx")
    body = "\n".join(p.text for p in docx.Document(str(result.path)).paragraphs)
    removed = dict(result.removed)
    for part_id, text in draft.texts().items():
        clean, count = xml_safe(text)
        location = ("" if part_id == "introduction" else "sections.") + f"{part_id}.text"
        assert removed.get(location, 0) == count, part_id
        for paragraph in paragraphs(clean):
            assert paragraph in body, (part_id, paragraph[:40])
