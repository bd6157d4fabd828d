"""Lay out one draft as a Word document, in the order of the UNESCO form.

Cover, contents, Parts 1 to 4 of the form (city, country, contacts 3.1 to 3.4, creative
field) and the reporting commitment, the general introduction, the narrative questions
numbered as the call profile numbers them (each with its word count against a limit that
says where it comes from, unless the answer is "No relevant information to provide"; the
SDG and action-plan tables after their answers), the attachments checklist and a closing
"draft status" page with every validation finding. Each finding is also a Word comment on
the row or paragraph it concerns. Nothing of the draft is left out: an empty part shows a visible
placeholder, and every string passes through the :class:`Cleaner` first (the draft's
with its location, so removals are reported; the profile's and derived ones silently).

Every word the document adds to the draft's own text (headings, labels, table headers,
counts, statuses, comments, the cover, dates, numbers) is in the dossier's language
(``draft.meta.language``, through ``wording()``), never the interface's: a French dossier
exported from a Chinese interface is French throughout, with French typography in those
words only (see :mod:`dossier.core.i18n`), and its styles and properties say ``fr-FR``.

All formatting comes from the template's styles (looked up by name): shading by the table
style's header row and label column, keep-with-next in the heading, word-count and contact
role styles, emphasis and grey paths as character styles; never direct fonts on runs,
so text an official types in Word inherits the same Chinese and Latin
fonts. Tables are filled row by row (``row.cells`` once per row): ``table.cell(i, j)``
rebuilds the grid on every call and makes filling a table quadratic.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Twips

from dossier import __version__
from dossier.core import form
from dossier.core.form import TEXT_PARTS, language_name
from dossier.core.i18n import Wording, wording
from dossier.core.model import Dossier
from dossier.core.profiles import Profile, SectionSpec
from dossier.core.reference import sdgs
from dossier.core.rules import Finding, Report, is_no_information, part_label
from dossier.core.translation import translation_state
from dossier.core.wordcount import count_words, paragraphs
from dossier.export import labels as L
from dossier.export import markers, ooxml
from dossier.export.sanitize import Cleaner
from dossier.export.template import BODY_CJK, EAST_ASIAN_LANGUAGE, HEADING_CJK

if TYPE_CHECKING:
    from docx.document import Document
    from docx.styles.style import BaseStyle
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

Cell = str | None
"""A table cell's text; None or blank shows the "not given" placeholder."""

OUTDATED_FILL = "FBE5D6"
"""A review copy's row whose working paragraph is ahead of its translation."""
DEFAULT_TEXT_WIDTH = 9070  # twips: A4 with 2.5 cm margins
_HEADING_LIKE = ("heading", "title", "subtitle", "toc heading", "header", "footer", "table heading")


def _amount(value: float, _: Wording) -> str:
    """``1,250,000`` / ``1 250 000`` / ``12,50``: a budget as the document's language writes it."""
    if not math.isfinite(value):
        return _(L.TOO_LARGE)  # a total past 1.8e308 is no amount: never "inf"
    return _.number(value, 0 if float(value).is_integer() else 2)


def _years(start: int | None, end: int | None, _: Wording) -> str | None:
    if start is not None and end is not None:
        return f"{start}–{end}" if start != end else str(start)
    if start is not None:
        return _(L.YEARS_FROM).format(year=start)
    if end is not None:
        return _(L.YEARS_UNTIL).format(year=end)
    return None


_PAGE_FIELDS = re.compile(r"(\{page\}|\{pages\})")


class DocxWriter:
    """Fills a template :class:`Document` with one draft; call :meth:`write` once."""

    def __init__(
        self,
        document: Document,
        styles: dict[str, BaseStyle],
        draft: Dossier,
        profile: Profile,
        report: Report,
        when: datetime,
        clean: Cleaner,
        version: int | None = None,
        *,
        bilingual: bool = False,
    ) -> None:
        self.doc = document
        self.bilingual = bilingual and draft.meta.working_language is not None
        """A review copy: each part's working text beside its submission text."""
        self.version = version
        """The history version the draft is (see :data:`markers.PROP_HISTORY_VERSION`), if any."""
        self.styles = styles
        self.draft = draft
        self.profile = profile
        self.report = report
        self.when = when
        self.clean = clean
        self.language = draft.meta.language
        self.w = wording(self.language)
        """The document's words, in the dossier's language (never the interface's)."""
        self.anchors: dict[str, Run] = {}
        """Run that each part's comments are anchored on, by finding part."""
        self.paragraph_runs: dict[str, list[Run]] = {}
        """First run of each paragraph of each text part: where a reviewer's note is anchored."""
        self.working_runs: dict[str, list[Run]] = {}
        """The same for the working texts of a review copy (its left column)."""
        self.toc: list[tuple[str, str]] = []
        """(heading text, bookmark) of every Heading 1, for the table of contents."""
        self._bookmark_id = 0
        default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        self.style_ids: dict[str, str | None] = {
            name: None if default is not None and style.style_id == default.style_id else style.style_id
            for name, style in styles.items()
        }
        """Style id per required name; None for the default paragraph style (no w:pStyle)."""
        self.text_width = self._text_width()
        basic = draft.basic
        self.city = self.clean(basic.city, "basic.city").strip()
        field = profile.field_label(basic.field, self.language) if basic.field.strip() else ""
        self.field = self.clean(field, "basic.field").strip()

    # ------------------------------------------------------------------ entry point
    def write(self) -> int:
        """Build the whole document; returns the number of comments added."""
        self._clear_body()
        self._cover()
        contents = self._contents()
        self._basic()
        for part_id in TEXT_PARTS:
            self._text_part(part_id)
        self._attachments()
        self._status()
        self._fill_toc(contents)
        comments = self._comments()
        self._header_footer()
        self._fonts_and_settings()
        self._properties()
        return comments

    # ------------------------------------------------------------------ building blocks
    def _text_width(self) -> int:
        section = self.doc.sections[-1]
        page, left, right = section.page_width, section.left_margin, section.right_margin
        if page is None or left is None or right is None:  # a template section without them
            return DEFAULT_TEXT_WIDTH
        width = page - left - right
        return int(Length(width).twips) if width > 0 else DEFAULT_TEXT_WIDTH

    def _clear_body(self) -> None:
        """Drop the template's specimen content, keeping its final section properties."""
        body = self.doc.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)

    def set_style(self, paragraph: Paragraph, style: str) -> None:
        """Apply a style by its resolved id: python-docx's setter rescans all styles each time."""
        style_id = self.style_ids[style]
        if style_id is not None or paragraph._p.pPr is not None:  # no empty w:pPr for Normal
            paragraph._p.style = style_id

    def para(self, text: str = "", style: str = "Normal") -> Paragraph:
        paragraph = self.doc.add_paragraph()
        self.set_style(paragraph, style)
        if text:
            paragraph.add_run(text)
        return paragraph

    def placeholder_run(self, paragraph: Paragraph, text: str) -> Run:
        run = paragraph.add_run(text)
        run._r.style = self.style_ids["Placeholder Text"]
        return run

    def heading(
        self, text: str, level: int, *, bookmark: str | None = None, new_page: bool = False
    ) -> tuple[Paragraph, Run]:
        paragraph = self.doc.add_paragraph()
        self.set_style(paragraph, f"Heading {level}")
        run = paragraph.add_run(text)
        if new_page:
            paragraph.paragraph_format.page_break_before = True
        if bookmark:
            ooxml.add_bookmark(paragraph, bookmark, self._bookmark_id)
            self._bookmark_id += 1
            if level == 1:
                self.toc.append((text, bookmark))
        return paragraph, run

    def _widths(self, fractions: Sequence[float]) -> list[int]:
        widths = [int(self.text_width * f / sum(fractions)) for f in fractions]
        widths[-1] += self.text_width - sum(widths)
        return widths

    def table(
        self,
        fractions: Sequence[float],
        rows: Sequence[Sequence[Cell]],
        *,
        header: Sequence[str] | None = None,
        label_column: bool = False,
        align_right: Sequence[int] = (),
    ) -> Table:
        """A table in the template's table style, filled one row at a time."""
        widths = self._widths(fractions)
        table = self.doc.add_table(rows=0, cols=len(widths))
        table.style = self.styles["Dossier Table"]
        table.autofit = False
        ooxml.set_table_width(table._tbl, sum(widths))
        ooxml.set_table_look(table._tbl, first_row=header is not None, first_column=label_column)
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Twips(width)
        if header is not None:
            row = table.add_row()
            ooxml.repeat_as_header(row)
            for cell, text in zip(row.cells, header, strict=True):
                self._fill(cell, text, "Table Heading")  # shaded by the table style's header row
        for values in rows:
            row = table.add_row()
            ooxml.keep_row_together(row)
            for j, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
                if label_column and j == 0:
                    self._fill(cell, value, "Table Heading")  # shaded by its label column
                else:
                    self._fill(cell, value, "Table Number" if j in align_right else "Table Text")
        return table

    def group_row(
        self, table: Table, text: str, *, value: Cell = "", style: str = "Dossier Table Total"
    ) -> Run:
        """A row whose first cells merge into one label (a contact's role, a budget total);
        returns the label's run, where a comment about the whole group is anchored."""
        row = table.add_row()
        ooxml.keep_row_together(row)
        cells = row.cells
        last = len(cells) - (1 if value else 0) - 1
        merged = cells[0].merge(cells[last]) if last > 0 else cells[0]
        run = self._fill(merged, text, style)
        if value:
            self._fill(cells[-1], value, "Dossier Table Total")
        return run

    def _fill(self, cell: _Cell, value: Cell, style: str) -> Run:
        paragraph = cell.paragraphs[0]
        self.set_style(paragraph, style)
        if value is None or not value.strip():
            return self.placeholder_run(paragraph, self.w(L.NOT_GIVEN))
        return paragraph.add_run(value)

    def anchor(self, location: str, run: Run) -> None:
        """Where the findings and notes about ``location`` (``basic.contacts.mayor.email``) go."""
        self.anchors.setdefault(location, run)

    # ------------------------------------------------------------------ cover and contents
    def _cover(self) -> None:
        draft, meta = self.draft, self.draft.meta
        _ = self.w
        self.para(_(L.COVER_KICKER), "Subtitle")
        title = self.para(style="Title")
        if self.city:
            title.add_run(self.city)
        else:
            self.placeholder_run(title, _(L.CITY_NOT_GIVEN))
        country = self.clean(draft.basic.country, "basic.country").strip()
        line = self.para(style="Dossier Cover")
        if country:
            line.add_run(country)
        else:
            self.placeholder_run(line, _(L.COUNTRY_NOT_GIVEN))
        line = self.para(style="Dossier Cover")
        if self.field:
            line.add_run(_(L.CREATIVE_FIELD).format(field=self.field))
        else:
            self.placeholder_run(line, _(L.FIELD_NOT_GIVEN))
        self.para(self.clean(self.profile.call_name(self.language)), "Dossier Cover")
        mark = self.para(style="Dossier Draft Mark")
        self.anchors[form.META.id] = mark.add_run(
            _(L.DRAFT_MARK).format(date=_.date(self.when.date()), revision=meta.revision)
        )
        if self.bilingual:
            self.para(_(L.REVIEW_KICKER), "Dossier Draft Mark")
            submitted = language_name(meta.language, meta.language)
            self.para(_(L.REVIEW_NOTE).format(language=submitted), "Dossier Cover Note")
        else:
            self.para(_(L.COVER_NOTE), "Dossier Cover Note")

    def _contents(self) -> Paragraph:
        heading = self.para(self.w(L.CONTENTS), "TOC Heading")
        heading.paragraph_format.page_break_before = True
        return heading

    def _fill_toc(self, heading: Paragraph) -> None:
        """A TOC field whose cached result already lists every part, linked to its bookmark.

        Word rebuilds it with page numbers when it updates fields (``updateFields`` asks
        on opening); readers that never update fields (LibreOffice, WPS, pandoc) still
        show a complete list instead of "update this field".
        """
        previous = heading._p
        entries: list[Paragraph] = []
        for i, (text, bookmark) in enumerate(self.toc):
            entry = self.para(style="TOC 1")
            if i == 0:
                ooxml.field_begin(entry._p, 'TOC \\o "1-1" \\h \\z \\u')
                ooxml.field_separate(entry._p)
            ooxml.append_text(ooxml.add_internal_link(entry, bookmark), text)
            entries.append(entry)
        closing = self.para(self.w(L.CONTENTS_HINT), "Dossier Word Count")
        if entries:
            ooxml.field_end(entries[-1]._p)
        for paragraph in [*entries, closing]:
            previous.addnext(paragraph._p)
            previous = paragraph._p

    # ------------------------------------------------------------------ basic information
    def _basic(self) -> None:
        """Parts 1 to 4 of the form, numbered as it numbers them, then the commitment.

        Part 1 (the city) carries its figures and links, which the form has no number for;
        Part 3 lists each role's fields as the form asks them of that role
        (:meth:`ContactRole.fields`), its title as a word of the form (``Ms``, ``Mme``).
        """
        basic, _, language = self.draft.basic, self.w, self.language
        run = self.heading(_(L.BASIC), 1, bookmark=markers.BOOKMARK_BASIC, new_page=True)[1]
        self.anchors[form.BASIC.id] = run
        values: dict[str, Cell] = {
            "city": self.city,
            "country": self.clean(basic.country, "basic.country"),
            "field": self.field,
            "population": _.number(basic.population) if basic.population is not None else None,
            "area_km2": _.number(basic.area_km2) if basic.area_km2 is not None else None,
            "links": "\n".join(self.clean(link, f"basic.links[{i}]") for i, link in enumerate(basic.links)),
        }
        numbered: dict[str, list[form.FieldSpec]] = {}
        for spec in form.BASIC_FIELDS:
            numbered.setdefault(spec.number or "1", []).append(spec)  # figures and links: the city's
        titles = {spec.number: spec.label(language) for spec in form.BASIC_FIELDS if spec.number}
        titles[form.CONTACTS_NUMBER] = form.CONTACTS_LABEL(language)
        for number in sorted(titles, key=int):
            self.heading(f"{number}. {titles[number]}", 2)
            if number == form.CONTACTS_NUMBER:
                self._contacts()
                continue
            specs = numbered[number]
            table = self.table(
                (0.28, 0.72), [(spec.label(language), values[spec.name]) for spec in specs], label_column=True
            )
            for row, spec in zip(table.rows, specs, strict=True):
                self.anchor(f"{form.BASIC.path}.{spec.name}", row.cells[0].paragraphs[0].runs[0])
        self._commitments()

    def _contacts(self) -> None:
        """Part 3: one table, each role's label (3.1 Mayor...) kept with its rows by its style."""
        basic, language = self.draft.basic, self.language
        table = self.table((0.28, 0.72), [], label_column=True)
        for role in form.CONTACT_ROLES:
            person = getattr(basic.contacts, role.id)
            where = f"{form.BASIC.path}.contacts.{role.id}"
            self.anchor(where, self.group_row(table, role.heading(language), style="Dossier Contact Role"))
            for spec in role.fields():
                if spec.name == "title_other":  # printed as the title itself
                    continue
                if spec.name == "title":
                    other = self.clean(person.title_other, f"{where}.title_other")
                    text = form.contact_title(person.title, other, language)
                else:
                    text = self.clean(getattr(person, spec.name), f"{where}.{spec.name}")
                row = table.add_row()
                ooxml.keep_row_together(row)
                cells = row.cells
                label = self._fill(cells[0], spec.label(language), "Table Heading")
                self._fill(cells[1], text, "Table Text")
                self.anchor(f"{where}.{spec.name}", label)
                if spec.name == "title":
                    self.anchor(f"{where}.title_other", label)

    def _commitments(self) -> None:
        """Each undertaking the form asks the city to tick, printed as ticked or not."""
        _, language = self.w, self.language
        for commitment in form.COMMITMENTS:
            given = bool(getattr(self.draft.basic, commitment.name))
            self.heading(commitment.label(language), 2)
            line = self.para(style="Dossier Commitment")
            first = line.add_run(f"{L.TICKED if given else L.UNTICKED}\u00a0{commitment.statement(language)}")
            self.anchor(f"{form.BASIC.path}.{commitment.name}", first)
            line.add_run(" ")
            state = line.add_run(_(L.ACKNOWLEDGED if given else L.NOT_ACKNOWLEDGED))
            if not given:
                state._r.style = self.style_ids["Dossier Status Emphasis"]

    # ------------------------------------------------------------------ the text parts
    def _text_part(self, part_id: str) -> None:
        spec = self.profile.section(part_id)
        section = self.draft.part(part_id)
        location = form.part(part_id).text_location
        run = self.heading(self.clean(spec.heading(self.language)), 1, bookmark=part_id)[1]
        self.anchors[part_id] = run
        if not is_no_information(section.text):  # "No relevant information to provide" is an answer
            # Under the heading, where its style keeps it with the text: never alone on a page.
            count = self.para(self._count_line(count_words(section.text), spec), "Dossier Word Count")
            self.anchor(location, count.runs[0])
        body = paragraphs(self.clean(section.text, location))
        if self.bilingual:
            self._side_by_side(part_id, body)
        elif body:
            self.paragraph_runs[part_id] = [self.para(text).runs[0] for text in body]
        else:
            box = self.para(style="Dossier Placeholder")
            box.add_run(f"{self.w(L.NOT_WRITTEN)} ")
            box.add_run(self.clean(spec.guidance(self.language)))
        kind = form.part(part_id).kind
        if kind == "text_sdgs":
            self._sdg_targets()
        elif kind == "text_plan":
            self._action_plan()

    def _side_by_side(self, part_id: str, body: list[str]) -> None:
        """The review copy's part: working paragraph | submission paragraph, one row each.

        Rows pair paragraphs by position, as the editor and the checks do; a working
        paragraph changed since the translation, or without one, is shaded and says so.
        Chinese is in the template's East Asian face (SimSun) with its language declared,
        so Word and LibreOffice pick Chinese glyphs whatever the reader's system.
        """
        meta = self.draft.meta
        section = self.draft.part(part_id)
        tag, _ = meta.working_language or "", self.w
        working = paragraphs(
            self.clean(section.working_text or "", f"{form.part(part_id).path}.working_text")
        )
        state = translation_state(section)
        header = tuple(  # column titles: capitalised even where the language writes "chinois"
            name[:1].upper() + name[1:]
            for name in (
                language_name(tag.split("-")[0], meta.language),
                language_name(meta.language, meta.language),
            )
        )
        table = self.table((0.5, 0.5), [], header=header)
        east_asian = tag if tag.split("-")[0].casefold() in ("zh", "ja", "ko", "yue") else None
        runs = self.paragraph_runs.setdefault(part_id, [])
        for i in range(max(len(working), len(body))):
            number = i + 1
            row = table.add_row()
            cells = row.cells
            left = self._fill(cells[0], working[i] if i < len(working) else None, "Table Text")
            right = self._fill(cells[1], body[i] if i < len(body) else None, "Table Text")
            if i < len(body):  # a reviewer's note on a paragraph sits on that paragraph's cell
                runs.append(right)
            if i < len(working):
                self.working_runs.setdefault(part_id, []).append(left)
            if east_asian is not None:
                for run in cells[0].paragraphs[0].runs:
                    rpr = run._r.get_or_add_rPr()
                    ooxml.repair_east_asian(rpr, BODY_CJK, required=True)
                    ooxml.set_east_asian_language(rpr, EAST_ASIAN_LANGUAGE if tag.startswith("zh") else tag)
            mark = (
                L.REVIEW_MISSING
                if number in state.missing
                else L.REVIEW_OUTDATED
                if number in state.outdated
                else None
            )
            if mark is not None:
                note = cells[0].add_paragraph()
                self.set_style(note, "Table Text")
                self.placeholder_run(note, f"⚠ {_(mark)}")
                for cell in cells:
                    ooxml.shade(cell, OUTDATED_FILL)

    def _count_line(self, words: int, spec: SectionSpec) -> str:
        """ "Word count: 202 of 300 (limit set in this draft's call profile).": the limit says
        where it comes from, since UNESCO published no per-section limits for most calls."""
        _, low, high = self.w, spec.min_words, spec.max_words
        count, limit, origin = _.number(words), _.number(high), spec.limit_origin(_)

        if words > high:
            return _("Word count: {count} of {limit} ({origin}), {over} over the limit.").format(
                count=count, limit=limit, origin=origin, over=_.number(words - high)
            )
        if words < low:
            return _("Word count: {count} of {limit} ({origin}); at least {minimum} advised.").format(
                count=count, limit=limit, origin=origin, minimum=_.number(low)
            )
        return _("Word count: {count} of {limit} ({origin}).").format(count=count, limit=limit, origin=origin)

    def _sdg_targets(self) -> None:
        _ = self.w
        self.heading(_(L.SDG_TARGETS), 2, bookmark=markers.BOOKMARK_SDG_TARGETS)
        targets = self.draft.sections.sdg_goals.targets
        if not targets:
            self.para(_(L.NO_SDG), "Dossier Placeholder")
            return
        names = sdgs()
        rows: list[list[Cell]] = []
        order: list[int] = []
        # In goal order, as the form numbers them (a stable sort keeps two horizons of one
        # goal in the order given); ``i`` stays the target's place in the draft.
        for i, target in sorted(enumerate(targets), key=lambda pair: pair[1].goal):
            order.append(i)
            goal = names.get(target.goal)
            label = (
                _(L.SDG_LABEL).format(goal=target.goal, name=goal.label(self.language))
                if goal
                else _(L.SDG_UNKNOWN).format(goal=target.goal)
            )
            horizon = _(L.HORIZONS[target.horizon]) if target.horizon in L.HORIZONS else target.horizon
            outcome = self.clean(target.outcome, f"{form.SDG_TARGETS}[{i}].outcome")
            rows.append([label, horizon, outcome])
        table = self.table((0.34, 0.2, 0.46), rows, header=[_(h) for h in L.SDG_HEADER])
        for i, row in zip(order, table.rows[1:], strict=True):
            self.anchor(f"{form.SDG_TARGETS}[{i}]", row.cells[0].paragraphs[0].runs[0])

    def _action_plan(self) -> None:
        _ = self.w
        self.heading(_(L.ACTION_PLAN), 2, bookmark=markers.BOOKMARK_ACTION_PLAN)
        section = self.draft.sections.contribution
        if not section.initiatives:
            self.para(_(L.NO_PLAN), "Dossier Placeholder")
            return
        rows: list[list[Cell]] = []
        for i, item in enumerate(section.initiatives):
            where = f"{form.INITIATIVES}[{i}]"
            currency = self.clean(item.currency, f"{where}.currency").strip().upper() or "?"
            rows.append(
                [
                    self.clean(item.title, f"{where}.title"),
                    _(L.SCOPES[item.scope]) if item.scope in L.SCOPES else item.scope,
                    _years(item.start_year, item.end_year, _),
                    self.clean(item.partners, f"{where}.partners"),
                    self._budget(item.budget, currency),
                ]
            )
        header = [_(h) for h in L.PLAN_HEADER]
        table = self.table((0.28, 0.14, 0.14, 0.24, 0.2), rows, header=header, align_right=(4,))
        for i, row in enumerate(table.rows[1:]):
            where = f"{form.INITIATIVES}[{i}]"
            self.anchor(where, row.cells[0].paragraphs[0].runs[0])
            self.anchor(f"{where}.budget", row.cells[-1].paragraphs[0].runs[0])
        for currency, total in section.budget_totals().items():
            self.group_row(
                table,
                _(L.TOTAL).format(currency=self.clean(currency)),
                value=f"{_amount(total, _)} {self.clean(currency)}"
                if math.isfinite(total)
                else _amount(total, _),
            )
        unset = section.unset_budgets()
        if unset:
            line = _.ngettext(
                "Not counted: {count} initiative without a budget",
                "Not counted: {count} initiatives without a budget",
                unset,
            ).format(count=unset)
            self.group_row(table, line, style="Table Text")
        negative = section.negative_budgets()
        if negative:
            line = _.ngettext(
                "Not added: {count} initiative with a negative budget",
                "Not added: {count} initiatives with a negative budget",
                negative,
            ).format(count=negative)
            self.group_row(table, line, style="Table Text")

    def _budget(self, budget: float, currency: str) -> Cell:
        """An initiative's budget: none when not given (never "0 USD"), and a negative one
        shown as typed but marked as left out of the total."""
        _ = self.w
        if not budget:
            return None
        amount = f"{_amount(budget, _)} {currency}"
        return _(L.NOT_ADDED).format(amount=amount) if budget < 0 else amount

    # ------------------------------------------------------------------ attachments
    def _attachments(self) -> None:
        _ = self.w
        run = self.heading(_(L.ATTACHMENTS), 1, bookmark=markers.BOOKMARK_ATTACHMENTS)[1]
        self.anchors[form.ATTACHMENTS.id] = run
        have = self.draft.attachments
        rows: list[list[Cell]] = []
        keys: list[str] = []
        counts = dict.fromkeys(L.ATTACHMENT_STATUS, 0)
        generated = 0
        known = [spec.id for spec in self.profile.attachments]
        extra = [key for key in have if key not in known]
        for key in [*known, *extra]:
            spec = self.profile.attachment(key)
            item = have.get(key)
            label = (
                self.clean(spec.label(self.language)) if spec else _(L.NOT_ASKED).format(name=self.clean(key))
            )
            details = []
            if item is not None and item.path:
                details.append(self.clean(item.path, f"attachments.{key}.path"))
            if item is not None and item.note.strip():
                details.append(self.clean(item.note, f"attachments.{key}.note"))
            if spec is not None and spec.generated:  # the list of all documents: dossier writes it
                generated += 1
                shown = _(L.GENERATED)
                details = [_(L.GENERATED_DETAILS), *details]
            else:
                status = item.status if item is not None else "missing"
                counts[status] = counts.get(status, 0) + 1
                shown = _(L.ATTACHMENT_STATUS[status]) if status in L.ATTACHMENT_STATUS else status
            rows.append([label, shown, "\n".join(details) or "—"])
            keys.append(key)
        pieces = [_(L.ATTACHMENT_COUNTS[k]).format(count=counts[k]) for k in L.ATTACHMENT_STATUS]
        if generated:
            pieces.append(_(L.GENERATED_COUNT).format(count=generated))
        intro = self.para(
            _.ngettext("{count} document: {summary}.", "{count} documents: {summary}.", len(rows)).format(
                count=len(rows), summary=", ".join(pieces)
            )
        )
        intro.paragraph_format.keep_with_next = True
        table = self.table((0.5, 0.16, 0.34), rows, header=[_(h) for h in L.ATTACHMENT_HEADER])
        ready = {_(L.ATTACHMENT_STATUS["ready"]), _(L.GENERATED)}
        for key, row in zip(keys, table.rows[1:], strict=True):
            self.anchor(f"{form.ATTACHMENTS.path}.{key}", row.cells[0].paragraphs[0].runs[0])
            status_cell = row.cells[1]
            if status_cell.text not in ready:
                for status_run in status_cell.paragraphs[0].runs:
                    status_run._r.style = self.style_ids["Dossier Status Emphasis"]
            item = have.get(key)
            if item is not None and item.path:  # the file's path, in grey: a location, not prose
                path_run = row.cells[2].paragraphs[0].runs[0]
                path_run._r.style = self.style_ids["Dossier Location"]

    # ------------------------------------------------------------------ draft status
    def _status(self) -> None:
        report, _ = self.report, self.w
        run = self.heading(_(L.STATUS), 1, bookmark=markers.BOOKMARK_STATUS, new_page=True)[1]
        self.anchors["status"] = run
        errors, warnings = len(report.errors), len(report.warnings)
        warning_count = _.ngettext("{count} warning", "{count} warnings", warnings).format(count=warnings)
        if not report.findings:
            verdict = _(L.NO_FINDINGS)
        elif errors:
            verdict = _("{errors} and {warnings}: not ready to submit.").format(
                errors=_.ngettext("{count} error", "{count} errors", errors).format(count=errors),
                warnings=warning_count,
            )
        else:
            verdict = _("No errors and {warnings}: ready as far as the rules can tell.").format(
                warnings=warning_count
            )
        self.para(verdict)
        self.para(
            _(L.CHECKED).format(
                date=_.date(self.when.date()),
                call=self.clean(self.profile.call_name(self.language)),
                revision=self.draft.meta.revision,
            )
        )
        removed = self.clean.report()
        if removed:
            where = "; ".join(f"{location}: {count}" for location, count in removed)
            total = sum(count for _, count in removed)
            self.para(
                _.ngettext(
                    "{count} character that a Word document cannot hold (control characters) "
                    "was removed on export ({where}).",
                    "{count} characters that a Word document cannot hold (control characters) "
                    "were removed on export ({where}).",
                    total,
                ).format(count=_.number(total), where=where),
                "Dossier Placeholder",
            )
        for part, findings in report.by_part().items():
            # Not a heading: the part's own heading is already in the navigation pane.
            self.para(self.clean(part_label(part, self.profile, self.language)), "Dossier Status Part")
            rows: list[list[Cell]] = []
            for finding in findings:
                rows.append([self._severity(finding), self.clean(finding.message)])
            table = self.table((0.15, 0.85), rows, header=[_(h) for h in L.FINDING_HEADER])
            for row, finding in zip(table.rows[1:], findings, strict=True):
                if finding.is_error:
                    row.cells[0].paragraphs[0].runs[0]._r.style = self.style_ids["Dossier Status Emphasis"]

    # ------------------------------------------------------------------ comments
    def _comment_text(self, finding: Finding) -> str:
        """The finding in the reviewer's words: the comment sits on its part's heading, which
        names the part; the draft file's own path (``sections.assets.text``) means nothing in Word."""
        severity, message = self._severity(finding), finding.message
        if finding.part not in self.anchors:  # anchored on the status page: say which part
            part = part_label(finding.part, self.profile, self.language)
            text = self.w(L.COMMENT_ELSEWHERE).format(severity=severity, message=message, part=part)
        else:
            text = self.w(L.COMMENT).format(severity=severity, message=message)
        return self.clean(text)

    def _severity(self, finding: Finding) -> str:
        known = L.SEVERITY.get(finding.severity)
        return self.w(known) if known else finding.severity

    def _anchor_of(self, finding: Finding) -> Run:
        """The run a finding's comment sits on: the row or paragraph of its location
        (``basic.contacts.mayor.email``, ``…initiatives[2].budget``), else the nearest
        enclosing one that has a place (``…initiatives[2]``), else its part's heading, else
        the status page."""
        location = finding.location
        while location:
            if location in self.anchors:
                return self.anchors[location]
            cut = max(location.rfind("."), location.rfind("["))
            location = location[:cut] if cut > 0 else ""
        return self.anchors.get(finding.part) or self.anchors["status"]

    def _comments(self) -> int:
        """One Word comment per finding, on the row or paragraph it concerns (see
        :meth:`_anchor_of`), so a reviewer reads it beside what it is about."""
        date = self.when.astimezone(UTC).replace(tzinfo=None)
        count = 0
        for finding in self.report.findings:
            anchor = self._anchor_of(finding)
            comment = self.doc.add_comment(
                anchor,
                self._comment_text(finding),
                author=self.w(L.COMMENT_AUTHOR),
                initials=L.COMMENT_INITIALS,
            )
            comment._comment_elm.date = date  # python-docx stamps "now"; keep the export time
            count += 1
        return count + self._note_comments()

    def _note_comments(self) -> int:
        """Reviewers' open notes back in the margin, under their own names, on the paragraph
        they were about (or their part's heading): the discussion goes on in the next round."""
        count = 0
        for i, note in enumerate(self.draft.notes):
            if note.resolved:
                continue
            runs = self.paragraph_runs.get(note.part, [])
            if note.column == "working":
                # on its working paragraph in a review copy; else beside the same paragraph
                # of the submission text, the nearest place this document has
                runs = self.working_runs.get(note.part) or runs
            if note.paragraph is not None and 0 <= note.paragraph < len(runs):
                anchor = runs[note.paragraph]
            else:
                anchor = self.anchors.get(note.part) or self.anchors["status"]
            author = self.clean(note.author, f"notes[{i}].author")
            initials = "".join(word[0] for word in author.split()[:3]) or "?"
            comment = self.doc.add_comment(
                anchor, self.clean(note.text, f"notes[{i}]"), author=author, initials=initials
            )
            if note.date is not None:
                comment._comment_elm.date = note.date.astimezone(UTC).replace(tzinfo=None)
            count += 1
        return count

    # ------------------------------------------------------------------ header and footer
    def _header_footer(self) -> None:
        section = self.doc.sections[-1]
        self.doc.settings.odd_and_even_pages_header_footer = False
        section.different_first_page_header_footer = True  # the cover has none
        for part, style in (
            (section.first_page_header, None),  # plain: the Header style draws a rule
            (section.first_page_footer, None),
            (section.header, "Header"),
            (section.footer, "Footer"),
        ):
            part.is_linked_to_previous = False
            story = part._element
            for child in list(story):
                story.remove(child)
            paragraph = part.add_paragraph()
            if style:
                self.set_style(paragraph, style)
        draft = self.w(L.DRAFT)
        left = " · ".join(x for x in (self.city, self.field) if x) or draft
        section.header.paragraphs[0].add_run(f"{left}\t\t{draft}")
        footer = section.footer.paragraphs[0]
        for piece in _PAGE_FIELDS.split(self.w(L.FOOTER)):  # "Page {page} sur {pages}", "第 {page} 页…"
            if piece == "{page}":
                ooxml.add_field(footer, "PAGE", "1")
            elif piece == "{pages}":
                ooxml.add_field(footer, "NUMPAGES", "1")
            elif piece:
                footer.add_run(piece)

    # ------------------------------------------------------------------ fonts, settings
    def _fonts_and_settings(self) -> None:
        """Chinese in a Chinese face whatever the template: see templates/build_template.py.

        The bundled template already names its fonts; for a user's template this removes
        the theme indirection (``eastAsiaTheme``) that turns Chinese Japanese, names a
        font where none is set, and declares zh-CN as the East Asian language. The text's
        own language is the dossier's (``fr-FR`` or ``en-GB``), in the defaults, in every
        style that names one and in the theme settings, so Word checks French spelling
        in a French draft and keeps doing so in what is typed later.
        """
        tag = L.DOCUMENT_LANGUAGE_TAGS.get(self.language, L.DOCUMENT_LANGUAGE_TAGS["en"])
        styles = self.doc.styles.element
        defaults = styles.find(qn("w:docDefaults"))
        if defaults is None:
            defaults = OxmlElement("w:docDefaults")
            styles.insert(0, defaults)
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is None:
            rpr_default = OxmlElement("w:rPrDefault")
            defaults.insert(0, rpr_default)
        rpr = rpr_default.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            rpr_default.append(rpr)
        ooxml.repair_east_asian(rpr, BODY_CJK, required=True)
        ooxml.set_east_asian_language(rpr, EAST_ASIAN_LANGUAGE)
        ooxml.set_language(rpr, tag)
        for style in styles.findall(qn("w:style")):
            name_el = style.find(qn("w:name"))
            name = (name_el.get(qn("w:val")) if name_el is not None else "") or ""
            font = HEADING_CJK if name.casefold().startswith(_HEADING_LIKE) else BODY_CJK
            for style_rpr in style.iter(qn("w:rPr")):  # incl. table styles' conditional parts
                ooxml.repair_east_asian(style_rpr, font, required=False)
                lang = style_rpr.find(qn("w:lang"))
                if lang is not None and lang.get(qn("w:val")):  # a style that names its own language
                    lang.set(qn("w:val"), tag)
        settings = self.doc.settings.element
        ooxml.set_theme_font_language(settings, EAST_ASIAN_LANGUAGE, tag)
        ooxml.set_update_fields(settings)

    # ------------------------------------------------------------------ properties
    def _properties(self) -> None:
        draft, meta, profile, _ = self.draft, self.draft.meta, self.profile, self.w
        props = self.doc.core_properties
        city = self.city or _(L.UNTITLED)
        if self.field:
            title = _(L.TITLE_WITH_FIELD).format(city=city, field=self.field)
        else:
            title = _(L.TITLE).format(city=city)
        props.title = _fit(title)
        props.subject = _fit(self.clean(profile.call_name(self.language)))
        contact = draft.basic.contacts.main_contact
        props.author = _fit(self.clean(contact.institution).strip() or self.city or "dossier")
        props.keywords = _fit(
            "; ".join(
                x
                for x in (
                    _(L.NETWORK),
                    self.field,
                    self.city,
                    self.clean(draft.basic.country).strip(),
                    _(L.CALL_YEAR).format(year=profile.call_year),
                )
                if x
            )
        )
        props.category = _(L.CATEGORY)
        props.comments = _(L.PROPERTIES_COMMENT)
        props.content_status = _(L.DRAFT)
        props.identifier = _fit(self.clean(meta.draft_id))
        props.language = L.DOCUMENT_LANGUAGE_TAGS.get(self.language, L.DOCUMENT_LANGUAGE_TAGS["en"])
        props.version = str(meta.revision)
        props.revision = max(1, meta.revision)
        props.last_modified_by = "dossier"
        props.created = meta.created.astimezone(UTC).replace(tzinfo=None)
        props.modified = self.when.astimezone(UTC).replace(tzinfo=None)
        ooxml.set_custom_properties(
            self.doc,
            [
                (markers.PROP_DRAFT_ID, self.clean(meta.draft_id)),
                (markers.PROP_SCHEMA_VERSION, int(meta.schema_version)),
                (markers.PROP_CONTENT_SHA256, markers.content_hash(draft)),
                (markers.PROP_REVISION, int(meta.revision)),
                (markers.PROP_PROFILE, self.clean(profile.id)),
                (markers.PROP_EXPORTER, f"dossier {__version__}"),
                *([(markers.PROP_HISTORY_VERSION, self.version)] if self.version is not None else []),
                *([(markers.PROP_REVIEW_COPY, 1)] if self.bilingual else []),
            ],
        )


PROPERTY_MAX = 255
"""Characters Word (and python-docx) allow in a document property such as the title."""


def _fit(text: str) -> str:
    """``text`` cut to fit a document property, with "…" where it was cut (a city's whole
    paragraph pasted into its name must not stop the export)."""
    return text if len(text) <= PROPERTY_MAX else text[: PROPERTY_MAX - 1] + "…"
