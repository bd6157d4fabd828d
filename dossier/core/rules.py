"""Validation: every rule an application must pass, as findings an official understands.

Each finding has a severity (an *error* blocks submission, a *warning* is advice), the
part of the form it belongs to (for grouping in the CLI, the sidebar and the export),
a precise location (a dotted path into the draft) and one plain sentence. No pydantic
wording reaches the user.

The rules read limits, fields and attachments from the call profile, never from
constants of their own.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import Literal

from pydantic import AnyHttpUrl, BaseModel, TypeAdapter, ValidationError
from pydantic.networks import validate_email
from pydantic_core import PydanticCustomError

from dossier.core import form
from dossier.core.i18n import _, ngettext
from dossier.core.model import Contact, Dossier
from dossier.core.profiles import Profile, SectionSpec
from dossier.core.reference import MemberCity, find_member, sdgs
from dossier.core.translation import is_language_tag, paragraph_list, translation_state
from dossier.core.wordcount import count_words, paragraphs
from dossier.core.wording import plural

Severity = Literal["error", "warning"]
META, BASIC, SDGS, PLAN, ATTACHMENTS = (
    form.META.id,
    form.BASIC.id,
    form.SDGS.id,
    form.PLAN.id,
    form.ATTACHMENTS.id,
)
NOTHING_TO_REPORT = "No relevant information to provide"
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


def part_label(part: str, profile: Profile | None, language: str = "en") -> str:
    """How a part of the form is called in messages and headings (without a profile, a
    text part goes by its id: its title is the call's)."""
    if part in form.TEXT_PARTS:
        return profile.section(part).heading(language) if profile is not None else part
    label = form.part(part).label if part in form.FINDING_ORDER else None
    return label(language) if label else part


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def count_findings(spec: SectionSpec, text: str, words: int) -> list[Finding]:
    """The findings that follow from a part's word count alone.

    One function for ``validate`` and for the editor, which calls it on every keystroke
    with its live count: the two can never say different things about the same text.
    """
    part, location = spec.id, form.part(spec.id).text_location
    if words == 0:
        message = (
            "This part is empty. Every part must be answered; if there is nothing to "
            f"report, write “{NOTHING_TO_REPORT}” instead of leaving it blank."
        )
        return [Finding("error", part, location, message, "empty")]
    if words > spec.max_words:
        message = (
            f"{plural(words, 'word')}: {words - spec.max_words} over the limit of {spec.max_words}. "
            "The form will not accept more; shorten it."
        )
        if script_of(text):
            message += (
                " (This counts each character of the Chinese, Japanese or Korean text; "
                "check again once it is translated.)"
            )
        return [Finding("error", part, location, message, "over-limit")]
    if words >= NEAR_LIMIT * spec.max_words:
        message = f"{words} of {spec.max_words} words: close to the limit."
        return [Finding("warning", part, location, message, "near-limit")]
    if words < spec.min_words and text.strip() != NOTHING_TO_REPORT:
        message = (
            f"{plural(words, 'word')}; answers under about {plural(spec.min_words, 'word')} "
            "rarely convince evaluators."
        )
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


def email_problem(value: str) -> str | None:
    """Why ``value`` is not an e-mail address, or None if it is one (follows the quoted value)."""
    try:
        validate_email(value)
    except PydanticCustomError:  # its wording is pydantic's; ours is below
        return f"is not a valid e-mail address (example: {EMAIL_EXAMPLE})"
    return None


def phone_problem(value: str) -> str | None:
    digits = sum(ch.isdigit() for ch in value)
    if not _PHONE.match(value.strip()) or not 6 <= digits <= 20:
        return "is not a phone number (use digits, spaces and a leading + for the country code)"
    return None


def url_problem(value: str) -> str | None:
    try:
        _url_adapter().validate_python(value.strip())
    except ValidationError:
        return "is not a web address (it should start with https:// or http://)"
    return None


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


def script_of(text: str) -> str | None:
    """The non-Latin script that dominates ``text``, or None when it reads as Latin.

    A long text is judged on three samples (start, middle, end): the editor asks this on
    every keystroke in a part over its limit, where counting 60,000 characters cost 3 ms.
    """
    if len(text) > 3 * SCRIPT_SAMPLE:
        middle = len(text) // 2 - SCRIPT_SAMPLE // 2
        text = text[:SCRIPT_SAMPLE] + text[middle : middle + SCRIPT_SAMPLE] + text[-SCRIPT_SAMPLE:]
    latin = len(_LATIN.findall(text))
    cjk = len(_HAN_KANA_HANGUL.findall(text))
    other = len(_CYRILLIC_ARABIC_ETC.findall(text))
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
    ) -> None:
        self.draft = draft
        self.profile = profile
        self.now = now
        self.members = members
        self.file_size = file_size
        self.findings: list[Finding] = []

    def add(self, severity: Severity, part: str, location: str, message: str, code: str) -> None:
        self.findings.append(Finding(severity, part, location, message, code))

    def run(self) -> Report:
        for check in (
            self._check_meta,
            self._check_basic,
            self._check_contacts,
            self._check_texts,
            self._check_language,
            self._check_translation,
            self._check_repeats,
            self._check_sdgs,
            self._check_action_plan,
            self._check_attachments,
            self._check_unknown_keys,
        ):
            check()
        order = {part: i for i, part in enumerate(form.FINDING_ORDER)}
        self.findings.sort(key=lambda f: (order.get(f.part, len(order)), not f.is_error))
        return Report(self.findings)

    # -- the draft and the call
    def _check_meta(self) -> None:
        meta = self.draft.meta
        if meta.language not in self.profile.submission_languages:
            self.add(
                "error",
                META,
                f"{META}.language",
                f"This call accepts applications in {', '.join(self.profile.submission_languages)} only.",
                "language",
            )
        deadline = self.profile.deadline
        days = _days_between(self.now, deadline.date)
        when = deadline.date.strftime("%d %B %Y, %H:%M") + " CET"
        tentative = " (provisional date)" if deadline.provisional else ""
        if self.now >= deadline.date:
            self.add(
                "warning",
                META,
                f"{META}.profile",
                f"The UNESCO deadline of this call ({when}) has passed; choose the profile of the next call.",
                "deadline-passed",
            )
        elif days <= DEADLINE_WARNING_DAYS:
            self.add(
                "warning",
                META,
                f"{META}.profile",
                f"Only {days} day{'s' if days != 1 else ''} left before the UNESCO deadline "
                f"({when}){tentative}.",
                "deadline-near",
            )

    def _check_basic(self) -> None:
        basic = self.draft.basic
        for spec in form.BASIC_FIELDS:
            if spec.required and not str(getattr(basic, spec.name)).strip():
                message = (
                    "Choose the one creative field of the application."
                    if spec.check == "choice"
                    else f"Enter the {spec.in_sentence()}."
                )
                self.add("error", BASIC, f"{BASIC}.{spec.name}", message, "required")
        if basic.field.strip() and self.profile.field(basic.field) is None:
            offered = ", ".join(f.en for f in self.profile.fields)
            self.add(
                "error",
                BASIC,
                "basic.field",
                f"“{basic.field}” is not a creative field of this call; choose one of: {offered}.",
                "field-unknown",
            )
        if basic.population is not None and basic.population <= 0:
            self.add(
                "error", BASIC, f"{BASIC}.population", "The population must be a positive number.", "range"
            )
        if basic.area_km2 is not None and basic.area_km2 <= 0:
            self.add(
                "error", BASIC, f"{BASIC}.area_km2", "The area must be a positive number of km².", "range"
            )
        limit = self.profile.attachment_rules.max_links
        if len(basic.links) > limit:
            self.add(
                "error",
                BASIC,
                f"{BASIC}.links",
                f"The form allows at most {limit} web links; this draft has {len(basic.links)}.",
                "links-too-many",
            )
        first_seen: dict[str, int] = {}
        for i, link in enumerate(basic.links):
            problem = url_problem(link)
            if problem:
                self.add("error", BASIC, f"{BASIC}.links[{i}]", f"Link {i + 1} “{link}” {problem}.", "url")
            key = link_key(link)
            if not key:
                continue
            first = first_seen.setdefault(key, i)
            if first != i:
                self.add(
                    "warning",
                    BASIC,
                    f"{BASIC}.links[{i}]",
                    f"Link {i + 1} “{link.strip()}” is the same as link {first + 1}; give each web "
                    "address once and use the free place for another page.",
                    "links-duplicate",
                )
        member = find_member(basic.city, self.members)
        if member is not None:
            field_label = self.profile.field_label(member.field)
            same = member.field == basic.field
            self.add(
                "error" if same else "warning",
                BASIC,
                f"{BASIC}.city",
                f"{member.city} is already a UNESCO Creative City ({field_label}, {member.year}). "
                + (
                    "A member city does not apply again for the same field."
                    if same
                    else "A member city changes field by asking the network, not through a new application."
                ),
                "already-member",
            )

    def _check_contacts(self) -> None:
        contacts = self.draft.basic.contacts
        for role in form.CONTACT_ROLES:
            person: Contact = getattr(contacts, role.id)
            who = role.who()
            base = f"{BASIC}.contacts.{role.id}"
            for name in role.required:
                if not getattr(person, name).strip():
                    spec = form.contact_field(name)
                    reason = ": UNESCO writes to this person" if spec.check in ("email", "phone") else ""
                    self.add(
                        "error",
                        BASIC,
                        f"{base}.{name}",
                        f"Enter the {spec.in_sentence()} of {who}{reason}.",
                        "required",
                    )
            if not role.required and person.is_blank():
                self.add(
                    "warning",
                    BASIC,
                    base,
                    f"The form asks for {who}; leave it empty only if there is none.",
                    "contact-missing",
                )
            if person.email.strip():
                problem = email_problem(person.email.strip())
                if problem:
                    self.add(
                        "error",
                        BASIC,
                        f"{base}.email",
                        f"The e-mail of {who} “{person.email}” {problem}.",
                        "email",
                    )
            if person.phone.strip():
                problem = phone_problem(person.phone)
                if problem:
                    self.add(
                        "error",
                        BASIC,
                        f"{base}.phone",
                        f"The phone of {who} “{person.phone}” {problem}.",
                        "phone",
                    )

    # -- the free-text parts
    def _check_texts(self) -> None:
        for spec in self.profile.sections:
            text = self.draft.part(spec.id).text
            self.findings += count_findings(spec, text, count_words(text))

    def _check_language(self) -> None:
        wanted = self.draft.meta.language
        for part_id, text in self.draft.texts().items():
            location = form.part(part_id).text_location
            script = script_of(text)
            if script:
                self.add(
                    "error",  # what UNESCO reads decides the verdict, working text or not
                    part_id,
                    location,
                    f"This text is mostly in {script}. The application must be submitted in "
                    "English or French: translate it before submission.",
                    "language",
                )
                continue
            found = latin_language(text)
            if found and found != wanted:
                self.add(
                    "error",
                    part_id,
                    location,
                    f"This text reads as {form.language_name(found)}, but the draft is to be submitted in "
                    f"{form.language_name(wanted)}.",
                    "language",
                )

    def _check_translation(self) -> None:
        """A bilingual draft: the working language is a real tag, and each part's submission
        text translates its working text as it is now (see :mod:`dossier.core.translation`)."""
        tag = self.draft.meta.working_language
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
                    ngettext(
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
                    ngettext(
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
        nothing = _normalise_paragraph(NOTHING_TO_REPORT)
        for part_id, text in self.draft.texts().items():
            for paragraph in paragraphs(text):
                key = _normalise_paragraph(paragraph)
                if key == nothing or count_words(key) < REPEAT_MIN_WORDS:
                    continue
                first = seen.setdefault(key, part_id)
                if first != part_id:
                    location = form.part(part_id).text_location
                    self.add(
                        "warning",
                        part_id,
                        location,
                        f"A paragraph here repeats one in “{part_label(first, self.profile)}” "
                        f"(“{paragraph[:60]}…”). Say each thing once.",
                        "repeated",
                    )

    def _check_sdgs(self) -> None:
        targets = self.draft.sections.sdg_goals.targets
        base = form.SDG_TARGETS
        if not targets:
            self.add(
                "warning",
                SDGS,
                base,
                "No Sustainable Development Goal is listed; add the goals the city targets.",
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
                    f"Goal {target.goal} does not exist: the SDGs are numbered 1 to 17.",
                    "sdg-range",
                )
            if (target.goal, target.horizon) in seen:
                self.add(
                    "warning",
                    SDGS,
                    f"{base}[{i}]",
                    f"SDG {target.goal} is listed twice for the {target.horizon} term.",
                    "sdg-duplicate",
                )
            seen.add((target.goal, target.horizon))
            if not target.outcome.strip():
                self.add(
                    "warning",
                    SDGS,
                    f"{base}[{i}].outcome",
                    f"Say what outcome the city expects for SDG {target.goal}.",
                    "sdg-outcome",
                )
        if all(t.goal != 11 for t in targets):
            self.add(
                "warning",
                SDGS,
                base,
                "SDG 11 (sustainable cities and communities) is at the heart of the network's "
                "mission; most applications say how they serve it.",
                "sdg-11",
            )

    def _check_action_plan(self) -> None:
        initiatives = self.draft.sections.contribution.initiatives
        base = form.INITIATIVES
        if not initiatives:
            self.add(
                "warning",
                PLAN,
                base,
                "The action plan is empty; list the initiatives the city commits to.",
                "plan-empty",
            )
        for i, item in enumerate(initiatives):
            where = f"{base}[{i}]"
            name = f"Initiative {i + 1}" + (f" “{item.title}”" if item.title.strip() else "")
            if not item.title.strip():
                self.add("error", PLAN, f"{where}.title", f"{name} needs a title.", "required")
            if item.budget < 0:
                self.add(
                    "error",
                    PLAN,
                    f"{where}.budget",
                    f"{name}: a budget cannot be negative ({item.budget:,.2f}).",
                    "budget-negative",
                )
            if not item.currency.strip():
                self.add(
                    "error",
                    PLAN,
                    f"{where}.currency",
                    f"{name}: give the currency of the budget (for example USD or CNY).",
                    "required",
                )
            start, end = item.start_year, item.end_year
            if start is not None and end is not None and end < start:
                self.add(
                    "error",
                    PLAN,
                    f"{where}.end_year",
                    f"{name} ends ({end}) before it starts ({start}).",
                    "years",
                )
            for label, year in (("start", start), ("end", end)):
                if year is not None and not 2000 <= year <= 2100:
                    self.add(
                        "error",
                        PLAN,
                        f"{where}.{label}_year",
                        f"{name}: {year} is not a plausible {label} year.",
                        "years",
                    )

        totals = self.draft.sections.contribution.budget_totals()
        for currency, total in totals.items():
            if not math.isfinite(total):
                self.add(
                    "error",
                    PLAN,
                    base,
                    f"The budgets in {currency} add up to more than any amount can be "
                    "(one is probably mistyped); check them.",
                    "budget-total",
                )

    # -- attachments
    def _check_attachments(self) -> None:
        rules = self.profile.attachment_rules
        have = self.draft.attachments
        total = 0
        for spec in self.profile.attachments:
            item = have.get(spec.id)
            where = f"{ATTACHMENTS}.{spec.id}"
            if item is None or item.status != "ready":
                status = "missing" if item is None else item.status.replace("_", " ")
                self.add("warning", ATTACHMENTS, where, f"{spec.en}: {status}.", "attachment-missing")
            if item is None or not item.path:
                continue
            size = self.file_size(item.path) if self.file_size else None
            if self.file_size and size is None:
                self.add(
                    "warning",
                    ATTACHMENTS,
                    where,
                    f"{spec.en}: the file “{item.path}” cannot be found.",
                    "attachment-file",
                )
                continue
            total += size or 0
            if spec.kind == "photo":
                suffix = item.path.rsplit(".", 1)[-1].casefold() if "." in item.path else ""
                if suffix not in rules.photo_formats:
                    self.add(
                        "error",
                        ATTACHMENTS,
                        where,
                        f"{spec.en}: photos must be {'/'.join(rules.photo_formats).upper()} files.",
                        "photo-format",
                    )
                if size and size > rules.photo_max_mb * 1_000_000:
                    self.add(
                        "error",
                        ATTACHMENTS,
                        where,
                        f"{spec.en}: {size / 1_000_000:.1f} MB, above the limit of "
                        f"{rules.photo_max_mb:g} MB.",
                        "photo-size",
                    )
        if total > rules.total_max_mb * 1_000_000:
            self.add(
                "error",
                ATTACHMENTS,
                ATTACHMENTS,
                f"The attachments weigh {total / 1_000_000:.1f} MB together, above the limit of "
                f"{rules.total_max_mb:g} MB.",
                "attachments-size",
            )
        for extra in sorted(set(have) - {spec.id for spec in self.profile.attachments}):
            self.add(
                "warning",
                ATTACHMENTS,
                f"{ATTACHMENTS}.{extra}",
                f"“{extra}” is not an attachment this call asks for; it is kept but not checked.",
                "attachment-unknown",
            )

    def _check_unknown_keys(self) -> None:
        for path, key in _unknown_keys(self.draft, "", depth=0):
            part = form.part_of_location(path)
            where = f"{path}.{key}" if path else key
            self.add(
                "warning",
                part,
                where,
                f"“{where}” is not known to this version of dossier; it is kept unchanged.",
                "unknown-key",
            )


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
) -> Report:
    """Check ``draft`` against ``profile``; ``file_size`` (path -> bytes or None) checks attachments."""
    return _Checker(draft, profile, now or datetime.now(UTC), members, file_size).run()
