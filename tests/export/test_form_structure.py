"""The Word draft against the form (issue 16): its parts and numbers, every field, titles
from the form's list, the commitment, "No relevant information to provide", where a limit
comes from, budgets, and the template styles that carry the layout (read from the XML)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx2python import docx2python
from lxml import etree

from dossier.core import form
from dossier.core.form import TEXT_PARTS
from dossier.core.model import Dossier, Initiative
from dossier.core.profiles import Profile, load_profile
from dossier.export import export_docx, markers
from dossier.export import labels as L
from dossier.workspace import check, new_dossier

from support.docx_reading import NS, W, open_docx, part_xml, read_parts, rows
from support.export import WHEN

NRIP = "No relevant information to provide"


@pytest.fixture(scope="module")
def profile() -> Profile:
    return load_profile("uccn-2027")


def _draft(profile: Profile, language: str = "en") -> Dossier:
    draft = new_dossier(city="Lanjiang", country="China", field="design", profile=profile)
    draft.meta.language = language
    contacts = draft.basic.contacts
    contacts.mayor.title, contacts.mayor.family_name, contacts.mayor.first_name = "Ms", "Wang", "Li"
    contacts.mayor_representative.title = "Other"
    contacts.mayor_representative.title_other = "Dr"
    contacts.mayor_representative.status = "Municipal bureau"
    contacts.mayor_representative.other_info = "Speaks French"
    contacts.main_contact.title = "Mr"
    contacts.main_contact.title_other = "stale text, not shown"
    draft.introduction.text = "Our city. " * 30
    draft.sections.opportunities.text = NRIP
    draft.sections.strategy.text = "no relevant information to provide."
    draft.sections.preparation.text = "Aucune information pertinente à fournir"
    draft.sections.assets.text = "The harbour covers 5 m² of CO₂ sinks. " * 3
    draft.sections.contribution.initiatives = [
        Initiative(title="Fund", budget=1000, currency="EUR"),
        Initiative(title="Unpriced", budget=0, currency="EUR"),
        Initiative(title="Typo", budget=-500, currency="EUR"),
    ]
    return draft


def _export(draft: Dossier, profile: Profile, out: Path) -> Path:
    export_docx(draft, profile, check(draft, profile, None, now=WHEN), out, when=WHEN)
    return out


@pytest.fixture(scope="module")
def english(profile: Profile, tmp_path_factory: pytest.TempPathFactory) -> tuple[Dossier, Path]:
    draft = _draft(profile)
    return draft, _export(draft, profile, tmp_path_factory.mktemp("form") / "en.docx")


def _text(path: Path) -> str:
    with docx2python(path) as reader:
        return reader.text


# --------------------------------------------------------------------------- the form's structure


def test_parts_1_to_4_then_the_questions_numbered_as_the_profile_numbers_them(
    english: tuple[Dossier, Path], profile: Profile
) -> None:
    """Read back with docx2python (not the library that wrote it): the numbers run 1-4, then
    the profile's question numbers, which never reuse 1-4."""
    _, path = english
    text = _text(path)
    body = text[text.index(L.CONTENTS_HINT) :]
    headings = [
        "1. City",
        "2. Country",
        "3. Contacts",
        *(role.heading("en") for role in form.CONTACT_ROLES),
        "4. Creative field",
        form.REPORTING_COMMITMENT.label("en"),
        *(profile.section(part_id).heading("en") for part_id in TEXT_PARTS),
    ]
    position = 0
    for heading in headings:
        found = body.find(heading, position)
        assert found >= 0, f"{heading!r} missing or out of order"
        position = found + len(heading)
    numbers = [profile.section(p).shown_number for p in TEXT_PARTS if profile.section(p).shown_number]
    assert numbers and not {"1", "2", "3", "4"} & set(numbers)
    assert [role.number for role in form.CONTACT_ROLES] == ["3.1", "3.2", "3.3", "3.4"]


def test_every_field_of_each_role_with_its_title_from_the_form(english: tuple[Dossier, Path]) -> None:
    _, path = english
    basic = read_parts(open_docx(path))[markers.BOOKMARK_BASIC]
    contacts = rows(basic.tables[2])
    blocks: dict[str, dict[str, str]] = {}
    current = ""
    for label, value in contacts:
        if label == value and any(label == r.heading("en") for r in form.CONTACT_ROLES):
            current = label
            blocks[current] = {}
        else:
            blocks[current][label] = value
    for role in form.CONTACT_ROLES:
        shown = blocks[role.heading("en")]
        expected = [spec.label("en") for spec in role.fields() if spec.name != "title_other"]
        assert list(shown) == expected, role.id
    assert "Institution type" in blocks["3.2 Representative of the Mayor"]
    assert "Other information" in blocks["3.2 Representative of the Mayor"]
    assert "Institution type" not in blocks["3.1 Mayor"]
    assert blocks["3.1 Mayor"]["Title"] == "Ms"
    assert blocks["3.2 Representative of the Mayor"]["Title"] == "Dr"  # Other, with its own word
    assert blocks["3.2 Representative of the Mayor"]["Institution type"] == "Municipal bureau"
    assert blocks["3.3 Main executive contact"]["Title"] == "Mr"  # never the stale free text


def test_titles_and_the_commitment_in_the_dossiers_language(profile: Profile, tmp_path: Path) -> None:
    draft = _draft(profile, "fr")
    draft.basic.reporting_commitment = True
    text = _text(_export(draft, profile, tmp_path / "fr.docx"))
    assert "Mme" in text and "Ms" not in text.split("Titre")[1][:20]
    statement = form.REPORTING_COMMITMENT.statement("fr")
    assert f"{L.TICKED}\u00a0{statement}" in text
    assert "Engagement pris par la ville." in text


def test_the_commitment_is_an_explicit_acknowledgement(english: tuple[Dossier, Path]) -> None:
    draft, path = english
    assert not draft.basic.reporting_commitment
    part = read_parts(open_docx(path))[markers.BOOKMARK_BASIC]
    (line,) = part.texts("Dossier Commitment")
    assert line.startswith(f"{L.UNTICKED}\u00a0{form.REPORTING_COMMITMENT.statement('en')}")
    assert line.endswith(L.NOT_ACKNOWLEDGED)


# --------------------------------------------------------------------------- answers and limits


def test_no_relevant_information_is_printed_as_an_answer_without_a_count(
    english: tuple[Dossier, Path],
) -> None:
    draft, path = english
    parts = read_parts(open_docx(path))
    for part_id in ("opportunities", "strategy", "preparation"):  # three of its forms
        assert parts[part_id].texts("Normal") == [draft.part(part_id).text], part_id
        assert parts[part_id].texts("Dossier Word Count") == [], part_id
        assert parts[part_id].texts("Dossier Placeholder") == [], part_id
    assert parts["introduction"].texts("Dossier Word Count")  # an ordinary answer keeps its count


def test_limits_say_where_they_come_from_in_english_and_french(
    english: tuple[Dossier, Path], profile: Profile, tmp_path: Path
) -> None:
    _, path = english
    parts = read_parts(open_docx(path))
    (line,) = parts["introduction"].texts("Dossier Word Count")
    assert line == "Word count: 60 of 300 (limit set in this draft's call profile); at least 100 advised."
    french = read_parts(open_docx(_export(_draft(profile, "fr"), profile, tmp_path / "fr.docx")))
    (line,) = french["introduction"].texts("Dossier Word Count")
    assert "limite fixée dans le profil de l’appel de ce brouillon" in line
    assert line.startswith("Nombre de mots\u202f: 60 sur 300")
    unesco = profile.model_copy(
        update={
            "sections": tuple(
                s.model_copy(update={"limit_source": "unesco"}) if s.id == "introduction" else s
                for s in profile.sections
            )
        }
    )
    parts = read_parts(open_docx(_export(_draft(unesco), unesco, tmp_path / "unesco.docx")))
    (line,) = parts["introduction"].texts("Dossier Word Count")
    assert "(UNESCO's limit)" in line
    (other,) = parts["assets"].texts("Dossier Word Count")
    assert "call profile" in other


def test_superscripts_count_as_libreoffice_counts_them(english: tuple[Dossier, Path]) -> None:
    _, path = english
    (line,) = read_parts(open_docx(path))["assets"].texts("Dossier Word Count")
    assert line.startswith("Word count: 30 of")  # "m²" and "CO₂" are two words each: 10 a sentence


def test_budgets_empty_is_not_zero_and_negative_is_not_added(english: tuple[Dossier, Path]) -> None:
    _, path = english
    table = rows(read_parts(open_docx(path))["contribution"].tables[0])
    assert table[1][-1] == "1,000 EUR"
    assert table[2][-1] == L.NOT_GIVEN and "0 EUR" not in table[2][-1]
    assert table[3][-1] == "-500 EUR (negative: not added)"
    assert table[4] == ["Total budget (EUR)"] * 4 + ["1,000 EUR"]
    assert table[5][0] == "Not counted: 1 initiative without a budget"
    assert table[6][0] == "Not added: 1 initiative with a negative budget"


def test_the_list_of_all_documents_is_shown_as_written_by_dossier(english: tuple[Dossier, Path]) -> None:
    _, path = english
    part = read_parts(open_docx(path))[markers.BOOKMARK_ATTACHMENTS]
    table = rows(part.tables[0])
    generated = [row for row in table if row[1] == L.GENERATED]
    assert len(generated) == 1 and generated[0][2] == L.GENERATED_DETAILS
    assert "1 written by dossier" in part.paragraphs[0][1]


# --------------------------------------------------------------------------- styles, not direct formatting


def _document(path: Path) -> etree._Element:
    return part_xml(path, "word/document.xml")


def _style(styles: etree._Element, style_id: str) -> etree._Element:
    found = styles.find(f"w:style[@w:styleId='{style_id}']", NS)
    assert found is not None, style_id
    return found


def test_the_template_carries_the_layout_in_named_styles(english: tuple[Dossier, Path]) -> None:
    _, path = english
    styles = part_xml(path, "word/styles.xml")
    for style_id in ("Heading1", "Heading2", "DossierWordCount", "DossierContactRole", "DossierStatusPart"):
        ppr = _style(styles, style_id).find("w:pPr", NS)
        assert ppr.find("w:keepNext", NS) is not None and ppr.find("w:keepLines", NS) is not None, style_id
    assert _style(styles, "Normal").find("w:pPr/w:jc", NS).get(f"{{{W}}}val") == "both"
    defaults = styles.find("w:docDefaults/w:pPrDefault/w:pPr", NS)
    for rule in ("kinsoku", "overflowPunct", "widowControl"):
        assert defaults.find(f"w:{rule}", NS) is not None, rule
    table = _style(styles, "DossierTable")
    fills = {
        c.get(f"{{{W}}}type"): c.find("w:tcPr/w:shd", NS).get(f"{{{W}}}fill")
        for c in table.findall("w:tblStylePr", NS)
    }
    assert set(fills) == {"firstRow", "firstCol"}
    emphasis = _style(styles, "DossierStatusEmphasis")
    assert emphasis.get(f"{{{W}}}type") == "character" and emphasis.find("w:rPr/w:b", NS) is not None
    assert _style(styles, "DossierLocation").find("w:rPr/w:color", NS) is not None
    assert _style(styles, "DossierCoverNote").find("w:pPr/w:jc", NS).get(f"{{{W}}}val") == "center"
    # the status page names parts in a style that is no heading (no outline level)
    assert _style(styles, "DossierStatusPart").find("w:pPr/w:outlineLvl", NS) is None


def test_no_direct_formatting_on_runs_cells_or_paragraphs(english: tuple[Dossier, Path]) -> None:
    _, path = english
    body = _document(path)
    for rpr in body.iter(f"{{{W}}}rPr"):
        if rpr.getparent().tag == f"{{{W}}}r":
            assert [etree.QName(c).localname for c in rpr] == ["rStyle"], etree.tostring(rpr)
    assert not body.findall(".//w:tcPr/w:shd", NS)  # shading from the table style
    assert not body.findall(".//w:pPr/w:jc", NS)  # alignment from the styles
    used = {s.get(f"{{{W}}}val") for s in body.iter(f"{{{W}}}pStyle")}
    used |= {s.get(f"{{{W}}}val") for s in body.iter(f"{{{W}}}rStyle")}
    for style_id in (
        "DossierContactRole",
        "DossierCoverNote",
        "DossierStatusPart",
        "DossierStatusEmphasis",
        "DossierCommitment",
        "DossierTableTotal",
        "TableNumber",
    ):
        assert style_id in used, style_id
    looks = {
        (look.get(f"{{{W}}}firstRow"), look.get(f"{{{W}}}firstColumn"))
        for look in body.iter(f"{{{W}}}tblLook")
    }
    assert looks <= {("1", "0"), ("0", "1")}  # a header row or a label column, said per table


def test_no_part_title_twice_in_the_navigation_pane(english: tuple[Dossier, Path]) -> None:
    _, path = english
    document = open_docx(path)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    repeated = {h for h in headings if headings.count(h) > 1}
    assert not repeated
    status = read_parts(document)[markers.BOOKMARK_STATUS]
    assert status.texts("Heading 2") == [] and status.texts("Dossier Status Part")


def test_comments_sit_on_the_rows_they_concern(english: tuple[Dossier, Path], profile: Profile) -> None:
    _, path = english
    document = open_docx(path)
    texts = {}
    for p in document.element.body.iter(f"{{{W}}}p"):
        for start in p.findall(f"{{{W}}}commentRangeStart"):
            texts[int(start.get(f"{{{W}}}id"))] = "".join(t.text or "" for t in p.iter(f"{{{W}}}t"))
    by_text = {c.text: texts[c.comment_id] for c in document.comments}
    budget = next(t for c, t in by_text.items() if "negative" in c.casefold())
    assert budget == "-500 EUR (negative: not added)"
    mayor_letter = profile.attachment("mayor_letter")
    assert mayor_letter is not None
    assert any(t == mayor_letter.en for t in by_text.values())
    assert by_text[next(c for c in by_text if "Unpriced" in c)] == L.NOT_GIVEN  # the empty budget's cell
    short = next(c for c in by_text if c.startswith("Warning: 60 words"))
    assert by_text[short].startswith("Word count: 60 of 300")  # the introduction's count line
    mayor = next(c for c in by_text if "family name of the main executive contact" in c)
    assert by_text[mayor] == "Family name"
    role = next(c for c in by_text if "alternative contact" in c and "leave it empty" in c)
    assert by_text[role] == "3.4 Alternative contact"  # the role's own label row


# --------------------------------------------------------------------------- referees


def test_the_validator_accepts_it(english: tuple[Dossier, Path]) -> None:
    from support.ooxml_validator import unavailable, validate

    reason = unavailable()
    if reason:
        pytest.skip(reason)
    _, path = english
    assert validate([path])[path] == []


@pytest.mark.libreoffice
def test_libreoffice_renders_it_with_the_styles_shading(
    english: tuple[Dossier, Path], tmp_path: Path
) -> None:
    """LibreOffice reads the table style's shading (header row, label column) and the text."""
    from .test_libreoffice import SOFFICE, soffice

    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not on PATH")
    _, path = english
    out = soffice([path], "fodt", tmp_path)
    flat = (out / f"{path.stem}.fodt").read_text(encoding="utf-8")
    assert "3.2 Representative of the Mayor" in flat and "No relevant information to provide" in flat
    fills = set(re.findall(r'fo:background-color="#([0-9a-fA-F]{6})"', flat))
    assert {"dce3ef", "f2f2f2"} <= {f.casefold() for f in fills}
