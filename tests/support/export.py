"""Plugin: every example draft and a few hostile ones, exported once per session (``cases``).

Exporting is fast (a tenth of a second), so each pytest worker exports the cases once per
session; the slow referees (the OOXML validator in Node, LibreOffice) each run in a single
test that handles every file in one batch. ``export_when`` is the time written into
every exported document.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE

from dossier.core.model import Dossier, Initiative, SdgTarget
from dossier.core.profiles import Profile, load_profile
from dossier.core.rules import Report
from dossier.export import ExportResult, export_docx
from dossier.export import template as tpl
from dossier.workspace import check, new_dossier, open_draft

from .paths import EXAMPLES

WHEN = datetime(2026, 11, 28, 10, 30, tzinfo=UTC)

HOSTILE_INTRO = (
    "Markup stays text: [bold] <b>tags</b> & &amp; {{ jinja }} *stars*\r\n"
    "Emoji 🎨👩‍👩‍👧 and right-to-left: مرحبا بالعالم / שלום עולם, then English again.\n"
    "Tab\there, a soft\x0bbreak, a NUL\x00 and a bell\x07 and a form feed\x0c in one line.\n"
    "中文与English混排：“引号”、（括号）和 2025 年的数字。\n"
    "\n"
    "   Leading spaces are kept; a lone surrogate \ud800 and U+FFFF \uffff are dropped."
)


@dataclass
class Case:
    """One exported draft, with what the tests need to check it."""

    name: str
    draft: Dossier
    profile: Profile
    report: Report
    path: Path
    result: ExportResult


def _hostile(profile: Profile) -> Dossier:
    draft = new_dossier(city="Qing\x00dao 青岛", country="China\x1b", field="design", profile=profile)
    draft.introduction.text = HOSTILE_INTRO
    draft.sections.strategy.text = "\x00\x01\x02"  # nothing left: an empty part after cleaning
    draft.sections.assets.text = "Line one\rLine two (old Mac line end)\r\nLine three"
    draft.basic.contacts.mayor.address = "1 Road\nBuilding 2\tFloor 3"
    draft.sections.sdg_goals.targets = [
        SdgTarget(goal=11, horizon="long", outcome="Outcome with <xml> & \x08 control"),
        SdgTarget(goal=42, horizon="medium", outcome=""),
    ]
    draft.sections.contribution.initiatives = [
        Initiative(title="Fund\x0e", scope="local", start_year=2027, budget=1000.5, currency="eur"),
        Initiative(title="", scope="international", end_year=2030, budget=250, currency=" "),
        Initiative(title="Second euro line", budget=99.5, currency="EUR"),
    ]
    draft.attachments["photo_1"].status = "ready"
    draft.attachments["photo_1"].path = "photos/one.jpg"
    draft.attachments["photo_1"].note = "Note with\ttab"
    draft.attachments["old_extra"] = draft.attachments["photo_1"].model_copy(update={"note": "extra"})
    return draft


def _export(name: str, draft: Dossier, profile: Profile, folder: Path, now: datetime) -> Case:
    report = check(draft, profile, None, now=now)
    out = folder / f"{name}.docx"
    result = export_docx(draft, profile, report, out, when=WHEN)
    return Case(name, draft, profile, report, out, result)


@pytest.fixture(scope="session")
def export_when() -> datetime:
    """The time every exported document says it was written."""
    return WHEN


@pytest.fixture(scope="session")
def cases(tmp_path_factory: pytest.TempPathFactory, fixed_now: datetime) -> dict[str, Case]:
    """Every example draft plus 'hostile' (control characters, markup, RTL) and 'empty'."""
    folder = tmp_path_factory.mktemp("exports")
    found: dict[str, Case] = {}
    for path in EXAMPLES:
        loaded, profile = open_draft(path)
        name = path.name.removesuffix(".dossier.json")
        found[name] = _export(name, loaded.draft, profile, folder, fixed_now)
    profile = load_profile("uccn-2027")
    found["hostile"] = _export("hostile", _hostile(profile), profile, folder, fixed_now)
    found["chinese"] = _export("chinese", _chinese_submission(), profile, folder, fixed_now)
    empty = new_dossier(city="", country="", field="design", profile=profile)
    empty.basic.field = ""
    empty.attachments.clear()
    found["empty"] = _export("empty", empty, profile, folder, fixed_now)
    return found


def _chinese_submission() -> Dossier:
    """A draft whose submission texts are Chinese (not submittable, but exported all the same):
    the bilingual example with its working texts put in place of the English."""
    bilingual = [p for p in EXAMPLES if p.name.startswith("lanjiang-music-zh")]
    loaded, _ = open_draft(bilingual[0])
    draft = loaded.draft
    for part_id in draft.texts():
        section = draft.part(part_id)
        section.text, section.working_text, section.translated_from = section.working_text or "", None, None
    draft.meta.working_language = None
    draft.basic.city = "澜江"
    return draft


@pytest.fixture(scope="session")
def chinese_case(cases: dict[str, Case]) -> Case:
    """The example whose texts are mostly Chinese."""
    from dossier.core.rules import script_of

    for case in cases.values():
        texts = " ".join(case.draft.texts().values())
        if case.name != "hostile" and script_of(texts) == "Chinese, Japanese or Korean":
            return case
    pytest.skip("no Chinese example draft in examples/")


@pytest.fixture
def japanese_template(tmp_path: Path) -> Path:
    """A user template: python-docx's default (Japanese East Asian theme) with the dossier styles added."""
    document = docx.Document()
    kinds = {
        "paragraph": WD_STYLE_TYPE.PARAGRAPH,
        "character": WD_STYLE_TYPE.CHARACTER,
        "table": WD_STYLE_TYPE.TABLE,
    }
    for name, kind in tpl.REQUIRED_STYLES.items():
        if name not in document.styles:
            document.styles.add_style(name, kinds[kind])
    path = tmp_path / "ja.docx"
    document.save(path)
    return path
