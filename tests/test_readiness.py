"""Ready for UNESCO: the form's structure, readiness stages, "no relevant information", URLs, budgets."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from dossier.cli import main
from dossier.core import form
from dossier.core.model import SCHEMA_VERSION, Dossier, Initiative
from dossier.core.profiles import Profile, load_profile
from dossier.core.rules import all_urls, is_no_information, next_stage, urls_in, validate
from dossier.core.wordcount import count_words
from dossier.storage.drafts import read_draft, save_draft
from dossier.storage.migrations import migrate, title_from_text

# --------------------------------------------------------------------------- (a) the form's structure


def test_parts_one_to_four_are_numbered_as_the_form_numbers_them() -> None:
    assert [form.basic_field(n).number for n in ("city", "country", "field")] == ["1", "2", "4"]
    assert form.CONTACTS_NUMBER == "3"
    assert [role.heading() for role in form.CONTACT_ROLES] == [
        "3.1 Mayor",
        "3.2 Representative of the Mayor",
        "3.3 Main executive contact",
        "3.4 Alternative contact",
    ]


def test_only_the_representative_has_status_and_other_information() -> None:
    fields = {role.id: [spec.name for spec in role.fields()] for role in form.CONTACT_ROLES}
    assert "status" in fields["mayor_representative"] and "other_info" in fields["mayor_representative"]
    for role_id in ("mayor", "main_contact", "alternative_contact"):
        assert "status" not in fields[role_id] and "other_info" not in fields[role_id]
        assert fields[role_id][:2] == ["title", "title_other"]


@pytest.mark.parametrize("profile_id", ["uccn-2025", "uccn-2027"])
def test_narrative_questions_are_numbered_after_part_four(profile_id: str) -> None:
    """The narrative numbers come from the profile and no longer collide with Parts 1-4."""
    profile = load_profile(profile_id)
    numbers = [spec.shown_number for spec in profile.sections]
    assert numbers == ["", "5", "6", "7", "8", "9", "10"]  # the introduction is not numbered
    assert profile.section(form.TEXT_PARTS[1]).heading().startswith("5. ")
    assert profile.numbering_note


def test_a_profile_may_number_its_questions_and_mark_a_limit_as_unesco(tmp_path: Path) -> None:
    custom = tmp_path / "mine.toml"
    base = load_profile("uccn-2025")
    sections = "\n".join(
        f'[[sections]]\nid = "{s.id}"\nnumber = {s.number}\nform_number = "{i + 12}.1"\n'
        f'title_en = "T"\ntitle_zh = "T"\nguidance_en = "G"\nguidance_zh = "G"\n'
        f"min_words = 0\nmax_words = 100\n" + ('limit_source = "unesco"\n' if i == 1 else "")
        for i, s in enumerate(base.sections)
    )
    custom.write_text(
        f'extends = "uccn-2025"\nid = "mine"\nname = "Mine"\ncall_year = 2029\n{sections}', "utf-8"
    )
    profile = load_profile(custom)
    spec = profile.section(form.TEXT_PARTS[1])
    assert spec.heading() == "13.1. T" and spec.limit_is_unesco
    assert not profile.section(form.TEXT_PARTS[0]).limit_is_unesco
    over = validate(_draft_with_text(profile, spec.id, "word " * 101), profile).for_part(spec.id)
    assert any(f.code == "over-limit" and "UNESCO's limit" in f.message for f in over)


def test_over_limit_says_the_limit_is_the_profiles(profile: Profile) -> None:
    spec = profile.section(form.TEXT_PARTS[1])
    report = validate(_draft_with_text(profile, spec.id, "word " * (spec.max_words + 1)), profile)
    [finding] = [f for f in report.for_part(spec.id) if f.code == "over-limit"]
    assert "limit set in this draft's call profile" in finding.message


@pytest.mark.parametrize(
    ("text", "title", "other"),
    [
        ("先生", "Mr", ""),
        ("女士", "Ms", ""),
        ("Mr.", "Mr", ""),
        ("ms", "Ms", ""),
        ("Dr", "Other", "Dr"),
        ("教授", "Other", "教授"),
        ("", "", ""),
    ],
)
def test_free_text_titles_become_the_forms_choices(text: str, title: str, other: str) -> None:
    assert title_from_text(text) == (title, other)


def test_a_schema_2_draft_is_upgraded_with_its_titles_and_nothing_lost(tmp_path: Path) -> None:
    raw = {
        "meta": {"schema_version": 2, "profile": "uccn-2027"},
        "basic": {
            "city": "澜江",
            "contacts": {
                "mayor": {"title": "先生", "family_name": "周"},
                "mayor_representative": {"title": "女士"},
                "main_contact": {"title": "Prof. Dr.", "family_name": "Li"},
            },
        },
    }
    path = tmp_path / "old.dossier.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), "utf-8")
    loaded = read_draft(path)
    contacts = loaded.draft.basic.contacts
    assert (contacts.mayor.title, contacts.mayor.family_name) == ("Mr", "周")
    assert contacts.mayor_representative.title == "Ms"
    assert (contacts.main_contact.title, contacts.main_contact.title_other) == ("Other", "Prof. Dr.")
    assert any("Prof. Dr." in note for note in loaded.notes)
    assert loaded.draft.meta.schema_version == SCHEMA_VERSION == 5
    assert loaded.draft.basic.reporting_commitment is False
    save_draft(loaded.draft, path)
    assert (
        json.loads(path.read_text("utf-8"))["basic"]["contacts"]["main_contact"]["title_other"] == "Prof. Dr."
    )


def test_a_schema_1_draft_goes_through_both_steps() -> None:
    raw = {"schema_version": 1, "city": "X", "contacts": {"mayor": {"title": "Mme"}}}
    upgraded = migrate(raw, 1, 3)
    assert upgraded["meta"]["schema_version"] == 3
    assert upgraded["basic"]["contacts"]["mayor"]["title"] == "Ms"


def test_a_title_outside_the_list_and_an_empty_other_are_flagged(complete: Dossier, profile: Profile) -> None:
    complete.basic.contacts.mayor.title = "Herr"
    complete.basic.contacts.main_contact.title = "Other"
    complete.basic.contacts.main_contact.title_other = " "
    found = {(f.code, f.location) for f in validate(complete, profile).findings}
    assert ("title", "basic.contacts.mayor.title") in found
    assert ("title", "basic.contacts.main_contact.title_other") in found


def test_the_reporting_commitment_must_be_ticked(
    complete: Dossier, profile: Profile, fixed_now: datetime
) -> None:
    complete.basic.reporting_commitment = False
    draft = validate(complete, profile, now=fixed_now)
    submission = validate(complete, profile, now=fixed_now, stage="submission")
    where = f"{form.BASIC.id}.{form.REPORTING_COMMITMENT.name}"
    assert [(f.severity, f.location) for f in draft.findings if f.code == "commitment"] == [
        ("warning", where)
    ]
    assert [(f.severity, f.location) for f in submission.findings if f.code == "commitment"] == [
        ("error", where)
    ]


# --------------------------------------------------------------------------- (b) stages


def _draft_with_text(profile: Profile, part_id: str, text: str) -> Dossier:
    draft = Dossier()
    draft.part(part_id).text = text
    return draft


def test_the_three_stages(complete: Dossier, profile: Profile, fixed_now: datetime) -> None:
    """Letters in progress: fine for a draft, an error for pre-selection except the National
    Commission's endorsement (which follows the pre-selection), an error at submission."""
    complete.attachments["mayor_letter"].status = "in_progress"
    complete.attachments["national_commission_endorsement"].status = "in_progress"

    def severities(stage: str) -> dict[str, str]:
        report = validate(complete, profile, now=fixed_now, stage=stage)  # type: ignore[arg-type]
        assert report.stage == stage
        return {
            f.location.split(".")[-1]: f.severity for f in report.findings if f.code == "attachment-missing"
        }

    assert severities("draft") == {"mayor_letter": "warning", "national_commission_endorsement": "warning"}
    assert severities("preselection") == {
        "mayor_letter": "error",
        "national_commission_endorsement": "warning",
    }
    assert severities("submission") == {"mayor_letter": "error", "national_commission_endorsement": "error"}


def test_at_submission_urls_and_budgets_are_errors_and_language_always_is(
    complete: Dossier, profile: Profile, fixed_now: datetime
) -> None:
    complete.sections.assets.text = "Notre ville est une ville de design et nous sommes fiers. " * 30
    complete.sections.strategy.text += " See https://one.example.org and https://two.example.org/x."
    complete.basic.links += ["https://three.example.org"]
    complete.sections.contribution.initiatives.append(Initiative(title="Open", currency="USD"))
    draft = validate(complete, profile, now=fixed_now)
    submission = validate(complete, profile, now=fixed_now, stage="submission")
    for code in ("urls-too-many", "budget-empty"):
        assert {f.severity for f in draft.findings if f.code == code} == {"warning"}, code
        assert {f.severity for f in submission.findings if f.code == code} == {"error"}, code
    # what UNESCO reads decides the verdict at every stage (issue 13)
    for report in (draft, submission):
        assert {f.severity for f in report.findings if f.code == "language"} == {"error"}


def test_the_verdict_of_a_clean_draft_names_what_blocks_submission(
    tmp_path: Path, complete: Dossier, capsys: pytest.CaptureFixture[str]
) -> None:
    complete.attachments["mayor_letter"].status = "in_progress"
    path = tmp_path / "w.dossier.json"
    save_draft(complete, path)
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "ready as far as the rules can tell" not in out
    assert "1 finding would block submission" in out
    assert main(["validate", str(path), "--for", "submission"]) == 1
    assert "not ready for submission" in capsys.readouterr().out
    assert main(["validate", str(path), "--for", "preselection", "--json"]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["stage"] == "preselection" and payload["errors"] == 1


def test_validate_refuses_an_unknown_stage(
    tmp_path: Path, complete: Dossier, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "w.dossier.json"
    save_draft(complete, path)
    assert main(["validate", str(path), "--for", "soon"]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_the_next_milestone_decides_the_stage(profile: Profile) -> None:
    preselection = profile.milestone("national_preselection")
    deadline = profile.deadline
    assert preselection is not None
    before = preselection.date.replace(day=1)
    assert next_stage(profile, before) == ("preselection", "national_preselection")
    between = preselection.date.astimezone(UTC).replace(day=20)
    assert between < deadline.date
    assert next_stage(profile, between) == ("submission", "unesco_deadline")
    assert next_stage(profile, datetime(2100, 1, 1, tzinfo=UTC)) == ("submission", None)


# --------------------------------------------------------------------------- no relevant information

NRIP = [
    "No relevant information to provide",
    "No relevant information to provide.",
    "no relevant information to provide",
    "NO RELEVANT INFORMATION TO PROVIDE!",
    "  No relevant information to provide … ",
    "“No relevant information to provide.”",
    "No  relevant\ninformation to provide",
    "Aucune information pertinente à fournir",
    "Aucune information pertinente à fournir.",
    "aucune information pertinente a fournir",
]


@pytest.mark.parametrize("text", NRIP)
def test_no_relevant_information_is_an_answer_in_every_form(text: str, profile: Profile) -> None:
    assert is_no_information(text)
    part_id = form.TEXT_PARTS[2]
    findings = validate(_draft_with_text(profile, part_id, text), profile).for_part(part_id)
    assert [f.code for f in findings if f.code in ("empty", "short", "near-limit", "over-limit")] == []
    assert count_words(text) > 0


@pytest.mark.parametrize(
    "text",
    ["No relevant information", "No relevant information to provide yet", "", "Information to provide"],
)
def test_other_short_texts_are_not_the_phrase(text: str) -> None:
    assert not is_no_information(text)


# --------------------------------------------------------------------------- URLs


def test_urls_are_found_in_text_with_their_punctuation_left_out() -> None:
    text = "See https://a.example.org/x. Also www.b.example.com, and (http://c.example.cn/路)。"
    assert urls_in(text) == ["https://a.example.org/x", "www.b.example.com", "http://c.example.cn/路"]


def test_urls_are_counted_across_the_whole_form_each_site_once(complete: Dossier, profile: Profile) -> None:
    complete.basic.links = ["https://westmere.example.org/design", "https://example.org/about"]
    complete.sections.strategy.text += " Read https://westmere.example.org/design/ again."
    complete.sections.assets.text += " Also http://www.museum.example.org and https://school.example.org."
    assert len(all_urls(complete)) == 4
    assert not [f for f in validate(complete, profile).findings if f.code == "urls-too-many"]
    complete.sections.contribution.initiatives[0].partners = "Design university (https://uni.example.org)"
    assert len(all_urls(complete)) == 5
    [finding] = [f for f in validate(complete, profile).findings if f.code == "urls-too-many"]
    assert finding.location == "basic.links" and "5" in finding.message


# --------------------------------------------------------------------------- budgets


def test_an_empty_budget_is_not_zero_and_a_negative_one_is_never_added(
    complete: Dossier, profile: Profile
) -> None:
    plan = complete.sections.contribution
    plan.initiatives.append(Initiative(title="Not costed yet", currency="USD"))
    plan.initiatives.append(Initiative(title="Typo", budget=-5_000, currency="USD"))
    assert plan.budget_totals() == {"USD": 290_000}
    assert plan.unset_budgets() == 1 and plan.negative_budgets() == 1
    found = {(f.code, f.severity) for f in validate(complete, profile).findings}
    assert ("budget-empty", "warning") in found and ("budget-negative", "error") in found


@pytest.mark.parametrize(("country", "currency"), [("China", "CNY"), ("中国", "CNY"), ("France", "EUR")])
def test_a_new_initiatives_currency_follows_the_country(country: str, currency: str) -> None:
    from dossier.core.reference import currency_for

    assert currency_for(country) == currency
