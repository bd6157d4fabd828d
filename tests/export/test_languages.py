"""The Word draft speaks the dossier's language, not the interface's.

The same draft is exported as an English and as a French dossier; every piece of text the
English document adds to the official's own (labels, headers, counts, statuses, comments,
the cover, dates) is collected from it, and none of it may appear in the French one. French
typography (U+202F before ``: ; ! ?``, inside « », between digit groups) is in dossier's
words and never in the official's. An English dossier exported while the interface speaks
Chinese is the same document as one exported from an English interface. The OOXML
validator and LibreOffice (marked ``libreoffice``) check the French and the zh-interface
documents too.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx2python import docx2python
from lxml import etree

from dossier.core import i18n
from dossier.core.model import Dossier
from dossier.core.profiles import Profile
from dossier.core.wordcount import paragraphs
from dossier.export import export_docx
from dossier.workspace import check, open_draft

from support.docx_reading import W
from support.export import WHEN
from support.paths import EXAMPLES

NNBSP = "\u202f"
USER_INTRO = "Notre ville : 1250000 habitants ; pourquoi pas ? « Oui »!"
SAME_IN_BOTH = frozenset(
    {
        # words the two languages spell the same: a French label may equal the English one
        "Budget",
        "Contacts",
        "Document",
        "Horizon",
        "Initiative",
        "International",
        "Local",
        "Population",
        "Design",
        "Film",
        "Architecture",
        "Page",
        "version",
        "DC",
        "dossier",
        "UNESCO",
        "CET",
        "MB",
        "km²",
        "JPEG",
        "USD",
        "CNY",
        "EUR",
        "Word",
        "Institution",
        "Photo",
        "documents",
        "name@city",  # the example e-mail address, name@city.gov.cn
        "gov",
        "cn",
    }
)
FRENCH_LABELS = (
    "Candidature au Réseau des villes créatives de l'UNESCO",
    "Sommaire",
    "Informations générales",
    "Nombre de mots",
    "Plan d'action",
    "Objectifs de développement durable visés",
    "Annexes",
    "État du brouillon",
    "Brouillon du 28 novembre 2026",
    "appel à candidatures 2027",
    "Gastronomie",
    "Présentation générale",
    "Contribution au Réseau",
)


def _draft_strings(draft: Dossier) -> set[str]:
    """Every string the official typed, whole, line by line and paragraph by paragraph."""
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.add(value.strip())
            found.update(line.strip() for line in value.splitlines())
            found.update(paragraphs(value))
            found.add(value.strip().upper())  # currencies are shown in capitals
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)

    walk(draft.model_dump(mode="json", exclude={"meta"}))
    return {s for s in found if len(s) >= 2}


def document_text(path: Path) -> str:
    """All the text a reader sees: body, header, footer, and the comments in the margin."""
    with docx2python(path) as reader:
        comments = "\n".join(comment[3] for comment in reader.comments)
        return f"{reader.text}\n{comments}"


_SPLIT = re.compile(r"[\x00\d\t:;,.·()“”«»\"'?!/–—…\[\]%+-]+")


def segments(text: str, user: set[str]) -> set[str]:
    """The pieces of ``text`` that are dossier's words: the official's strings cut out,
    then split at numbers and punctuation; one-letter pieces dropped."""
    for value in sorted(user, key=len, reverse=True):
        text = text.replace(value, "\x00")
    pieces = {" ".join(piece.split()) for line in text.splitlines() for piece in _SPLIT.split(line)}
    return {
        piece
        for piece in pieces
        if len(piece) >= 2
        and any(ch.isalpha() for ch in piece)
        and not (
            len(piece) > 30 and any(piece in value for value in user)
        )  # a finding quotes a paragraph's start
    }


def _export(draft: Dossier, profile: Profile, out: Path) -> Path:
    """As ``dossier export`` does it: the document's findings in the dossier's language."""
    report = check(draft, profile, None, now=WHEN, wording=i18n.wording(draft.meta.language))
    export_docx(draft, profile, report, out, when=WHEN)
    return out


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Dossier, Path, Path]]:
    """(French draft, its English export, its French export) of the incomplete example, which
    has findings (comments), placeholders, tables and a budget; the official's own text
    carries French-looking punctuation and an unformatted number."""
    folder = tmp_path_factory.mktemp("languages")
    source = next(p for p in EXAMPLES if "incomplete" in p.name)
    loaded, profile = open_draft(source)
    draft = loaded.draft
    draft.introduction.text = f"{USER_INTRO}\n\n{draft.introduction.text}"
    draft.basic.population = 1_250_000
    if draft.sections.contribution.initiatives:
        draft.sections.contribution.initiatives[0].title = "Fête : 1250000 ?"
        draft.sections.contribution.initiatives[0].budget = 1_250_000.5
    english = _export(draft.model_copy(deep=True), profile, folder / "en.docx")
    draft.meta.language = "fr"
    french = _export(draft, profile, folder / "fr.docx")
    yield draft, english, french


def test_french_draft_has_none_of_the_english_labels(pair: tuple[Dossier, Path, Path]) -> None:
    draft, english, french = pair
    user = _draft_strings(draft)
    english_words = segments(document_text(english), user)
    french_text = document_text(french)
    french_words = segments(french_text, user)
    assert {
        "Basic information",
        "Word count",
        "Draft status",
        "November",
    } <= english_words  # the test sees labels
    left = sorted((english_words & french_words) - SAME_IN_BOTH)
    assert not left, f"English left in the French document: {left}"
    for label in FRENCH_LABELS:
        assert label in french_text, label


def test_french_typography_in_generated_text_only(pair: tuple[Dossier, Path, Path]) -> None:
    _, _, french = pair
    text = document_text(french)
    assert USER_INTRO in text.splitlines()  # the official's text exactly as typed
    assert "Fête : 1250000 ?" in text
    assert f"Nombre de mots{NNBSP}:" in text and "Nombre de mots :" not in text
    assert f"1{NNBSP}250{NNBSP}000" in text  # the population
    assert f"1{NNBSP}250{NNBSP}000,50" in text  # a budget, and its total
    assert f"Domaine créatif{NNBSP}: Gastronomie" in text
    comments = "\n".join(c[3] for c in docx2python(french).comments)
    assert comments and f"Erreur{NNBSP}:" in comments and "Error:" not in comments


def _lang_values(path: Path) -> tuple[set[str | None], set[str | None], str | None]:
    """(``w:lang/@w:val`` of every style and default, their ``@w:eastAsia``, ``dc:language``)."""
    with zipfile.ZipFile(path) as archive:
        styles = etree.fromstring(archive.read("word/styles.xml"))
        core = etree.fromstring(archive.read("docProps/core.xml"))
    langs = styles.iter(f"{{{W}}}lang")
    values, east = set(), set()
    for lang in langs:
        values.add(lang.get(f"{{{W}}}val"))
        east.add(lang.get(f"{{{W}}}eastAsia"))
    language = core.find("{http://purl.org/dc/elements/1.1/}language")
    return values - {None}, east - {None}, language.text if language is not None else None


def test_language_tags_follow_the_dossier(pair: tuple[Dossier, Path, Path]) -> None:
    _, english, french = pair
    assert _lang_values(french) == ({"fr-FR"}, {"zh-CN"}, "fr-FR")
    assert _lang_values(english) == ({"en-GB"}, {"zh-CN"}, "en-GB")
    with zipfile.ZipFile(french) as archive:
        styles = etree.fromstring(archive.read("word/styles.xml"))
    default = styles.find(f"{{{W}}}docDefaults/{{{W}}}rPrDefault/{{{W}}}rPr/{{{W}}}lang")
    assert default is not None and default.get(f"{{{W}}}val") == "fr-FR"


@pytest.fixture(scope="module")
def zh_interface(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """An English draft exported by ``dossier export`` from an English and a Chinese interface."""
    from dossier.cli import main

    folder = tmp_path_factory.mktemp("zh-interface")
    source = next(p for p in EXAMPLES if "incomplete" in p.name)
    before = i18n.interface_language()
    paths = []
    try:
        for language in ("en", "zh"):
            i18n.set_interface_language(language)
            out = folder / f"{language}-ui.docx"
            assert main(["export", str(source), "-o", str(out)]) == 0
            paths.append(out)
    finally:
        i18n.set_interface_language(before)
    yield paths[0], paths[1]


_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def test_english_draft_from_a_chinese_interface_is_all_english(zh_interface: tuple[Path, Path]) -> None:
    from_english, from_chinese = zh_interface
    text = document_text(from_chinese)
    assert text == document_text(from_english)
    assert not _CJK.search(text), _CJK.findall(text)[:10]
    assert _lang_values(from_chinese)[::2] == ({"en-GB"}, "en-GB")


def test_language_exports_pass_the_ooxml_validator(
    pair: tuple[Dossier, Path, Path], zh_interface: tuple[Path, Path]
) -> None:
    from support.ooxml_validator import unavailable, validate

    reason = unavailable()
    if reason:
        pytest.skip(reason)
    files = [pair[2], zh_interface[1]]
    results = validate(files)
    assert all(not problems for problems in results.values()), results


@pytest.mark.libreoffice
def test_libreoffice_renders_the_language_exports(
    pair: tuple[Dossier, Path, Path], zh_interface: tuple[Path, Path], tmp_path: Path
) -> None:
    from export.test_libreoffice import SOFFICE, _tool, soffice, squeeze

    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not on PATH; install libreoffice-writer-nogui")
    inputs = tmp_path / "in"
    inputs.mkdir()
    files = []
    for path in (pair[2], zh_interface[1]):
        files.append(inputs / path.name)
        shutil.copy(path, files[-1])
    pdfs = soffice(files, "pdf", tmp_path)
    french = squeeze(_tool("pdftotext", "-enc", "UTF-8", str(pdfs / "fr.pdf"), "-"))
    for label in ("Informations générales", "État du brouillon", "Plan d'action", "Sommaire"):
        assert squeeze(label) in french, label
    for label in ("Basic information", "Draft status", "Word count", "Action plan"):
        assert squeeze(label) not in french, label
    english = squeeze(_tool("pdftotext", "-enc", "UTF-8", str(pdfs / "zh-ui.pdf"), "-"))
    assert squeeze("Basic information") in english and squeeze("Draft status") in english
