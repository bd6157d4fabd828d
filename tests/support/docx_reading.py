"""Test helpers that read an exported document back, part by part.

Two readers, so the tests do not only trust the library that wrote the file:
python-docx (style names, bookmarks, comments, raw XML) and docx2python (plain text
in reading order, tables as nested lists, comments with their anchored text).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


@dataclass
class Part:
    """Everything between one bookmarked Heading 1 and the next."""

    bookmark: str
    heading: str
    heading_paragraph: Paragraph
    paragraphs: list[tuple[str, str]] = field(default_factory=list)
    """(style name, text) of each paragraph, tables excluded."""
    tables: list[Table] = field(default_factory=list)

    def texts(self, style: str) -> list[str]:
        return [text for name, text in self.paragraphs if name == style]


def bookmarks_of(paragraph: Paragraph) -> list[str]:
    return [b.get(qn("w:name")) for b in paragraph._p.findall(qn("w:bookmarkStart"))]


def read_parts(document: Document) -> dict[str, Part]:
    """The body split at Heading 1 paragraphs, keyed by each heading's bookmark."""
    parts: dict[str, Part] = {}
    current: Part | None = None
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            if block.style is not None and block.style.name == "Heading 1":
                names = bookmarks_of(block)
                assert names, f"Heading 1 {block.text!r} has no bookmark"
                current = Part(names[0], block.text, block)
                parts[names[0]] = current
            elif current is not None:
                current.paragraphs.append((block.style.name if block.style else "", block.text))
        elif current is not None:
            current.tables.append(block)
    return parts


def rows(table: Table) -> list[list[str]]:
    """Cell texts row by row (python-docx repeats a merged cell in each grid column)."""
    return [[cell.text for cell in row.cells] for row in table.rows]


def open_docx(path: Path) -> Document:
    return docx.Document(str(path))


def part_xml(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(name))


def squash(text: str) -> str:
    """White space collapsed: for comparing with readers that reflow text."""
    return re.sub(r"\s+", " ", text).strip()
