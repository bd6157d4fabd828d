"""core/form.py is the one description of the form: the rest of the package reads it."""

from __future__ import annotations

import ast
import re
import typing
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dossier.core import form
from dossier.core.model import ContributionSection, Dossier, SdgSection, Section, Sections
from dossier.core.profiles import bundled_profiles, load_profile
from dossier.core.rules import count_findings, validate
from dossier.tui.session import COUNT_CODES, Session

PACKAGE = Path(__file__).resolve().parent.parent / "dossier"
HISTORY = {"dossier/storage/migrations.py"}
"""Migrations describe frozen layouts of old files: their keys must not follow the form."""
PART_IDS = {*form.PART_IDS, form.META.id}


def _spelled_part_ids() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE.parent).as_posix()
        if name == "dossier/core/form.py" or name in HISTORY:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
                continue
            value = node.value
            if value in PART_IDS or value.startswith("sections.") or value.endswith(".text"):
                found.append(f"{name}:{node.lineno}: {value!r}")
    return found


def test_no_part_id_is_spelled_out_outside_the_form() -> None:
    """A part id, a section's location or a text location written by hand drifts from the form."""
    # profiles.py names the profile's own "attachments" table, which is not the form's part
    allowed = {"dossier/core/profiles.py"}
    found = [hit for hit in _spelled_part_ids() if hit.split(":")[0] not in allowed]
    assert found == []


def test_the_scan_finds_a_part_id(tmp_path: Path) -> None:
    """The scan above is not blind: a hand-written id in a module is reported."""
    tree = ast.parse('x = "sdg_goals"\ny = f"{1}"')
    constants = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and n.value in PART_IDS]
    assert constants == ["sdg_goals"]


def test_the_model_has_a_place_for_every_part_of_its_kind() -> None:
    assert tuple(Sections.model_fields) == form.SECTION_IDS
    kinds = {"text": Section, "text_sdgs": SdgSection, "text_plan": ContributionSection}
    draft = Dossier()
    for part in form.PARTS:
        value: object = draft
        for name in part.path.split("."):
            value = getattr(value, name)
        if part.is_text:
            assert type(value) is kinds[part.kind], part.id
            assert draft.part(part.id) is value


def test_every_profile_has_exactly_the_form_text_parts() -> None:
    for profile in bundled_profiles():
        assert [spec.id for spec in profile.sections] == list(form.TEXT_PARTS)


def test_fields_and_roles_exist_in_the_model() -> None:
    draft = Dossier()
    for spec in form.BASIC_FIELDS:
        assert hasattr(draft.basic, spec.name), spec.name
    for role in form.CONTACT_ROLES:
        person = getattr(draft.basic.contacts, role.id)
        for name in role.required:
            assert hasattr(person, name)
    assert set(form.CONTACT_ROLE_IDS) == set(type(draft.basic.contacts).model_fields)
    assert {spec.name for spec in form.CONTACT_FIELDS} == set(type(draft.basic.contacts.mayor).model_fields)


def test_every_label_exists_in_every_interface_language() -> None:
    labels = [p.label for p in (*form.PARTS, form.META) if p.label]
    labels += [spec.label for spec in (*form.BASIC_FIELDS, *form.CONTACT_FIELDS)]
    labels += [role.label for role in form.CONTACT_ROLES] + [role.who for role in form.CONTACT_ROLES]
    for label in labels:
        for language in form.UI_LANGUAGES:
            assert label(language).strip(), (label, language)
    assert set(typing.get_args(form.Language)) == set(form.SUBMISSION_LANGUAGES)
    assert set(typing.get_args(form.UiLanguage)) == set(form.UI_LANGUAGES)


def test_locations_name_their_part() -> None:
    for part in form.PARTS:
        assert form.part_of_location(part.path) == part.id
        if part.is_text:
            assert form.part_of_location(part.text_location) == part.id
    assert form.part_of_location(f"{form.SDG_TARGETS}[3].outcome") == form.SDGS.id
    assert form.part_of_location("nowhere.at.all") == form.META.id


# --------------------------------------------------------------------------- one source of findings

_WORDS = st.sampled_from(["city", "culture", "创意", "城市", "No", "relevant", "information", "1,000", "—"])
_TEXTS = st.one_of(
    st.just(""),
    st.just("No relevant information to provide"),
    st.lists(_WORDS, max_size=40).map(" ".join),
    st.integers(0, 2).flatmap(lambda n: st.just("词" * (n * 400 + 100))),
    st.text(max_size=60),
)


@given(part=st.sampled_from(form.TEXT_PARTS), text=_TEXTS)
def test_the_editor_live_findings_are_the_rules_findings(part: str, text: str) -> None:
    """What the editor shows about a count is what ``dossier validate`` says, word for word."""
    from dossier.storage.drafts import LoadedDraft

    profile = load_profile("uccn-2027")
    draft = Dossier()
    draft.part(part).text = text
    session = Session(LoadedDraft(draft, Path("x.dossier.json"), None), profile)
    report = validate(draft, profile)
    from_rules = [f for f in report.for_part(part) if f.code in COUNT_CODES]
    assert session.count_findings(part) == from_rules


def test_count_findings_over_the_limit_in_chinese_says_why() -> None:
    """505 Chinese characters against 500: the editor now says the count is per character too."""
    spec = load_profile("uccn-2027").section(form.TEXT_PARTS[1])
    text = "词" * (spec.max_words + 5)
    (finding,) = count_findings(spec, text, spec.max_words + 5)
    assert finding.code == "over-limit" and "Chinese" in finding.message


@pytest.mark.parametrize("part", form.PARTS, ids=lambda p: p.id)
def test_palette_keywords_find_each_part(part: form.Part) -> None:
    """Every part can be found by a word of its own, in English and in Chinese."""
    if part.kind == "text":
        return
    assert re.search(r"[a-z]", part.keywords) and re.search(r"[\u4e00-\u9fff]", part.keywords)


def test_a_keystroke_works_out_the_count_findings_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The count line, the sidebar and the findings list each ask; the rules run once per edit."""
    import dossier.tui.session as session_module
    from dossier.storage.drafts import LoadedDraft

    calls: list[str] = []
    real = session_module.count_findings

    def counting(spec, text, words, **options):  # type: ignore[no-untyped-def]
        calls.append(spec.id)
        return real(spec, text, words, **options)

    monkeypatch.setattr(session_module, "count_findings", counting)
    part = form.TEXT_PARTS[0]
    session = Session(LoadedDraft(Dossier(), Path("x.dossier.json"), None), load_profile("uccn-2027"))
    for _ in range(3):
        session.findings_for(part)
    assert calls == [part]
    session.set_text(part, "词" * 400)
    assert [f.code for f in session.count_findings(part)] == ["over-limit"]
    assert session.state(part).errors == 1 and calls == [part, part]


def test_the_script_of_a_long_text_is_judged_on_samples_from_start_middle_and_end() -> None:
    from dossier.core.rules import SCRIPT_SAMPLE, script_of

    latin = "design city " * 2_000
    assert script_of(latin) is None
    assert script_of("创意城市" * 3_000) == "Chinese, Japanese or Korean"
    mixed = ("创意城市，设计之都。" * 20 + "Design week 2026. ") * (SCRIPT_SAMPLE // 10)
    assert len(mixed) > 3 * SCRIPT_SAMPLE and script_of(mixed) == "Chinese, Japanese or Korean"
