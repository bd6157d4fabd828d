"""Word-level and per-part diffs of two versions of a draft."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from dossier.core.diff import Chunk, diff_dossiers, diff_part, render_text, word_diff
from dossier.core.model import Dossier, Initiative, SdgTarget
from dossier.core.wordcount import count_words, word_tokens


def _sides(chunks: list[Chunk]) -> tuple[str, str]:
    old = "".join(c.text for c in chunks if c.op != "added")
    new = "".join(c.text for c in chunks if c.op != "removed")
    return old, new


def test_word_tokens_rebuild_the_text_and_match_the_count() -> None:
    text = "We open 12 studios.\n\n我们在2025年开放 e-mail 👍 one\u200btwo — end"
    tokens = word_tokens(text)
    assert "".join(tokens) == text
    assert sum(1 for t in tokens if t.strip(" \n\u2014\u200b")) == count_words(text)
    assert "我" in tokens and "们" in tokens  # each Chinese character its own token


def test_changed_words_are_marked_and_the_rest_left_alone() -> None:
    old = "The city will open 12 kitchens.\n\nSecond paragraph stays.\n\nLast one."
    new = "The town will open twelve new kitchens.\n\nSecond paragraph stays.\n\nLast one."
    lines = render_text(word_diff(old, new))
    assert lines == ["The [-city-]{+town+} will open [-12-]{+twelve new+} kitchens."]


def test_chinese_differs_by_character() -> None:
    lines = render_text(word_diff("我们在杭州开放厨房。", "我们在北京开放厨房。"))
    assert lines == ["我们在[-杭州-]{+北京+}开放厨房。"]


def test_spaces_between_two_changes_join_them() -> None:
    assert render_text(word_diff("one two three", "uno dos three")) == ["[-one two-]{+uno dos+} three"]


def test_unchanged_paragraphs_are_left_out_with_an_ellipsis() -> None:
    old = "a1\n\nb1\n\nc1\n\nd1"
    new = "a2\n\nb1\n\nc1\n\nd2"
    assert render_text(word_diff(old, new)) == ["[-a1-]{+a2+}", "…", "[-d1-]{+d2+}"]
    assert render_text(word_diff(old, new), context=2)[:3] == ["[-a1-]{+a2+}", "", "b1"]


def test_a_removed_line_break_shows() -> None:
    assert render_text(word_diff("a\nb", "a b")) == ["a[-¶-]", "{+ +}b"]


def test_colour_strikes_through_and_underlines() -> None:
    (line,) = render_text(word_diff("old", "new"), color=True)
    assert "\x1b[9;31mold\x1b[0m" in line and "\x1b[4;32mnew\x1b[0m" in line


def test_markup_in_text_is_kept_as_text() -> None:
    (line,) = render_text(word_diff("[bold] x", "[bold] y [/x]"))
    assert line == "[bold] [-x-]{+y [/x]+}"


@given(st.text(alphabet="ab 中文\n。x", max_size=40), st.text(alphabet="ab 中文\n。x", max_size=40))
def test_both_texts_can_be_rebuilt_from_the_diff(old: str, new: str) -> None:
    assert _sides(word_diff(old, new)) == (old, new)


def test_per_part_diff_of_two_drafts() -> None:
    old = Dossier()
    old.basic.city = "Westmere"
    old.basic.contacts.mayor.email = "a@example.org"
    old.sections.sdg_goals.targets = [SdgTarget(goal=4, outcome="schools"), SdgTarget(goal=11)]
    old.sections.contribution.initiatives = [Initiative(title="Studios", budget=1000)]
    new = old.model_copy(deep=True)
    new.basic.city = "Eastmere"
    new.basic.contacts.mayor.email = "b@example.org"
    new.sections.strategy.text = "A strategy."
    new.sections.sdg_goals.targets[0].outcome = "more schools"
    del new.sections.sdg_goals.targets[1]
    new.sections.contribution.initiatives.append(Initiative(title="Festival", start_year=2027))
    new.meta.revision += 5  # a save's own bookkeeping is no change
    diffs = {d.part: d for d in diff_dossiers(old, new)}
    assert list(diffs) == ["basic", "strategy", "sdg_goals", "contribution"]
    assert [(f.path, f.old, f.new) for f in diffs["basic"].fields] == [
        ("city", "Westmere", "Eastmere"),
        ("contacts.mayor.email", "a@example.org", "b@example.org"),
    ]
    assert _sides(list(diffs["strategy"].text)) == ("", "A strategy.")
    sdg = diffs["sdg_goals"].rows
    assert [(r.kind, r.old_index, r.new_index) for r in sdg] == [("changed", 0, 0), ("removed", 1, None)]
    assert [(f.path, f.new) for f in sdg[0].fields] == [("outcome", "more schools")]
    assert sdg[0].new == "SDG 4 (medium): more schools"
    (added,) = diffs["contribution"].rows
    assert added.kind == "added" and added.new_index == 1 and added.new.startswith("Festival (local, 2027")
    assert not diff_part(old, old, "basic").changed


def test_settings_and_attachments_are_parts_too() -> None:
    old = Dossier()
    new = old.model_copy(deep=True)
    new.meta.language = "fr"
    new.attachments = {"letter": new.attachments.get("letter") or _attachment()}
    parts = [d.part for d in diff_dossiers(old, new)]
    assert parts == ["attachments", "rest"]


def _attachment():  # type: ignore[no-untyped-def]
    from dossier.core.model import Attachment

    return Attachment(status="ready", path="letter.pdf")
