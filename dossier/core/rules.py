"""Validation: every rule an application must pass, as findings an official understands.

Each finding has a severity (an *error* blocks submission, a *warning* is advice), the
part of the form it belongs to (for grouping in the CLI, the sidebar and the export),
a precise location (a dotted path into the draft) and one plain sentence. No pydantic
wording reaches the user. Messages are written in the language of the :class:`Wording`
the caller passes (the interface's by default; the export passes the dossier's), with their
numbers and names filled in; ``code`` stays the same English word in every language. Inside
a rule that Wording is called ``_``, so ``pybabel extract`` finds the messages.

The rules read limits, fields and attachments from the call profile, never from
constants of their own.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import Literal

from pydantic import AnyHttpUrl, BaseModel, TypeAdapter, ValidationError
from pydantic.networks import validate_email
from pydantic_core import PydanticCustomError

from dossier.core import form
from dossier.core.files import FORMAT_NAMES, FileInfo
from dossier.core.i18n import N_, Wording, follow, interface_language, interface_wording
from dossier.core.model import Contact, Dossier
from dossier.core.profiles import STAGES, Profile, SectionSpec, Stage
from dossier.core.reference import MemberCity, find_member, sdgs
from dossier.core.translation import is_language_tag, paragraph_list, translation_state
from dossier.core.wordcount import count_words, paragraphs

Severity = Literal["error", "warning"]
META, BASIC, SDGS, PLAN, ATTACHMENTS = (
    form.META.id,
    form.BASIC.id,
    form.SDGS.id,
    form.PLAN.id,
    form.ATTACHMENTS.id,
)
NOTHING_TO_REPORT = "No relevant information to provide"
NOTHING_TO_REPORT_IN: dict[str, str] = {
    "en": NOTHING_TO_REPORT,
    "fr": "Aucune information pertinente à fournir",  # our French: UNESCO's is not in our sources
}
"""The phrase a part holds when there is nothing to report, in each language a dossier is written in."""


def _folded(text: str) -> str:
    """Letters and digits only, accents and case removed, words separated by one space."""
    decomposed = unicodedata.normalize("NFKD", text).casefold()
    kept = "".join(ch if ch.isalnum() else " " for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(kept.split())


_NOTHING_KEYS = frozenset(_folded(phrase) for phrase in NOTHING_TO_REPORT_IN.values())


def is_no_information(text: str) -> bool:
    """True when ``text`` is the form's answer for "nothing to report", in English or French,
    whatever its case, punctuation or spacing ("No relevant information to provide.",
    "NO RELEVANT INFORMATION TO PROVIDE", "Aucune information pertinente a fournir").

    It is an answer: the rules count it as one, and the export prints it as such.
    """
    return len(text) < 100 and _folded(text) in _NOTHING_KEYS


NEAR_LIMIT = 0.9
DEADLINE_WARNING_DAYS = 30
REPEAT_MIN_WORDS = 8


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem or piece of advice, tied to a place in the draft."""

    severity: Severity
    part: str
    location: str
    message: str
    code: str

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


@dataclass(slots=True)
class Report:
    """All findings for one draft, errors first within each part, parts in form order."""

    findings: list[Finding] = field(default_factory=list)
    stage: Stage = "draft"
    """The readiness the findings were judged for (``dossier validate --for``)."""

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]

    def for_part(self, part: str) -> list[Finding]:
        return [f for f in self.findings if f.part == part]

    def by_part(self) -> dict[str, list[Finding]]:
        grouped: dict[str, list[Finding]] = {}
        for finding in self.findings:
            grouped.setdefault(finding.part, []).append(finding)
        return grouped


def _words(wording: Wording | None) -> Wording:
    return wording if wording is not None else interface_wording()


def part_label(part: str, profile: Profile | None, language: str | None = None) -> str:
    """How a part of the form is called in messages and headings, in ``language`` (by default
    the interface's); without a profile, a text part goes by its id: its title is the call's."""
    language = language or interface_language()
    if part in form.TEXT_PARTS:
        return profile.section(part).heading(language) if profile is not None else part
    label = form.part(part).label if part in form.FINDING_ORDER else None
    return label(language) if label else part


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def count_findings(
    spec: SectionSpec,
    text: str,
    words: int,
    *,
    wording: Wording | None = None,
    dossier_language: str = "en",
) -> list[Finding]:
    """The findings that follow from a part's word count alone, in ``wording``'s language.

    One function for ``validate`` and for the editor, which calls it on every keystroke
    with its live count: the two can never say different things about the same text. The
    "nothing to report" phrase it suggests is the one of ``dossier_language`` (the text goes
    to UNESCO), whatever language the message is in; both phrases count as an answer.
    """
    _ = _words(wording)
    part, location = spec.id, form.part(spec.id).text_location
    if words == 0:
        message = _(
            "This part is empty. Every part must be answered; if there is nothing to "
            "report, write “{phrase}” instead of leaving it blank."
        ).format(phrase=NOTHING_TO_REPORT_IN.get(dossier_language, NOTHING_TO_REPORT))
        return [Finding("error", part, location, message, "empty")]
    if words > spec.max_words:
        message = _.ngettext(
            "{count} word: {over} over the limit of {limit} ({origin}). "
            "The form will not accept more; shorten it.",
            "{count} words: {over} over the limit of {limit} ({origin}). "
            "The form will not accept more; shorten it.",
            words,
        ).format(
            count=_.number(words),
            over=_.number(words - spec.max_words),
            limit=_.number(spec.max_words),
            origin=spec.limit_origin(_),
        )
        if script_of(text):
            message = follow(
                message,
                _(
                    "(This counts each character of the Chinese, Japanese or Korean text; "
                    "check again once it is translated.)"
                ),
            )
        return [Finding("error", part, location, message, "over-limit")]
    if words >= NEAR_LIMIT * spec.max_words:
        message = _("{count} of {limit} words: close to the limit.").format(
            count=_.number(words), limit=_.number(spec.max_words)
        )
        return [Finding("warning", part, location, message, "near-limit")]
    if words < spec.min_words and not is_no_information(text):
        message = _.ngettext(
            "{count} word; answers under about {minimum} words rarely convince evaluators.",
            "{count} words; answers under about {minimum} words rarely convince evaluators.",
            words,
        ).format(count=_.number(words), minimum=_.number(spec.min_words))
        return [Finding("warning", part, location, message, "short")]
    return []


# --------------------------------------------------------------------------- helpers

_PHONE = re.compile(r"^\+?[\d\s().\-/]+(?:\s*(?:ext\.?|x|#)\s*\d{1,6})?$", re.IGNORECASE)
_LATIN = re.compile(r"[A-Za-zÀ-ɏ]")
_HAN_KANA_HANGUL = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_CYRILLIC_ARABIC_ETC = re.compile(r"[\u0370-\u03ff\u0400-\u04ff\u0590-\u06ff\u0900-\u0dff\u0e00-\u0e7f]")
_WORD = re.compile(r"[a-zàâçéèêëîïôûùüÿœæ']+", re.IGNORECASE)
_EN_WORDS = frozenset(
    [
        "the",
        "and",
        "of",
        "to",
        "in",
        "is",
        "that",
        "for",
        "with",
        "are",
        "this",
        "will",
        "its",
        "our",
        "from",
        "by",
        "as",
    ]
)
_FR_WORDS = frozenset(
    [
        "le",
        "la",
        "les",
        "des",
        "et",
        "du",
        "une",
        "est",
        "que",
        "pour",
        "dans",
        "avec",
        "sont",
        "cette",
        "nous",
        "sur",
        "au",
    ]
)


@lru_cache(maxsize=1)
def _url_adapter() -> TypeAdapter[AnyHttpUrl]:
    return TypeAdapter(AnyHttpUrl)


EMAIL_EXAMPLE = "name@city.gov.cn"


def is_email(value: str) -> bool:
    try:
        validate_email(value)
    except PydanticCustomError:  # its wording is pydantic's, never shown
        return False
    return True


def is_phone(value: str) -> bool:
    digits = sum(ch.isdigit() for ch in value)
    return bool(_PHONE.match(value.strip())) and 6 <= digits <= 20


def is_url(value: str) -> bool:
    try:
        _url_adapter().validate_python(value.strip())
    except ValidationError:
        return False
    return True


def email_problem(value: str, *, wording: Wording | None = None) -> str | None:
    """Why ``value`` is not an e-mail address, or None if it is one (follows the quoted value)."""
    if is_email(value):
        return None
    _ = _words(wording)
    return _("is not a valid e-mail address (example: {example})").format(example=EMAIL_EXAMPLE)


def phone_problem(value: str, *, wording: Wording | None = None) -> str | None:
    if is_phone(value):
        return None
    _ = _words(wording)
    return _("is not a phone number (use digits, spaces and a leading + for the country code)")


def url_problem(value: str, *, wording: Wording | None = None) -> str | None:
    if is_url(value):
        return None
    _ = _words(wording)
    return _("is not a web address (it should start with https:// or http://)")


def link_key(value: str) -> str:
    """A web address as a reader would compare two: scheme, host case and a final slash ignored.

    ``http://www.City.org/`` and ``https://www.city.org`` are the same site to an evaluator;
    the path keeps its case, since servers may tell ``/Design`` from ``/design``.
    """
    text = value.strip()
    _, sep, rest = text.partition("://")
    if not sep:
        rest = text
    host, _, path = rest.partition("/")
    host = host.casefold().removesuffix(".")
    path = path.rstrip("/")
    return f"{host}/{path}" if path else host


SCRIPT_SAMPLE = 2_000
"""Characters read at the start, the middle and the end of a long text to judge its script."""
_LATIN_RUN = re.compile(_LATIN.pattern + "+")
_HAN_KANA_HANGUL_RUN = re.compile(_HAN_KANA_HANGUL.pattern + "+")
_CYRILLIC_ARABIC_ETC_RUN = re.compile(_CYRILLIC_ARABIC_ETC.pattern + "+")


def script_of(text: str) -> str | None:
    """The non-Latin script that dominates ``text``, or None when it reads as Latin.

    A long text is judged on three samples (start, middle, end): the editor asks this on
    every keystroke in a part over its limit, where counting 60,000 characters cost 3 ms.
    """
    if len(text) > 3 * SCRIPT_SAMPLE:
        middle = len(text) // 2 - SCRIPT_SAMPLE // 2
        text = text[:SCRIPT_SAMPLE] + text[middle : middle + SCRIPT_SAMPLE] + text[-SCRIPT_SAMPLE:]
    # counted as runs (one match per run of a script, not per character): a Chinese
    # paragraph is one match, not 2,000
    latin = sum(map(len, _LATIN_RUN.findall(text)))
    cjk = sum(map(len, _HAN_KANA_HANGUL_RUN.findall(text)))
    other = sum(map(len, _CYRILLIC_ARABIC_ETC_RUN.findall(text)))
    total = latin + cjk + other
    if total == 0 or (cjk + other) / total < 0.2:
        return None
    return "Chinese, Japanese or Korean" if cjk >= other else "a script other than Latin"


def latin_language(text: str) -> str | None:
    """'en' or 'fr' when common function words clearly point to one of them."""
    words = [w.casefold() for w in _WORD.findall(text[:20_000])]
    en = sum(w in _EN_WORDS for w in words)
    fr = sum(w in _FR_WORDS for w in words)
    if en + fr < 10:
        return None
    if en > 2 * fr:
        return "en"
    if fr > 2 * en:
        return "fr"
    return None


def _normalise_paragraph(text: str) -> str:
    return " ".join(text.casefold().split())


def _days_between(now: datetime, then: datetime) -> int:
    return (then.astimezone(UTC).date() - now.astimezone(UTC).date()).days


# --------------------------------------------------------------------------- rules


class _Checker:
    """Runs every rule over one draft; each ``_check_*`` method is one concern."""

    def __init__(
        self,
        draft: Dossier,
        profile: Profile,
        now: datetime,
        members: tuple[MemberCity, ...] | None,
        file_size: Callable[[str], int | None] | None,
        wording: Wording,
        file_info: Callable[[str], FileInfo | None] | None = None,
        stage: Stage = "draft",
    ) -> None:
        self.draft = draft
        self.profile = profile
        self.now = now
        self.members = members
        self.file_size = file_size
        self.w = wording
        self.language = wording.language
        if file_info is None and file_size is not None:
            sizer = file_size

            def file_info(path: str) -> FileInfo | None:
                size = sizer(path)
                return None if size is None else FileInfo(size, "unknown")

        self.file_info = file_info
        self.stage = stage
        self.findings: list[Finding] = []

    def by_stage(self, needed_for: Stage = "preselection") -> Severity:
        """A warning while drafting, an error from the stage ``needed_for`` on."""
        return "error" if STAGES.index(self.stage) >= STAGES.index(needed_for) else "warning"

    def add(self, severity: Severity, part: str, location: str, message: str, code: str) -> None:
        self.findings.append(Finding(severity, part, location, message, code))

    def run(self) -> Report:
        for check in (
            self._check_meta,
            self._check_basic,
            self._check_contacts,
            self._check_commitments,
            self._check_texts,
            self._check_language,
            self._check_translation,
            self._check_repeats,
            self._check_sdgs,
            self._check_action_plan,
            self._check_urls,
            self._check_attachments,
            self._check_unknown_keys,
        ):
            check()
        order = {part: i for i, part in enumerate(form.FINDING_ORDER)}
        self.findings.sort(key=lambda f: (order.get(f.part, len(order)), not f.is_error))
        return Report(self.findings, self.stage)

    def _megabytes(self, size: float) -> str:
        return self.w.number(size / 1_000_000, 1)

    # -- the draft and the call
    def _check_meta(self) -> None:
        meta, _ = self.draft.meta, self.w
        if meta.language not in self.profile.submission_languages:
            names = ", ".join(
                form.language_name(code, self.language) for code in self.profile.submission_languages
            )
            self.add(
                "error",
                META,
                f"{META}.language",
                _("This call accepts applications in {languages} only.").format(languages=names),
                "language",
            )
        deadline = self.profile.deadline
        days = _days_between(self.now, deadline.date)
        when = _("{date}, {time} CET").format(
            date=_.date(deadline.date.date()), time=deadline.date.strftime("%H:%M")
        )
        if self.now >= deadline.date:
            self.add(
                "warning",
                META,
                f"{META}.profile",
                _(
                    "The UNESCO deadline of this call ({when}) has passed; "
                    "choose the profile of the next call."
                ).format(when=when),
                "deadline-passed",
            )
        elif days <= DEADLINE_WARNING_DAYS:
            if deadline.provisional:
                message = _.ngettext(
                    "Only {count} day left before the UNESCO deadline ({when}) (provisional date).",
                    "Only {count} days left before the UNESCO deadline ({when}) (provisional date).",
                    days,
                )
            else:
                message = _.ngettext(
                    "Only {count} day left before the UNESCO deadline ({when}).",
                    "Only {count} days left before the UNESCO deadline ({when}).",
                    days,
                )
            self.add(
                "warning", META, f"{META}.profile", message.format(count=days, when=when), "deadline-near"
            )

    def _check_basic(self) -> None:
        basic, _, language = self.draft.basic, self.w, self.language
        for spec in form.BASIC_FIELDS:
            if spec.required and not str(getattr(basic, spec.name)).strip():
                message = (
                    _("Choose the one creative field of the application.")
                    if spec.check == "choice"
                    else _("Enter the {field}.").format(field=spec.in_sentence(language))
                )
                self.add("error", BASIC, f"{BASIC}.{spec.name}", message, "required")
        if basic.field.strip() and self.profile.field(basic.field) is None:
            offered = ", ".join(f.label(language) for f in self.profile.fields)
            self.add(
                "error",
                BASIC,
                "basic.field",
                _("“{field}” is not a creative field of this call; choose one of: {offered}.").format(
                    field=basic.field, offered=offered
                ),
                "field-unknown",
            )
        if basic.population is not None and basic.population <= 0:
            self.add(
                "error", BASIC, f"{BASIC}.population", _("The population must be a positive number."), "range"
            )
        if basic.area_km2 is not None and basic.area_km2 <= 0:
            self.add(
                "error", BASIC, f"{BASIC}.area_km2", _("The area must be a positive number of km²."), "range"
            )
        limit = self.profile.attachment_rules.max_links
        if len(basic.links) > limit:
            self.add(
                "error",
                BASIC,
                f"{BASIC}.links",
                _.ngettext(
                    "The form allows at most {limit} web link; this draft has {count}.",
                    "The form allows at most {limit} web links; this draft has {count}.",
                    limit,
                ).format(limit=limit, count=len(basic.links)),
                "links-too-many",
            )
        first_seen: dict[str, int] = {}
        for i, link in enumerate(basic.links):
            if not is_url(link):
                self.add(
                    "error",
                    BASIC,
                    f"{BASIC}.links[{i}]",
                    _(
                        "Link {number} “{link}” is not a web address (it should start with https:// or http://)."
                    ).format(number=i + 1, link=link),
                    "url",
                )
            key = link_key(link)
            if not key:
                continue
            first = first_seen.setdefault(key, i)
            if first != i:
                self.add(
                    "warning",
                    BASIC,
                    f"{BASIC}.links[{i}]",
                    _(
                        "Link {number} “{link}” is the same as link {first}; give each web "
                        "address once and use the free place for another page."
                    ).format(number=i + 1, link=link.strip(), first=first + 1),
                    "links-duplicate",
                )
        member = find_member(basic.city, self.members)
        if member is not None:
            same = member.field == basic.field
            values = {
                "city": member.city,
                "field": self.profile.field_label(member.field, language),
                "year": member.year,
            }
            message = (
                _(
                    "{city} is already a UNESCO Creative City ({field}, {year}). "
                    "A member city does not apply again for the same field."
                )
                if same
                else _(
                    "{city} is already a UNESCO Creative City ({field}, {year}). "
                    "A member city changes field by asking the network, not through a new application."
                )
            )
            self.add(
                "error" if same else "warning",
                BASIC,
                f"{BASIC}.city",
                message.format(**values),
                "already-member",
            )

    def _check_contacts(self) -> None:
        contacts, _, language = self.draft.basic.contacts, self.w, self.language
        for role in form.CONTACT_ROLES:
            person: Contact = getattr(contacts, role.id)
            who = role.who(language)
            base = f"{BASIC}.contacts.{role.id}"
            for name in role.required:
                if not getattr(person, name).strip():
                    spec = form.contact_field(name)
                    template = (
                        _("Enter the {field} of {who}: UNESCO writes to this person.")
                        if spec.check in ("email", "phone")
                        else _("Enter the {field} of {who}.")
                    )
                    self.add(
                        "error",
                        BASIC,
                        f"{base}.{name}",
                        template.format(field=spec.in_sentence(language), who=who),
                        "required",
                    )
            if not role.required and person.is_blank():
                self.add(
                    "warning",
                    BASIC,
                    base,
                    _("The form asks for {who}; leave it empty only if there is none.").format(who=who),
                    "contact-missing",
                )
            if person.title and person.title not in form.TITLE_IDS:
                self.add(
                    "warning",
                    BASIC,
                    f"{base}.title",
                    _("The title of {who} “{title}” is not one the form offers: choose {titles}.").format(
                        who=who, title=person.title, titles=" / ".join(form.TITLE_IDS)
                    ),
                    "title",
                )
            elif person.title == form.OTHER_TITLE and not person.title_other.strip():
                self.add(
                    "warning",
                    BASIC,
                    f"{base}.title_other",
                    _("The title of {who} is “Other”: write it in the next field.").format(who=who),
                    "title",
                )
            email = person.email.strip()
            if email and not is_email(email):
                self.add(
                    "error",
                    BASIC,
                    f"{base}.email",
                    _(
                        "The e-mail of {who} “{email}” is not a valid e-mail address (example: {example})."
                    ).format(who=who, email=person.email, example=EMAIL_EXAMPLE),
                    "email",
                )
            if person.phone.strip() and not is_phone(person.phone):
                self.add(
                    "error",
                    BASIC,
                    f"{base}.phone",
                    _(
                        "The phone of {who} “{phone}” is not a phone number "
                        "(use digits, spaces and a leading + for the country code)."
                    ).format(who=who, phone=person.phone),
                    "phone",
                )

    def _check_commitments(self) -> None:
        _ = self.w
        for commitment in form.COMMITMENTS:
            if not getattr(self.draft.basic, commitment.name):
                self.add(
                    self.by_stage(),
                    BASIC,
                    f"{BASIC}.{commitment.name}",
                    _("Confirm the commitment: {statement}").format(
                        statement=commitment.statement(self.language)
                    ),
                    "commitment",
                )

    # -- the free-text parts
    def _check_texts(self) -> None:
        for spec in self.profile.sections:
            text = self.draft.part(spec.id).text
            self.findings += count_findings(
                spec, text, count_words(text), wording=self.w, dossier_language=self.draft.meta.language
            )

    def _check_language(self) -> None:
        wanted, _ = self.draft.meta.language, self.w
        for part_id, text in self.draft.texts().items():
            location = form.part(part_id).text_location
            script = script_of(text)
            if script:
                name = _(_SCRIPT_NAMES.get(script, script))
                self.add(
                    "error",  # what UNESCO reads decides the verdict, working text or not
                    part_id,
                    location,
                    _(
                        "This text is mostly in {script}. The application must be submitted in "
                        "English or French: translate it before submission."
                    ).format(script=name),
                    "language",
                )
                continue
            found = latin_language(text)
            if found and found != wanted:
                self.add(
                    "error",
                    part_id,
                    location,
                    _("This text reads as {found}, but the draft is to be submitted in {wanted}.").format(
                        found=form.language_name(found, self.language),
                        wanted=form.language_name(wanted, self.language),
                    ),
                    "language",
                )

    def _check_translation(self) -> None:
        """A bilingual draft: the working language is a real tag, and each part's submission
        text translates its working text as it is now (see :mod:`dossier.core.translation`)."""
        tag, _ = self.draft.meta.working_language, self.w
        if tag is None:
            return
        if not is_language_tag(tag):
            self.add(
                "error",
                META,
                f"{META}.working_language",
                _(
                    "The working language “{tag}” is not a language tag; use one such as zh, zh-Hans or yue."
                ).format(tag=tag),
                "working-language",
            )
        for part_id in self.draft.texts():
            state = translation_state(self.draft.part(part_id))
            location = form.part(part_id).path
            if state.outdated:
                self.add(
                    "warning",
                    part_id,
                    location,
                    _.ngettext(
                        "Translation out of date: paragraph {numbers} of the working text changed "
                        "after the translation was made. Revise the translation, or confirm it "
                        "still holds.",
                        "Translation out of date: paragraphs {numbers} of the working text changed "
                        "after the translation was made. Revise the translation, or confirm it "
                        "still holds.",
                        len(state.outdated),
                    ).format(numbers=paragraph_list(state.outdated)),
                    "translation-outdated",
                )
            if state.missing:
                self.add(
                    "warning",
                    part_id,
                    location,
                    _.ngettext(
                        "Not translated: paragraph {numbers} of the working text has no paragraph "
                        "in the submission text.",
                        "Not translated: paragraphs {numbers} of the working text have no "
                        "paragraph in the submission text.",
                        len(state.missing),
                    ).format(numbers=paragraph_list(state.missing)),
                    "translation-missing",
                )

    def _check_repeats(self) -> None:
        seen: dict[str, str] = {}
        _ = self.w
        nothing = {_normalise_paragraph(phrase) for phrase in NOTHING_TO_REPORT_IN.values()}
        for part_id, text in self.draft.texts().items():
            for paragraph in paragraphs(text):
                key = _normalise_paragraph(paragraph)
                if key in nothing or is_no_information(paragraph) or count_words(key) < REPEAT_MIN_WORDS:
                    continue
                first = seen.setdefault(key, part_id)
                if first != part_id:
                    location = form.part(part_id).text_location
                    self.add(
                        "warning",
                        part_id,
                        location,
                        _(
                            "A paragraph here repeats one in “{part}” (“{start}…”). Say each thing once."
                        ).format(part=part_label(first, self.profile, self.language), start=paragraph[:60]),
                        "repeated",
                    )

    def _check_sdgs(self) -> None:
        targets, _ = self.draft.sections.sdg_goals.targets, self.w
        base = form.SDG_TARGETS
        if not targets:
            self.add(
                "warning",
                SDGS,
                base,
                _("No Sustainable Development Goal is listed; add the goals the city targets."),
                "sdg-none",
            )
            return
        seen: set[tuple[int, str]] = set()
        for i, target in enumerate(targets):
            if target.goal not in sdgs():
                self.add(
                    "error",
                    SDGS,
                    f"{base}[{i}].goal",
                    _("Goal {goal} does not exist: the SDGs are numbered 1 to 17.").format(goal=target.goal),
                    "sdg-range",
                )
            if (target.goal, target.horizon) in seen:
                message = (
                    _("SDG {goal} is listed twice for the medium term.")
                    if target.horizon == "medium"
                    else _("SDG {goal} is listed twice for the long term.")
                )
                self.add("warning", SDGS, f"{base}[{i}]", message.format(goal=target.goal), "sdg-duplicate")
            seen.add((target.goal, target.horizon))
            if not target.outcome.strip():
                self.add(
                    "warning",
                    SDGS,
                    f"{base}[{i}].outcome",
                    _("Say what outcome the city expects for SDG {goal}.").format(goal=target.goal),
                    "sdg-outcome",
                )
        if all(t.goal != 11 for t in targets):
            self.add(
                "warning",
                SDGS,
                base,
                _(
                    "SDG 11 (sustainable cities and communities) is at the heart of the network's "
                    "mission; most applications say how they serve it."
                ),
                "sdg-11",
            )

    def _check_action_plan(self) -> None:
        initiatives, _ = self.draft.sections.contribution.initiatives, self.w
        base = form.INITIATIVES
        if not initiatives:
            self.add(
                "warning",
                PLAN,
                base,
                _("The action plan is empty; list the initiatives the city commits to."),
                "plan-empty",
            )
        for i, item in enumerate(initiatives):
            where = f"{base}[{i}]"
            title = item.title.strip()
            name = (
                _("Initiative {number} “{title}”").format(number=i + 1, title=item.title)
                if title
                else _("Initiative {number}").format(number=i + 1)
            )
            if not title:
                self.add(
                    "error",
                    PLAN,
                    f"{where}.title",
                    _("{initiative} needs a title.").format(initiative=name),
                    "required",
                )
            if item.budget < 0:
                self.add(
                    "error",
                    PLAN,
                    f"{where}.budget",
                    _("{initiative}: a budget cannot be negative ({amount}).").format(
                        initiative=name, amount=_.number(item.budget, 2)
                    ),
                    "budget-negative",
                )
            if item.budget == 0:
                self.add(
                    self.by_stage(),
                    PLAN,
                    f"{where}.budget",
                    _("{name}: no budget given yet.").format(name=name),
                    "budget-empty",
                )
            if not item.currency.strip():
                self.add(
                    "error",
                    PLAN,
                    f"{where}.currency",
                    _("{initiative}: give the currency of the budget (for example USD or CNY).").format(
                        initiative=name
                    ),
                    "required",
                )
            start, end = item.start_year, item.end_year
            if start is not None and end is not None and end < start:
                self.add(
                    "error",
                    PLAN,
                    f"{where}.end_year",
                    _("{initiative} ends ({end}) before it starts ({start}).").format(
                        initiative=name, end=end, start=start
                    ),
                    "years",
                )
            for label, year, template in (
                ("start", start, N_("{initiative}: {year} is not a plausible start year.")),
                ("end", end, N_("{initiative}: {year} is not a plausible end year.")),
            ):
                if year is not None and not 2000 <= year <= 2100:
                    self.add(
                        "error",
                        PLAN,
                        f"{where}.{label}_year",
                        _(template).format(initiative=name, year=year),
                        "years",
                    )

        totals = self.draft.sections.contribution.budget_totals()
        for currency, total in totals.items():
            if not math.isfinite(total):
                self.add(
                    "error",
                    PLAN,
                    base,
                    _(
                        "The budgets in {currency} add up to more than any amount can be "
                        "(one is probably mistyped); check them."
                    ).format(currency=currency),
                    "budget-total",
                )

    def _check_urls(self) -> None:
        """The form allows four web addresses in all: the basic links and any in the answers."""
        limit = self.profile.attachment_rules.max_links
        if len(self.draft.basic.links) > limit:
            return  # said already, on the links themselves
        found = all_urls(self.draft)
        if len(found) > limit:
            shown = ", ".join(found[limit:][:3])
            self.add(
                self.by_stage(),
                BASIC,
                f"{BASIC}.links",
                self.w.ngettext(
                    "The form allows at most {limit} web address in all; this draft gives {count} "
                    "(links and addresses in the answers, each counted once), among them {shown}.",
                    "The form allows at most {limit} web addresses in all; this draft gives {count} "
                    "(links and addresses in the answers, each counted once), among them {shown}.",
                    limit,
                ).format(limit=limit, count=len(found), shown=shown),
                "urls-too-many",
            )

    # -- attachments
    def _check_attachments(self) -> None:
        rules, _, language = self.profile.attachment_rules, self.w, self.language
        have = self.draft.attachments
        total = 0
        given: set[str] = set()
        for spec in self.profile.attachments:
            if spec.generated:
                continue
            item = have.get(spec.id)
            where = f"{ATTACHMENTS}.{spec.id}"
            label = spec.label(language)
            if item is None or item.status != "ready":
                status = _ATTACHMENT_STATUS.get("missing" if item is None else item.status)
                self.add(
                    self.by_stage(spec.needed_for),
                    ATTACHMENTS,
                    where,
                    _("{document}: {status}.").format(
                        document=label,
                        status=_(status) if status else (item.status if item is not None else ""),
                    ),
                    "attachment-missing",
                )
            if item is None or not item.path:
                continue
            info = self.file_info(item.path) if self.file_info else None
            if self.file_info and info is None:
                self.add(
                    self.by_stage(spec.needed_for),
                    ATTACHMENTS,
                    where,
                    _("{document}: the file “{path}” cannot be found.").format(
                        document=label, path=item.path
                    ),
                    "attachment-file",
                )
                continue
            given.add(spec.id)
            size = info.size if info else 0
            total += size
            if spec.kind == "photo":
                suffix = item.path.rsplit(".", 1)[-1].casefold() if "." in item.path else ""
                wrong_content = info is not None and info.format not in ("unknown", "jpeg")
                if suffix not in rules.photo_formats or wrong_content:
                    message = _("{document}: photos must be {formats} files.").format(
                        document=label, formats="/".join(rules.photo_formats).upper()
                    )
                    if wrong_content and info is not None:
                        message = follow(
                            message,
                            _("By its content, this file is: {format}.").format(
                                format=FORMAT_NAMES.get(info.format) or _("another kind of file")
                            ),
                        )
                    self.add("error", ATTACHMENTS, where, message, "photo-format")
                if size and size > rules.photo_max_mb * 1_000_000:
                    self.add(
                        "error",
                        ATTACHMENTS,
                        where,
                        _("{document}: {size} MB, above the limit of {limit} MB.").format(
                            document=label, size=self._megabytes(size), limit=_.number(rules.photo_max_mb)
                        ),
                        "photo-size",
                    )
            elif info is not None and info.format != "unknown" and info.format not in spec.formats:
                self.add(
                    self.by_stage(),
                    ATTACHMENTS,
                    where,
                    _("{label}: the file “{path}” is not a {formats} file (by its content: {found}).").format(
                        label=label,
                        path=item.path,
                        formats=_(" or ").join(FORMAT_NAMES[f] for f in spec.formats),
                        found=FORMAT_NAMES.get(info.format) or _("another kind of file"),
                    ),
                    "attachment-format",
                )
        for spec in self.profile.attachments:
            rights = self.profile.rights_form_for(spec.id) if spec.kind == "photo" else None
            if rights is None or spec.id not in given:
                continue
            form_item = have.get(rights.id)
            if form_item is None or form_item.status != "ready":
                self.add(
                    self.by_stage(),
                    ATTACHMENTS,
                    f"{ATTACHMENTS}.{rights.id}",
                    _("{photo} is given: its {form} must come with it.").format(
                        photo=spec.label(language), form=_lower_first(rights.label(language))
                    ),
                    "photo-rights",
                )
        if total > rules.total_max_mb * 1_000_000:
            self.add(
                "error",
                ATTACHMENTS,
                ATTACHMENTS,
                _("The attachments weigh {size} MB together, above the limit of {limit} MB.").format(
                    size=self._megabytes(total), limit=_.number(rules.total_max_mb)
                ),
                "attachments-size",
            )
        generated = {spec.id for spec in self.profile.attachments if spec.generated}
        for extra in sorted(set(have) - {spec.id for spec in self.profile.attachments} - generated):
            self.add(
                "warning",
                ATTACHMENTS,
                f"{ATTACHMENTS}.{extra}",
                _("“{name}” is not an attachment this call asks for; it is kept but not checked.").format(
                    name=extra
                ),
                "attachment-unknown",
            )

    def _check_unknown_keys(self) -> None:
        _ = self.w
        for path, key in _unknown_keys(self.draft, "", depth=0):
            part = form.part_of_location(path)
            where = f"{path}.{key}" if path else key
            self.add(
                "warning",
                part,
                where,
                _("“{key}” is not known to this version of dossier; it is kept unchanged.").format(key=where),
                "unknown-key",
            )


_SCRIPT_NAMES = {
    "Chinese, Japanese or Korean": N_("Chinese, Japanese or Korean"),
    "a script other than Latin": N_("a script other than Latin"),
}
"""What :func:`script_of` returns, as the finding names it in the reader's language."""

_ATTACHMENT_STATUS = {
    "missing": N_("missing"),
    "in_progress": N_("in progress"),
    "ready": N_("ready"),
}
"""An attachment's status inside a finding ("Letter from the Mayor: missing.")."""


def _unknown_keys(model: BaseModel, path: str, depth: int) -> Iterator[tuple[str, str]]:
    """(path, key) of every key kept from the file that the model does not define."""
    for key in model.model_extra or {}:
        yield path, key
    if depth > 6:
        return
    for name in type(model).model_fields:
        value = getattr(model, name)
        child = f"{path}.{name}" if path else name
        if isinstance(value, BaseModel):
            yield from _unknown_keys(value, child, depth + 1)
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(item, BaseModel):
                    yield from _unknown_keys(item, f"{child}.{key}", depth + 1)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _unknown_keys(item, f"{child}[{i}]", depth + 1)


def validate(
    draft: Dossier,
    profile: Profile,
    *,
    now: datetime | None = None,
    members: tuple[MemberCity, ...] | None = None,
    file_size: Callable[[str], int | None] | None = None,
    file_info: Callable[[str], FileInfo | None] | None = None,
    stage: Stage = "draft",
    wording: Wording | None = None,
) -> Report:
    """Check ``draft`` against ``profile`` for ``stage``; ``file_info`` (path -> size and format,
    None when missing) or the older ``file_size`` (path -> bytes) checks the attachment files.

    At ``draft`` what is not finished yet is a warning; from ``preselection`` on, what that
    stage needs is an error (every attachment but those ``needed_for`` submission), and at
    ``submission`` everything is. The messages are in ``wording``'s language: the interface's by
    default, the dossier's for the Word export (``wording(draft.meta.language)``).
    """
    return _Checker(
        draft, profile, now or datetime.now(UTC), members, file_size, _words(wording), file_info, stage
    ).run()


def next_stage(profile: Profile, now: datetime) -> tuple[Stage, str | None]:
    """The stage the next milestone asks for and that milestone's id (``submission`` and None
    once every milestone has passed)."""
    milestone = profile.next_milestone(now)
    if milestone is None or milestone.readiness is None:
        return "submission", None
    return milestone.readiness, milestone.id


_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"“”‘’()\[\]]+", re.IGNORECASE)
_URL_TAIL = ".,;:!?。，；：！？、"


def urls_in(text: str) -> list[str]:
    """The web addresses written in ``text`` (``https://…``, ``http://…``, ``www.…``)."""
    return [match.group(0).rstrip(_URL_TAIL) for match in _URL.finditer(text)]


def all_urls(draft: Dossier) -> list[str]:
    """Every distinct web address in the form, in order: the basic links, then those written in
    the answers, the SDG outcomes and the action plan; the same site twice counts once."""
    candidates = [link for link in draft.basic.links if link.strip()]
    for text in draft.texts().values():
        candidates += urls_in(text)
    for target in draft.sections.sdg_goals.targets:
        candidates += urls_in(target.outcome)
    for item in draft.sections.contribution.initiatives:
        candidates += urls_in(item.title) + urls_in(item.partners)
    seen: dict[str, str] = {}
    for url in candidates:
        seen.setdefault(link_key(url), url.strip())
    return list(seen.values())
