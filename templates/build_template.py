"""Build ``templates/dossier-template.docx``, the default Word template of ``dossier export``.

Run ``python templates/build_template.py`` after changing anything here and commit both
files; a test rebuilds the template and checks that the committed file is identical.

Why build it part by part instead of saving python-docx's bundled default: that file
is in Word 2010 compatibility mode, takes its fonts from a theme (Cambria/Calibri) and
declares Japanese as its East Asian language, so Chinese text falls back to a Japanese
face (MS Mincho in Word, Noto CJK JP in LibreOffice). Here every style names its fonts
outright in all four slots (``ascii``, ``hAnsi``, ``eastAsia``, ``cs``), there is no
theme attribute to override them, the East Asian language is zh-CN, the page is A4
and Word opens the file in its current mode (compatibilityMode 15).

The template only carries styles, page setup and settings. Its body is a specimen of
every style, for a person reviewing it in Word; the exporter clears the body and keeps
the final section properties. Header, footer and all text come from the exporter.

A user template must define the same style names: ``REQUIRED_STYLES`` in
``dossier/export/template.py`` lists them, and the exporter names any that is missing.

The archive is reproducible: fixed member order, fixed timestamps, no randomness.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().with_name("dossier-template.docx")

# ----------------------------------------------------------------------------- fonts
BODY_LATIN = "Times New Roman"
BODY_CJK = "SimSun"  # 宋体, shipped with every Chinese Windows
HEADING_LATIN = "Arial"
HEADING_CJK = "SimHei"  # 黑体
EAST_ASIAN_LANGUAGE = "zh-CN"
LATIN_LANGUAGE = "en-GB"

# ----------------------------------------------------------------------------- page: A4
PAGE_W, PAGE_H = 11906, 16838  # twentieths of a point (twips)
MARGIN = 1418  # 2.5 cm
HEADER_FOOTER = 709  # 1.25 cm
TEXT_W = PAGE_W - 2 * MARGIN  # 9070 twips = 16 cm: right tab stops sit here

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def _fonts(latin: str, cjk: str) -> str:
    """All four font slots named outright: no ``*Theme`` attribute can override them."""
    return f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{cjk}" w:cs="{latin}"/>'


BODY_FONTS = _fonts(BODY_LATIN, BODY_CJK)
HEADING_FONTS = _fonts(HEADING_LATIN, HEADING_CJK)


def _style(
    kind: str,
    style_id: str,
    name: str,
    *,
    based_on: str | None = None,
    next_style: str | None = None,
    ui_priority: int | None = None,
    semi_hidden: bool = False,
    q_format: bool = False,
    default: bool = False,
    ppr: str = "",
    rpr: str = "",
    tblpr: str = "",
    tcpr: str = "",
    conditional: str = "",
) -> str:
    """One ``w:style`` element; children in the order the schema demands."""
    attrs = f' w:type="{kind}"' + (' w:default="1"' if default else "") + f' w:styleId="{style_id}"'
    parts = [f'<w:name w:val="{name}"/>']
    if based_on:
        parts.append(f'<w:basedOn w:val="{based_on}"/>')
    if next_style:
        parts.append(f'<w:next w:val="{next_style}"/>')
    if ui_priority is not None:
        parts.append(f'<w:uiPriority w:val="{ui_priority}"/>')
    if semi_hidden:
        parts.append("<w:semiHidden/><w:unhideWhenUsed/>")
    if q_format:
        parts.append("<w:qFormat/>")
    if ppr:
        parts.append(f"<w:pPr>{ppr}</w:pPr>")
    if rpr:
        parts.append(f"<w:rPr>{rpr}</w:rPr>")
    if tblpr:
        parts.append(f"<w:tblPr>{tblpr}</w:tblPr>")
    if tcpr:
        parts.append(f"<w:tcPr>{tcpr}</w:tcPr>")
    parts.append(conditional)  # w:tblStylePr elements come last
    return f"<w:style{attrs}>{''.join(parts)}</w:style>"


def _heading(level: int, size: int, before: int, after: int, color: str) -> str:
    return _style(
        "paragraph",
        f"Heading{level}",
        f"heading {level}",  # built-in names are lower case
        based_on="Normal",
        next_style="Normal",
        ui_priority=9,
        q_format=True,
        ppr=(
            "<w:keepNext/><w:keepLines/>"
            f'<w:spacing w:before="{before}" w:after="{after}" w:line="240" w:lineRule="auto"/>'
            f'<w:outlineLvl w:val="{level - 1}"/>'
        ),
        rpr=f'{HEADING_FONTS}<w:b/><w:bCs/><w:color w:val="{color}"/>'
        f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>',
    )


def _border(color: str = "A6A6A6", space: int = 0, size: int = 4) -> str:
    """Attributes of a single-line border (``w:sz`` in eighths of a point)."""
    return f'w:val="single" w:sz="{size}" w:space="{space}" w:color="{color}"'


BORDER = _border()
HEADER_FILL = "DCE3EF"  # a table's header row
LABEL_FILL = "F2F2F2"  # a table's label column (and the contact roles' rows in it)


def _shaded(kind: str, fill: str) -> str:
    """A conditional part of a table style that shades its cells (``firstRow``, ``firstCol``)."""
    return (
        f'<w:tblStylePr w:type="{kind}"><w:tcPr>'
        f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/></w:tcPr></w:tblStylePr>'
    )


INK = "1F3864"  # dark blue for titles and headings
GREY = "595959"


def styles_xml() -> str:
    styles = [
        _style(
            "paragraph",
            "Normal",
            "Normal",
            default=True,
            q_format=True,
            # Justified, as Chinese body text is set (and UNESCO's own documents are); the
            # last line of a paragraph stays ragged. Tables, cover and counts override it.
            ppr='<w:spacing w:after="120" w:line="288" w:lineRule="auto"/><w:jc w:val="both"/>',
            rpr=f'{BODY_FONTS}<w:sz w:val="22"/><w:szCs w:val="22"/>'
            f'<w:lang w:val="{LATIN_LANGUAGE}" w:eastAsia="{EAST_ASIAN_LANGUAGE}" w:bidi="ar-SA"/>',
        ),
        _style(
            "character",
            "DefaultParagraphFont",
            "Default Paragraph Font",
            default=True,
            ui_priority=1,
            semi_hidden=True,
        ),
        _style(
            "table",
            "TableNormal",
            "Normal Table",
            default=True,
            ui_priority=99,
            semi_hidden=True,
            tblpr='<w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
            '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
            '<w:right w:w="108" w:type="dxa"/></w:tblCellMar>',
        ),
        _style("numbering", "NoList", "No List", default=True, ui_priority=99, semi_hidden=True),
        _style(
            "paragraph",
            "Title",
            "Title",
            based_on="Normal",
            next_style="Normal",
            ui_priority=10,
            q_format=True,
            ppr='<w:spacing w:before="480" w:after="240" w:line="240" w:lineRule="auto"/>'
            '<w:jc w:val="center"/>',
            rpr=f'{HEADING_FONTS}<w:b/><w:bCs/><w:color w:val="{INK}"/><w:kern w:val="28"/>'
            '<w:sz w:val="60"/><w:szCs w:val="60"/>',
        ),
        _style(
            "paragraph",
            "Subtitle",
            "Subtitle",
            based_on="Normal",
            next_style="Normal",
            ui_priority=11,
            q_format=True,
            ppr='<w:spacing w:before="1200" w:after="480"/><w:jc w:val="center"/>',
            rpr=f'{HEADING_FONTS}<w:color w:val="{GREY}"/><w:sz w:val="32"/><w:szCs w:val="32"/>',
        ),
        _heading(1, 32, 360, 160, INK),
        _heading(2, 26, 240, 120, INK),
        _heading(3, 22, 200, 80, "262626"),
        _style(
            "paragraph",
            "TOCHeading",
            "TOC Heading",
            based_on="Heading1",
            next_style="Normal",
            ui_priority=39,
            semi_hidden=True,
            q_format=True,
            ppr='<w:outlineLvl w:val="9"/>',
        ),
        _style(
            "paragraph",
            "TOC1",
            "toc 1",
            based_on="Normal",
            next_style="Normal",
            ui_priority=39,
            semi_hidden=True,
            ppr=f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_W}"/></w:tabs>'
            '<w:spacing w:before="60" w:after="60"/>',
        ),
        _style(
            "paragraph",
            "TOC2",
            "toc 2",
            based_on="Normal",
            next_style="Normal",
            ui_priority=39,
            semi_hidden=True,
            ppr=f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_W}"/></w:tabs>'
            '<w:spacing w:after="60"/><w:ind w:left="440"/>',
        ),
        _style(
            "paragraph",
            "Header",
            "header",
            based_on="Normal",
            ui_priority=99,
            ppr=f"<w:pBdr><w:bottom {BORDER}/></w:pBdr>"
            f'<w:tabs><w:tab w:val="center" w:pos="{TEXT_W // 2}"/>'
            f'<w:tab w:val="right" w:pos="{TEXT_W}"/></w:tabs>'
            '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>',
            rpr=f'{HEADING_FONTS}<w:color w:val="{GREY}"/><w:sz w:val="18"/><w:szCs w:val="18"/>',
        ),
        _style(
            "paragraph",
            "Footer",
            "footer",
            based_on="Normal",
            ui_priority=99,
            ppr=f'<w:tabs><w:tab w:val="center" w:pos="{TEXT_W // 2}"/>'
            f'<w:tab w:val="right" w:pos="{TEXT_W}"/></w:tabs>'
            '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/>',
            rpr=f'{HEADING_FONTS}<w:color w:val="{GREY}"/><w:sz w:val="18"/><w:szCs w:val="18"/>',
        ),
        _style(
            "paragraph",
            "TableText",
            "Table Text",
            based_on="Normal",
            q_format=True,
            ppr='<w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/><w:jc w:val="left"/>',
            rpr=f'{BODY_FONTS}<w:sz w:val="20"/><w:szCs w:val="20"/>',
        ),
        _style(
            "paragraph",
            "TableNumber",
            "Table Number",
            based_on="TableText",
            q_format=True,
            ppr='<w:jc w:val="right"/>',
        ),
        _style(
            "paragraph",
            "TableHeading",
            "Table Heading",
            based_on="TableText",
            q_format=True,
            rpr=f'{HEADING_FONTS}<w:b/><w:bCs/><w:color w:val="{INK}"/>',
        ),
        _style(
            "paragraph",
            "DossierContactRole",
            "Dossier Contact Role",
            based_on="TableHeading",
            q_format=True,
            # A role's label never ends a page with its rows on the next one.
            ppr="<w:keepNext/><w:keepLines/>",
        ),
        _style(
            "paragraph",
            "DossierTableTotal",
            "Dossier Table Total",
            based_on="TableHeading",
            q_format=True,
            ppr='<w:jc w:val="right"/>',
        ),
        _style(
            "paragraph",
            "DossierCover",
            "Dossier Cover",
            based_on="Normal",
            q_format=True,
            ppr='<w:spacing w:after="160"/><w:jc w:val="center"/>',
            rpr=f'{HEADING_FONTS}<w:sz w:val="28"/><w:szCs w:val="28"/>',
        ),
        _style(
            "paragraph",
            "DossierCoverNote",
            "Dossier Cover Note",
            based_on="Normal",
            q_format=True,
            ppr='<w:spacing w:before="480" w:after="120"/><w:jc w:val="center"/>',
            rpr=f'<w:i/><w:iCs/><w:color w:val="{GREY}"/><w:sz w:val="20"/><w:szCs w:val="20"/>',
        ),
        _style(
            "paragraph",
            "DossierStatusPart",
            "Dossier Status Part",
            based_on="Normal",
            next_style="Normal",
            q_format=True,
            # The part a group of findings is about: looks like a heading, is none (the
            # part's own heading is in the navigation pane already), kept with its table.
            ppr='<w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="80"/><w:jc w:val="left"/>',
            rpr=f'{HEADING_FONTS}<w:b/><w:bCs/><w:color w:val="{INK}"/>',
        ),
        _style(
            "paragraph",
            "DossierCommitment",
            "Dossier Commitment",
            based_on="Normal",
            q_format=True,
            ppr=f'<w:keepLines/><w:pBdr><w:left {_border(INK, 8, 18)}/></w:pBdr><w:ind w:left="170"/>',
        ),
        _style(
            "paragraph",
            "DossierDraftMark",
            "Dossier Draft Mark",
            based_on="DossierCover",
            q_format=True,
            ppr=f"<w:pBdr><w:top {_border('C00000', 6, 8)}/><w:bottom {_border('C00000', 6, 8)}/></w:pBdr>"
            '<w:spacing w:before="1200" w:after="160"/>',
            rpr='<w:b/><w:bCs/><w:color w:val="C00000"/>',
        ),
        _style(
            "paragraph",
            "DossierPlaceholder",
            "Dossier Placeholder",
            based_on="Normal",
            next_style="Normal",
            q_format=True,
            ppr=f"<w:pBdr><w:left {_border('C00000', 8, 18)}/></w:pBdr>"
            '<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/><w:ind w:left="170"/>',
            rpr=f'<w:i/><w:iCs/><w:color w:val="{GREY}"/>',
        ),
        _style(
            "paragraph",
            "DossierWordCount",
            "Dossier Word Count",
            based_on="Normal",
            next_style="Normal",
            # Under its heading, kept with the text that follows: never alone on a page.
            ppr='<w:keepNext/><w:keepLines/><w:spacing w:before="0" w:after="160"/><w:jc w:val="right"/>',
            rpr=f'{HEADING_FONTS}<w:color w:val="{GREY}"/><w:sz w:val="18"/><w:szCs w:val="18"/>',
        ),
        _style(
            "character",
            "DossierStatusEmphasis",
            "Dossier Status Emphasis",
            based_on="DefaultParagraphFont",
            ui_priority=20,
            q_format=True,
            rpr='<w:b/><w:bCs/><w:color w:val="C00000"/>',
        ),
        _style(
            "character",
            "DossierLocation",
            "Dossier Location",
            based_on="DefaultParagraphFont",
            ui_priority=20,
            rpr=f'<w:color w:val="{GREY}"/><w:sz w:val="18"/><w:szCs w:val="18"/>',
        ),
        _style(
            "character",
            "PlaceholderText",
            "Placeholder Text",
            based_on="DefaultParagraphFont",
            ui_priority=99,
            semi_hidden=True,
            rpr='<w:i/><w:iCs/><w:color w:val="808080"/>',
        ),
        _style(
            "paragraph",
            "CommentText",
            "annotation text",
            based_on="Normal",
            ui_priority=99,
            semi_hidden=True,
            ppr='<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>',
            rpr='<w:sz w:val="20"/><w:szCs w:val="20"/>',
        ),
        _style(
            "character",
            "CommentReference",
            "annotation reference",
            based_on="DefaultParagraphFont",
            ui_priority=99,
            semi_hidden=True,
            rpr='<w:sz w:val="16"/><w:szCs w:val="16"/>',
        ),
        _style(
            "table",
            "DossierTable",
            "Dossier Table",
            based_on="TableNormal",
            ui_priority=59,
            ppr='<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>',
            rpr=f'{BODY_FONTS}<w:sz w:val="20"/><w:szCs w:val="20"/>',
            tblpr=f"<w:tblBorders><w:top {BORDER}/><w:left {BORDER}/><w:bottom {BORDER}/>"
            f"<w:right {BORDER}/><w:insideH {BORDER}/><w:insideV {BORDER}/></w:tblBorders>"
            '<w:tblCellMar><w:top w:w="28" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
            '<w:bottom w:w="28" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>',
            # Shading by the table's own look (w:tblLook): the header row and the label
            # column are shaded by the style, never cell by cell.
            conditional=_shaded("firstRow", HEADER_FILL) + _shaded("firstCol", LABEL_FILL),
        ),
    ]
    defaults = (
        "<w:docDefaults>"
        f'<w:rPrDefault><w:rPr>{BODY_FONTS}<w:sz w:val="22"/><w:szCs w:val="22"/>'
        f'<w:lang w:val="{LATIN_LANGUAGE}" w:eastAsia="{EAST_ASIAN_LANGUAGE}" w:bidi="ar-SA"/>'
        "</w:rPr></w:rPrDefault>"
        # Line breaking by the Chinese rules (no line starts with 。or ends with “, punctuation
        # may hang in the margin): Word's defaults, written out so no reader guesses.
        "<w:pPrDefault><w:pPr><w:widowControl/><w:kinsoku/><w:overflowPunct/><w:autoSpaceDE/>"
        '<w:autoSpaceDN/><w:spacing w:after="120" w:line="288" w:lineRule="auto"/></w:pPr>'
        "</w:pPrDefault>"
        "</w:docDefaults>"
    )
    latent = (
        '<w:latentStyles w:defLockedState="0" w:defUIPriority="99" w:defSemiHidden="0" '
        'w:defUnhideWhenUsed="0" w:defQFormat="0" w:count="376"/>'
    )
    return (
        f'{XML_DECL}<w:styles xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
        f"{defaults}{latent}{''.join(styles)}</w:styles>"
    )


def settings_xml() -> str:
    word = "http://schemas.microsoft.com/office/word"
    compat = "".join(
        f'<w:compatSetting w:name="{name}" w:uri="{word}" w:val="{val}"/>'
        for name, val in (
            ("compatibilityMode", "15"),
            ("overrideTableStyleFontSizeAndJustification", "1"),
            ("enableOpenTypeFeatures", "1"),
            ("doNotFlipMirrorIndents", "1"),
            ("differentiateMultirowTableHeaders", "1"),
        )
    )
    return (
        f'{XML_DECL}<w:settings xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
        '<w:zoom w:percent="100"/>'
        '<w:defaultTabStop w:val="720"/>'
        '<w:characterSpacingControl w:val="compressPunctuation"/>'
        f"<w:compat>{compat}</w:compat>"
        f'<w:themeFontLang w:val="{LATIN_LANGUAGE}" w:eastAsia="{EAST_ASIAN_LANGUAGE}"/>'
        '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>'
        "</w:settings>"
    )


def font_table_xml() -> str:
    """Font declarations: the Chinese names and GB2312 charset help Word substitute well."""
    fonts = (
        (BODY_LATIN, None, "02020603050405020304", "00", "roman", "variable"),
        (HEADING_LATIN, None, "020B0604020202020204", "00", "swiss", "variable"),
        (BODY_CJK, "宋体", "02010600030101010101", "86", "auto", "variable"),
        (HEADING_CJK, "黑体", "02010609060101010101", "86", "modern", "fixed"),
    )
    body = "".join(
        f'<w:font w:name="{name}">'
        + (f'<w:altName w:val="{alt}"/>' if alt else "")
        + f'<w:panose1 w:val="{panose}"/><w:charset w:val="{charset}"/>'
        f'<w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>'
        for name, alt, panose, charset, family, pitch in fonts
    )
    return f'{XML_DECL}<w:fonts xmlns:w="{W_NS}" xmlns:r="{R_NS}">{body}</w:fonts>'


def _p(style: str, text: str) -> str:
    run = f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>' if text else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{run}</w:p>'


def document_xml() -> str:
    """A specimen of each style (the exporter replaces it), then A4 section properties."""
    cells = [("Table Heading", "表头 Table Heading"), ("Table Text", "表格正文 Table Text")]
    row = "".join(
        f'<w:tc><w:tcPr><w:tcW w:w="{TEXT_W // 2}" w:type="dxa"/></w:tcPr>'
        f"{_p(style.replace(' ', ''), text)}</w:tc>"
        for style, text in cells
    )
    table = (
        '<w:tbl><w:tblPr><w:tblStyle w:val="DossierTable"/>'
        f'<w:tblW w:w="{TEXT_W}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0"'
        ' w:noHBand="0" w:noVBand="1"/></w:tblPr>'
        f'<w:tblGrid><w:gridCol w:w="{TEXT_W // 2}"/><w:gridCol w:w="{TEXT_W // 2}"/></w:tblGrid>'
        f"<w:tr>{row}</w:tr></w:tbl>"
    )
    specimen = [
        _p("Subtitle", "副标题 Subtitle"),
        _p("Title", "标题 Title"),
        _p("DossierCover", "封面 Dossier Cover"),
        _p("DossierDraftMark", "草稿 Dossier Draft Mark"),
        _p("TOCHeading", "目录 TOC Heading"),
        _p("TOC1", "目录一级 toc 1"),
        _p("Heading1", "一级标题 Heading 1"),
        _p("Normal", "正文：宋体与 Times New Roman 混排。Body text: SimSun with Times New Roman."),
        _p("DossierWordCount", "字数 Dossier Word Count"),
        _p("DossierPlaceholder", "尚未填写 Dossier Placeholder"),
        _p("DossierCommitment", "☐ 承诺 Dossier Commitment"),
        _p("DossierCoverNote", "封面说明 Dossier Cover Note"),
        _p("DossierStatusPart", "检查结果所属部分 Dossier Status Part"),
        _p("Heading2", "二级标题 Heading 2"),
        _p("Heading3", "三级标题 Heading 3"),
        table,
        _p("Normal", ""),
    ]
    sect = (
        "<w:sectPr>"
        f'<w:pgSz w:w="{PAGE_W}" w:h="{PAGE_H}"/>'
        f'<w:pgMar w:top="{MARGIN}" w:right="{MARGIN}" w:bottom="{MARGIN}" w:left="{MARGIN}" '
        f'w:header="{HEADER_FOOTER}" w:footer="{HEADER_FOOTER}" w:gutter="0"/>'
        '<w:cols w:space="425"/>'
        '<w:docGrid w:linePitch="360"/>'
        "</w:sectPr>"
    )
    return (
        f'{XML_DECL}<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
        f"<w:body>{''.join(specimen)}{sect}</w:body></w:document>"
    )


CT = "application/vnd.openxmlformats-officedocument"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def content_types_xml() -> str:
    overrides = (
        ("/word/document.xml", f"{CT}.wordprocessingml.document.main+xml"),
        ("/word/styles.xml", f"{CT}.wordprocessingml.styles+xml"),
        ("/word/settings.xml", f"{CT}.wordprocessingml.settings+xml"),
        ("/word/fontTable.xml", f"{CT}.wordprocessingml.fontTable+xml"),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
        ("/docProps/app.xml", f"{CT}.extended-properties+xml"),
    )
    body = (
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{name}" ContentType="{ct}"/>' for name, ct in overrides)
    )
    return (
        f'{XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f"{body}</Types>"
    )


def _rels(rels: tuple[tuple[str, str, str], ...]) -> str:
    body = "".join(
        f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"/>' for rid, kind, target in rels
    )
    return f'{XML_DECL}<Relationships xmlns="{PKG_RELS}">{body}</Relationships>'


def package_rels_xml() -> str:
    return _rels(
        (
            ("rId1", f"{OFFICE_RELS}/officeDocument", "word/document.xml"),
            (
                "rId2",
                "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                "docProps/core.xml",
            ),
            ("rId3", f"{OFFICE_RELS}/extended-properties", "docProps/app.xml"),
        )
    )


def document_rels_xml() -> str:
    return _rels(
        (
            ("rId1", f"{OFFICE_RELS}/styles", "styles.xml"),
            ("rId2", f"{OFFICE_RELS}/settings", "settings.xml"),
            ("rId3", f"{OFFICE_RELS}/fontTable", "fontTable.xml"),
        )
    )


def core_xml() -> str:
    return (
        f"{XML_DECL}"
        "<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        "<dc:title>dossier: default Word template</dc:title>"
        "<dc:creator>dossier</dc:creator>"
        f"<dc:language>{LATIN_LANGUAGE}</dc:language>"
        "</cp:coreProperties>"
    )


def app_xml() -> str:
    return (
        f"{XML_DECL}"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        "<Template>dossier-template.docx</Template><Application>dossier</Application>"
        "</Properties>"
    )


def parts() -> list[tuple[str, str]]:
    """(member name, XML text) in archive order; [Content_Types].xml must come first."""
    return [
        ("[Content_Types].xml", content_types_xml()),
        ("_rels/.rels", package_rels_xml()),
        ("docProps/core.xml", core_xml()),
        ("docProps/app.xml", app_xml()),
        ("word/document.xml", document_xml()),
        ("word/_rels/document.xml.rels", document_rels_xml()),
        ("word/styles.xml", styles_xml()),
        ("word/settings.xml", settings_xml()),
        ("word/fontTable.xml", font_table_xml()),
    ]


def build(out: Path = OUT) -> Path:
    """Write the template to ``out``; the same code always gives the same bytes."""
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, text.encode("utf-8"))
    return out


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    print(f"wrote {build(target)}")
