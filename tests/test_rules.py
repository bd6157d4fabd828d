"""Each validation rule: it fires on the bad case, names the place, and stays quiet on good text."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dossier.core.model import Dossier, Initiative, SdgTarget
from dossier.core.profiles import Profile
from dossier.core.reference import load_member_cities
from dossier.core.rules import NOTHING_TO_REPORT, Report, validate

Check = Callable[..., Report]


@pytest.fixture
def check(fixed_now: datetime) -> Check:
    """``validate`` at the tests' fixed "now" unless a test passes its own."""

    def run(draft: Dossier, profile: Profile, **kw: object) -> Report:
        return validate(draft, profile, now=kw.pop("now", fixed_now), **kw)  # type: ignore[arg-type]

    return run


def codes(report: Report, severity: str | None = None) -> set[tuple[str, str]]:
    return {(f.code, f.location) for f in report.findings if severity in (None, f.severity)}


def test_complete_draft_has_no_findings(complete: Dossier, profile: Profile, check: Check) -> None:
    assert check(complete, profile).findings == []


def test_required_basic_fields(complete: Dossier, profile: Profile, check: Check) -> None:
    complete.basic.city = "  "
    complete.basic.contacts.main_contact.email = ""
    complete.basic.contacts.mayor.family_name = ""
    found = codes(check(complete, profile), "error")
    assert ("required", "basic.city") in found
    assert ("required", "basic.contacts.main_contact.email") in found
    assert ("required", "basic.contacts.mayor.family_name") in found


def test_field_must_be_offered_by_the_profile(complete: Dossier, profile: Profile, check: Check) -> None:
    complete.basic.field = "circus"
    report = check(complete, profile)
    [finding] = [f for f in report.errors if f.code == "field-unknown"]
    assert "circus" in finding.message and "Gastronomy" in finding.message


@pytest.mark.parametrize("email", ["not-an-email", "a@b", "two words@example.org", "x@"])
def test_bad_email_is_an_error(complete: Dossier, profile: Profile, email: str, check: Check) -> None:
    complete.basic.contacts.alternative_contact.email = email
    assert ("email", "basic.contacts.alternative_contact.email") in codes(check(complete, profile))


@pytest.mark.parametrize("email", ["li.wei@example.cn", "x@例子.中国", "o'brien@example.org"])
def test_good_email_passes(complete: Dossier, profile: Profile, email: str, check: Check) -> None:
    complete.basic.contacts.alternative_contact.email = email
    assert check(complete, profile).findings == []


@pytest.mark.parametrize("phone", ["call me", "12", "+1 (555) 0100 abc", "+" + "9" * 25])
def test_bad_phone_is_an_error(complete: Dossier, profile: Profile, phone: str, check: Check) -> None:
    complete.basic.contacts.mayor.phone = phone
    assert ("phone", "basic.contacts.mayor.phone") in codes(check(complete, profile))


@pytest.mark.parametrize("phone", ["+86 571 8888 0000", "(555) 010-0100", "+33 1 45 68 10 00 ext 12"])
def test_good_phone_passes(complete: Dossier, profile: Profile, phone: str, check: Check) -> None:
    complete.basic.contacts.mayor.phone = phone
    assert check(complete, profile).findings == []


def test_links_shape_and_count(complete: Dossier, profile: Profile, check: Check) -> None:
    complete.basic.links = [
        "https://a.example.org",
        "www.no-scheme.example",
        "https://c.example.org",
        "https://d.example.org",
        "https://e.example.org",
    ]
    found = codes(check(complete, profile), "error")
    assert ("links-too-many", "basic.links") in found
    assert ("url", "basic.links[1]") in found
    assert not any(loc == "basic.links[0]" for _, loc in found)


def test_population_and_area_must_be_positive(complete: Dossier, profile: Profile, check: Check) -> None:
    complete.basic.population = -5
    complete.basic.area_km2 = 0
    found = codes(check(complete, profile), "error")
    assert {("range", "basic.population"), ("range", "basic.area_km2")} <= found


def test_600_chinese_characters_over_a_500_word_limit(
    complete: Dossier, profile: Profile, check: Check
) -> None:
    assert profile.section("strategy").max_words == 500
    complete.sections.strategy.text = "创意城市" * 150
    errors = [f for f in check(complete, profile).errors if f.part == "strategy"]
    assert {f.code for f in errors} == {"over-limit", "language"}
    [finding] = [f for f in errors if f.code == "over-limit"]
    assert finding.location == "sections.strategy.text"
    assert "600 words" in finding.message and "100 over" in finding.message


def test_near_limit_warns_and_short_text_warns(complete: Dossier, profile: Profile, check: Check) -> None:
    limit = profile.section("assets").max_words
    complete.sections.assets.text = " ".join(f"w{i}" for i in range(int(limit * 0.95)))
    complete.sections.preparation.text = "Too short to convince anyone at all."
    found = codes(check(complete, profile), "warning")
    assert ("near-limit", "sections.assets.text") in found
    assert ("short", "sections.preparation.text") in found


def test_empty_section_suggests_the_official_phrase(
    complete: Dossier, profile: Profile, check: Check
) -> None:
    complete.introduction.text = " \n\t "
    [finding] = [f for f in check(complete, profile).errors if f.part == "introduction"]
    assert finding.code == "empty" and NOTHING_TO_REPORT in finding.message
    complete.introduction.text = NOTHING_TO_REPORT
    assert [f for f in check(complete, profile).findings if f.part == "introduction"] == []


def test_sdg_rules(complete: Dossier, profile: Profile, check: Check) -> None:
    complete.sections.sdg_goals.targets = [
        SdgTarget(goal=18, horizon="long", outcome="x"),
        SdgTarget(goal=4, horizon="medium", outcome=""),
        SdgTarget(goal=4, horizon="medium", outcome="again"),
    ]
    report = check(complete, profile)
    assert ("sdg-range", "sections.sdg_goals.targets[0].goal") in codes(report, "error")
    warnings = codes(report, "warning")
    assert ("sdg-outcome", "sections.sdg_goals.targets[1].outcome") in warnings
    assert ("sdg-duplicate", "sections.sdg_goals.targets[2]") in warnings
    assert ("sdg-11", "sections.sdg_goals.targets") in warnings


def test_budget_rules_and_total(complete: Dossier, profile: Profile, check: Check) -> None:
    plan = complete.sections.contribution
    plan.initiatives.append(
        Initiative(title="Bad", budget=-10, currency="USD", start_year=2030, end_year=2028)
    )
    plan.initiatives.append(Initiative(title="Local fair", budget=1000, currency="cny"))
    found = codes(check(complete, profile), "error")
    assert ("budget-negative", "sections.contribution.initiatives[2].budget") in found
    assert ("years", "sections.contribution.initiatives[2].end_year") in found
    # a negative budget is an error and is never added to a total (it used to be, silently)
    assert plan.budget_totals() == {"USD": 290_000, "CNY": 1000}
    assert plan.negative_budgets() == 1


def test_repeated_paragraph_across_sections(complete: Dossier, profile: Profile, check: Check) -> None:
    shared = "Our riverside workshops train two hundred young makers every single year."
    complete.sections.strategy.text += "\n\n" + shared
    complete.sections.assets.text += "\n" + shared.upper()
    [finding] = [f for f in check(complete, profile).findings if f.code == "repeated"]
    assert finding.part == "assets" and "Development strategy" in finding.message


def test_non_latin_submission_text_is_an_error(complete: Dossier, profile: Profile, check: Check) -> None:
    """What UNESCO reads decides the verdict: a Chinese submission text is not submittable."""
    complete.sections.opportunities.text = "我们的城市拥有悠久的音乐传统。" * 20
    report = check(complete, profile)
    assert ("language", "sections.opportunities.text") in codes(report, "error")
    complete.meta.working_language = "zh"  # a working text changes nothing about what is sent
    complete.sections.opportunities.working_text = complete.sections.opportunities.text
    assert ("language", "sections.opportunities.text") in codes(check(complete, profile), "error")


def test_english_text_in_a_french_submission_is_an_error(
    complete: Dossier, profile: Profile, check: Check
) -> None:
    complete.meta.language = "fr"
    found = codes(check(complete, profile), "error")
    assert ("language", "sections.strategy.text") in found


def test_member_city_same_field_is_an_error(complete: Dossier, profile: Profile, check: Check) -> None:
    complete.basic.city = "淮安市"
    complete.basic.field = "gastronomy"
    [finding] = [f for f in check(complete, profile).findings if f.code == "already-member"]
    assert finding.is_error and "Huai'an" in finding.message and "2021" in finding.message
    complete.basic.field = "design"
    [finding] = [f for f in check(complete, profile).findings if f.code == "already-member"]
    assert not finding.is_error


def test_member_list_is_extensible(complete: Dossier, profile: Profile, tmp_path, check: Check) -> None:
    extra = tmp_path / "members.toml"
    extra.write_text(
        'members = [{ city = "Westmere", zh = "", country = "Canada", field = "design", year = 2031 }]\n',
        "utf-8",
    )
    report = check(complete, profile, members=load_member_cities(extra))
    assert ("already-member", "basic.city") in codes(report, "error")


def test_deadline_near_and_passed(complete: Dossier, profile: Profile, check: Check) -> None:
    deadline = profile.deadline.date
    near = check(complete, profile, now=deadline - timedelta(days=10))
    assert ("deadline-near", "meta.profile") in codes(near, "warning")
    assert "10 days" in near.findings[0].message
    passed = check(complete, profile, now=deadline + timedelta(days=1))
    assert ("deadline-passed", "meta.profile") in codes(passed, "warning")
    assert check(complete, profile, now=deadline - timedelta(days=31)).findings == []


def test_attachment_files(complete: Dossier, profile: Profile, tmp_path, check: Check) -> None:
    (tmp_path / "big.jpg").write_bytes(b"x" * 3_500_000)
    (tmp_path / "photo.png").write_bytes(b"x")
    complete.attachments["photo_1"].path = "big.jpg"
    complete.attachments["photo_2"].path = "photo.png"
    complete.attachments["photo_3"].path = "gone.jpg"
    complete.attachments["photo_3"].status = "in_progress"
    from dossier.workspace import attachment_sizer

    report = check(complete, profile, file_size=attachment_sizer(tmp_path))
    found = codes(report)
    assert ("photo-size", "attachments.photo_1") in found
    assert ("photo-format", "attachments.photo_2") in found
    assert ("attachment-file", "attachments.photo_3") in found
    assert ("attachment-missing", "attachments.photo_3") in found


def test_unknown_keys_are_reported_as_kept(complete: Dossier, profile: Profile, check: Check) -> None:
    data = complete.model_dump(mode="json")
    data["sections"]["assets"]["photos_caption"] = "kept"
    report = check(Dossier.model_validate(data), profile)
    assert ("unknown-key", "sections.assets.photos_caption") in codes(report, "warning")


def test_findings_are_ordered_by_part_errors_first(profile: Profile, check: Check) -> None:
    report = check(Dossier(), profile)
    parts = [f.part for f in report.findings]
    order = [
        "meta",
        "basic",
        "introduction",
        "opportunities",
        "strategy",
        "sdg_goals",
        "preparation",
        "assets",
        "contribution",
        "attachments",
    ]
    assert parts == sorted(parts, key=order.index)
    for part, findings in report.by_part().items():
        flags = [f.is_error for f in findings]
        assert flags == sorted(flags, reverse=True), part


# --------------------------------------------------------------------------- first-hour wording (issue 10)


def test_bad_email_message_quotes_the_value_and_gives_an_example(
    complete: Dossier, profile: Profile, check: Check
) -> None:
    complete.basic.contacts.main_contact.email = "li.wei.gov.cn"
    [finding] = [f for f in check(complete, profile).errors if f.code == "email"]
    assert "“li.wei.gov.cn” is not a valid e-mail address" in finding.message
    assert "name@city.gov.cn" in finding.message


def test_one_word_is_singular(complete: Dossier, profile: Profile, check: Check) -> None:
    complete.sections.preparation.text = "Soon."
    [finding] = [f for f in check(complete, profile).findings if f.part == "preparation"]
    assert finding.code == "short"
    assert finding.message.startswith("1 word;"), finding.message


@pytest.mark.parametrize(
    "second",
    [
        "https://www.city.example.org/",
        "http://www.city.example.org",
        "HTTPS://WWW.City.Example.org",
        " https://www.city.example.org ",
    ],
)
def test_the_same_link_twice_is_a_warning(
    complete: Dossier, profile: Profile, second: str, check: Check
) -> None:
    complete.basic.links = ["https://www.city.example.org", second]
    report = check(complete, profile)
    [finding] = [f for f in report.findings if f.code == "links-duplicate"]
    assert finding.severity == "warning"
    assert finding.location == "basic.links[1]"
    assert "Link 2" in finding.message and "link 1" in finding.message


def test_different_links_are_not_duplicates(complete: Dossier, profile: Profile, check: Check) -> None:
    complete.basic.links = ["https://www.city.example.org/Design", "https://www.city.example.org/design"]
    assert not [f for f in check(complete, profile).findings if f.code == "links-duplicate"]


# --------------------------------------------------------------------------- languages

NNBSP = "\u202f"


def test_findings_in_french_have_their_numbers_and_names(
    complete: Dossier, profile: Profile, check: Check
) -> None:
    """``wording("fr")`` (the export's) gives French findings whatever the interface speaks;
    codes and locations stay the same."""
    from dossier.core.i18n import wording

    complete.sections.strategy.text = " ".join(["mot"] * 1_250)
    complete.basic.contacts.alternative_contact.email = "li.wei.gov.cn"
    complete.sections.contribution.initiatives[0].start_year = 1999
    english = check(complete, profile)
    french = check(complete, profile, wording=wording("fr"))
    assert [(f.code, f.location) for f in french.findings] == [(f.code, f.location) for f in english.findings]
    by_code = {f.code: f.message for f in french.findings}
    assert by_code["over-limit"].startswith(
        f"1{NNBSP}250 mots{NNBSP}: 750 de plus que la limite de 500 (limite fixée"
    )
    assert by_code["email"] == (
        f"Le courriel indiqué pour le contact suppléant, «{NNBSP}li.wei.gov.cn{NNBSP}», "
        f"n'est pas une adresse électronique valide (exemple{NNBSP}: name@city.gov.cn)."
    )
    assert (
        by_code["years"].startswith(f"Initiative 1 «{NNBSP}")
        and "1999 n'est pas une année de début" in (by_code["years"])
    )
    assert not any(f.message == e.message for f, e in zip(french.findings, english.findings, strict=True))


def test_findings_in_chinese_and_french_plurals(complete: Dossier, profile: Profile, check: Check) -> None:
    from dossier.core.i18n import wording

    complete.sections.preparation.text = "Trop court."
    [short] = [f for f in check(complete, profile, wording=wording("fr")).findings if f.code == "short"]
    assert short.message.startswith(f"2 mots{NNBSP}; une réponse de moins de 150 mots")
    complete.sections.preparation.text = "Court"
    [short] = [f for f in check(complete, profile, wording=wording("fr")).findings if f.code == "short"]
    assert short.message.startswith(f"1 mot{NNBSP}; ")
    [short] = [f for f in check(complete, profile, wording=wording("zh")).findings if f.code == "short"]
    assert short.message == "1 字；少于约 150 字的回答很难说服评审。"


def test_user_text_inside_a_french_finding_is_left_as_typed(
    complete: Dossier, profile: Profile, check: Check
) -> None:
    """Typography is the message's, never the official's: ``Fête : 2026 !`` keeps its spaces."""
    from dossier.core.i18n import wording

    complete.sections.contribution.initiatives[0].title = "Fête : 1250000 ?"
    complete.sections.contribution.initiatives[0].currency = ""
    messages = [f.message for f in check(complete, profile, wording=wording("fr")).findings]
    assert f"Initiative 1 «{NNBSP}Fête : 1250000 ?{NNBSP}»{NNBSP}: indiquez la devise" in "\n".join(messages)


def test_deadline_in_french_spells_the_date(complete: Dossier, profile: Profile, check: Check) -> None:
    from dossier.core.i18n import wording

    deadline = profile.deadline.date
    report = check(complete, profile, now=deadline - timedelta(days=10), wording=wording("fr"))
    [near] = [f for f in report.findings if f.code == "deadline-near"]
    assert near.message.startswith(
        "Plus que 10 jours avant la date limite de l'UNESCO (31 janvier 2027, 23:59"
    )


def test_count_findings_follow_the_wording_they_are_given(profile: Profile) -> None:
    from dossier.core.i18n import interface_language, set_interface_language, wording
    from dossier.core.rules import count_findings

    spec = profile.section("assets")
    before = interface_language()
    try:
        set_interface_language("zh")
        [interface] = count_findings(spec, "", 0)
        [document] = count_findings(spec, "", 0, wording=wording("en"))
    finally:
        set_interface_language(before)
    assert interface.message.startswith("此部分为空") and document.message.startswith("This part is empty")


def test_an_empty_part_of_a_french_dossier_suggests_the_french_phrase(
    complete: Dossier, profile: Profile, check: Check
) -> None:
    from dossier.core.rules import NOTHING_TO_REPORT_IN

    complete.meta.language = "fr"
    complete.introduction.text = ""
    [finding] = [f for f in check(complete, profile).findings if f.part == "introduction"]
    assert NOTHING_TO_REPORT_IN["fr"] in finding.message  # the phrase goes to UNESCO, in French
    complete.introduction.text = NOTHING_TO_REPORT_IN["fr"]
    assert [f for f in check(complete, profile).findings if f.part == "introduction"] == []


@given(st.text(alphabet=st.sampled_from("aZé设计한かДשक ,。\n1"), max_size=300))
def test_script_of_counts_runs_as_it_counted_characters(text: str) -> None:
    """script_of counts each script's characters by runs (fast on a Chinese paragraph): the
    same verdict as counting them one by one."""
    import re

    from dossier.core import rules

    def one_by_one(pattern: re.Pattern[str]) -> int:
        return len(pattern.findall(text))

    latin, cjk = one_by_one(rules._LATIN), one_by_one(rules._HAN_KANA_HANGUL)
    other = one_by_one(rules._CYRILLIC_ARABIC_ETC)
    total = latin + cjk + other
    if total == 0 or (cjk + other) / total < 0.2:
        expected = None
    else:
        expected = "Chinese, Japanese or Korean" if cjk >= other else "a script other than Latin"
    assert rules.script_of(text) == expected
