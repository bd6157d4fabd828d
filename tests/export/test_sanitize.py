"""xml_safe: nothing a reader can see is lost, nothing XML forbids gets through."""

from __future__ import annotations

import io

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.core.model import SdgTarget
from dossier.core.profiles import load_profile
from dossier.core.wordcount import paragraphs
from dossier.export import render_docx
from dossier.export.sanitize import Cleaner, xml_safe
from dossier.workspace import check, new_dossier


@pytest.mark.parametrize(
    ("text", "clean", "removed"),
    [
        ("plain", "plain", 0),
        ("tab\tand\nline", "tab\tand\nline", 0),
        ("crlf\r\nend", "crlf\nend", 0),
        ("old mac\rend", "old mac\nend", 0),
        ("nul\x00bell\x07esc\x1b", "nulbellesc", 3),
        ("soft\x0bbreak", "soft\nbreak", 1),
        ("page\x0cbreak", "page\nbreak", 1),
        ("lone \ud800 surrogate", "lone  surrogate", 1),
        ("non-chars \ufffe\uffff", "non-chars ", 2),
        ("[bold] <b>x</b> & &amp; 🎨 مرحبا 中文", "[bold] <b>x</b> & &amp; 🎨 مرحبا 中文", 0),
        (
            "kept: DEL\x7f NEL\x85 LS\u2028 ZWSP\u200b BOM\ufeff",
            "kept: DEL\x7f NEL\x85 LS\u2028 ZWSP\u200b BOM\ufeff",
            0,
        ),
    ],
)
def test_xml_safe(text: str, clean: str, removed: int) -> None:
    assert xml_safe(text) == (clean, removed)


def _xml_char(ch: str) -> bool:
    """The XML 1.0 ``Char`` production, written out independently of the module under test."""
    cp = ord(ch)
    return ch in "\t\n\r" or 0x20 <= cp <= 0xD7FF or 0xE000 <= cp <= 0xFFFD or cp >= 0x10000


@given(st.text(alphabet=st.characters(codec=None, exclude_categories=())))
def test_anything_becomes_text_python_docx_accepts(text: str) -> None:
    clean, removed = xml_safe(text)
    docx.Document().add_paragraph().add_run(clean)  # raises ValueError on forbidden characters
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    assert removed == sum(not _xml_char(ch) for ch in normalised)
    # VT and FF become line feeds; every other character XML allows is kept, in order
    expected = "".join(ch for ch in normalised.replace("\x0b", "\n").replace("\x0c", "\n") if _xml_char(ch))
    assert clean == expected
    assert "\r" not in clean


def test_cleaner_counts_each_place_once() -> None:
    clean = Cleaner()
    assert clean("a\x00b", "basic.city") == "ab"
    assert clean("a\x00b", "basic.city") == "ab"  # the city again, on the cover this time
    assert clean("c\x01\x02", "introduction.text") == "c"
    assert clean("\x03 derived text", None) == " derived text"
    assert clean.report() == [("basic.city", 1), ("introduction.text", 2)]


ANY_TEXT = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=200)


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(intro=ANY_TEXT, city=ANY_TEXT, email=ANY_TEXT, outcome=ANY_TEXT, note=ANY_TEXT)
def test_any_text_anywhere_exports(intro: str, city: str, email: str, outcome: str, note: str) -> None:
    """Whatever is typed or pasted, the export succeeds and keeps every character XML allows."""
    profile = load_profile("uccn-2027")
    draft = new_dossier(city="x", country="y", field="design", profile=profile)
    draft.introduction.text = intro
    draft.basic.city = city
    draft.basic.contacts.main_contact.email = email
    draft.sections.sdg_goals.targets = [SdgTarget(goal=11, outcome=outcome)]
    draft.attachments["photo_1"].note = note
    data, removed, _ = render_docx(draft, profile, check(draft, profile, None))
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs if p.style.name == "Normal"]
    for paragraph in paragraphs(xml_safe(intro)[0]):
        assert paragraph in texts
    expected = {
        loc for loc, text in (("introduction.text", intro), ("basic.city", city)) if xml_safe(text)[1]
    }
    assert expected <= {location for location, _ in removed}
