"""Word and character counts, pinned by literal numbers and refereed by LibreOffice.

Every case carries the numbers we expect, written out, so the rule holds even where
soffice is missing. The ``libreoffice`` tests then check, in one batched soffice run,
that LibreOffice gives the same numbers, except the few fields listed in ``lo_differs``,
which are the "differs from LibreOffice" table of :mod:`dossier.core.wordcount`.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dossier.core import wordcount
from dossier.core.wordcount import (
    TextStats,
    count_characters,
    count_words,
    paragraphs,
    text_stats,
)

from support.lo_referee import MISSING_REASON, SOFFICE, LoStats, libreoffice_stats


class Case(NamedTuple):
    id: str
    text: str
    words: int
    characters: int
    characters_no_spaces: int
    lo_differs: dict[str, int] | None = None
    """LibreOffice's own value for each field where we deliberately differ."""


CASES: list[Case] = [
    Case("en_prose", "The quick brown fox jumps over the lazy dog.", 9, 44, 36),
    Case(
        "en_paragraphs",
        "Our city has a long tradition of crafts.\n\n"
        "It hosts 12 festivals a year, with 1,000,000 visitors.",
        17, 94, 79,
    ),
    Case("zh_prose", "我们的城市以丝绸和书法闻名，每年举办国际设计周。", 24, 24, 24),
    Case("zh_en_mixed", "我们在2025年举办了UNESCO创意城市论坛", 15, 23, 23),
    Case("zh_ascii_punct", "中文... 中文, English.", 7, 18, 16),
    Case("ja_prose", "日本語のテキストです。", 11, 11, 11),
    Case("url", "https://example.org/a-b?c=d", 1, 27, 27),
    Case("url_in_sentence", "See https://example.org/a-b?c=d for details.", 4, 44, 41),
    Case("email_hashtag", "Write to contact@example.org #UNESCO", 4, 36, 33),
    Case("numbers", "1,000.5 and 3.14", 3, 16, 14),
    Case("numbers_units", "12,345 12.345,67 -5 +5 50% $100 €5 25°C", 8, 39, 32),
    Case("hyphenated", "well-known state-of-the-art", 2, 27, 26),
    Case("hyphen_spaced", "word - word", 3, 11, 9),
    Case("em_dash_closed", "word—word", 2, 9, 9),
    Case("em_dash_spaced", "word — word", 2, 11, 9),
    Case("en_dash_closed", "1990–2000 word–word", 4, 19, 18),
    Case("en_dash_spaced", "word – word", 2, 11, 9),
    Case("other_dashes", "a\u2010b a\u2011b a\u2012b a\u2015b", 4, 15, 12),
    Case("lone_dashes", "— –", 0, 3, 2),
    Case("emoji_thumb", "Great 👍", 2, 7, 6),
    Case("emoji_family_zwj", "👨\u200d👩\u200d👧", 1, 1, 1),
    Case("emoji_flags", "🇫🇷 🇩🇪", 2, 3, 2),
    Case("emoji_skin_tone", "👍🏽", 1, 1, 1),
    Case("emoji_glued", "ok👍ok 👍👍", 2, 8, 7),
    Case("emoji_in_cjk", "好👍好", 3, 3, 3),
    Case("zwsp_in_word", "one\u200btwo", 1, 7, 6, {"characters_no_spaces": 3}),
    Case(
        "zwsp_in_sentence",
        "one\u200btwo three",
        2, 13, 11,
        {"words": 1, "characters_no_spaces": 3},
    ),
    Case("zwsp_between_spaces", "a \u200b b", 2, 5, 2),
    Case("ideographic_space", "one\u3000two 中文\u3000中文", 6, 13, 10),
    Case("nbsp", "10\u00a0kg", 2, 5, 4),
    Case("thin_spaces", "a\u2009b a\u202fb", 4, 7, 4),
    Case("fr_nbsp_punct", "Bonjour\u00a0! Vraiment\u202f? « Oui\u00a0»", 7, 28, 22),
    Case("fr_narrow_nbsp_guillemets", "\u00ab\u202fBonjour\u202f\u00bb", 3, 11, 9),
    Case("fr_thousands", "12\u202f345 habitants", 3, 16, 14),
    Case("figure_space", "1\u2007000", 2, 5, 4),
    Case("ideographic_space_latin", "City\u3000Linchuan", 2, 13, 12),
    Case("nbsp_only", "\u00a0\u00a0", 0, 2, 0),
    Case("zwnj_persian", "می\u200cخواهم کتاب", 2, 12, 11),
    Case("zwnj_latin", "a\u200cb c", 2, 4, 3),
    Case("zwj_latin", "a\u200db c", 2, 4, 3),
    Case("zwj_devanagari_half_form", "\u0915\u094d\u200d\u0937 word", 2, 6, 5),
    Case("zwnj_devanagari", "\u0915\u094d\u200c\u0937 word", 2, 7, 6),
    Case("word_joiner", "a\u2060b c", 2, 5, 4),
    Case("combining_mark_alone", "\u0301 a", 2, 3, 2),
    Case("emoji_rainbow_flag", "\U0001f3f3\ufe0f\u200d\U0001f308 ok", 2, 4, 3),
    Case("superscript_area", "5 m² and 3 km² here", 8, 19, 14),
    Case("subscript_co2", "CO₂ emissions", 3, 13, 12),
    Case("subscripts_in_word", "H₂O km²-based (m²)", 9, 18, 16),
    Case("superscript_signs", "m⁻¹ xⁿ 10⁻³", 5, 11, 9),
    Case("vulgar_fraction", "a½ ¼", 3, 4, 3),
    Case("plain_digit_units", "m2 CO2", 2, 6, 5),
    Case("kana", "ひらがな カタカナ", 8, 9, 8),
    Case("halfwidth_kana", "ｶﾀｶﾅ", 4, 4, 4),
    Case("hangul", "한국어 문장", 2, 6, 5, {"words": 5}),
    Case("hangul_punct", "한국어.", 1, 4, 4, {"words": 4}),
    Case("fullwidth_punct", "（，。！）", 5, 5, 5),
    Case("zh_fullwidth_punct", "你好，世界！", 6, 6, 6),
    Case("fullwidth_latin", "Ｗｏｒｄ ２０２５", 8, 9, 8),
    Case("circled_numbers", "①②", 2, 2, 2),
    Case("ascii_dash_alone", " - ", 1, 3, 1),
    Case("ellipsis_dots", "...", 1, 3, 3),
    Case("ellipsis_char", "a … b", 3, 5, 3),
    Case("ampersand", "R & D", 3, 5, 3),
    Case("quotes_apostrophes", "don't “quoted” (word) l'été", 4, 27, 24),
    Case("slashes", "and/or a / b", 4, 12, 9),
    Case("empty", "", 0, 0, 0),
    Case("spaces_only", "   ", 0, 3, 0),
    Case("whitespace_mixed", " \t \n ", 0, 4, 0),
    Case("tabs_newlines", "a\tb\nc\n\nd", 4, 5, 4),
    Case("trailing_newline", "line one\nline two\n", 4, 16, 14),
    Case("combining_accent", "e\u0301cole", 1, 5, 5),
    Case("devanagari", "नमस्ते दुनिया", 2, 7, 6),
    Case("thai_unsupported", "สวัสดีครับ", 1, 7, 7, {"words": 7}),
]  # fmt: skip

FIELDS = ("words", "characters", "characters_no_spaces")
DIFFERING = [case for case in CASES if case.lo_differs]

needs_soffice = pytest.mark.skipif(SOFFICE is None, reason=MISSING_REASON)


# --- the rule, pinned without LibreOffice -------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_rule(case: Case) -> None:
    stats = text_stats(case.text)
    assert (stats.words, stats.characters, stats.characters_no_spaces) == (
        case.words,
        case.characters,
        case.characters_no_spaces,
    )
    assert count_words(case.text) == case.words
    assert count_characters(case.text) == case.characters
    assert count_characters(case.text, spaces=False) == case.characters_no_spaces


def test_each_difference_is_in_the_module_docstring() -> None:
    doc = wordcount.__doc__ or ""
    table = doc[doc.index("differs from LibreOffice") : doc.index("Where Word is")]
    for case in DIFFERING:
        shown = case.text.replace("\u200b", "\\u200b")
        assert f"``{shown}``" in table, f"{case.id} is missing from the differences table"


def test_600_chinese_characters_are_600_words() -> None:
    text = ("创意城市网络促进可持续发展" * 50)[:600]
    assert len(text) == 600
    assert count_words(text) == 600
    assert text_stats(text) == TextStats(600, 600, 600, 600)


def test_number_with_separators_is_one_word() -> None:
    assert count_words("1,000.5") == 1
    assert count_words("3.14") == 1


def test_english_sentence_of_nine_words() -> None:
    assert count_words("Our city has woven silk by hand for centuries.") == 9


def test_cjk_characters_are_the_individually_counted_ones() -> None:
    stats = text_stats("我们在2025年举办了UNESCO创意城市论坛")
    assert stats.cjk_characters == 13
    assert stats.words == stats.cjk_characters + 2  # "2025" and "UNESCO"
    assert text_stats("한국어 문장").cjk_characters == 0  # hangul counts by spaces
    assert text_stats("ひらがな，カタカナ").cjk_characters == 9


def test_text_stats_is_frozen() -> None:
    stats = text_stats("a b")
    with pytest.raises(dataclasses.FrozenInstanceError):
        stats.words = 3  # type: ignore[misc]


def test_carriage_returns_are_line_breaks() -> None:
    assert text_stats("a b\r\nc\rd") == text_stats("a b\nc\nd") == TextStats(4, 5, 4, 0)


def test_large_section_sanity() -> None:
    """Non-timed: a 10,000-word section (the size counted on every keystroke) is right."""
    paragraph = "The creative city — a well-known hub, with 1,000.5 new ideas. " * 100
    text = "\n\n".join([paragraph] * 10)
    assert count_words(text) == 10_000
    assert count_words(text + " 创意城市") == 10_004
    assert count_words(text.replace("—", "-")) == 11_000  # ASCII fast path


# --- ASCII fast path and paragraph consistency --------------------------------------


@given(st.text(alphabet=st.characters(max_codepoint=0x7F)))
def test_ascii_fast_path_equals_the_general_rule(text: str) -> None:
    assert count_words(text) == len(wordcount._WORD_RE.findall(text))


@given(st.text(alphabet=st.sampled_from("ab 中ｶ—–\u200b\u3000\u00a0\t\n\r.,é👍\u0301한")))
def test_counts_add_up_over_paragraphs(text: str) -> None:
    parts = paragraphs(text)
    assert count_words(text) == sum(map(count_words, parts))
    assert count_characters(text, spaces=False) == sum(count_characters(p, spaces=False) for p in parts)


def test_paragraphs_split_on_every_newline() -> None:
    text = "  First line.  \nSecond  line.\r\n\r\n\n   \nThird\tline.\rFourth\n"
    assert paragraphs(text) == ["  First line.", "Second  line.", "Third\tline.", "Fourth"]


def test_paragraphs_of_nothing() -> None:
    assert paragraphs("") == []
    assert paragraphs(" \n\t\n\n") == []
    assert paragraphs("one") == ["one"]


# --- LibreOffice as referee ---------------------------------------------------------


@pytest.fixture(scope="module")
def libreoffice(tmp_path_factory: pytest.TempPathFactory) -> dict[str, LoStats]:
    """LibreOffice's statistics for every case, from a single soffice run."""
    workdir: Path = tmp_path_factory.mktemp("libreoffice")
    texts = [case.text for case in CASES]
    return dict(zip(texts, libreoffice_stats(texts, workdir), strict=True))


@pytest.mark.libreoffice
@needs_soffice
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
@pytest.mark.parametrize("field", FIELDS)
def test_matches_libreoffice(case: Case, field: str, libreoffice: dict[str, LoStats]) -> None:
    ours = getattr(text_stats(case.text), field)
    theirs = getattr(libreoffice[case.text], field)
    documented = (case.lo_differs or {}).get(field)
    if documented is None:
        assert ours == theirs, f"{case.id}: ours {ours}, LibreOffice {theirs}"
    else:
        # A documented difference: we keep our value, and LibreOffice must still give
        # the value the module docstring quotes, or the table has gone stale.
        assert ours == getattr(case, field)
        assert theirs == documented, f"{case.id}: LibreOffice now gives {theirs}"


EDIT_CHARACTERS = "ab 中ｶ—–\u200b\u3000\u00a0\t\n\r.,é👍\u0301한-"
EDIT_ALPHABET = st.sampled_from(EDIT_CHARACTERS)


@given(
    first=st.text(alphabet=EDIT_ALPHABET),
    edits=st.lists(st.tuples(st.integers(0, 200), st.integers(0, 5), st.text(alphabet=EDIT_ALPHABET))),
)
def test_line_counter_agrees_with_a_full_count_through_any_edits(
    first: str, edits: list[tuple[int, int, str]]
) -> None:
    """The editor's incremental count is the same figure as counting the whole text each time."""
    counter = wordcount.LineCounter()
    text = first
    assert counter.count(text) == wordcount.count_words(text)
    for at, cut, insert in edits:
        at = min(at, len(text))
        text = text[:at] + insert + text[at + cut :]
        assert counter.count(text) == wordcount.count_words(text)


LINE = st.text(alphabet=st.sampled_from(EDIT_CHARACTERS.replace("\n", "").replace("\r", "")), max_size=30)
"""One line of an editor (a filter on the alphabet would not do: Hypothesis drops it in ``text``)."""


@given(
    first=st.lists(LINE, min_size=1, max_size=8),
    edits=st.lists(st.tuples(st.integers(0, 10), st.integers(0, 3), st.lists(LINE, min_size=1, max_size=3))),
)
def test_line_counter_counts_an_editors_lines_as_the_whole_text(
    first: list[str], edits: list[tuple[int, int, list[str]]]
) -> None:
    """Counted from the editor's list of lines (changed in place, a few lines at a time, as
    Textual's document changes them), the count is the whole text's, and old lines are forgotten."""
    counter = wordcount.LineCounter()
    lines = list(first)
    assert counter.count_lines(lines) == wordcount.count_words("\n".join(lines))
    for at, cut, insert in edits:
        at = min(at, len(lines) - 1)
        lines[at : at + cut + 1] = insert
        assert counter.count_lines(lines) == wordcount.count_words("\n".join(lines))
        assert counter.count("\r\n".join(lines)) == wordcount.count_words("\r\n".join(lines))
    assert len(counter._counts) <= 2 * len(lines) + 64


RECOUNT_PIECES = st.sampled_from(
    [
        "西湖",
        "设计，",
        "a",
        "bc",
        " ",
        "\u3000",
        "\u200b",
        "—",
        "–",
        "²",
        "m²",
        "1,000.5",
        "e\u0301",
        "👍",
        "http://x.org/a",
        "\t",
    ]
)


@given(
    old=st.lists(RECOUNT_PIECES, max_size=40).map("".join),
    at=st.floats(0, 1),
    cut=st.integers(0, 6),
    insert=st.lists(RECOUNT_PIECES, max_size=3).map("".join),
)
def test_recount_is_a_full_count(old: str, at: float, cut: int, insert: str) -> None:
    """A line recounted from its count before an edit (anywhere, of any length) has the count
    of the whole line."""
    column = round(at * len(old))
    new = old[:column] + insert + old[column + cut :]
    assert wordcount.recount(old, wordcount.count_words(old), new) == wordcount.count_words(new)
    assert wordcount.recount(new, wordcount.count_words(new), old) == wordcount.count_words(old)
