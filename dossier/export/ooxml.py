"""Raw WordprocessingML that python-docx 1.2 has no API for.

East Asian fonts and language, fields (PAGE, NUMPAGES, TOC, PAGEREF), bookmarks,
internal hyperlinks, cell shading, repeated header rows, ``updateFields`` and custom
document properties. Every element is built with lxml and inserted at its place in
the schema's child order: Word silently ignores, or refuses, properties out of order.
User text never reaches this module as XML source, only as element text or attribute
values set through lxml, which escapes them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from lxml import etree

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import _Cell, _Row
    from docx.text.paragraph import Paragraph

# Child order of the elements we touch (ECMA-376 part 1, transitional schema).
RPR_ORDER = (
    "w:rStyle",
    "w:rFonts",
    "w:b",
    "w:bCs",
    "w:i",
    "w:iCs",
    "w:caps",
    "w:smallCaps",
    "w:strike",
    "w:dstrike",
    "w:outline",
    "w:shadow",
    "w:emboss",
    "w:imprint",
    "w:noProof",
    "w:snapToGrid",
    "w:vanish",
    "w:webHidden",
    "w:color",
    "w:spacing",
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
)
TCPR_ORDER = (
    "w:cnfStyle",
    "w:tcW",
    "w:gridSpan",
    "w:hMerge",
    "w:vMerge",
    "w:tcBorders",
    "w:shd",
    "w:noWrap",
    "w:tcMar",
    "w:textDirection",
    "w:tcFitText",
    "w:vAlign",
    "w:hideMark",
)
SETTINGS_ORDER = (
    "w:writeProtection",
    "w:view",
    "w:zoom",
    "w:removePersonalInformation",
    "w:removeDateAndTime",
    "w:doNotDisplayPageBoundaries",
    "w:displayBackgroundShape",
    "w:printPostScriptOverText",
    "w:printFractionalCharacterWidth",
    "w:printFormsData",
    "w:embedTrueTypeFonts",
    "w:embedSystemFonts",
    "w:saveSubsetFonts",
    "w:saveFormsData",
    "w:mirrorMargins",
    "w:alignBordersAndEdges",
    "w:bordersDoNotSurroundHeader",
    "w:bordersDoNotSurroundFooter",
    "w:gutterAtTop",
    "w:hideSpellingErrors",
    "w:hideGrammaticalErrors",
    "w:activeWritingStyle",
    "w:proofState",
    "w:formsDesign",
    "w:attachedTemplate",
    "w:linkStyles",
    "w:stylePaneFormatFilter",
    "w:stylePaneSortMethod",
    "w:documentType",
    "w:mailMerge",
    "w:revisionView",
    "w:trackRevisions",
    "w:doNotTrackMoves",
    "w:doNotTrackFormatting",
    "w:documentProtection",
    "w:autoFormatOverride",
    "w:styleLockTheme",
    "w:styleLockQFSet",
    "w:defaultTabStop",
    "w:autoHyphenation",
    "w:consecutiveHyphenLimit",
    "w:hyphenationZone",
    "w:doNotHyphenateCaps",
    "w:showEnvelope",
    "w:summaryLength",
    "w:clickAndTypeStyle",
    "w:defaultTableStyle",
    "w:evenAndOddHeaders",
    "w:bookFoldRevPrinting",
    "w:bookFoldPrinting",
    "w:bookFoldPrintingSheets",
    "w:drawingGridHorizontalSpacing",
    "w:drawingGridVerticalSpacing",
    "w:displayHorizontalDrawingGridEvery",
    "w:displayVerticalDrawingGridEvery",
    "w:doNotUseMarginsForDrawingGridOrigin",
    "w:drawingGridHorizontalOrigin",
    "w:drawingGridVerticalOrigin",
    "w:doNotShadeFormData",
    "w:noPunctuationKerning",
    "w:characterSpacingControl",
    "w:printTwoOnOne",
    "w:strictFirstAndLastChars",
    "w:noLineBreaksAfter",
    "w:noLineBreaksBefore",
    "w:savePreviewPicture",
    "w:doNotValidateAgainstSchema",
    "w:saveInvalidXml",
    "w:ignoreMixedContent",
    "w:alwaysShowPlaceholderText",
    "w:doNotDemarcateInvalidXml",
    "w:saveXmlDataOnly",
    "w:useXSLTWhenSaving",
    "w:saveThroughXslt",
    "w:showXMLTags",
    "w:alwaysMergeEmptyNamespace",
    "w:updateFields",
    "w:hdrShapeDefaults",
    "w:footnotePr",
    "w:endnotePr",
    "w:compat",
    "w:docVars",
    "w:rsids",
    "m:mathPr",
    "w:attachedSchema",
    "w:themeFontLang",
    "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures",
    "w:forceUpgrade",
    "w:captions",
    "w:readModeInkLockDown",
    "w:smartTagType",
    "sl:schemaLibrary",
    "w:shapeDefaults",
    "w:doNotEmbedSmartTags",
    "w:decimalSymbol",
    "w:listSeparator",
)
_NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "sl": "http://schemas.openxmlformats.org/schemaLibrary/2006/main",
}


def _clark(tag: str) -> str:
    prefix, local = tag.split(":")
    return f"{{{_NS[prefix]}}}{local}"


def insert_ordered(parent: etree._Element, child: etree._Element, order: Sequence[str]) -> etree._Element:
    """Insert ``child`` before the first sibling that the schema puts after it."""
    tags = [_clark(tag) for tag in order]
    position = tags.index(child.tag)
    later = set(tags[position + 1 :])
    for sibling in parent:
        if sibling.tag in later:
            sibling.addprevious(child)
            return child
    parent.append(child)
    return child


def get_or_add(parent: etree._Element, tag: str, order: Sequence[str]) -> etree._Element:
    """The child ``tag`` of ``parent``, created in schema order if absent."""
    found = parent.find(qn(tag))
    if found is not None:
        return found
    return insert_ordered(parent, OxmlElement(tag), order)


# ----------------------------------------------------------------------------- fonts

_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def pin_fonts(rpr: etree._Element, latin: str, east_asian: str) -> None:
    """Name all four font slots of ``rpr`` outright and drop the theme attributes."""
    fonts = get_or_add(rpr, "w:rFonts", RPR_ORDER)
    for attr in _THEME_ATTRS:
        fonts.attrib.pop(qn(attr), None)
    for attr, value in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east_asian), ("w:cs", latin)):
        fonts.set(qn(attr), value)


def repair_east_asian(rpr: etree._Element, east_asian: str, *, required: bool) -> None:
    """Make the East Asian slot of ``rpr`` a real font, keeping a template's explicit choice.

    An ``eastAsiaTheme`` attribute wins over ``eastAsia`` in Word and resolves through
    the theme and ``themeFontLang``, which is how python-docx's default ends up in a
    Japanese face; it is removed. ``required`` adds the slot where none is set (the
    document defaults, which everything else inherits).
    """
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        if not required:
            return
        fonts = get_or_add(rpr, "w:rFonts", RPR_ORDER)
    themed = fonts.attrib.pop(qn("w:eastAsiaTheme"), None) is not None
    if (themed or required) and not fonts.get(qn("w:eastAsia")):
        fonts.set(qn("w:eastAsia"), east_asian)


def set_east_asian_language(rpr: etree._Element, language: str) -> None:
    """``w:lang/@w:eastAsia``: tells Word and LibreOffice which CJK forms and fonts to use."""
    get_or_add(rpr, "w:lang", RPR_ORDER).set(qn("w:eastAsia"), language)


def set_language(rpr: etree._Element, language: str) -> None:
    """``w:lang/@w:val``: the language of the (Latin) text, for spelling and hyphenation."""
    get_or_add(rpr, "w:lang", RPR_ORDER).set(qn("w:val"), language)


def set_theme_font_language(settings: etree._Element, east_asian: str, language: str | None = None) -> None:
    """``w:themeFontLang``: the languages Word picks theme fonts for (East Asian, and the text's)."""
    element = get_or_add(settings, "w:themeFontLang", SETTINGS_ORDER)
    element.set(qn("w:eastAsia"), east_asian)
    if language is not None:
        element.set(qn("w:val"), language)


def set_update_fields(settings: etree._Element) -> None:
    """Ask Word to refresh fields (the table of contents' page numbers) when it opens."""
    get_or_add(settings, "w:updateFields", SETTINGS_ORDER).set(qn("w:val"), "true")


# ----------------------------------------------------------------------------- fields


def _run_with(paragraph_or_parent: etree._Element, child: etree._Element) -> etree._Element:
    run = OxmlElement("w:r")
    run.append(child)
    paragraph_or_parent.append(run)
    return run


def field_begin(parent: etree._Element, instruction: str) -> None:
    """Append the runs that open a field and hold its instruction (``PAGE``, ``TOC ...``)."""
    _run_with(parent, OxmlElement("w:fldChar", attrs={qn("w:fldCharType"): "begin"}))
    instr = OxmlElement("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = f" {instruction} "
    _run_with(parent, instr)


def field_separate(parent: etree._Element) -> None:
    _run_with(parent, OxmlElement("w:fldChar", attrs={qn("w:fldCharType"): "separate"}))


def field_end(parent: etree._Element) -> None:
    _run_with(parent, OxmlElement("w:fldChar", attrs={qn("w:fldCharType"): "end"}))


def add_field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A complete simple field; ``shown`` is the cached result until the reader updates it."""
    field_begin(paragraph._p, instruction)
    field_separate(paragraph._p)
    paragraph.add_run(shown)
    field_end(paragraph._p)


# ----------------------------------------------------------------------------- bookmarks, links


def add_bookmark(paragraph: Paragraph, name: str, bookmark_id: int) -> None:
    """Bookmark the whole paragraph: start right after ``w:pPr``, end as its last child."""
    p = paragraph._p
    start = OxmlElement("w:bookmarkStart", attrs={qn("w:id"): str(bookmark_id), qn("w:name"): name})
    ppr = p.pPr
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    p.append(OxmlElement("w:bookmarkEnd", attrs={qn("w:id"): str(bookmark_id)}))


def add_internal_link(paragraph: Paragraph, anchor: str) -> etree._Element:
    """An empty ``w:hyperlink`` to bookmark ``anchor``, appended to the paragraph."""
    link = OxmlElement("w:hyperlink", attrs={qn("w:anchor"): anchor, qn("w:history"): "1"})
    paragraph._p.append(link)
    return link


def append_tab(parent: etree._Element) -> None:
    _run_with(parent, OxmlElement("w:tab"))


def append_text(parent: etree._Element, text: str) -> None:
    """A run holding ``text`` (lxml escapes it); ``text`` must be free of tabs and breaks."""
    t = OxmlElement("w:t")
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = text
    _run_with(parent, t)


# ----------------------------------------------------------------------------- tables


def shade(cell: _Cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = get_or_add(tcpr, "w:shd", TCPR_ORDER)
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)


def set_table_look(table_element: etree._Element, *, first_row: bool, first_column: bool) -> None:
    """Which of the table style's conditional parts apply (``w:tblLook``): its header row
    and label column are shaded by the style, so a table without them must say so."""
    tblpr = table_element.tblPr
    look = tblpr.find(qn("w:tblLook"))
    if look is None:
        look = OxmlElement("w:tblLook")
        tblpr.append(look)  # the last child but for the caption and description, never written here
    flags = {"firstRow": first_row, "lastRow": False, "firstColumn": first_column, "lastColumn": False}
    for name, on in flags.items():
        look.set(qn(f"w:{name}"), "1" if on else "0")
    look.set(qn("w:noHBand"), "1")
    look.set(qn("w:noVBand"), "1")
    look.set(qn("w:val"), f"{0x20 * first_row + 0x80 * first_column + 0x600:04X}")


def repeat_as_header(row: _Row) -> None:
    """Repeat this row at the top of every page the table runs onto (``w:tblHeader``)."""
    trpr = row._tr.get_or_add_trPr()
    if trpr.find(qn("w:tblHeader")) is None:
        trpr.append(OxmlElement("w:tblHeader"))


def keep_row_together(row: _Row) -> None:
    trpr = row._tr.get_or_add_trPr()
    if trpr.find(qn("w:cantSplit")) is None:
        trpr.append(OxmlElement("w:cantSplit"))


def set_table_width(table_element: etree._Element, twips: int) -> None:
    tblpr = table_element.tblPr
    tblw = tblpr.find(qn("w:tblW"))
    if tblw is None:
        tblw = OxmlElement("w:tblW")
        tblpr.insert_element_before(
            tblw,
            "w:jc",
            "w:tblCellSpacing",
            "w:tblInd",
            "w:tblBorders",
            "w:shd",
            "w:tblLayout",
            "w:tblCellMar",
            "w:tblLook",
            "w:tblCaption",
            "w:tblDescription",
        )
    tblw.set(qn("w:type"), "dxa")
    tblw.set(qn("w:w"), str(twips))


# ----------------------------------------------------------------------------- properties

CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the one fmtid user-defined properties use


def _custom_xml(properties: Iterable[tuple[str, str | int]], keep: etree._Element | None) -> bytes:
    root = etree.Element(f"{{{CUSTOM_NS}}}Properties", nsmap={None: CUSTOM_NS, "vt": VT_NS})
    ours = [name for name, _ in properties]
    kept = (
        []
        if keep is None
        else [p for p in keep.findall(f"{{{CUSTOM_NS}}}property") if p.get("name") not in ours]
    )
    for prop in kept:
        root.append(prop)
    for name, value in properties:
        prop = etree.SubElement(root, f"{{{CUSTOM_NS}}}property", fmtid=_FMTID, name=name)
        kind = "i4" if isinstance(value, int) else "lpwstr"
        etree.SubElement(prop, f"{{{VT_NS}}}{kind}").text = str(value)
    for pid, prop in enumerate(root, start=2):  # pids 0 and 1 are reserved
        prop.set("pid", str(pid))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def set_custom_properties(document: Document, properties: list[tuple[str, str | int]]) -> None:
    """Write ``docProps/custom.xml`` (File > Properties > Custom in Word).

    python-docx has no API for it (issue #91): the part is added to the package by
    hand, and python-docx writes its content type and relationship when saving. A
    template's own custom properties are kept; ours replace any of the same name.
    """
    package = document.part.package
    for rel in package.rels.values():
        if rel.reltype == RT.CUSTOM_PROPERTIES and not rel.is_external:
            part = rel.target_part
            try:
                old = etree.fromstring(part.blob)
            except etree.XMLSyntaxError:
                old = None
            blob = _custom_xml(properties, old)
            if isinstance(part, XmlPart):
                part._element = parse_xml(blob)
            else:
                part._blob = blob  # a plain Part: its bytes are its content
            return
    part = Part(
        PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES, _custom_xml(properties, None), package
    )
    package.relate_to(part, RT.CUSTOM_PROPERTIES)


def custom_properties(document: Document) -> dict[str, str]:
    """The custom properties of a document as name -> text (for tests and a later import)."""
    for rel in document.part.package.rels.values():
        if rel.reltype == RT.CUSTOM_PROPERTIES and not rel.is_external:
            root = etree.fromstring(rel.target_part.blob)
            return {
                p.get("name", ""): "".join(p.itertext()) for p in root.findall(f"{{{CUSTOM_NS}}}property")
            }
    return {}
