"""Valid Office Open XML: the Open XML SDK rules report nothing, plus checks they miss."""

from __future__ import annotations

import posixpath
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from lxml import etree

from support.docx_reading import W
from support.export import Case
from support.ooxml_validator import unavailable, validate
from support.paths import REPO

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def test_open_xml_sdk_rules_report_nothing(
    cases: dict[str, Case], tmp_path: Path, export_when: datetime, japanese_template: Path
) -> None:
    """Every export (and the template itself) through @ooxml-tools/validate, in one batch."""
    reason = unavailable()
    if reason:
        pytest.skip(reason)
    from dossier.export import export_docx

    case = cases["hostile"]
    user = tmp_path / "user-template-export.docx"
    template = japanese_template
    export_docx(case.draft, case.profile, case.report, user, template=template, when=export_when)
    broken = _out_of_order(case.path, tmp_path / "broken-on-purpose.docx")
    files = [c.path for c in cases.values()] + [user, REPO / "templates" / "dossier-template.docx"]
    results = validate([*files, broken])
    assert results.pop(broken), "the validator missed a deliberate schema error: is it really running?"
    problems = {str(path): findings for path, findings in results.items() if findings}
    assert problems == {}
    assert len(results) == len(files)


def _out_of_order(source: Path, target: Path) -> Path:
    """A copy with ``w:b`` after ``w:color`` in a run's properties (Word drops such bold)."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                marked = b'<w:r><w:rPr><w:color w:val="FF0000"/><w:b/></w:rPr><w:t'
                data = data.replace(b"<w:r><w:t", marked, 1)
                assert marked in data
            out.writestr(info, data)
    return target


def _parts(path: Path) -> dict[str, etree._Element]:
    with zipfile.ZipFile(path) as archive:
        return {
            name: etree.fromstring(archive.read(name))
            for name in archive.namelist()
            if name.endswith((".xml", ".rels"))
        }


def test_structure_word_needs(cases: dict[str, Case]) -> None:
    """Rules Word enforces that the schema validator does not (see the docx notes, §6)."""
    for case in cases.values():
        parts = _parts(case.path)
        document = parts["word/document.xml"]
        for tc in document.iter(f"{{{W}}}tc"):
            content = [c for c in tc if c.tag != f"{{{W}}}tcPr"]
            assert content and content[-1].tag == f"{{{W}}}p", (
                f"{case.name}: a cell not ending in a paragraph"
            )
        for kind in ("bookmarkStart", "commentRangeStart"):
            ids = [e.get(f"{{{W}}}id") for e in document.iter(f"{{{W}}}{kind}")]
            assert len(ids) == len(set(ids)), f"{case.name}: duplicate {kind} id"
        starts = {e.get(f"{{{W}}}id") for e in document.iter(f"{{{W}}}commentRangeStart")}
        ends = {e.get(f"{{{W}}}id") for e in document.iter(f"{{{W}}}commentRangeEnd")}
        refs = {e.get(f"{{{W}}}id") for e in document.iter(f"{{{W}}}commentReference")}
        comments = parts.get("word/comments.xml")
        defined = set() if comments is None else {c.get(f"{{{W}}}id") for c in comments}
        assert starts == ends == refs == defined, case.name
        # every relationship id used in a part resolves in that part's .rels
        for name, root in parts.items():
            if name.endswith(".rels"):
                continue
            folder, base = posixpath.split(name)
            rels = parts.get(posixpath.join(folder, "_rels", base + ".rels"))
            known = set() if rels is None else {r.get("Id") for r in rels.iter(f"{{{PKG}}}Relationship")}
            used = {v for e in root.iter() for k, v in e.attrib.items() if k.startswith(f"{{{R}}}")}
            assert used <= known, f"{case.name}: {name} uses {used - known}"
