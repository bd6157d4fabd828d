"""Reading .docx later must not open a door: the XML parsers we ship resolve no entities."""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

from lxml import etree


def _major_minor(text: str) -> tuple[int, int]:
    major, minor, *_ = text.split(".")
    return int(major), int(minor)


def test_lxml_is_at_least_6_1() -> None:
    """lxml 6.1.0 fixed CVE-2026-41066 (XXE through iterparse and ETCompatXMLParser)."""
    assert _major_minor(version("lxml")) >= (6, 1)


def test_python_docx_parser_resolves_no_entities(tmp_path: Path) -> None:
    from docx.oxml.parser import oxml_parser

    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", "utf-8")
    xxe = (
        f'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
    ).encode()
    root = etree.fromstring(xxe, oxml_parser)
    assert b"TOP SECRET" not in etree.tostring(root)


def test_python_docx_parser_keeps_libxml2_size_limits() -> None:
    """huge_tree would lift libxml2's guards against entity bombs and absurd depth."""
    from docx.oxml.parser import oxml_parser

    deep = b"<a>" * 300_000 + b"</a>" * 300_000
    try:
        etree.fromstring(deep, oxml_parser)
    except etree.XMLSyntaxError as exc:
        assert "depth" in str(exc).lower() or "huge" in str(exc).lower()
    else:
        raise AssertionError("a 300,000-deep document was parsed: huge_tree is on")
