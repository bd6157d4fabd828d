"""What an exported document holds, read back with python-docx and with docx2python."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from docx2python import docx2python

from dossier.core import form
from dossier.core.form import SECTION_IDS, TEXT_PARTS
from dossier.core.model import Dossier, Initiative, SdgTarget
from dossier.core.profiles import Profile, load_profile
from dossier.core.reference import sdgs
from dossier.core.rules import is_no_information, part_label
from dossier.core.wordcount import count_words, paragraphs
from dossier.export import export_docx, markers, render_docx, xml_safe
from dossier.export import labels as L
from dossier.export.ooxml import custom_properties
from dossier.workspace import check, new_dossier

from support.docx_reading import W, open_docx, part_xml, read_parts, rows, squash
from support.export import HOSTILE_INTRO, Case

CONTACTS_TABLE = 2
"""The contacts' table among the basic information's: after Part 1's and Part 2's."""
FORM_ORDER = [markers.BOOKMARK_BASIC, *TEXT_PARTS, markers.BOOKMARK_ATTACHMENTS, markers.BOOKMARK_STATUS]
INTERNAL_NAME = re.compile(r"\b(?:basic|sections|meta|attachments|introduction)\.[\w.\[\]]+")
"""A place in the draft's file (``sections.opportunities.text``): never shown to a reviewer."""
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def expected_paragraphs(case: Case, part_id: str) -> list[str]:
    return paragraphs(xml_safe(case.draft.part(part_id).text)[0])


@pytest.fixture
def each(cases: dict[str, Case]) -> list[Case]:
    """Every exported case: the examples, 'hostile' and 'empty'."""
    return list(cases.values())


# --------------------------------------------------------------------------- text, in order


def test_parts_come_in_the_form_order_with_profile_titles(each: list[Case]) -> None:
    for case in each:
        parts = read_parts(open_docx(case.path))
        assert list(parts) == FORM_ORDER, case.name
        for part_id in TEXT_PARTS:
            assert parts[part_id].heading == case.profile.section(part_id).heading("en")
        for part_id in SECTION_IDS:  # numbered as the call's form numbers them (Parts 1-4 first)
            number = case.profile.section(part_id).shown_number
            assert number and parts[part_id].heading.startswith(f"{number}. ")


def test_every_paragraph_of_every_part_is_in_its_section_in_order(each: list[Case]) -> None:
    for case in each:
        parts = read_parts(open_docx(case.path))
        for part_id in TEXT_PARTS:
            expected = expected_paragraphs(case, part_id)
            assert parts[part_id].texts("Normal") == expected, f"{case.name}: {part_id}"
            if not expected:
                placeholder = parts[part_id].texts("Dossier Placeholder")
                assert placeholder and placeholder[0].startswith(L.NOT_WRITTEN), (case.name, part_id)


def test_an_independent_reader_finds_every_word_in_order(each: list[Case]) -> None:
    """docx2python's plain text holds each paragraph after its heading and before the next."""
    for case in each:
        with docx2python(case.path) as reader:
            text = reader.text
        body = text[text.index(L.CONTENTS_HINT) :]  # skip the cover and the contents list
        position = 0
        for part_id in TEXT_PARTS:
            heading = case.profile.section(part_id).heading("en")
            position = body.index(heading, position)
            for paragraph in expected_paragraphs(case, part_id):
                found = body.find(paragraph, position)
                assert found >= 0, f"{case.name}/{part_id}: {paragraph[:60]!r} missing or out of order"
                position = found + len(paragraph)


def test_each_part_shows_its_word_count_against_the_limit(each: list[Case]) -> None:
    for case in each:
        parts = read_parts(open_docx(case.path))
        for part_id in TEXT_PARTS:
            spec = case.profile.section(part_id)
            line = parts[part_id].texts("Dossier Word Count")
            words = count_words(case.draft.part(part_id).text)
            assert line, (case.name, part_id)
            assert f"{words:,} of {spec.max_words:,}" in line[0]
            if words > spec.max_words:
                assert "over the limit" in line[0]


def test_text_comes_out_as_typed(cases: dict[str, Case]) -> None:
    case = cases["hostile"]
    parts = read_parts(open_docx(case.path))
    intro = parts["introduction"].texts("Normal")
    assert intro[0] == "Markup stays text: [bold] <b>tags</b> & &amp; {{ jinja }} *stars*"
    assert "🎨👩‍👩‍👧" in intro[1] and "مرحبا بالعالم / שלום עולם" in intro[1]
    assert intro[2] == "Tab\there, a soft"  # VT is a line break: the text goes on in a new paragraph
    assert intro[3] == "break, a NUL and a bell and a form feed"
    assert intro[4] == " in one line."
    assert intro[5] == "中文与English混排：“引号”、（括号）和 2025 年的数字。"
    assert intro[6].startswith("   Leading spaces are kept")
    # old Mac line ends are paragraph ends, CRLF is one (never two line breaks)
    assert parts["assets"].texts("Normal") == ["Line one", "Line two (old Mac line end)", "Line three"]
    # a line break and a tab inside a field are kept
    contacts = rows(parts[markers.BOOKMARK_BASIC].tables[CONTACTS_TABLE])
    assert ["Address", "1 Road\nBuilding 2\tFloor 3"] in contacts


def test_control_characters_are_reported_not_fatal(cases: dict[str, Case]) -> None:
    case = cases["hostile"]
    removed = dict(case.result.removed)
    assert removed["introduction.text"] == len(_FORBIDDEN.findall(HOSTILE_INTRO.replace("\r\n", "\n")))
    assert removed["sections.strategy.text"] == 3
    assert removed["basic.city"] == 1 and removed["basic.country"] == 1
    assert removed["sections.sdg_goals.targets[0].outcome"] == 1
    assert removed["sections.contribution.initiatives[0].title"] == 1
    summary = case.result.summary()
    assert f"{case.result.removed_total} characters removed: " in summary
    assert "introduction.text" in summary
    with zipfile.ZipFile(case.path) as archive:
        for name in archive.namelist():
            if name.endswith(".xml"):
                text = archive.read(name).decode("utf-8")
                assert not _FORBIDDEN.search(text), name
    status = read_parts(open_docx(case.path))[markers.BOOKMARK_STATUS]
    note = " ".join(status.texts("Dossier Placeholder"))
    assert "removed on export" in note and "sections.strategy.text: 3" in note
    for clean in cases.values():
        if clean.name != "hostile" and not clean.result.removed:
            assert "removed" not in clean.result.summary()


# --------------------------------------------------------------------------- tables


def test_basic_information_follows_parts_1_to_4_of_the_form(each: list[Case]) -> None:
    """1 city (with its figures and links), 2 country, 3 contacts 3.1-3.4 with every field
    the form asks of each role, 4 creative field; then the reporting commitment."""
    for case in each:
        basic = case.draft.basic
        part = read_parts(open_docx(case.path))[markers.BOOKMARK_BASIC]
        assert part.texts("Heading 2") == [
            "1. City",
            "2. Country",
            "3. Contacts",
            "4. Creative field",
            form.REPORTING_COMMITMENT.label("en"),
        ]
        city, country, contacts, field = (rows(t) for t in part.tables)
        assert [r[0] for r in city] == ["City", "Population", "Area (km²)", "Web links"]
        assert city[0][1] == (xml_safe(basic.city)[0].strip() or L.NOT_GIVEN)
        assert city[3][1] == ("\n".join(basic.links) or L.NOT_GIVEN)
        if basic.population is not None:
            assert city[1][1] == f"{basic.population:,}"
        assert [r[0] for r in country] == ["Country"] and [r[0] for r in field] == ["Creative field"]
        at = 0
        for role in form.CONTACT_ROLES:
            assert contacts[at] == [role.heading("en")] * 2  # the merged label row: "3.1 Mayor"
            person = getattr(basic.contacts, role.id)
            shown = [spec for spec in role.fields() if spec.name != "title_other"]
            for spec, row in zip(shown, contacts[at + 1 :], strict=False):
                if spec.name == "title":
                    value = form.contact_title(person.title, person.title_other, "en")
                else:
                    value = xml_safe(getattr(person, spec.name))[0]
                assert row == [spec.label("en"), value if value.strip() else L.NOT_GIVEN], (
                    role.id,
                    spec.name,
                )
            at += 1 + len(shown)
        assert at == len(contacts)


def test_sdg_targets_table(each: list[Case]) -> None:
    for case in each:
        targets = case.draft.sections.sdg_goals.targets
        part = read_parts(open_docx(case.path))["sdg_goals"]
        assert L.SDG_TARGETS in part.texts("Heading 2")
        if not targets:
            assert L.NO_SDG in part.texts("Dossier Placeholder")
            assert not part.tables
            continue
        table = rows(part.tables[0])
        assert table[0] == list(L.SDG_HEADER)
        for target, row in zip(sorted(targets, key=lambda t: t.goal), table[1:], strict=True):
            goal = sdgs().get(target.goal)
            assert row[0] == (
                f"SDG {target.goal}: {goal.en}" if goal else f"SDG {target.goal} (no such goal)"
            )
            assert row[1] == L.HORIZONS[target.horizon]
            outcome = xml_safe(target.outcome)[0]
            assert row[2] == (outcome if outcome.strip() else L.NOT_GIVEN)


def test_action_plan_table_with_totals_per_currency(each: list[Case]) -> None:
    for case in each:
        section = case.draft.sections.contribution
        part = read_parts(open_docx(case.path))["contribution"]
        assert L.ACTION_PLAN in part.texts("Heading 2")
        if not section.initiatives:
            assert L.NO_PLAN in part.texts("Dossier Placeholder")
            continue
        table = rows(part.tables[0])
        assert table[0] == list(L.PLAN_HEADER)
        body = table[1 : 1 + len(section.initiatives)]
        for item, row in zip(section.initiatives, body, strict=True):
            assert row[0] == (xml_safe(item.title)[0] or L.NOT_GIVEN)
            assert row[1] == L.SCOPES[item.scope]
            if item.budget < 0:  # shown as typed, said to be left out of the total
                assert row[4].endswith("(negative: not added)")
            elif item.budget:
                assert row[4].endswith(item.currency.strip().upper() or "?")
            else:
                assert row[4] == L.NOT_GIVEN  # never "0 USD"
        totals = table[1 + len(section.initiatives) :]
        negative = section.negative_budgets()
        if negative:
            noun = "initiative" if negative == 1 else "initiatives"
            assert totals.pop()[0] == f"Not added: {negative} {noun} with a negative budget"
        unset = section.unset_budgets()
        if unset:
            noun = "initiative" if unset == 1 else "initiatives"
            assert totals.pop()[0] == f"Not counted: {unset} {noun} without a budget"
        assert len(totals) == len(section.budget_totals())
        for (currency, total), row in zip(section.budget_totals().items(), totals, strict=True):
            amount = f"{total:,.0f}" if float(total).is_integer() else f"{total:,.2f}"
            assert row[0] == L.TOTAL.format(currency=currency) and row[-1] == f"{amount} {currency}"


def test_hostile_action_plan_values(cases: dict[str, Case]) -> None:
    table = rows(read_parts(open_docx(cases["hostile"].path))["contribution"].tables[0])
    assert table[1] == ["Fund", "Local", "from 2027", L.NOT_GIVEN, "1,000.50 EUR"]
    assert table[2] == [L.NOT_GIVEN, "International", "until 2030", L.NOT_GIVEN, "250 ?"]
    assert table[4][0] == "Total budget (EUR)" and table[4][-1] == "1,100 EUR"
    assert table[5][-1] == "250 ?"


def test_attachments_checklist(each: list[Case]) -> None:
    for case in each:
        part = read_parts(open_docx(case.path))[markers.BOOKMARK_ATTACHMENTS]
        table = rows(part.tables[0])
        assert table[0] == list(L.ATTACHMENT_HEADER)
        have = case.draft.attachments
        expected_ids = [a.id for a in case.profile.attachments] + [
            k for k in have if case.profile.attachment(k) is None
        ]
        assert len(table) - 1 == len(expected_ids)
        for key, row in zip(expected_ids, table[1:], strict=True):
            spec = case.profile.attachment(key)
            assert row[0] == (spec.en if spec else L.NOT_ASKED.format(name=key))
            if spec is not None and spec.generated:  # the list of all documents: dossier writes it
                assert row[1] == L.GENERATED and row[2].startswith(L.GENERATED_DETAILS)
                continue
            status = have[key].status if key in have else "missing"
            assert row[1] == L.ATTACHMENT_STATUS[status]


# --------------------------------------------------------------------------- review support


def _comment_anchors(document) -> dict[int, tuple[str | None, str, str, bool]]:  # type: ignore[no-untyped-def]
    """Comment id -> (the part it sits in, the anchored paragraph's style id and text, in a table?)."""
    found: dict[int, tuple[str | None, str, str, bool]] = {}
    part: str | None = None
    for p in document.element.body.iter(f"{{{W}}}p"):
        style = p.find(f"{{{W}}}pPr/{{{W}}}pStyle")
        style_id = style.get(f"{{{W}}}val") if style is not None else "Normal"
        if style_id == "Heading1":
            marks = [b.get(f"{{{W}}}name") for b in p.findall(f"{{{W}}}bookmarkStart")]
            part = marks[0] if marks else part
        if style_id == "DossierDraftMark":
            part = "meta"
        text = "".join(t.text or "" for t in p.iter(f"{{{W}}}t"))
        in_table = any(a.tag == f"{{{W}}}tc" for a in p.iterancestors())
        for start in p.findall(f"{{{W}}}commentRangeStart"):
            found[int(start.get(f"{{{W}}}id"))] = (part, style_id, text, in_table)
    return found


def test_every_finding_is_a_comment_beside_what_it_concerns(each: list[Case]) -> None:
    """On the row or paragraph of its location, never piled on its part's heading."""
    for case in each:
        document = open_docx(case.path)
        comments = list(document.comments)
        assert len(comments) == len(case.report.findings) == case.result.comments
        anchored = _comment_anchors(document)
        assert set(anchored) == {c.comment_id for c in comments}
        for comment, finding in zip(comments, case.report.findings, strict=True):
            assert comment.author == L.COMMENT_AUTHOR
            assert comment.text == f"{L.SEVERITY[finding.severity]}: {xml_safe(finding.message)[0]}"
            assert not INTERNAL_NAME.search(comment.text), comment.text
            part, style, text, in_table = anchored[comment.comment_id]
            target = (
                finding.part
                if finding.part in (*TEXT_PARTS, "basic", "attachments", "meta")
                else "draft_status"
            )
            assert part == target, (case.name, finding)
            where = finding.location
            if where.startswith("attachments."):  # on the attachment's own row
                key = where.split(".")[1]
                spec = case.profile.attachment(key)
                assert in_table and text == (spec.en if spec else L.NOT_ASKED.format(name=key)), finding
            elif re.fullmatch(r"basic\.contacts\.\w+\.\w+", where):  # on the field's row
                spec = form.contact_field(where.split(".")[3])
                expected = "Title" if spec.name == "title_other" else spec.label("en")
                assert in_table and text == expected, (case.name, finding)
            elif re.search(r"(initiatives|targets)\[\d+\]", where):  # on its row of the table
                assert in_table, (case.name, finding)
            elif where.endswith(".text") and not is_no_information(case.draft.part(finding.part).text):
                assert style == "DossierWordCount", (case.name, finding)  # on the count it is about
            elif where == "basic.reporting_commitment":
                assert style == "DossierCommitment", (case.name, finding)
        headings = [a for a in anchored.values() if a[1] == "Heading1"]
        assert len(headings) <= len({f.part for f in case.report.findings}) + 1  # not one per finding
        with docx2python(case.path) as reader:
            assert len(reader.comments) == len(case.report.findings)


def test_status_page_lists_every_finding(each: list[Case]) -> None:
    for case in each:
        status = read_parts(open_docx(case.path))[markers.BOOKMARK_STATUS]
        assert status.heading == L.STATUS
        # each part's name as a plain styled line, not a second heading in the navigation pane
        assert status.texts("Heading 2") == []
        labels = [part_label(p, case.profile) for p in case.report.by_part()]
        assert status.texts("Dossier Status Part") == labels
        cells = [row for table in status.tables for row in rows(table)[1:]]
        assert len(cells) == len(case.report.findings)
        for row, finding in zip(cells, case.report.findings, strict=True):
            assert row[0] == L.SEVERITY[finding.severity]
            assert row[1] == xml_safe(finding.message)[0]
        verdict = status.texts("Normal")[0]
        errors = len(case.report.errors)
        assert ("not ready" in verdict) == bool(errors)


# --------------------------------------------------------------------------- cover, header, footer, contents


def test_cover(each: list[Case]) -> None:
    for case in each:
        document = open_docx(case.path)
        cover = []
        for paragraph in document.paragraphs:
            if paragraph.style.name == "TOC Heading":
                break
            cover.append(paragraph.text)
        text = "\n".join(cover)
        city = xml_safe(case.draft.basic.city)[0].strip()
        assert (city or f"City {L.NOT_GIVEN}") in text
        assert case.profile.name in text
        assert f"{L.DRAFT} of 28 November 2026 · version {case.draft.meta.revision}" in text
        if case.draft.basic.field:
            assert f"Creative field: {case.profile.field_label(case.draft.basic.field)}" in text


def test_header_footer_and_contents_fields(each: list[Case]) -> None:
    for case in each:
        document = open_docx(case.path)
        section = document.sections[0]
        assert section.different_first_page_header_footer
        assert section.first_page_header.paragraphs[0].text == ""
        header = section.header.paragraphs[0].text
        city = xml_safe(case.draft.basic.city)[0].strip()
        assert header.endswith(f"\t\t{L.DRAFT}") and header.startswith(city)
        if case.draft.basic.field:
            assert case.profile.field_label(case.draft.basic.field) in header
        footer = section.footer.paragraphs[0]._p
        instructions = [t.text.strip() for t in footer.iter(f"{{{W}}}instrText")]
        assert instructions == ["PAGE", "NUMPAGES"]
        assert section.footer.paragraphs[0].text.startswith("Page ")
        body = document.element.body
        toc = [t.text for t in body.iter(f"{{{W}}}instrText") if "TOC" in t.text]
        assert toc == [' TOC \\o "1-1" \\h \\z \\u ']
        kinds = [f.get(f"{{{W}}}fldCharType") for f in body.iter(f"{{{W}}}fldChar")]
        assert kinds == ["begin", "separate", "end"]  # the only field in the body is the TOC
        links = [h.get(f"{{{W}}}anchor") for h in body.iter(f"{{{W}}}hyperlink")]
        assert links == FORM_ORDER
        settings = part_xml(case.path, "word/settings.xml")
        assert settings.find(f"{{{W}}}updateFields") is not None


def test_section_headings_carry_unique_bookmarks(each: list[Case]) -> None:
    for case in each:
        body = open_docx(case.path).element.body
        starts = body.findall(f".//{{{W}}}bookmarkStart")
        ids = [b.get(f"{{{W}}}id") for b in starts]
        names = [b.get(f"{{{W}}}name") for b in starts]
        assert len(set(ids)) == len(ids) and len(set(names)) == len(names)
        assert sorted(ids) == sorted(b.get(f"{{{W}}}id") for b in body.iter(f"{{{W}}}bookmarkEnd"))
        assert set(TEXT_PARTS) <= set(names)


# --------------------------------------------------------------------------- fonts


def test_chinese_is_set_in_chinese_fonts(each: list[Case]) -> None:
    """Document defaults and styles name SimSun/SimHei for East Asian text, zh-CN, no theme."""
    for case in each:
        styles = part_xml(case.path, "word/styles.xml")
        for fonts in styles.iter(f"{{{W}}}rFonts"):
            assert not [a for a in fonts.attrib if a.endswith("Theme") or a.endswith("theme")]
        defaults = styles.find(f"{{{W}}}docDefaults/{{{W}}}rPrDefault/{{{W}}}rPr")
        assert defaults.find(f"{{{W}}}rFonts").get(f"{{{W}}}eastAsia") == "SimSun"
        assert defaults.find(f"{{{W}}}lang").get(f"{{{W}}}eastAsia") == "zh-CN"
        want = {
            "Normal": "SimSun",
            "Table Text": "SimSun",
            "Dossier Table": "SimSun",
            "Title": "SimHei",
            "Subtitle": "SimHei",
            "heading 1": "SimHei",
            "heading 2": "SimHei",
            "heading 3": "SimHei",
            "header": "SimHei",
            "footer": "SimHei",
        }
        for style in styles.iter(f"{{{W}}}style"):
            name = style.find(f"{{{W}}}name").get(f"{{{W}}}val")
            if name in want:
                fonts = style.find(f"{{{W}}}rPr/{{{W}}}rFonts")
                assert fonts.get(f"{{{W}}}eastAsia") == want[name], name
                assert fonts.get(f"{{{W}}}ascii") and fonts.get(f"{{{W}}}hAnsi")
        settings = part_xml(case.path, "word/settings.xml")
        assert settings.find(f"{{{W}}}themeFontLang").get(f"{{{W}}}eastAsia") == "zh-CN"
        # no direct fonts on the document's runs: text typed in Word inherits the styles
        body = part_xml(case.path, "word/document.xml")
        assert not list(body.iter(f"{{{W}}}rFonts"))


def test_tables_span_the_text_width(each: list[Case]) -> None:
    """Widths in twips (twentieths of a point): A4 less two 2.5 cm margins is 9070."""
    for case in each:
        body = part_xml(case.path, "word/document.xml")
        for table in body.iter(f"{{{W}}}tbl"):
            width = table.find(f"{{{W}}}tblPr/{{{W}}}tblW")
            assert (width.get(f"{{{W}}}type"), width.get(f"{{{W}}}w")) == ("dxa", "9070")
            grid = [int(c.get(f"{{{W}}}w")) for c in table.iter(f"{{{W}}}gridCol")]
            assert sum(grid) == 9070
            for row in table.iter(f"{{{W}}}tr"):
                cells = [int(w.get(f"{{{W}}}w")) for w in row.iter(f"{{{W}}}tcW")]
                assert sum(cells) == 9070


def test_compatibility_mode_is_current_word(cases: dict[str, Case]) -> None:
    case = next(iter(cases.values()))
    settings = part_xml(case.path, "word/settings.xml")
    modes = [
        c.get(f"{{{W}}}val")
        for c in settings.iter(f"{{{W}}}compatSetting")
        if c.get(f"{{{W}}}name") == "compatibilityMode"
    ]
    assert modes == ["15"]
    section = open_docx(case.path).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


# --------------------------------------------------------------------------- metadata


def test_core_and_custom_properties(each: list[Case], export_when: datetime) -> None:
    for case in each:
        document = open_docx(case.path)
        meta = case.draft.meta
        core = document.core_properties
        assert "UNESCO Creative Cities Network" in core.title
        assert core.subject == case.profile.name
        assert core.author
        assert "UNESCO Creative Cities Network" in core.keywords
        assert core.identifier == meta.draft_id
        assert core.created.replace(tzinfo=None) == meta.created.astimezone(export_when.tzinfo).replace(
            tzinfo=None
        )
        assert core.modified.replace(tzinfo=None) == export_when.replace(tzinfo=None)
        props = custom_properties(document)
        assert props[markers.PROP_DRAFT_ID] == meta.draft_id
        assert props[markers.PROP_SCHEMA_VERSION] == str(meta.schema_version)
        assert props[markers.PROP_CONTENT_SHA256] == markers.content_hash(case.draft)
        assert props[markers.PROP_REVISION] == str(meta.revision)
        assert props[markers.PROP_PROFILE] == case.profile.id


def test_same_draft_same_document(cases: dict[str, Case], export_when: datetime) -> None:
    """Deterministic to the byte for a given export time, and only the date changes with it."""
    for case in cases.values():
        first, _, _ = render_docx(case.draft, case.profile, case.report, when=export_when)
        again, _, _ = render_docx(case.draft, case.profile, case.report, when=export_when)
        assert first == again == case.path.read_bytes()


def test_export_does_not_change_the_draft(cases: dict[str, Case], export_when: datetime) -> None:
    case = cases["hostile"]
    before = case.draft.model_dump(mode="json")
    render_docx(case.draft, case.profile, case.report, when=export_when)
    assert case.draft.model_dump(mode="json") == before
    assert case.draft.introduction.text == HOSTILE_INTRO


def test_pandoc_reads_the_same_text(each: list[Case]) -> None:
    """A third reader, where installed: pandoc's plain text holds every paragraph."""
    import shutil
    import subprocess

    if shutil.which("pandoc") is None:
        pytest.skip("pandoc is not installed")
    for case in each:
        done = subprocess.run(
            ["pandoc", "-f", "docx", "-t", "plain", "--wrap=none", str(case.path)],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        text = squash(done.stdout)
        for part_id in TEXT_PARTS:
            for paragraph in expected_paragraphs(case, part_id):
                assert squash(paragraph) in text, (case.name, part_id, paragraph[:60])


# --------------------------------------------------------------------------- first-hour fixes (issue 10)


ExportOne = Callable[[Dossier, Profile, Path], Path]


@pytest.fixture
def export_one(fixed_now: datetime, export_when: datetime) -> Callable[[Dossier, Profile, Path], Path]:
    """Export a draft made in the test, at the tests' fixed times."""

    def export(draft: Dossier, profile: Profile, path: Path) -> Path:
        export_docx(draft, profile, check(draft, profile, None, now=fixed_now), path, when=export_when)
        return path

    return export


def test_goals_are_listed_in_goal_order_not_ticking_order(tmp_path: Path, export_one: ExportOne) -> None:
    profile = load_profile("uccn-2027")
    draft = new_dossier(city="Linchuan", country="China", field="design", profile=profile)
    draft.sections.sdg_goals.targets = [
        SdgTarget(goal=11, horizon="medium", outcome="first eleven"),
        SdgTarget(goal=4, outcome="four"),
        SdgTarget(goal=17, outcome="seventeen"),
        SdgTarget(goal=1, outcome="one"),
        SdgTarget(goal=11, horizon="long", outcome="second eleven"),
    ]
    path = export_one(draft, profile, tmp_path / "order.docx")
    table = rows(read_parts(open_docx(path))["sdg_goals"].tables[0])
    assert [row[2] for row in table[1:]] == ["one", "four", "first eleven", "second eleven", "seventeen"]


def test_an_empty_budget_is_not_given_and_left_out_of_the_total(
    tmp_path: Path, export_one: ExportOne
) -> None:
    profile = load_profile("uccn-2027")
    draft = new_dossier(city="Linchuan", country="China", field="design", profile=profile)
    draft.sections.contribution.initiatives = [
        Initiative(title="Porcelain week", budget=300_000, currency="CNY"),
        Initiative(title="Not costed yet", currency="CNY"),
    ]
    path = export_one(draft, profile, tmp_path / "budget.docx")
    table = rows(read_parts(open_docx(path))["contribution"].tables[0])
    assert table[2][0] == "Not costed yet" and table[2][4] == L.NOT_GIVEN
    assert table[3][0] == L.TOTAL.format(currency="CNY") and table[3][-1] == "300,000 CNY"
    assert table[4][0] == "Not counted: 1 initiative without a budget"


def test_a_paragraph_pasted_as_the_city_name_still_exports(tmp_path: Path, export_one: ExportOne) -> None:
    """Word caps a document property at 255 characters: the title is cut with "…", not refused."""
    profile = load_profile("uccn-2027")
    city = "Westmere " + "the city of makers and of its river, " * 20
    draft = new_dossier(city=city, country="Nowhere", field="design", profile=profile)
    draft.basic.contacts.main_contact.institution = "Bureau " * 60
    path = export_one(draft, profile, tmp_path / "long.docx")
    core = part_xml(path, "docProps/core.xml")
    title = next(el.text for el in core.iter() if el.tag.endswith("}title"))
    assert len(title) == 255 and title.endswith("…") and title.startswith("Westmere the city")
    assert read_parts(open_docx(path))  # the document itself reads back
