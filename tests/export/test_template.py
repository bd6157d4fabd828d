"""The default template is reproducible and complete; user templates are checked and repaired."""

from __future__ import annotations

import importlib.util
import io
import zipfile
from datetime import datetime
from pathlib import Path

import docx
import pytest

from dossier.export import ExportError, export_docx, render_docx
from dossier.export import template as tpl

from support.docx_reading import W, part_xml
from support.export import Case
from support.paths import REPO

BUILDER = REPO / "templates" / "build_template.py"
COMMITTED = REPO / "templates" / "dossier-template.docx"


def _builder():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("build_template", BUILDER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_template_is_what_the_script_builds(tmp_path: Path) -> None:
    """Reproducible: rebuilding gives the committed bytes (run the script after editing it)."""
    built = _builder().build(tmp_path / "fresh.docx")
    assert built.read_bytes() == COMMITTED.read_bytes(), "run: python templates/build_template.py"


def test_builder_and_exporter_agree_on_fonts() -> None:
    builder = _builder()
    assert (builder.BODY_CJK, builder.HEADING_CJK) == (tpl.BODY_CJK, tpl.HEADING_CJK)
    assert builder.EAST_ASIAN_LANGUAGE == tpl.EAST_ASIAN_LANGUAGE


def test_default_template_has_every_style_and_a_sane_setup() -> None:
    document, where = tpl.open_template(None)
    assert where.endswith(tpl.TEMPLATE_NAME)
    styles = tpl.resolve_styles(document, where)
    assert set(styles) == set(tpl.REQUIRED_STYLES)
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    names = zipfile.ZipFile(COMMITTED).namelist()
    assert "word/theme/theme1.xml" not in names  # nothing for a *Theme attribute to point at
    styles_xml = part_xml(COMMITTED, "word/styles.xml")
    assert not [a for f in styles_xml.iter(f"{{{W}}}rFonts") for a in f.attrib if "heme" in a]
    settings = part_xml(COMMITTED, "word/settings.xml")
    assert settings.find(f"{{{W}}}themeFontLang").get(f"{{{W}}}eastAsia") == "zh-CN"
    assert settings.find(f"{{{W}}}updateFields") is None  # only exports ask Word to update


def test_template_found_in_the_installed_package_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    packaged = tmp_path / "dossier" / "templates" / tpl.TEMPLATE_NAME
    packaged.parent.mkdir(parents=True)
    packaged.write_bytes(COMMITTED.read_bytes())
    monkeypatch.setattr(tpl.resources, "files", lambda name: tmp_path / name)
    where, data = tpl.default_template()
    assert where == str(packaged) and data == COMMITTED.read_bytes()


def test_template_falls_back_to_the_repository(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(tpl.resources, "files", lambda name: tmp_path / name)
    where, _ = tpl.default_template()
    assert where == str(COMMITTED)
    monkeypatch.setattr(tpl, "REPO_TEMPLATE", tmp_path / "gone.docx")
    with pytest.raises(ExportError, match="default Word template is missing"):
        tpl.default_template()


def _rewrite(source: Path, target: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as out:
        for info in src.infolist():
            out.writestr(info, edit(info.filename, src.read(info)))
    return target


def test_template_missing_a_style_gets_a_clear_message(cases: dict[str, Case], tmp_path: Path) -> None:
    def drop(name: str, data: bytes) -> bytes:
        if name == "word/styles.xml":
            return data.replace(b'w:val="Dossier Placeholder"', b'w:val="Something Else"')
        return data

    broken = _rewrite(COMMITTED, tmp_path / "broken.docx", drop)
    case = cases["empty"]
    out = tmp_path / "out.docx"
    with pytest.raises(ExportError) as caught:
        export_docx(case.draft, case.profile, case.report, out, template=broken)
    message = str(caught.value)
    assert "lacks the style Dossier Placeholder (paragraph)" in message and str(broken) in message
    assert "\n" not in message
    assert not out.exists()


def test_python_docx_default_is_refused_with_the_missing_names(
    cases: dict[str, Case], tmp_path: Path
) -> None:
    plain = tmp_path / "plain.docx"
    docx.Document().save(plain)
    case = cases["empty"]
    with pytest.raises(ExportError, match=r"lacks the styles .*Dossier Table \(table\)"):
        render_docx(case.draft, case.profile, case.report, template=plain)


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "no such file"), (b"", "not a Word document"), (b"hello", "not a Word document")],
)
def test_unusable_template_files(
    cases: dict[str, Case], tmp_path: Path, content: bytes | None, message: str
) -> None:
    path = tmp_path / "t.docx"
    if content is not None:
        path.write_bytes(content)
    case = cases["empty"]
    with pytest.raises(ExportError, match=message):
        render_docx(case.draft, case.profile, case.report, template=path)
    with pytest.raises(ExportError, match="is a folder"):
        render_docx(case.draft, case.profile, case.report, template=tmp_path)


def test_a_dotx_template_works(cases: dict[str, Case], tmp_path: Path, export_when: datetime) -> None:
    def relabel(name: str, data: bytes) -> bytes:
        if name == "[Content_Types].xml":
            return data.replace(b"wordprocessingml.document.main", b"wordprocessingml.template.main")
        return data

    dotx = _rewrite(COMMITTED, tmp_path / "t.dotx", relabel)
    case = cases["empty"]
    data, _, _ = render_docx(case.draft, case.profile, case.report, template=dotx, when=export_when)
    assert data == case.path.read_bytes()


def test_a_user_template_is_repaired_for_chinese(
    cases: dict[str, Case], tmp_path: Path, export_when: datetime, japanese_template: Path
) -> None:
    template = japanese_template
    before = part_xml(template, "word/styles.xml")
    assert [f for f in before.iter(f"{{{W}}}rFonts") if f.get(f"{{{W}}}eastAsiaTheme")]
    case = cases["hostile"]
    out = tmp_path / "from-user-template.docx"
    export_docx(case.draft, case.profile, case.report, out, template=template, when=export_when)
    styles = part_xml(out, "word/styles.xml")
    assert not [f for f in styles.iter(f"{{{W}}}rFonts") if f.get(f"{{{W}}}eastAsiaTheme")]
    defaults = styles.find(f"{{{W}}}docDefaults/{{{W}}}rPrDefault/{{{W}}}rPr")
    assert defaults.find(f"{{{W}}}rFonts").get(f"{{{W}}}eastAsia") == tpl.BODY_CJK
    assert defaults.find(f"{{{W}}}lang").get(f"{{{W}}}eastAsia") == "zh-CN"
    for style in styles.iter(f"{{{W}}}style"):
        if style.find(f"{{{W}}}name").get(f"{{{W}}}val") == "heading 1":
            assert style.find(f"{{{W}}}rPr/{{{W}}}rFonts").get(f"{{{W}}}eastAsia") == tpl.HEADING_CJK
    settings = part_xml(out, "word/settings.xml")
    assert settings.find(f"{{{W}}}themeFontLang").get(f"{{{W}}}eastAsia") == "zh-CN"
    assert docx.Document(io.BytesIO(out.read_bytes())).paragraphs  # opens again


def test_a_template_from_an_earlier_dossier_gets_the_newer_styles(
    tmp_path: Path, cases: dict[str, Case]
) -> None:
    """A user template made before the layout styles existed still exports: the styles it
    lacks (keep-with-next, emphasis, shading's companions) come from the default template."""
    document, _ = tpl.open_template(None)
    styles = document.styles.element
    for style in list(styles.findall(f"{{{W}}}style")):
        name = style.find(f"{{{W}}}name").get(f"{{{W}}}val")
        if name in tpl.ADDED_STYLES:
            styles.remove(style)
    old = tmp_path / "old.docx"
    document.save(str(old))
    assert not {s.name for s in docx.Document(str(old)).styles} & tpl.ADDED_STYLES
    case = cases["westmere-design"] if "westmere-design" in cases else next(iter(cases.values()))
    out = tmp_path / "out.docx"
    export_docx(case.draft, case.profile, case.report, out, template=old, when=datetime(2026, 1, 1))
    assert {s.name for s in docx.Document(str(out)).styles} >= tpl.ADDED_STYLES
