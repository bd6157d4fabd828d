"""Basic information and contacts: one-line fields with validators, the creative field and the language.

Each field's id is its place in the draft (``f-basic-contacts-main_contact-email``),
so a finding's location (``basic.contacts.main_contact.email``) finds its field.
Invalid values are kept in the field, marked, and explained on the hint line; the
draft only takes values it can hold (a population must be a number).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import partial
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.validation import Function, Length, Validator
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static

from dossier.core import form
from dossier.core.i18n import _
from dossier.core.model import Contact
from dossier.core.rules import email_problem, phone_problem, url_problem
from dossier.tui.dialogs.initiative import parse_amount
from dossier.tui.focus_keys import TAB_AT_ONCE, TabAtOnce
from dossier.tui.inputs import FieldInput
from dossier.tui.messages import PartEdited
from dossier.tui.session import Session
from dossier.tui.text import fit, literal
from dossier.tui.widgets.pane import PartPane


def submission_languages(language: str) -> list[tuple[Content, str]]:
    """The languages UNESCO accepts, named in the interface ``language``."""
    return [(Content(form.language_name(lang, language)), lang) for lang in form.SUBMISSION_LANGUAGES]


VALUE = "\N{OBJECT REPLACEMENT CHARACTER}"
"""Marks a failure description that follows the quoted value rather than the field's label."""
HINT_VALUE_MAX = 40
EXAMPLES = {"f-basic-population": "412000", "f-basic-area_km2": "318.6"}
"""What the figures' placeholders show as an example."""
_INDEX = re.compile(r"\[(\d+)\]")


def parse_count(text: str) -> int | None:
    """A whole number as officials type it: ``412000``, ``412 000``, ``412,000``."""
    cleaned = re.sub(r"[\s,'_.\u00a0]", "", text)
    return int(cleaned) if cleaned.isdigit() else None


def field_id(location: str) -> str:
    """The widget id for a draft location: ``basic.links[1]`` → ``f-basic-links-1``."""
    return "f-" + _INDEX.sub(r"-\1", location).replace(".", "-")


def _optional(check: Callable[[str], str | None], message: str) -> Validator:
    """A validator that accepts an empty field (emptiness is the rules' business).

    ``message`` follows the quoted value in the hint ("“abc” is not a whole number").
    """
    return Function(lambda v: not v.strip() or check(v.strip()) is None, VALUE + message)


def _rule(problem: Callable[[str], str | None]) -> Validator:
    """A validator worded by the rules' own check, so the hint and the finding say the same."""
    return _optional(problem, problem("") or _("is not valid"))


def _validators(wid: str) -> list[Validator]:
    """The checks of field ``wid``, worded in the interface language (built again when it changes)."""
    if wid in ("f-basic-city", "f-basic-country"):
        return [Length(minimum=1, failure_description=_("is required"))]
    if wid == "f-basic-population":
        return [
            _optional(
                lambda v: None if (n := parse_count(v)) and n > 0 else "bad",
                _("is not a positive whole number"),
            )
        ]
    if wid == "f-basic-area_km2":
        return [
            _optional(
                lambda v: None if (n := parse_amount(v)) and n > 0 else "bad", _("is not a positive number")
            )
        ]
    if wid.startswith("f-basic-links-"):
        return [_rule(url_problem)]
    if wid.startswith("f-basic-contacts-"):
        check = form.contact_field(wid.rsplit("-", 1)[1]).check
        if check == "email":
            return [_rule(email_problem)]
        if check == "phone":
            return [_rule(phone_problem)]
    return []


class BasicInfoForm(TabAtOnce, PartPane):
    """City, country, field, figures, links and the four contacts."""

    BINDINGS: ClassVar[list[BindingType]] = TAB_AT_ONCE

    DEFAULT_CSS = """
    BasicInfoForm #basic-scroll { height: 1fr; }
    BasicInfoForm .form-heading { text-style: bold; color: $text-primary; margin-top: 1; padding: 0 1; }
    BasicInfoForm .row { height: 1; padding: 0 1; }
    BasicInfoForm .row > Label { width: 20; color: $text-muted; }
    BasicInfoForm .row > FieldInput, BasicInfoForm .row > Select { width: 1fr; }
    BasicInfoForm #basic-hint { height: auto; padding: 0 1; color: $text-warning; }
    """

    def __init__(
        self, session: Session, entry: str = form.BASIC.id, language: str = "en", **kwargs: object
    ) -> None:
        super().__init__(session, entry, language, **kwargs)

    def _label(self, name: str) -> Callable[[], str]:
        return lambda: form.basic_field(name).label(self.language)

    @staticmethod
    def _link_label(number: int) -> str:
        return _("Link {number}").format(number=number)

    def _in_language(self, label: Callable[[str], str]) -> str:
        return label(self.language)

    def _worded(self, widget: Label | Static, wording: Callable[[], str]) -> Label | Static:
        """``widget`` showing ``wording()``, worded again when the interface language changes."""
        self._wordings.append((widget, wording))
        widget.update(Content(wording()))
        return widget

    def _row(self, label: Callable[[], str], widget: Widget) -> Horizontal:
        return Horizontal(self._worded(Label(), label), widget, classes="row")

    def _heading(self, wording: Callable[[], str]) -> Static:
        heading = Static(classes="form-heading")
        self._worded(heading, wording)
        return heading

    def _input(self, wid: str, value: str, **kwargs: object) -> FieldInput:
        return FieldInput(
            value,
            id=wid,
            validators=_validators(wid),
            disabled=self.session.read_only,
            **kwargs,
        )

    def _field_options(self) -> list[tuple[Content, str]]:
        return [(literal(f.label(self.language), one_line=True), f.id) for f in self.session.profile.fields]

    def set_language(self, language: str) -> None:
        """Labels, headings, choices and the checks' wording in ``language``; values stay as typed."""
        super().set_language(language)
        for widget, wording in self._wordings:
            widget.update(Content(wording()))
        for select, options in (
            (self.query_one("#f-basic-field", Select), self._field_options()),
            (self.query_one("#f-meta-language", Select), submission_languages(language)),
        ):
            value = select.value
            with select.prevent(Select.Changed):
                select.set_options(options)
                select.value = value
        self.query_one("#f-basic-field", Select).prompt = _("Choose the creative field")
        for field in self.query(FieldInput):
            field.validators = _validators(field.id or "")
        for wid, example in EXAMPLES.items():
            self.query_one(f"#{wid}", FieldInput).placeholder = _("e.g. {example}").format(example=example)
        self.query_one("#basic-hint", Static).update("")

    def compose(self) -> ComposeResult:
        basic = self.session.draft.basic
        profile = self.session.profile
        self._wordings: list[tuple[Label | Static, Callable[[], str]]] = []
        with VerticalScroll(id="basic-scroll"):
            yield self._heading(lambda: _("The city"))
            yield self._row(self._label("city"), self._input("f-basic-city", basic.city))
            yield self._row(self._label("country"), self._input("f-basic-country", basic.country))
            known = {f.id for f in profile.fields}
            yield self._row(
                self._label("field"),
                Select(
                    self._field_options(),
                    value=basic.field if basic.field in known else Select.NULL,
                    prompt=_("Choose the creative field"),
                    id="f-basic-field",
                    compact=True,
                    disabled=self.session.read_only,
                ),
            )
            language = self.session.draft.meta.language
            yield self._row(
                lambda: _("Submitted in"),
                Select(
                    submission_languages(self.language),
                    value=language if language in ("en", "fr") else Select.NULL,
                    id="f-meta-language",
                    compact=True,
                    allow_blank=language not in ("en", "fr"),
                    disabled=self.session.read_only,
                ),
            )
            yield self._row(
                self._label("population"),
                self._input(
                    "f-basic-population",
                    "" if basic.population is None else str(basic.population),
                    placeholder=_("e.g. {example}").format(example=EXAMPLES["f-basic-population"]),
                ),
            )
            yield self._row(
                self._label("area_km2"),
                self._input(
                    "f-basic-area_km2",
                    "" if basic.area_km2 is None else f"{basic.area_km2:g}",
                    placeholder=_("e.g. {example}").format(example=EXAMPLES["f-basic-area_km2"]),
                ),
            )
            yield self._heading(self._label("links"))
            links = list(basic.links)
            for i in range(max(profile.attachment_rules.max_links, len(links))):
                yield self._row(
                    partial(self._link_label, i + 1),
                    self._input(
                        f"f-basic-links-{i}",
                        links[i] if i < len(links) else "",
                        placeholder="https://…",
                    ),
                )
            for role in form.CONTACT_ROLES:
                person: Contact = getattr(basic.contacts, role.id)
                yield self._heading(partial(self._in_language, role.label))
                for spec in form.CONTACT_FIELDS:
                    yield self._row(
                        partial(self._in_language, spec.label),
                        self._input(f"f-basic-contacts-{role.id}-{spec.name}", getattr(person, spec.name)),
                    )
            yield self._heading(lambda: _("Call profile: {profile}").format(profile=profile.id))
        yield Static("", id="basic-hint")

    # -- edits
    def _apply(self, wid: str, value: str) -> bool:
        """Put a field's value into the draft; True if the draft changed."""
        basic = self.session.draft.basic
        name = wid.removeprefix("f-basic-")
        if name in ("city", "country"):
            if getattr(basic, name) == value:
                return False
            setattr(basic, name, value)
            return True
        if name == "population":
            number = parse_count(value) if value.strip() else None
            if (value.strip() and number is None) or number == basic.population:
                return False
            basic.population = number
            return True
        if name == "area_km2":
            area = parse_amount(value) if value.strip() else None
            if (value.strip() and area is None) or area == basic.area_km2:
                return False
            basic.area_km2 = area
            return True
        if name.startswith("links-"):
            values = [
                w.value.strip() for w in self.query(FieldInput) if w.id and w.id.startswith("f-basic-links-")
            ]
            links = [v for v in values if v]
            if links == basic.links:
                return False
            basic.links = links
            return True
        if name.startswith("contacts-"):
            _, role, field = name.split("-", 2)
            person = getattr(basic.contacts, role)
            if getattr(person, field) == value:
                return False
            setattr(person, field, value)
            return True
        return False

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        wid = event.input.id or ""
        if self.session.read_only or event.value != event.input.value:
            return
        if isinstance(event.input, FieldInput) and not event.input.touched:
            return  # the field showing what it was loaded with
        self._hint(
            event.input, event.validation_result.failure_descriptions if event.validation_result else []
        )
        if self._apply(wid, event.value):
            self.session.edited()
            self.post_message(PartEdited(form.BASIC.id, header=wid in ("f-basic-city",)))

    @on(Select.Changed)
    def _selected(self, event: Select.Changed) -> None:
        event.stop()
        if self.session.read_only or event.value != event.select.value or event.value is Select.NULL:
            return
        draft = self.session.draft
        if event.select.id == "f-basic-field" and draft.basic.field != event.value:
            draft.basic.field = str(event.value)
            header = True
        elif event.select.id == "f-meta-language" and draft.meta.language != event.value:
            draft.meta.language = event.value  # type: ignore[assignment]
            header = False
        else:
            return
        self.session.edited()
        self.post_message(PartEdited(form.BASIC.id, header=header))

    def _hint(self, widget: Input, problems: list[str]) -> None:
        """One sentence about the field's first problem: the value itself for a malformed one
        ("“li.wei” is not a valid e-mail address …"), the field's label for a missing one."""
        text = ""
        if problems:
            problem = problems[0]
            if problem.startswith(VALUE):
                value = widget.value.strip()
                shown = fit(value, HINT_VALUE_MAX)  # by terminal cells: a Chinese name is twice as wide
                text = _("“{value}” {problem}.").format(value=shown, problem=problem.removeprefix(VALUE))
            else:
                label = widget.parent.query_one(Label).content if widget.parent else ""
                # Translators: {problem} is "is required" or a check's words, after the field's name.
                text = _("{field} {problem}.").format(field=label, problem=problem)
        self.query_one("#basic-hint", Static).update(literal(text, one_line=True))

    # -- method calls from the screen
    def focus_editor(self) -> None:
        first = self.query_one("#f-basic-city", FieldInput)
        first.focus()

    def focus_location(self, location: str) -> None:
        target = field_id(location)
        matches = [w for w in self.query("FieldInput, Select") if w.id and w.id.startswith(target)]
        if matches:
            matches[0].focus()
            matches[0].scroll_visible(animate=False)
        else:
            self.focus_editor()

    def place(self) -> dict[str, object]:
        focused = self.screen.focused
        if focused is not None and focused.id and focused.id.startswith("f-") and self in focused.ancestors:
            return {"part": self.entry, "field": focused.id}
        return {"part": self.entry}

    def restore(self, place: dict[str, object]) -> None:
        wid = place.get("field")
        if isinstance(wid, str):
            found: Iterable[Widget] = self.query(f"#{wid}") if re.fullmatch(r"[\w-]+", wid) else []
            for widget in found:
                widget.focus()
