"""Call profiles: bundled ones are complete, a user's own file works, a bad one is explained."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dossier.core.form import TEXT_PARTS
from dossier.core.profiles import ProfileError, bundled_ids, load_profile


def test_bundled_profiles() -> None:
    assert {"uccn-2025", "uccn-2027"} <= set(bundled_ids())
    p25, p27 = load_profile("uccn-2025"), load_profile("uccn-2027")
    assert len(p25.fields) == 8 and p25.field("architecture") is not None
    assert [s.id for s in p25.sections] == list(TEXT_PARTS)
    assert not p25.deadline.provisional and p27.deadline.provisional
    assert p27.deadline.date.utcoffset().total_seconds() == 3600  # CET
    assert {m.id for m in p27.timeline} == {
        "call_opens",
        "national_preselection",
        "unesco_deadline",
        "results",
    }
    assert p27.sections == p25.sections  # inherited, written once
    rules = p27.attachment_rules
    assert (rules.max_links, rules.max_photos, rules.photo_max_mb, rules.total_max_mb) == (4, 3, 3.0, 20.0)
    assert "not found" in p25.limits_note  # the profile says its limits are our defaults


@pytest.mark.parametrize("ref", ["uccn-2025", "uccn-2027"])
def test_a_provisional_milestone_does_not_say_so_in_its_own_label(ref: str) -> None:
    """The overview adds "(provisional)" in the interface language; a label saying "expected" too
    made the official read it twice."""
    unsure = re.compile(r"expected|typical|prévue|habituelle|预计|常见", re.IGNORECASE)
    for milestone in load_profile(ref).timeline:
        for language in ("en", "fr", "zh"):
            label = milestone.label(language)
            assert not (milestone.provisional and unsure.search(label)), label


@pytest.mark.parametrize("ref", ["uccn-2025", "uccn-2027"])
def test_bundled_profiles_speak_french_throughout(ref: str) -> None:
    """A French dossier's Word draft takes its titles, guidance, documents and dates from here."""
    profile = load_profile(ref)
    assert "appel à candidatures" in profile.call_name("fr")
    assert profile.call_name("zh") != profile.call_name("en")
    for spec in profile.sections:
        assert spec.title_fr and spec.title("fr") != spec.title("en"), spec.id
        assert spec.guidance_fr and len(spec.guidance("fr").split()) > 20, spec.id
        assert "\n" not in spec.guidance("fr")
    assert profile.section("contribution").title("fr") == "Contribution au Réseau"
    assert profile.field_label("gastronomy", "fr") == "Gastronomie"
    assert profile.field_label("gastronomy", "zh") == "美食"
    for item in (*profile.timeline, *profile.attachments):
        assert item.fr and item.label("fr") != item.label("en"), item.id


def test_french_profile_wording_gets_french_spacing() -> None:
    """The profile's French is dossier's own text: a narrow no-break space before ":" and ";"."""
    profile = load_profile("uccn-2025")
    assert "l'UNESCO\u202f: appel" in profile.call_name("fr")
    guidance = profile.section("introduction").guidance("fr")
    assert "paragraphes\u202f: sa" in guidance and " :" not in guidance


def test_a_profile_without_french_reads_in_english(tmp_path: Path) -> None:
    """A user's profile written before French was added still loads, and shows its English."""
    own = tmp_path / "own.toml"
    own.write_text(
        'extends = "uccn-2025"\nid = "own"\nname = "Our call"\n'
        '[[timeline]]\nid = "unesco_deadline"\nen = "Deadline"\nzh = "截止"\n'
        "date = 2027-01-31T23:59:00+01:00\n",
        encoding="utf-8",
    )
    profile = load_profile(own)
    assert profile.call_name("fr") == "Our call" and profile.deadline.label("fr") == "Deadline"


def test_every_section_has_guidance_in_both_languages() -> None:
    for spec in load_profile("uccn-2027").sections:
        assert spec.title("en") and spec.title("zh") != spec.title("en")
        assert len(spec.guidance("en").split()) > 20 and len(spec.guidance("zh")) > 40
        assert 0 <= spec.min_words < spec.max_words
        assert "\n" not in spec.guidance("zh")


def test_users_own_profile_extending_a_bundled_one(tmp_path: Path) -> None:
    own = tmp_path / "city-rules.toml"
    own.write_text('id = "our-2027"\nextends = "uccn-2027"\nname = "Our reading of the 2027 call"\n', "utf-8")
    profile = load_profile("city-rules.toml", base_dir=tmp_path)
    assert profile.id == "our-2027" and profile.call_year == 2027
    assert profile.source == str(own)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("id = ", "not a valid TOML file"),
        ('id = "x"\nextends = "uccn-2025"\nsections = []\n', "sections must be exactly"),
        ('id = "x"\nextends = "x.toml"\n', "extends itself"),
        (
            'id = "x"\nextends = "uccn-2025"\nfields = [{id = "a", en = "A"}]\n',
            r"fields\[0\]\.fr is missing",
        ),
        (
            'id = "x"\nextends = "uccn-2025"\ncall_year = "soon"\n',
            'call_year should be a whole number, not "soon"',
        ),
        ('id = "x"\nextends = "uccn-2025"\ncall_yaer = 2027\n', r"call_yaer is not a key dossier knows"),
        (
            'id = "x"\nextends = "uccn-2025"\n[attachment_rules]\nmax_links = -1\n',
            r"attachment_rules\.max_links should be 0 or more",
        ),
        (
            'id = "x"\nextends = "uccn-2025"\n[attachment_rules]\ntotal_max_mb = 0\n',
            r"attachment_rules\.total_max_mb should be more than 0",
        ),
    ],
)
def test_bad_profile_files_are_explained(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "x.toml").write_text(content, "utf-8")
    with pytest.raises(ProfileError, match=message) as caught:
        load_profile("x.toml", base_dir=tmp_path)
    assert "x.toml" in str(caught.value)


_TIMELINE = '[[timeline]]\nid = "unesco_deadline"\nen = "D"\nzh = "D"\n'
_BROKEN = {
    "missing": 'fields = [{id = "a", en = "A", fr = "A"}]',
    "string_type": "name = 2027",
    "int_parsing": 'call_year = "soon"',
    "literal_error": _TIMELINE + 'date = 2027-01-31T23:59:00Z\nstage = "final"',
    "extra_forbidden": "call_yaer = 2027",
    "value_error": _TIMELINE + "date = 2027-01-31T23:59:00",
    "value_error (ours, for the whole profile)": "sections = []",
    "list_type": 'submission_languages = "en"',
    "bool_parsing": 'provisional = "perhaps"',
}


@pytest.mark.parametrize("language", ["en", "fr", "zh"])
@pytest.mark.parametrize("kind", sorted(_BROKEN))
def test_profile_errors_are_ours_in_the_interface_language(tmp_path: Path, kind: str, language: str) -> None:
    """Pydantic's own English ("Field required", "Input should be…") never reaches the official;
    drafts and profiles share one wording (``dossier.core.invalid``), translated."""
    from dossier.core import i18n

    (tmp_path / "x.toml").write_text(f'id = "x"\nextends = "uccn-2025"\n{_BROKEN[kind]}\n', "utf-8")
    before = i18n.interface_language()
    i18n.set_interface_language(language)
    try:
        with pytest.raises(ProfileError) as caught:
            load_profile("x.toml", base_dir=tmp_path)
        english = {
            "missing": "is missing",
            "string_type": "should be text",
            "int_parsing": "should be a whole number",
            "literal_error": "should be one of",
            "extra_forbidden": "is not a key dossier knows",
            "value_error": "give the date with its time zone",
            "value_error (ours, for the whole profile)": "sections must be exactly",
            "list_type": "should be a list",
            "bool_parsing": "should be true or false",
        }[kind]
    finally:
        i18n.set_interface_language(before)
    message = str(caught.value)
    assert "x.toml" in message and message.count("\n") == 0
    for pydantic_words in ("Field required", "Input should", "Value error", "Extra inputs", "valid integer"):
        assert pydantic_words not in message, message
    if language == "en":
        assert english in message, message
    else:  # translated: none of our English is left
        assert english not in message, message


@pytest.mark.parametrize(
    ("language", "content", "place"),
    [
        ("en", "[sections\n", "line 1, column 10"),
        ("zh", "[sections\n", "第 1 行第 10 列"),
        ("fr", 'id = "x', "à la fin du fichier"),
    ],
)
def test_a_toml_mistake_is_placed_in_the_interface_language(
    tmp_path: Path, language: str, content: str, place: str
) -> None:
    """The TOML reader's sentence has no translation, but where it stopped is said in ours."""
    from dossier.core import i18n

    (tmp_path / "x.toml").write_text(content, "utf-8")
    before = i18n.interface_language()
    i18n.set_interface_language(language)
    try:
        with pytest.raises(ProfileError) as caught:
            load_profile("x.toml", base_dir=tmp_path)
    finally:
        i18n.set_interface_language(before)
    message = str(caught.value)
    assert place in message, message
    assert "(at " not in message, message  # the reader's own English place is not repeated


def test_draft_and_profile_errors_share_one_wording() -> None:
    """The same pydantic error type reads the same in a draft and in a profile; an unknown type
    is named in a translated sentence, never in pydantic's English."""
    from pydantic import ValidationError

    from dossier.core.invalid import describe_error_type, explain_validation_error
    from dossier.core.profiles import SectionSpec

    assert describe_error_type("missing", {}) == "is missing"
    assert describe_error_type("greater_than_equal", {"ge": 1}) == "should be 1 or more"
    assert (
        describe_error_type("literal_error", {"expected": "'a', 'b' or 'c'"})
        == "should be one of 'a', 'b', 'c'"
    )
    assert describe_error_type("value_error", {"error": ValueError("ours")}) == "ours"
    assert describe_error_type("complex_type", {}) == "has a value dossier cannot use (complex_type)"
    spec = load_profile("uccn-2025").sections[1].model_dump()
    with pytest.raises(ValidationError) as caught:
        SectionSpec.model_validate({**spec, "min_words": -1, "max_words": "many"})
    assert explain_validation_error(caught.value, "the call profile") == (
        "min_words should be 0 or more, not -1 (1 more problem after this one)"
    )


def test_unknown_profile_lists_the_bundled_ones() -> None:
    with pytest.raises(ProfileError, match="uccn-2025, uccn-2027"):
        load_profile("uccn-1999")


# East Asian characters written without spaces between them (ideographs, CJK punctuation, kana,
# full-width forms); Hangul is left out on purpose: Korean puts spaces between words.
_CJK_PAIR = re.compile(
    r"[\u3001-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]"
    r"\s+"
    r"[\u3001-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]"
)


@pytest.mark.parametrize("ref", bundled_ids())
def test_chinese_guidance_has_no_space_at_line_breaks(ref: str) -> None:
    """TOML lines break inside Chinese sentences; joining them must not put a space between two characters."""
    profile = load_profile(ref)
    for section in profile.sections:
        for language in ("zh", "en"):
            text = section.guidance(language)
            assert not _CJK_PAIR.search(text), (ref, section.id, language, _CJK_PAIR.search(text))
            assert "\n" not in text and "  " not in text


def test_guidance_line_breaks_join_by_script() -> None:
    """Between two CJK characters a line break vanishes; next to Latin text or digits it is a space."""
    from dossier.core.profiles import join_lines

    assert join_lines("城市，\n而不仅是历史。") == "城市，而不仅是历史。"
    assert join_lines("目标\n11 和\n城市") == "目标 11 和城市"
    assert join_lines("  Keep figures\n  for the   later parts.\n") == "Keep figures for the later parts."
    assert join_lines("성공적인\n도시") == "성공적인 도시"  # Korean keeps its word spaces
