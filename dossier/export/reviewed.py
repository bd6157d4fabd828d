"""Read back a Word document that dossier exported and a reviewer edited.

The export marks each part with a bookmark on its heading and names the draft in the
document's custom properties (:mod:`dossier.export.markers`); it also keeps, in a custom
XML part, the text it wrote for every part as this module reads it (:func:`capture`).
That text is the base of a three-way comparison: what the reviewer changed is the
difference between it and the document now, whatever the draft became meanwhile.

Parts are found by their bookmarks; when another editor dropped them, by the heading's
exact text in any language the export writes. Nothing is guessed: a heading that cannot
be found, was renamed, or appears twice, a part out of order and text outside every part
are reported. Tracked changes (``w:ins``/``w:del``) are read as proposals; comments with
their author, date and the text they are anchored to; formatting the draft cannot hold
(bold, colours, pictures, a reviewer's table) is reported as not kept. In a bilingual review
copy each part is a two-column table: its right column is read as the part's text and its
left column as the working text (:attr:`Reviewed.working`), the export's placeholders left out.

Pure reading: it never writes a file. Refusals raise :class:`ReviewError` with one plain
sentence (a damaged archive, a macro-enabled document, a file over the size cap).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from lxml import etree

from dossier.core import form
from dossier.core.form import TEXT_PARTS
from dossier.core.i18n import N_, _
from dossier.export import markers

if TYPE_CHECKING:
    from docx.document import Document

    from dossier.core.profiles import Profile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
BASE_NS = "urn:dossier:export-base:1"
"""Namespace of the custom XML part that keeps what the export wrote."""

SIZE_CAP = 25 * 1024 * 1024
"""A reviewed document larger than this is refused before it is opened (a dossier's
export is well under 1 MB; pictures pasted by a reviewer are not part of the draft)."""
UNPACKED_CAP = 200 * 1024 * 1024
"""Total size of the archive's entries once unpacked: beyond it, a zip bomb."""

MACRO_TYPES = ("macroEnabled", "vbaProject")
PLACEHOLDER_STYLE = "Dossier Placeholder"
COUNT_STYLE = "Dossier Word Count"
MAIN_PARTS = (*TEXT_PARTS,)
TABLE_MARKS = (markers.BOOKMARK_SDG_TARGETS, markers.BOOKMARK_ACTION_PLAN)
TABLE_OWNER = {markers.BOOKMARK_SDG_TARGETS: form.SDGS.id, markers.BOOKMARK_ACTION_PLAN: form.PLAN.id}
"""The part each table belongs to (a comment in its cells is a note on that part)."""
OTHER_MARKS = (markers.BOOKMARK_BASIC, markers.BOOKMARK_ATTACHMENTS, markers.BOOKMARK_STATUS)
EMPHASIS = {
    "b": N_("bold"),
    "i": N_("italic"),
    "u": N_("underline"),
    "strike": N_("strike-through"),
    "dstrike": N_("strike-through"),
    "color": N_("colour"),
    "highlight": N_("highlight"),
    "shd": N_("shading"),
    "vertAlign": N_("superscript or subscript"),
    "caps": N_("capitals"),
    "smallCaps": N_("capitals"),
}


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


class ReviewError(Exception):
    """A document that cannot be read back; the message is one plain sentence."""


@dataclass(frozen=True, slots=True)
class TrackedChange:
    """One insertion or deletion made with Track Changes: a proposal, not a fact."""

    kind: Literal["inserted", "deleted"]
    author: str
    date: str
    text: str
    paragraph: int
    """Index of the paragraph in its part's text (as the reviewer's document has it)."""
    number: int = 0
    """Its number in the part or table (see :meth:`PartText.text_with`, :meth:`Reviewed.table_with`)."""
    column: Literal["text", "working"] = "text"
    """Which text of the part it is in: its text, or (a review copy's left column) its working text."""


@dataclass(frozen=True, slots=True)
class Comment:
    """A comment in the margin with what it is anchored to."""

    id: str
    author: str
    initials: str
    date: str
    text: str
    anchor: str
    part: str | None
    """The part it is anchored in (None: outside every part)."""
    paragraph: int | None
    """Its paragraph in the part's text, when anchored in the text."""
    resolved: bool = False
    column: Literal["text", "working"] = "text"
    """The text ``paragraph`` counts in: a review copy's left column is the working text."""


@dataclass(slots=True)
class Paragraph:
    """One body paragraph as read: its texts with tracked changes rejected and accepted."""

    original: str
    accepted: str
    style: str
    bookmarks: list[str]
    changes: list[tuple[str, str, str, str]]
    formatting: set[str]
    segments: list[Segment] = field(default_factory=list)


@dataclass(slots=True)
class PartText:
    """A text part as the document holds it."""

    part: str
    heading: str
    found_by: Literal["bookmark", "heading"]
    original: list[str] = field(default_factory=list)
    """Paragraphs with tracked changes not applied (what the document says without them)."""
    accepted: list[str] = field(default_factory=list)
    """Paragraphs with every tracked change accepted."""
    placeholder: list[str] = field(default_factory=list)
    changes: list[TrackedChange] = field(default_factory=list)
    formatting: set[str] = field(default_factory=set)
    pieces: list[list[Segment]] = field(default_factory=list)
    """Each paragraph's pieces, tracked changes numbered in the part (``changes[n].number``)."""

    def text_with(self, accepted: set[int] | None) -> list[str]:
        """The part's paragraphs with the tracked changes numbered in ``accepted`` applied (None: all)."""
        texts = (keep(with_changes(pieces, accepted)) for pieces in self.pieces)
        return [text for text in texts if text is not None]


@dataclass(slots=True)
class Reviewed:
    """Everything read back from one document."""

    properties: dict[str, str]
    parts: dict[str, PartText]
    tables: dict[str, list[list[str]]]
    comments: list[Comment]
    outside: list[str]
    """Paragraphs outside every part that the export did not write."""
    other: list[str]
    """Every paragraph outside the parts (the cover, tables' headings, the status page)."""
    problems: list[str]
    """What could not be matched (renamed, deleted, twice, moved), in plain sentences."""
    base: dict[str, Any] | None
    """What the export wrote (see :func:`capture`), when the document still holds it."""
    tables_accepted: dict[str, list[list[str]]] = field(default_factory=dict)
    """The SDG and action-plan tables with every tracked change in their cells accepted
    (``tables`` has them rejected: what the document says without them)."""
    table_changes: dict[str, list[TrackedChange]] = field(default_factory=dict)
    """Tracked changes in those tables' cells (``paragraph`` is the row's index in the table)."""
    working: dict[str, list[str]] = field(default_factory=dict)
    """A review copy's working texts, part by part (its left column; the right column is
    read as the part's text), tracked changes not applied. Empty for the submission document."""
    working_parts: dict[str, PartText] = field(default_factory=dict)
    """The same working texts with their tracked changes, numbered in the part after those
    of the part's text (so one set of numbers takes changes in either column)."""
    table_pieces: dict[str, list[list[list[list[Segment]]]]] = field(default_factory=dict)
    """The SDG and action-plan tables, row by row, cell by cell, paragraph by paragraph, each
    paragraph's pieces with their tracked change's number in ``table_changes``."""
    table_formatting: dict[str, set[str]] = field(default_factory=dict)
    """Formatting in those tables' cells that the draft cannot hold (reported, not kept)."""

    def table_with(self, table: str, accepted: set[int] | None) -> list[list[str]]:
        """The table's rows with the tracked changes numbered in ``accepted`` applied (None: all)."""
        pieces = self.table_pieces.get(table)
        if pieces is None:  # a Reviewed made by hand
            return (
                self.tables_accepted.get(table, self.tables[table])
                if accepted is None
                else self.tables[table]
            )
        return [["\n".join(with_changes(p, accepted) for p in cell) for cell in row] for row in pieces]

    @property
    def draft_id(self) -> str | None:
        """The draft the document was exported from (its properties, else its base)."""
        return (
            self.properties.get(markers.PROP_DRAFT_ID) or str((self.base or {}).get("draft_id") or "") or None
        )

    @property
    def revision(self) -> int | None:
        value = self.properties.get(markers.PROP_REVISION) or str((self.base or {}).get("revision") or "")
        return int(value) if value.strip().isdigit() else None


# ----------------------------------------------------------------------------- the archive


def check_archive(data: bytes, name: str) -> None:
    """Refuse what is not a plain .docx, with one sentence; never opens more than it must."""
    if len(data) > SIZE_CAP:
        raise ReviewError(
            _("{name} is {size} MB; a reviewed document over {cap} MB is not read.").format(
                name=name, size=len(data) // (1024 * 1024), cap=SIZE_CAP // (1024 * 1024)
            )
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if sum(info.file_size for info in archive.infolist()) > UNPACKED_CAP:
                raise ReviewError(
                    _("{name} unpacks to more than a Word document can hold.").format(name=name)
                )
            types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
    except zipfile.BadZipFile:
        raise ReviewError(
            _("{name} is not a Word document that can be read (the file is damaged or not a .docx).").format(
                name=name
            )
        ) from None
    except (OSError, ValueError, KeyError, EOFError):
        raise ReviewError(
            _("{name} is damaged: part of the Word document cannot be read.").format(name=name)
        ) from None
    if any(n.lower().endswith("vbaproject.bin") for n in names) or any(
        m.encode() in types for m in MACRO_TYPES
    ):
        raise ReviewError(
            _(
                "{name} is a Word document with macros (.docm); save it as a plain .docx and import that."
            ).format(name=name)
        )
    if "word/document.xml" not in names:
        raise ReviewError(
            _("{name} is not a Word document (.docx): it has no document body.").format(name=name)
        )


def open_document(path: Path) -> tuple[Document, bytes]:
    """The python-docx document at ``path`` once :func:`check_archive` accepts it."""
    import docx

    path = Path(path)
    try:
        size = path.stat().st_size
        if size > SIZE_CAP:
            raise ReviewError(
                _("{name} is {size} MB; a reviewed document over {cap} MB is not read.").format(
                    name=path.name, size=size // (1024 * 1024), cap=SIZE_CAP // (1024 * 1024)
                )
            )
        data = path.read_bytes()
    except OSError as exc:
        raise ReviewError(
            _("{path}: cannot be read ({reason}).").format(path=path, reason=exc.strerror or exc)
        ) from None
    check_archive(data, path.name)
    try:
        return docx.Document(io.BytesIO(data)), data
    except Exception:  # python-docx raises KeyError, ValueError, lxml errors on damaged parts
        raise ReviewError(
            _("{name} is damaged: part of the Word document cannot be read.").format(name=path.name)
        ) from None


# ----------------------------------------------------------------------------- paragraphs


def _style_names(document: Document) -> dict[str, str]:
    names: dict[str, str] = {}
    for style in document.styles.element.findall(_w("style")):
        name = style.find(_w("name"))
        style_id = style.get(_w("styleId"))
        if style_id and name is not None:
            names[style_id] = name.get(_w("val"), "")
    return names


def _paragraph_style(p: etree._Element, names: dict[str, str]) -> str:
    style = p.find(f"{_w('pPr')}/{_w('pStyle')}")
    if style is None:
        return "Normal"
    style_id = style.get(_w("val"), "")
    return names.get(style_id, style_id)


Segment = tuple[str, int | None, str | None]
"""A piece of a paragraph's text: (text, its tracked change's number in the paragraph, "ins"/"del")."""


def _texts(p: etree._Element) -> tuple[list[Segment], list[tuple[str, str, str, str]], set[str]]:
    """(pieces of text, tracked changes, formatting) of one paragraph.

    Each piece says which tracked change (``w:ins``/``w:del``) it belongs to, if any, so
    the text can be read with any set of changes accepted. Tabs read as ``\\t``, line
    breaks within the paragraph as ``\\n``; field codes are skipped, their shown result
    read; comments' reference marks hold no text.
    """
    segments: list[Segment] = []
    changes: list[tuple[str, str, str, str]] = []
    formatting: set[str] = set()

    def walk(node: etree._Element, inside: str | None, change: int | None) -> None:
        for child in node:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            local = etree.QName(tag).localname if tag.startswith("{") else tag
            if tag.startswith(f"{{{W}}}"):
                if local in ("ins", "moveTo", "del", "moveFrom"):
                    kind = "ins" if local in ("ins", "moveTo") else "del"
                    number = len(changes)
                    changes.append(("", "", "", ""))
                    before = len(segments)
                    walk(child, kind, number)
                    text = "".join(piece for piece, _n, _k in segments[before:])
                    changes[number] = (
                        "inserted" if kind == "ins" else "deleted",
                        child.get(_w("author"), ""),
                        child.get(_w("date"), ""),
                        text,
                    )
                    continue
                if local in ("pPr", "instrText", "delInstrText", "commentReference", "footnoteReference"):
                    continue
                if local == "rPr":
                    for prop in child:
                        if not isinstance(prop.tag, str):
                            continue
                        name = etree.QName(prop.tag).localname
                        if name in EMPHASIS and prop.get(_w("val"), "") not in ("0", "false", "none", "auto"):
                            formatting.add(EMPHASIS[name])
                    continue
                piece: str | None = None
                if local in ("t", "delText"):
                    piece = child.text or ""
                elif local == "tab":
                    piece = "\t"
                elif local == "cr" or (
                    local == "br" and child.get(_w("type"), "textWrapping") == "textWrapping"
                ):
                    piece = "\n"  # a page or column break is layout, not text
                elif local == "noBreakHyphen":
                    piece = "\u2011"
                elif local in ("drawing", "pict", "object"):
                    formatting.add(N_("picture"))
                if piece is not None:
                    segments.append((piece, change, inside))
                    continue
            elif local in ("AlternateContent",):
                formatting.add(N_("picture"))
                continue
            walk(child, inside, change)

    walk(p, None, None)
    return segments, changes, formatting


def with_changes(segments: list[Segment], accepted: set[int] | None) -> str:
    """The paragraph's text with the tracked changes numbered in ``accepted`` applied (None: all)."""
    out = []
    for piece, number, kind in segments:
        taken = kind is not None and (accepted is None or number in accepted)
        if kind is None or (kind == "ins" and taken) or (kind == "del" and not taken):
            out.append(piece)
    return "".join(out)


def _paragraph(p: etree._Element, names: dict[str, str]) -> Paragraph:
    segments, changes, formatting = _texts(p)
    original, accepted = with_changes(segments, set()), with_changes(segments, None)
    bookmarks = [b.get(_w("name"), "") for b in p.iter(_w("bookmarkStart"))]
    ppr = p.find(_w("pPr"))
    if ppr is not None and ppr.find(_w("numPr")) is not None:
        formatting.add(N_("list numbering"))
    return Paragraph(original, accepted, _paragraph_style(p, names), bookmarks, changes, formatting, segments)


def _body_items(body: etree._Element) -> list[etree._Element]:
    """Paragraphs and tables of the body in order, looking inside content controls."""
    items: list[etree._Element] = []
    for child in body:
        if child.tag in (_w("p"), _w("tbl")):
            items.append(child)
        elif child.tag == _w("sdt"):
            content = child.find(_w("sdtContent"))
            if content is not None:
                items.extend(_body_items(content))
    return items


def _table_rows(tbl: etree._Element) -> list[list[str]]:
    rows: list[list[str]] = []
    for tr in tbl.findall(_w("tr")):
        cells = []
        for tc in tr.findall(_w("tc")):
            cells.append("\n".join(with_changes(_texts(p)[0], set()) for p in tc.iter(_w("p"))))
        rows.append(cells)
    return rows


def _table_detail(
    tbl: etree._Element,
) -> tuple[list[list[str]], list[TrackedChange], list[list[list[list[Segment]]]], set[str]]:
    """A table's rows with every tracked change accepted, those changes (numbered in the
    table, ``paragraph`` the row's index), each cell paragraph's pieces, and the formatting
    its cells hold that the draft cannot (a reviewer's bold, a colour)."""
    rows: list[list[str]] = []
    changes: list[TrackedChange] = []
    pieces: list[list[list[list[Segment]]]] = []
    formatting: set[str] = set()
    for n, tr in enumerate(tbl.findall(_w("tr"))):
        cells: list[list[list[Segment]]] = []
        for tc in tr.findall(_w("tc")):
            cell = []
            for p in tc.iter(_w("p")):
                segments, found, emphasis = _texts(p)
                cell.append(_number(segments, found, changes, n))
                formatting |= emphasis
            cells.append(cell)
        pieces.append(cells)
        rows.append(["\n".join(with_changes(paragraph, None) for paragraph in cell) for cell in cells])
    return rows, changes, pieces, formatting


def _number(
    segments: list[Segment],
    found: list[tuple[str, str, str, str]],
    into: list[TrackedChange],
    paragraph: int,
    column: Literal["text", "working"] = "text",
    first: int = 0,
) -> list[Segment]:
    """Number a paragraph's tracked changes after those already ``into`` (from ``first``),
    add them there and return its pieces with those numbers (an empty change gets -1)."""
    numbers: dict[int, int] = {}
    for local, (kind, author, date, text) in enumerate(found):
        if text:
            numbers[local] = first + len(into)
            into.append(
                TrackedChange(kind, author, date, text, paragraph, numbers[local], column)  # type: ignore[arg-type]
            )
    return [(piece, numbers.get(n, -1) if n is not None else None, k) for piece, n, k in segments]


def _placeholder_only(p: etree._Element, names: dict[str, str]) -> bool:
    """Every run with text is in the Placeholder Text style: the review copy's "not given" and
    its out-of-date marks, written by the export, never part of a text."""
    runs = [r for r in p.iter(_w("r")) if r.find(_w("t")) is not None]
    if not runs:
        return False
    for run in runs:
        style = run.find(f"{_w('rPr')}/{_w('rStyle')}")
        if style is None or names.get(style.get(_w("val"), ""), "") != "Placeholder Text":
            return False
    return True


Place = tuple[int, Literal["text", "working"]]
"""A paragraph of a part: its index in the submission text or in the working text."""


def _side_by_side(
    tbl: etree._Element, names: dict[str, str]
) -> tuple[list[Paragraph], list[Paragraph], dict[etree._Element, Place]]:
    """A review copy's part table: (working paragraphs, submission paragraphs, the paragraph
    of the part each cell paragraph is), the header row and the export's placeholders left
    out; a paragraph a reviewer split within a cell reads as two.

    A paragraph of the right column is at its place in the part's text, one of the left
    column at its place in the working text: that is where a comment anchored in it belongs."""
    working: list[Paragraph] = []
    submission: list[Paragraph] = []
    places: dict[etree._Element, Place] = {}
    for tr in tbl.findall(_w("tr"))[1:]:
        cells = tr.findall(_w("tc"))
        for column, tc in enumerate(cells[:2]):
            for p in tc.iter(_w("p")):
                if _placeholder_only(p, names):
                    continue
                paragraph = _paragraph(p, names)
                if column == 0:
                    places[p] = (sum(1 for q in working if keep(q.original) is not None), "working")
                    working.append(paragraph)
                else:
                    places[p] = (sum(1 for q in submission if keep(q.original) is not None), "text")
                    submission.append(paragraph)
    return working, submission, places


def _is_heading(style: str) -> bool:
    return style.casefold().startswith(("heading", "title"))


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def keep(text: str) -> str | None:
    """A paragraph's text as a part holds it (trailing spaces dropped), None when blank."""
    text = text.rstrip()
    return text if text.strip() else None


# ----------------------------------------------------------------------------- reading


def read_document(
    document: Document, profile: Profile | None = None, *, base: dict[str, Any] | None = None
) -> Reviewed:
    """Read ``document`` (see the module's docstring).

    ``base`` is what the export wrote (default: the one the document holds); ``profile``
    gives the part headings to look for when a bookmark is gone.
    """
    if base is None:
        base = read_base(document)
    names = _style_names(document)
    items = _body_items(document.element.body)
    review_copy = bool(_custom_properties(document).get(markers.PROP_REVIEW_COPY))
    read: list[Paragraph | list[list[str]]] = [
        _paragraph(item, names) if item.tag == _w("p") else _table_rows(item) for item in items
    ]
    problems: list[str] = []

    # Where each part starts: by bookmark first, then by its heading's exact text.
    starts: dict[str, int] = {}
    for n, item in enumerate(read):
        if isinstance(item, Paragraph):
            for name in item.bookmarks:
                if name in (*MAIN_PARTS, *TABLE_MARKS, *OTHER_MARKS) and name not in starts:
                    starts[name] = n
    for part_id in MAIN_PARTS:
        if part_id in starts:
            continue
        wanted = {_norm(h) for h in _headings(part_id, profile, base) if h.strip()}
        found = [
            n
            for n, item in enumerate(read)
            if isinstance(item, Paragraph)
            and _is_heading(item.style)  # not the table of contents' entry
            and _norm(item.original) in wanted
            and n not in starts.values()
        ]
        title = _title(part_id, profile, base)
        if len(found) == 1:
            starts[part_id] = found[0]
        elif len(found) > 1:
            problems.append(
                _("The heading of “{part}” appears {count} times: that part was not read.").format(
                    part=title, count=len(found)
                )
            )
        else:
            problems.append(
                _(
                    "The heading of “{part}” was not found (renamed or deleted): that part was not read."
                ).format(part=title)
            )
    for mark in TABLE_MARKS:
        if mark not in starts:
            owner = TABLE_OWNER[mark]
            if owner in starts:  # the table's own heading comes next after the owner's text
                for n in range(starts[owner] + 1, len(read)):
                    item = read[n]
                    if isinstance(item, Paragraph) and _is_heading(item.style):
                        starts[mark] = n
                        break

    order = [p for p in MAIN_PARTS if p in starts]
    by_position = sorted(order, key=lambda p: starts[p])
    if by_position != order:
        moved = [p for p, q in zip(order, by_position, strict=True) if p != q]
        problems.append(
            _("Parts were moved in the document: {parts}. Each was read where it is now.").format(
                parts=", ".join(f"“{_title(p, profile, base)}”" for p in moved)
            )
        )

    owner_of: dict[int, str] = {n: key for key, n in starts.items()}
    parts: dict[str, PartText] = {}
    tables: dict[str, list[list[str]]] = {}
    tables_accepted: dict[str, list[list[str]]] = {}
    table_changes: dict[str, list[TrackedChange]] = {}
    outside: list[str] = []
    other: list[str] = []
    region: str | None = None
    base_other = list((base or {}).get("other", []))
    placeholders = {p: set(v.get("placeholder", [])) for p, v in ((base or {}).get("parts", {})).items()}
    working: dict[str, list[str]] = {}
    working_parts: dict[str, PartText] = {}
    table_pieces: dict[str, list[list[list[list[Segment]]]]] = {}
    table_formatting: dict[str, set[str]] = {}
    beside: dict[etree._Element, Place] = {}
    for n, item in enumerate(read):
        if n in owner_of:
            region = owner_of[n]
        if review_copy and isinstance(item, list) and region in MAIN_PARTS and region not in working:
            # the review copy's part: working | submission, one row per paragraph
            left, side, cells = _side_by_side(items[n], names)
            beside.update(cells)
            part = parts[region]
            for paragraph in side:
                _add_paragraph(part, paragraph)
            working_part = PartText(region, part.heading, part.found_by)
            for paragraph in left:  # numbered after the right column's
                _add_paragraph(working_part, paragraph, "working", len(part.changes))
            working[region], working_parts[region] = working_part.original, working_part
            continue
        if n in owner_of and region in MAIN_PARTS:
            if isinstance(item, Paragraph):
                found_by: Literal["bookmark", "heading"] = (
                    "bookmark" if region in item.bookmarks else "heading"
                )
                parts[region] = PartText(region, item.original, found_by)
                was = (base or {}).get("parts", {}).get(region, {}).get("heading")
                if was and _norm(was) != _norm(item.original):
                    problems.append(
                        _(
                            "The heading “{old}” was renamed “{new}”; its part was found by its bookmark."
                        ).format(old=was, new=item.original.strip())
                    )
            continue
        if n not in owner_of and isinstance(item, Paragraph) and _is_heading(item.style):
            region = None
        if isinstance(item, list):
            if region in TABLE_MARKS:
                if region not in tables:
                    tables[region] = item
                    (
                        tables_accepted[region],
                        table_changes[region],
                        table_pieces[region],
                        table_formatting[region],
                    ) = _table_detail(items[n])
            elif region in MAIN_PARTS:
                parts[region].formatting.add(N_("table"))
                for row in item:
                    text = keep(" | ".join(row))
                    if text is not None:
                        outside.append(text)
            continue
        if region in MAIN_PARTS:
            part = parts[region]
            if item.style == COUNT_STYLE:
                continue
            if item.style == PLACEHOLDER_STYLE and (
                not base or item.original in placeholders.get(region, set())
            ):
                part.placeholder.append(item.original)
                continue
            _add_paragraph(part, item)
            continue
        text = keep(item.original)
        if text is None:
            continue
        other.append(text)
        if text in base_other:
            base_other.remove(text)
        elif base is not None:
            outside.append(text)
    return Reviewed(
        properties=_custom_properties(document),
        parts=parts,
        tables=tables,
        comments=_comments(document, items, read, owner_of, beside),
        outside=outside,
        other=other,
        problems=problems,
        base=base,
        tables_accepted=tables_accepted,
        table_changes=table_changes,
        working=working,
        working_parts=working_parts,
        table_pieces=table_pieces,
        table_formatting=table_formatting,
    )


def _add_paragraph(
    part: PartText, item: Paragraph, column: Literal["text", "working"] = "text", first: int = 0
) -> None:
    """One paragraph of a part's text, its tracked changes numbered in the part (from ``first``)."""
    original, accepted = keep(item.original), keep(item.accepted)
    part.pieces.append(_number(item.segments, item.changes, part.changes, len(part.original), column, first))
    if original is not None:
        part.original.append(original)
    if accepted is not None:
        part.accepted.append(accepted)
    part.formatting |= item.formatting


def _headings(part_id: str, profile: Profile | None, base: dict[str, Any] | None) -> list[str]:
    found: list[str] = []
    if base is not None:
        heading = base.get("parts", {}).get(part_id, {}).get("heading")
        if heading:
            found.append(heading)
    if profile is not None:
        spec = profile.section(part_id)
        for language in ("en", "fr", "zh"):
            found.append(spec.heading(language))
    return found


def _title(part_id: str, profile: Profile | None, base: dict[str, Any] | None) -> str:
    headings = _headings(part_id, profile, base)
    return headings[0] if headings else part_id


def _custom_properties(document: Document) -> dict[str, str]:
    from dossier.export.ooxml import custom_properties

    try:
        return custom_properties(document)
    except etree.XMLSyntaxError:
        return {}


# ----------------------------------------------------------------------------- comments


def _comments(
    document: Document,
    items: list[etree._Element],
    read: list[Paragraph | list[list[str]]],
    owner_of: dict[int, str],
    beside: dict[etree._Element, Place],
) -> list[Comment]:
    """Every comment with the text it spans, the part and paragraph it starts in.

    One in a cell of the SDG or action-plan table is on the part the table belongs to; one
    in a review copy's cell on the paragraph that cell holds (``beside``), in the working text
    for the left column.
    """
    try:
        comments = list(document.comments)
    except Exception:  # no comments part, or one python-docx cannot read
        return []
    if not comments:
        return []
    # where each comment range starts: (item index, paragraph index in the part)
    where: dict[str, tuple[str | None, int | None, Literal["text", "working"]]] = {}
    anchors: dict[str, list[str]] = {}
    open_ids: set[str] = set()
    region: str | None = None
    index = -1
    for n, element in enumerate(items):
        item = read[n]
        if n in owner_of:
            region, index = owner_of[n], -1
        elif isinstance(item, Paragraph) and _is_heading(item.style):
            region, index = None, -1
        counted = isinstance(item, Paragraph) and keep(item.original) is not None and n not in owner_of
        if counted and item.style not in (COUNT_STYLE, PLACEHOLDER_STYLE):  # type: ignore[union-attr]
            index += 1
        part = region if region in MAIN_PARTS else TABLE_OWNER.get(region or "")
        cell: etree._Element | None = None
        for node in element.iter():
            tag = node.tag
            if tag == _w("p"):
                if cell is not None:  # a comment over paragraphs in a table: one line each
                    for cid in open_ids:
                        anchors[cid].append("\n")
                cell = node
            if tag in (_w("commentRangeStart"), _w("commentReference")):
                cid = node.get(_w("id"), "")
                if cid not in where:
                    place = beside.get(cell) if cell is not None and part else None
                    if region in MAIN_PARTS and counted:
                        where[cid] = (part, index, "text")
                    elif place is not None:
                        where[cid] = (part, *place)
                    else:
                        where[cid] = (part, None, "text")
                if tag == _w("commentRangeStart"):
                    open_ids.add(cid)
                    anchors.setdefault(cid, [])
            elif tag == _w("commentRangeEnd"):
                open_ids.discard(node.get(_w("id"), ""))
            elif tag in (_w("t"), _w("tab"), _w("br")) and open_ids:
                piece = node.text or "" if tag == _w("t") else ("\t" if tag == _w("tab") else "\n")
                for cid in open_ids:
                    anchors[cid].append(piece)
        if open_ids and isinstance(item, Paragraph):
            for cid in open_ids:
                anchors[cid].append("\n")
    done = _resolved(document)
    out: list[Comment] = []
    for comment in comments:
        cid = str(comment.comment_id)
        stamp = comment.timestamp
        part, paragraph, column = where.get(cid, (None, None, "text"))
        element = comment._comment_elm
        para_ids = [p.get(f"{{{W14}}}paraId") for p in element.iter(_w("p"))]
        out.append(
            Comment(
                id=cid,
                author=comment.author or "",
                initials=comment.initials or "",
                date=stamp.isoformat() if isinstance(stamp, datetime) else "",
                text="\n".join(p.text for p in comment.paragraphs).strip(),
                anchor="".join(anchors.get(cid, [])).strip(),
                part=part,
                paragraph=paragraph,
                resolved=bool(para_ids) and para_ids[-1] in done,
                column=column,
            )
        )
    return out


def _resolved(document: Document) -> set[str]:
    """paraIds of the comments marked done (``word/commentsExtended.xml``, Word 2013 on)."""
    done: set[str] = set()
    for rel in document.part.rels.values():
        if rel.is_external or not rel.reltype.endswith("/commentsExtended"):
            continue
        try:
            root = etree.fromstring(rel.target_part.blob)
        except etree.XMLSyntaxError:
            continue
        for item in root.iter(f"{{{W15}}}commentEx"):
            if item.get(f"{{{W15}}}done") in ("1", "true"):
                done.add(item.get(f"{{{W15}}}paraId", ""))
    return done


# ----------------------------------------------------------------------------- the base


def capture(document: Document, profile: Profile | None = None) -> dict[str, Any]:
    """What the export just wrote, as :func:`read_document` reads it back: the base."""
    reviewed = read_document(document, profile, base={})
    return {
        "draft_id": reviewed.properties.get(markers.PROP_DRAFT_ID, ""),
        "revision": reviewed.properties.get(markers.PROP_REVISION, ""),
        "parts": {
            p.part: {
                "heading": p.heading,
                "text": p.original,
                "placeholder": p.placeholder,
                **({"working": reviewed.working[p.part]} if p.part in reviewed.working else {}),
            }
            for p in reviewed.parts.values()
        },
        "tables": reviewed.tables,
        "other": reviewed.other,
        "comments": [[c.author, c.text] for c in reviewed.comments],
    }


def base_xml(base: dict[str, Any]) -> bytes:
    root = etree.Element(f"{{{BASE_NS}}}base", nsmap={None: BASE_NS})
    root.set("draft_id", str(base.get("draft_id", "")))
    root.set("revision", str(base.get("revision", "")))
    for part_id, part in base.get("parts", {}).items():
        node = etree.SubElement(root, f"{{{BASE_NS}}}part", id=part_id, heading=part["heading"])
        for text in part["text"]:
            etree.SubElement(node, f"{{{BASE_NS}}}p").text = text
        for text in part["placeholder"]:
            etree.SubElement(node, f"{{{BASE_NS}}}placeholder").text = text
        if "working" in part:  # a review copy's working text
            node.set("working", "1")
            for text in part["working"]:
                etree.SubElement(node, f"{{{BASE_NS}}}working").text = text
    for table_id, rows in base.get("tables", {}).items():
        node = etree.SubElement(root, f"{{{BASE_NS}}}table", id=table_id)
        for row in rows:
            tr = etree.SubElement(node, f"{{{BASE_NS}}}row")
            for cell in row:
                etree.SubElement(tr, f"{{{BASE_NS}}}cell").text = cell
    for text in base.get("other", []):
        etree.SubElement(root, f"{{{BASE_NS}}}other").text = text
    for author, text in base.get("comments", []):
        etree.SubElement(root, f"{{{BASE_NS}}}comment", author=author).text = text
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def parse_base(blob: bytes) -> dict[str, Any] | None:
    try:
        root = etree.fromstring(blob)
    except etree.XMLSyntaxError:
        return None
    if root.tag != f"{{{BASE_NS}}}base":
        return None
    q = f"{{{BASE_NS}}}"
    return {
        "draft_id": root.get("draft_id", ""),
        "revision": root.get("revision", ""),
        "parts": {
            node.get("id", ""): {
                "heading": node.get("heading", ""),
                "text": [p.text or "" for p in node.findall(f"{q}p")],
                "placeholder": [p.text or "" for p in node.findall(f"{q}placeholder")],
                **(
                    {"working": [p.text or "" for p in node.findall(f"{q}working")]}
                    if node.get("working")
                    else {}
                ),
            }
            for node in root.findall(f"{q}part")
        },
        "tables": {
            node.get("id", ""): [
                [c.text or "" for c in row.findall(f"{q}cell")] for row in node.findall(f"{q}row")
            ]
            for node in root.findall(f"{q}table")
        },
        "other": [n.text or "" for n in root.findall(f"{q}other")],
        "comments": [[n.get("author", ""), n.text or ""] for n in root.findall(f"{q}comment")],
    }


def read_base(document: Document) -> dict[str, Any] | None:
    """The base the export kept in the document, wherever an editor moved its part."""
    for part in document.part.package.iter_parts():
        if not str(part.partname).startswith("/customXml/") or "itemProps" in str(part.partname):
            continue
        blob = part.blob
        if BASE_NS.encode() not in blob:
            continue
        found = parse_base(blob)
        if found is not None:
            return found
    return None


def embed_base(document: Document, base: dict[str, Any]) -> None:
    """Keep ``base`` in the document as a custom XML part (with its item properties, as
    Word expects), related from the main document so every editor carries it along."""
    import hashlib
    import uuid

    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    package = document.part.package
    taken = {str(p.partname) for p in package.iter_parts()}
    n = 1
    while f"/customXml/item{n}.xml" in taken or f"/customXml/itemProps{n}.xml" in taken:
        n += 1
    blob = base_xml(base)
    item = Part(PackURI(f"/customXml/item{n}.xml"), "application/xml", blob, package)
    item_id = uuid.uuid5(
        uuid.NAMESPACE_URL, f"{BASE_NS}:{hashlib.sha256(blob).hexdigest()}"
    )  # same draft, same bytes
    props_xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>'
        '<ds:datastoreItem ds:itemID="{' + str(item_id).upper() + '}" '
        'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">'
        f'<ds:schemaRefs><ds:schemaRef ds:uri="{BASE_NS}"/></ds:schemaRefs></ds:datastoreItem>'
    ).encode()
    props = Part(
        PackURI(f"/customXml/itemProps{n}.xml"),
        "application/vnd.openxmlformats-officedocument.customXmlProperties+xml",
        props_xml,
        package,
    )
    item.relate_to(props, RT.CUSTOM_XML_PROPS)
    document.part.relate_to(item, RT.CUSTOM_XML)


def read_reviewed(path: Path, profile: Profile | None = None) -> Reviewed:
    """Open and read the reviewed document at ``path``; raises :class:`ReviewError`."""
    document, _data = open_document(path)
    try:
        return read_document(document, profile)
    except (etree.XMLSyntaxError, KeyError, ValueError, AttributeError):
        raise ReviewError(
            _("{name} is damaged: part of the Word document cannot be read.").format(name=Path(path).name)
        ) from None
