"""The gettext catalogues: every marked message is translated in French and Chinese, the
translations keep their placeholders, and the compiled ``.mo`` files match the ``.po``.

When one fails, run the three Babel commands of the README (extract, update, compile),
translate what is new or fuzzy, and compile again.
"""

from __future__ import annotations

import gettext
import re
import string
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

from dossier.core import i18n

PACKAGE = Path(i18n.__file__).resolve().parents[1]
TRANSLATED = ("fr", "zh")


def _extracted() -> dict[tuple[str, str | None], tuple[str, ...]]:
    """Every message marked in the package: (msgid, context) → all its ids (singular, plural)."""
    keywords = dict(DEFAULT_KEYWORDS)
    keywords["N_"] = None
    found: dict[tuple[str, str | None], tuple[str, ...]] = {}
    for _name, _line, message, _comments, context in extract_from_dir(
        str(PACKAGE), keywords=keywords, comment_tags=("Translators:",)
    ):
        ids = (message,) if isinstance(message, str) else tuple(m for m in message if m)
        found[(ids[0], context)] = ids
    return found


def _catalogue(language: str) -> Catalog:
    path = PACKAGE / "locale" / language / "LC_MESSAGES" / "dossier.po"
    with path.open("rb") as handle:
        return read_po(handle, locale=language)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _strings(value: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated(language: str) -> None:
    catalogue = _catalogue(language)
    problems = []
    for (msgid, context), ids in sorted(_extracted().items(), key=lambda kv: kv[0][0]):
        key = ids if len(ids) > 1 else msgid
        message = catalogue.get(key if isinstance(key, str) else key[0], context=context)
        if message is None:
            problems.append(f"missing: {msgid!r}")
        elif message.fuzzy:
            problems.append(f"fuzzy: {msgid!r}")
        elif not all(_strings(message.string)):
            problems.append(f"untranslated: {msgid!r}")
    assert not problems, f"{language}: {len(problems)} messages\n" + "\n".join(problems[:40])


@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_keep_their_placeholders(language: str) -> None:
    problems = []
    for message in _catalogue(language):
        if not message.id or not message.string:
            continue
        wanted = set().union(*(_fields(i) for i in _strings(message.id)))
        for text in _strings(message.string):
            try:
                got = _fields(text)
            except ValueError as error:
                problems.append(f"{message.id!r}: {error}")
                continue
            if got - wanted or (got != wanted and not _plural_may_drop(message)):
                problems.append(f"{message.id!r}: {sorted(got)} instead of {sorted(wanted)}")
    assert not problems, "\n".join(problems)


def _plural_may_drop(message: Message) -> bool:
    """Chinese has one plural form, built from the plural msgid: it may not drop a field, but
    a French singular may leave out the number ("une initiative")."""
    return message.pluralizable


@pytest.mark.parametrize("language", TRANSLATED)
def test_compiled_catalogue_matches_its_source(language: str) -> None:
    catalogue = _catalogue(language)
    mo_path = PACKAGE / "locale" / language / "LC_MESSAGES" / "dossier.mo"
    with mo_path.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for message in catalogue:
        if not message.id or message.fuzzy or not all(_strings(message.string)):
            continue
        ids, strings = _strings(message.id), _strings(message.string)
        if message.context:
            got = compiled.pgettext(message.context, ids[0])
        elif len(ids) > 1:
            got = compiled.ngettext(ids[0], ids[1], 1 if language == "fr" else 5)
        else:
            got = compiled.gettext(ids[0])
        if got != strings[0]:
            stale.append(ids[0])
    assert not stale, f"{language}: dossier.mo is older than dossier.po for {stale[:10]}; run pybabel compile"


def test_french_catalogue_uses_two_plural_forms() -> None:
    """gettext's usual French rule (one form for 0 and 1, one for more), not CLDR's three."""
    assert _catalogue("fr").plural_forms == "nplurals=2; plural=(n > 1);"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "en"),
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "fr_FR.UTF-8", "LC_ALL": "zh_TW.UTF-8"}, "zh"),
        ({"LANG": "zh_CN.UTF-8", "LC_MESSAGES": "de_DE.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "zh_CN.UTF-8", "DOSSIER_UI_LANGUAGE": "fr"}, "fr"),
        ({"LANG": "zh_CN.UTF-8", "DOSSIER_UI_LANGUAGE": "klingon"}, "zh"),
        ({"DOSSIER_UI_LANGUAGE": "zh-Hans"}, "zh"),
    ],
)
def test_interface_language_follows_the_environment(environ: dict[str, str], expected: str) -> None:
    assert i18n.detect_interface_language(environ) == expected


def test_document_wording_is_independent_of_the_interface() -> None:
    before = i18n.interface_language()
    try:
        i18n.set_interface_language("zh")
        assert i18n.interface_language() == "zh"
        assert i18n.wording("fr").language == "fr"
        assert i18n.set_interface_language("xx") == "en"
    finally:
        i18n.set_interface_language(before)


def test_placeholders_use_names() -> None:
    """``{}`` and ``%s`` cannot be reordered by a translator; every placeholder has a name."""
    bad = [
        msgid
        for (msgid, _), ids in _extracted().items()
        for text in ids
        if re.search(r"\{\}|\{\d+\}|%[sd]", text)
    ]
    assert not bad, bad


@pytest.mark.parametrize(
    ("before", "after", "joined"),
    [
        ("Exported to x.docx.", "It shows version 3.", "Exported to x.docx. It shows version 3."),
        ("已导出到 x.docx。", "它显示第 3 版。", "已导出到 x.docx。它显示第 3 版。"),  # no space after 。
        ("李伟", "（已解决）", "李伟（已解决）"),  # none before a full-width bracket
        (
            "deleted by 王芳: 《澜",
            "(working text)",
            "deleted by 王芳: 《澜 (working text)",
        ),  # English keeps it
        ("Exporté.", "", "Exporté."),
    ],
)
def test_sentences_and_brackets_follow_as_each_script_sets_them(before: str, after: str, joined: str) -> None:
    """Messages built from two translated pieces: a Chinese message reads without the space an
    English one needs between them."""
    from dossier.core.i18n import follow

    assert follow(before, after) == joined
