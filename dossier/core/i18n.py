"""Wording in the reader's language, through gettext catalogues.

Two languages are in play and they are independent. The *interface* language is the one
the official reads (English, French or Simplified Chinese): it comes from
``DOSSIER_UI_LANGUAGE``, else the system locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``),
and the editor can switch it. The *document* language is the dossier's own (English or
French), the language UNESCO will read: the export asks :func:`wording` for it.

Every message is an English ``msgid`` marked with :func:`_` (or :func:`ngettext` when it
has a number, :func:`pgettext` when one English word needs two translations, :func:`N_`
for a module-level constant translated when it is shown). Placeholders use ``{name}`` and
are filled after translation: ``_("{count} of {limit} words").format(...)``. The
catalogues live in ``dossier/locale/<lang>/LC_MESSAGES/dossier.po`` and are compiled to
``.mo`` with Babel (see the README).

French typography is applied to the *translated template*, before its placeholders are
filled, so it reaches every generated sentence and never the official's own text: an
ordinary or no-break space before ``: ; ! ?`` and inside « » becomes a narrow no-break
space (U+202F), the one character dossier uses for all of them, and for grouping digits
(``1 250 000``, ``12,5 %``, see :meth:`Wording.number`). A translator types ordinary
spaces; ``https://`` or ``23:59`` (no space before the colon) are left alone.
"""

from __future__ import annotations

import functools
import gettext
import os
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

DOMAIN = "dossier"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
"""``dossier/locale``: one folder per language with its ``.po`` and compiled ``.mo``."""

INTERFACE_LANGUAGES: tuple[str, ...] = ("en", "fr", "zh")
"""The languages the interface is written in; ``en`` is the catalogue's source."""

UI_LANGUAGE_VARIABLE = "DOSSIER_UI_LANGUAGE"
UI_LANGUAGE_PREFERENCE = "ui_language"
"""The settings key (``dossier.storage.recent.preferences``) of the language chosen in the editor."""
UI_LANGUAGE_OVER_PREFERENCE = "ui_language_over"
"""The settings key of what ``DOSSIER_UI_LANGUAGE`` held when that choice was made ("" if unset)."""
OLD_LANGUAGE_PREFERENCE = "guidance_language"
"""What earlier versions remembered (the guidance's language, English or Chinese)."""


@functools.cache
def translations(language: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``language``; English (the msgids) when there is none."""
    if language == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)


def interface_language_of(value: str) -> str | None:
    """``zh_CN.UTF-8`` → ``zh``, ``fr-CA`` → ``fr``, ``en`` → ``en``; None when we do not speak it.

    ``C`` and ``POSIX`` mean "no preference" and give None, like an empty value.
    """
    base = value.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return base if base in INTERFACE_LANGUAGES else None


def detect_interface_language(
    environ: Mapping[str, str] | None = None, *, saved: str | None = None, saved_over: str | None = None
) -> str:
    """The interface language this process should start in.

    ``saved`` is the language the official chose in the editor (the settings'
    :data:`UI_LANGUAGE_PREFERENCE`, which the caller reads: the core reads no files) and
    ``saved_over`` what ``DOSSIER_UI_LANGUAGE`` held when it was chosen. In this order:
    ``DOSSIER_UI_LANGUAGE``, set for this run, unless it is the very value the official's
    choice was made over (a variable kept in a shell profile must not undo ctrl+l at every
    start); then ``saved``; then the first of ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is
    set, as POSIX reads them (a set but unknown locale means English, not the next
    variable); English otherwise. A value we do not speak is passed over.
    """
    env = os.environ if environ is None else environ
    variable = env.get(UI_LANGUAGE_VARIABLE, "")
    from_variable = interface_language_of(variable)
    chosen = interface_language_of(saved or "")
    if from_variable and not (chosen and saved_over is not None and variable == saved_over):
        return from_variable
    if chosen:
        return chosen
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return interface_language_of(value) or "en"
    return "en"


def language_from_settings(prefs: Mapping[str, Any], environ: Mapping[str, str] | None = None) -> str:
    """:func:`detect_interface_language` with the choice read from the saved settings
    (``dossier.storage.recent.preferences``), as the editor and the command line start."""
    saved = prefs.get(UI_LANGUAGE_PREFERENCE)
    if interface_language_of(saved if isinstance(saved, str) else "") is None:
        saved = prefs.get(OLD_LANGUAGE_PREFERENCE)
    over = prefs.get(UI_LANGUAGE_OVER_PREFERENCE)
    return detect_interface_language(
        environ,
        saved=saved if isinstance(saved, str) else None,
        saved_over=over if isinstance(over, str) else None,
    )


def gap(before: str, after: str) -> str:
    """What goes between two pieces of text set one after the other: a space, except before a
    piece that starts in Chinese (or another wide script) and after one that ends with a
    wide punctuation mark, since Chinese runs its sentences and brackets on without one
    ("已保存。它显示…", "李伟（已解决）"); an English "(working text)" after a quoted Chinese
    word keeps its space."""
    if not before or not after or _wide(after[0]):
        return ""
    if _wide(before[-1]) and unicodedata.category(before[-1]).startswith("P"):
        return ""
    return " "


def follow(text: str, more: str) -> str:
    """``more`` set after ``text``, with the :func:`gap` between them."""
    return text + gap(text, more) + more


def _wide(character: str) -> bool:
    return unicodedata.east_asian_width(character) in ("W", "F")


NARROW_NBSP = "\u202f"
"""The no-break space of French typography (before ``: ; ! ?``, inside « », between digit groups)."""
_FRENCH_BEFORE = re.compile("[ \u00a0\u202f]+(?=[:;!?»])")
_FRENCH_AFTER = re.compile("(?<=«)[ \u00a0\u202f]+")
_BABEL_LOCALE = {"en": "en_GB", "fr": "fr_FR", "zh": "zh_Hans_CN"}


def french_typography(template: str) -> str:
    """``Pays : {country}`` → ``Pays\u202f: {country}``: the spaces French puts before
    ``: ; ! ?`` and inside « » become narrow no-break spaces (templates only, never user text)."""
    return _FRENCH_AFTER.sub(NARROW_NBSP, _FRENCH_BEFORE.sub(NARROW_NBSP, template))


@functools.cache
def _group_separator(language: str) -> str | None:
    """What ``Wording(language).number`` puts between groups of three digits, when Babel
    writes whole numbers as ``1,234,567`` with that in place of the commas (else None:
    Babel writes each number)."""
    babel = Wording(language)._babel_number
    separator = babel(1_234_567)[1:-7]
    if len(separator) != 1 or any(
        babel(n) != f"{n:,}".replace(",", separator) for n in (0, 7, 999, 1000, 12_345)
    ):
        return None
    return separator


@dataclass(frozen=True, slots=True)
class Wording:
    """The gettext calls bound to one language: the interface's, or a document's."""

    language: str

    @property
    def _catalogue(self) -> gettext.NullTranslations:
        return translations(self.language)

    def _typeset(self, text: str) -> str:
        return french_typography(text) if self.language == "fr" else text

    def __call__(self, message: str) -> str:
        return self._typeset(self._catalogue.gettext(message))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._typeset(self._catalogue.ngettext(singular, plural, n))

    def pgettext(self, context: str, message: str) -> str:
        return self._typeset(self._catalogue.pgettext(context, message))

    def number(self, value: float, decimals: int | None = None) -> str:
        """``1,250,000`` / ``1 250 000`` / ``12.5`` / ``12,5``: a number as the language writes it.

        ``decimals`` fixes the digits after the separator; None shows a whole number without
        any and other values with up to two. Digit groups in French use U+202F.
        """
        if type(value) is int and value >= 0 and not decimals:
            separator = _group_separator(self.language)
            if separator is not None:  # a word count on every keystroke: no Babel pattern to apply
                return f"{value:,}".replace(",", separator)
        return self._babel_number(value, decimals)

    def _babel_number(self, value: float, decimals: int | None = None) -> str:
        from babel.numbers import format_decimal  # deferred: only messages with numbers need it

        if decimals is None:
            pattern = "#,##0" if float(value).is_integer() else "#,##0.##"
        else:
            pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        try:
            text = format_decimal(value, format=pattern, locale=_BABEL_LOCALE.get(self.language, "en_GB"))
        except ArithmeticError:  # beyond Babel's decimal precision (a mistyped 1e308 budget)
            digits = pattern.count("0") - 1
            text = f"{value:,.{digits}f}"
            if self.language == "fr":
                text = text.replace(",", NARROW_NBSP).replace(".", ",")
        return text.replace("\u00a0", NARROW_NBSP) if self.language == "fr" else text

    def percent(self, fraction: float, decimals: int = 0) -> str:
        """``12.5%`` / ``12,5 %`` / ``12.5%`` for 0.125."""
        number = self.number(fraction * 100, decimals)
        return f"{number}{NARROW_NBSP}%" if self.language == "fr" else f"{number}%"

    def date(self, day: date) -> str:
        """``3 December 2026`` / ``3 décembre 2026`` / ``2026年12月3日``: spelled out, so no
        reader confuses day and month."""
        from babel.dates import format_date  # deferred

        return format_date(day, format="long", locale=_BABEL_LOCALE.get(self.language, "en_GB"))


def wording(language: str) -> Wording:
    """Messages in ``language`` whatever the interface speaks (the export's document language)."""
    return Wording(language if language in INTERFACE_LANGUAGES else "en")


_interface = Wording(detect_interface_language())


def interface_wording() -> Wording:
    """The wording of the interface now (what :func:`_` uses), to hand to code that takes one."""
    return _interface


def interface_language() -> str:
    """The language the interface speaks now."""
    return _interface.language


def set_interface_language(language: str) -> str:
    """Speak ``language`` from now on (English for one we do not have); returns the one chosen."""
    global _interface
    _interface = wording(language)
    return _interface.language


def _(message: str) -> str:
    """``message`` in the interface language."""
    return _interface(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n`` in the interface language (the catalogue's plural rule)."""
    return _interface.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the interface language, told apart from the same English in another ``context``."""
    return _interface.pgettext(context, message)


def N_(message: str) -> str:
    """Marks ``message`` for the catalogue without translating it yet (module-level constants)."""
    return message
