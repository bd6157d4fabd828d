"""The application as data: one pydantic model shaped like the UNESCO form.

The model is strict about *structure* (a population is a number, a section is an
object) and lenient about *content* (an empty e-mail, an SDG number out of range or a
negative budget still load). Content problems are the job of :mod:`dossier.core.rules`,
which explains them in plain words; refusing to load a draft because one figure is
wrong would lock an official out of weeks of work.

Every model keeps keys it does not know (``extra="allow"``), so a draft written by a
newer version of the tool keeps its additions through load and save.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, model_serializer

from dossier.core.form import TEXT_PARTS, Language
from dossier.core.form import part as form_part

SCHEMA_VERSION = 5
"""Version of the draft file layout. Bump it and add a migration when the shape changes."""

Horizon = Literal["medium", "long"]
Scope = Literal["local", "international"]
AttachmentStatus = Literal["missing", "in_progress", "ready"]


def unknown_fields(model: BaseModel, where: str = "") -> list[str]:
    """Where ``model`` holds keys this version does not know (``sections.x.extra``…), in file order.

    Nothing is lost in the file (the model keeps them), but nothing shows them either: an
    export must say it leaves them out.
    """
    found = [f"{where}.{key}" if where else key for key in (model.model_extra or {})]
    for name in type(model).model_fields:
        value = getattr(model, name)
        inner = f"{where}.{name}" if where else name
        items = (
            [(f"{inner}[{i}]", v) for i, v in enumerate(value)]
            if isinstance(value, list)
            else [(f"{inner}.{k}", v) for k, v in value.items()]
            if isinstance(value, dict)
            else [(inner, value)]
        )
        for at, item in items:
            if isinstance(item, BaseModel):
                found += unknown_fields(item, at)
    return found


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


class _Part(BaseModel):
    """Base of every part of the draft: keep unknown keys, validate on assignment."""

    model_config = ConfigDict(extra="allow", validate_assignment=True)


class Contact(_Part):
    """One person named on the form (mayor, representative or contact)."""

    title: str = ""
    """One of :data:`dossier.core.form.TITLE_IDS` (``Mr``, ``Ms``, ``Other``) or empty; the
    rules flag anything else rather than refuse the file."""
    title_other: str = ""
    """The title as written when ``title`` is ``Other`` ("Dr", "Prof.")."""
    family_name: str = ""
    first_name: str = ""
    institution: str = ""
    status: str = ""
    """Status / type of institution (the form asks it of the Mayor's representative)."""
    other_info: str = ""
    """"Other important information" (the form asks it of the Mayor's representative)."""
    address: str = ""
    phone: str = ""
    email: str = ""

    def is_blank(self) -> bool:
        return not any(getattr(self, name).strip() for name in Contact.model_fields if name != "title")


class Contacts(_Part):
    mayor: Contact = Field(default_factory=Contact)
    mayor_representative: Contact = Field(default_factory=Contact)
    main_contact: Contact = Field(default_factory=Contact)
    alternative_contact: Contact = Field(default_factory=Contact)


class BasicInfo(_Part):
    """Part 1 to 4 of the form: the city, its field and who to talk to."""

    city: str = ""
    country: str = ""
    field: str = ""
    population: int | None = None
    area_km2: float | None = None
    links: list[str] = Field(default_factory=list)
    contacts: Contacts = Field(default_factory=Contacts)
    reporting_commitment: bool = False
    """The city acknowledges the four-yearly Membership Monitoring Report (an explicit tick)."""


def _drop_unset(data: dict[str, object], names: tuple[str, ...]) -> dict[str, object]:
    """``data`` without the keys of ``names`` that hold None: a draft that never used a
    feature is written exactly as before it existed (diffs stay small, files stay familiar)."""
    for name in names:
        if data.get(name, 0) is None:
            del data[name]
    return data


class Section(_Part):
    """A free-text part of the form; its title, guidance and limits come from the profile.

    ``text`` is the submission text, in the dossier's language: what UNESCO reads. A draft
    with a working language (``meta.working_language``) also holds the ``working_text`` the
    city writes and approves first, and ``translated_from``: the hash of each working
    paragraph as it was when the submission text was last edited or confirmed (see
    :mod:`dossier.core.translation`). Both are None (and left out of the file) otherwise.
    """

    text: str = ""
    working_text: str | None = None
    translated_from: list[str] | None = None

    @model_serializer(mode="wrap")
    def _serialise(self, handler: SerializerFunctionWrapHandler) -> dict[str, object]:
        return _drop_unset(handler(self), ("working_text", "translated_from"))


class SdgTarget(_Part):
    """One Sustainable Development Goal the city expects to advance."""

    goal: int
    horizon: Horizon = "medium"
    outcome: str = ""


class SdgSection(Section):
    targets: list[SdgTarget] = Field(default_factory=list)


class Initiative(_Part):
    """One line of the action plan the city commits to.

    A ``budget`` of 0 means "not given yet": the dialog leaves it empty, the table and the
    export say so, and totals leave it out. (A separate "unset" value would change the file
    layout; no real initiative of a city's action plan costs nothing.)
    """

    title: str = ""
    scope: Scope = "local"
    start_year: int | None = None
    end_year: int | None = None
    partners: str = ""
    budget: float = 0
    currency: str = "USD"


class ContributionSection(Section):
    initiatives: list[Initiative] = Field(default_factory=list)

    def budget_totals(self) -> dict[str, float]:
        """Total budget per currency, in the order currencies first appear (unset budgets left out)."""
        totals: dict[str, float] = {}
        for item in self.initiatives:
            if not item.budget or item.budget < 0:  # a negative budget is an error, never added
                continue
            key = item.currency.strip().upper() or "?"
            totals[key] = totals.get(key, 0) + item.budget
        return totals

    def unset_budgets(self) -> int:
        """How many initiatives have no budget yet (so a total can say what it leaves out)."""
        return sum(1 for item in self.initiatives if not item.budget)

    def negative_budgets(self) -> int:
        """How many initiatives have a negative budget (left out of the totals: an error)."""
        return sum(1 for item in self.initiatives if item.budget < 0)


class Sections(_Part):
    opportunities: Section = Field(default_factory=Section)
    strategy: Section = Field(default_factory=Section)
    sdg_goals: SdgSection = Field(default_factory=SdgSection)
    preparation: Section = Field(default_factory=Section)
    assets: Section = Field(default_factory=Section)
    contribution: ContributionSection = Field(default_factory=ContributionSection)


class Attachment(_Part):
    """A document sent with the form; the list of which ones comes from the profile.

    ``path`` points to the file (relative to the draft's folder, or absolute); the rules
    check that it exists and what it is by its content, and ``dossier bundle`` packs it.
    """

    status: AttachmentStatus = "missing"
    path: str | None = None
    note: str = ""


class Note(_Part):
    """A reviewer's comment kept with the draft: brought in from a reviewed Word file
    (a comment in its margin), shown beside its part, exported again as a Word comment
    so a discussion survives several rounds of review."""

    id: str = Field(default_factory=lambda: uuid.uuid4().hex)
    part: str
    """The part it is about (a part id); ``meta`` when it was outside every part."""
    paragraph: int | None = None
    """The paragraph of the part's text it was anchored to (0 is the first), if any."""
    column: Literal["text", "working"] = Field(default="text", exclude_if=lambda column: column == "text")
    """The text ``paragraph`` counts in: the submission text, or the working text (a comment
    made in a review copy's left column). Written only when "working" (schema 5)."""
    anchor: str = ""
    """The text it was anchored to in the reviewed document."""
    author: str = ""
    date: datetime | None = None
    text: str = ""
    resolved: bool = False
    source: str = ""
    """The name of the Word file it came from."""


class Meta(_Part):
    schema_version: int = SCHEMA_VERSION
    draft_id: str = Field(default_factory=lambda: uuid.uuid4().hex)
    profile: str = "uccn-2027"
    language: Language = "en"
    working_language: str | None = None
    """The BCP 47 tag (``zh``, ``zh-Hans``…) of the language the city drafts in before
    translating, or None for a draft written in the submission language only. Not refused
    when malformed (the rules say so): a hand-edited tag must never lock a draft."""
    revision: int = 0
    created: datetime = Field(default_factory=_now)
    modified: datetime = Field(default_factory=_now)

    @model_serializer(mode="wrap")
    def _serialise(self, handler: SerializerFunctionWrapHandler) -> dict[str, object]:
        return _drop_unset(handler(self), ("working_language",))


class Dossier(_Part):
    """One city's application, as saved in ``NAME.dossier.json``."""

    meta: Meta = Field(default_factory=Meta)
    basic: BasicInfo = Field(default_factory=BasicInfo)
    introduction: Section = Field(default_factory=Section)
    sections: Sections = Field(default_factory=Sections)
    attachments: dict[str, Attachment] = Field(default_factory=dict)
    notes: list[Note] = Field(default_factory=list, exclude_if=lambda notes: not notes)
    """Reviewers' comments (see :class:`Note`), left out of the file when there are none
    (so a draft without any is written byte for byte as before). Added without a schema change: a draft
    without them reads as having none, and an older dossier keeps them as a key it does
    not know (and says its export leaves them out)."""

    def part(self, part_id: str) -> Section:
        """The free-text part named ``part_id`` (the introduction or a section), found by its path."""
        if part_id not in TEXT_PARTS:
            raise KeyError(part_id)
        value: object = self
        for name in form_part(part_id).path.split("."):
            value = getattr(value, name)
        assert isinstance(value, Section)
        return value

    def texts(self) -> dict[str, str]:
        """Every free-text part's text, keyed by part id, in the form's order."""
        return {part_id: self.part(part_id).text for part_id in TEXT_PARTS}

    def working_texts(self) -> dict[str, str]:
        """Every free-text part's working text ("" where there is none), keyed by part id."""
        return {part_id: self.part(part_id).working_text or "" for part_id in TEXT_PARTS}
