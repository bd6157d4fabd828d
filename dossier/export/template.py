"""Find the Word template, open it and check it defines every style the export uses.

The default template is built by ``templates/build_template.py``. An installed wheel
carries it as ``dossier/templates/dossier-template.docx``; a source checkout or an
editable install finds it in the repository's ``templates/`` folder.

Styles are looked up by name, case-insensitively: Word stores built-in names in lower
case ("heading 1", "toc 1") whatever the UI language, LibreOffice may write "Heading 1",
and a localised Word changes only the style *ids*, so names are what stay stable.
"""

from __future__ import annotations

import io
import zipfile
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dossier.core.i18n import _, ngettext, pgettext
from dossier.export.result import ExportError

if TYPE_CHECKING:
    from docx.document import Document
    from docx.styles.style import BaseStyle

TEMPLATE_NAME = "dossier-template.docx"

BODY_CJK = "SimSun"
"""East Asian font for body text (宋体); the template builder uses the same names."""
HEADING_CJK = "SimHei"
"""East Asian font for headings, titles, header and footer (黑体)."""
EAST_ASIAN_LANGUAGE = "zh-CN"
REPO_TEMPLATE = Path(__file__).resolve().parents[2] / "templates" / TEMPLATE_NAME

REQUIRED_STYLES: dict[str, str] = {
    # name -> kind ("paragraph", "character" or "table"), as the writer uses them
    "Normal": "paragraph",
    "Title": "paragraph",
    "Subtitle": "paragraph",
    "Heading 1": "paragraph",
    "Heading 2": "paragraph",
    "Heading 3": "paragraph",
    "TOC Heading": "paragraph",
    "TOC 1": "paragraph",
    "Header": "paragraph",
    "Footer": "paragraph",
    "Table Text": "paragraph",
    "Table Heading": "paragraph",
    "Dossier Cover": "paragraph",
    "Dossier Draft Mark": "paragraph",
    "Dossier Placeholder": "paragraph",
    "Dossier Word Count": "paragraph",
    "Placeholder Text": "character",
    "Dossier Table": "table",
    "Table Number": "paragraph",
    "Dossier Contact Role": "paragraph",
    "Dossier Table Total": "paragraph",
    "Dossier Cover Note": "paragraph",
    "Dossier Status Part": "paragraph",
    "Dossier Commitment": "paragraph",
    "Dossier Status Emphasis": "character",
    "Dossier Location": "character",
}

ADDED_STYLES = frozenset(list(REQUIRED_STYLES)[-8:])
"""Styles a template made for an earlier dossier may lack: they are copied in from the
default template instead of refusing it (they only carry keep-with-next, emphasis and
alignment; the fonts and headings stay the user's)."""

_TEMPLATE_CT = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCUMENT_CT = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def default_template() -> tuple[str, bytes]:
    """(description, bytes) of the bundled template: the wheel's copy, else the repository's."""
    packaged = resources.files("dossier") / "templates" / TEMPLATE_NAME
    try:
        if packaged.is_file():
            return str(packaged), packaged.read_bytes()
    except OSError:
        pass
    try:
        return str(REPO_TEMPLATE), REPO_TEMPLATE.read_bytes()
    except OSError:
        raise ExportError(
            _(
                "The default Word template is missing ({name}); reinstall dossier, "
                "or pass a template with --template."
            ).format(name=TEMPLATE_NAME)
        ) from None


MAX_TEMPLATE_BYTES = 64 * 1024 * 1024
"""A Word template with a few logos is well under 10 MB; refuse to read anything this large."""


def _read(path: Path) -> bytes:
    from dossier.storage.reading import UnreadableFile, read_regular, size_words

    try:
        # never hangs on a pipe, never reads a device or a huge file into memory
        return read_regular(path, MAX_TEMPLATE_BYTES)
    except UnreadableFile as exc:
        if exc.size is not None:
            message = _("Template {path}: {size} is far too large for a Word template.")
            raise ExportError(message.format(path=path, size=size_words(exc.size))) from None
        # Translators: {kind} is a few words from storage, e.g. "a folder, not a file"
        message = _("Template {path} is {kind}; give a Word document (.docx).")
        raise ExportError(message.format(path=path, kind=exc.reason)) from None
    except FileNotFoundError:
        raise ExportError(_("Template {path}: no such file.").format(path=path)) from None
    except PermissionError:
        raise ExportError(
            _("Template {path}: you are not allowed to read this file.").format(path=path)
        ) from None
    except OSError as exc:
        message = _("Template {path}: cannot be read ({reason}).")
        raise ExportError(message.format(path=path, reason=exc.strerror or exc)) from None


def _as_document_package(where: str, data: bytes) -> bytes:
    """The package bytes, with a Word template (.dotx) relabelled as a document.

    python-docx refuses a .dotx only because of its main part's content type; the parts
    are the same, so a .dotx the user designed in Word works as well as a .docx.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            types = archive.read("[Content_Types].xml")
            if _TEMPLATE_CT not in types:
                return data
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
                for info in archive.infolist():
                    body = archive.read(info)
                    if info.filename == "[Content_Types].xml":
                        body = body.replace(_TEMPLATE_CT, _DOCUMENT_CT)
                    copy.writestr(info, body)
            return out.getvalue()
    except Exception:  # zipfile raises BadZipFile, KeyError, EOFError, NotImplementedError, zlib.error...
        raise ExportError(_("Template {path} is not a Word document (.docx).").format(path=where)) from None


def open_template(path: Path | None) -> tuple[Document, str]:
    """(document, description) of the template; raises :class:`ExportError` if unusable."""
    import docx  # deferred: python-docx is only needed while exporting

    if path is None:
        where, data = default_template()
    else:
        where, data = str(path), _read(Path(path))
    data = _as_document_package(where, data)
    try:
        return docx.Document(io.BytesIO(data)), where
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors...
        message = _("Template {path} cannot be opened as a Word document ({problem}).")
        raise ExportError(message.format(path=where, problem=f"{type(exc).__name__}: {exc}")) from None


def _style_kind(kind: str) -> str:
    """The kind of a Word style as Word's own menus name it in the interface language."""
    names = {
        "paragraph": pgettext("Word style kind", "paragraph"),
        "character": pgettext("Word style kind", "character"),
        "table": pgettext("Word style kind", "table"),
    }
    return names.get(kind, kind)


def resolve_styles(document: Document, where: str) -> dict[str, BaseStyle]:
    """Every style in :data:`REQUIRED_STYLES`, by name; ExportError names any missing one."""
    from docx.enum.style import WD_STYLE_TYPE

    kinds = {
        WD_STYLE_TYPE.PARAGRAPH: "paragraph",
        WD_STYLE_TYPE.CHARACTER: "character",
        WD_STYLE_TYPE.TABLE: "table",
        WD_STYLE_TYPE.LIST: "list",
    }
    by_name: dict[tuple[str, str], BaseStyle] = {}
    for style in document.styles:
        if style.name:
            by_name.setdefault((style.name.casefold(), kinds.get(style.type, "")), style)
    found: dict[str, BaseStyle] = {}
    missing: list[str] = []
    lacking = [name for name in ADDED_STYLES if (name.casefold(), REQUIRED_STYLES[name]) not in by_name]
    if lacking:
        for style in _default_styles(lacking):
            document.styles.element.append(style)
        for style in document.styles:
            if style.name:
                by_name.setdefault((style.name.casefold(), kinds.get(style.type, "")), style)
    for name, kind in REQUIRED_STYLES.items():
        style = by_name.get((name.casefold(), kind))
        if style is None:
            missing.append(f"{name} ({_style_kind(kind)})")
        else:
            found[name] = style
    if missing:
        message = ngettext(
            "Template {path} lacks the style {styles}; add it or start from dossier's own template "
            "(templates/{name}).",
            "Template {path} lacks the styles {styles}; add them or start from dossier's own template "
            "(templates/{name}).",
            len(missing),
        )
        raise ExportError(message.format(path=where, styles=", ".join(missing), name=TEMPLATE_NAME))
    return found


def _default_styles(names: list[str]) -> list[Any]:
    """Copies of the default template's ``w:style`` elements called ``names``."""
    import copy

    from docx.oxml.ns import qn

    wanted = {name.casefold() for name in names}
    document, _where = open_template(None)
    found = []
    for style in document.styles.element.findall(qn("w:style")):
        name = style.find(qn("w:name"))
        if name is not None and (name.get(qn("w:val")) or "").casefold() in wanted:
            found.append(copy.deepcopy(style))
    return found
