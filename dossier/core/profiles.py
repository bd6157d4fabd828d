"""Call profiles: the one place that says what a UCCN call asks for.

A profile is a TOML file (bundled ones live in ``dossier/core/data/profiles``). It
names the creative fields offered, the free-text parts with their titles, guidance (in
English, French and Chinese) and word limits, the call's timeline and the attachment
rules. The TUI, the rules and the export all read it, so a call with different rules
needs a new file, not new code.

A profile may say ``extends = "other-id"``: every top-level key it does not set is
taken from that profile.
"""

from __future__ import annotations

import re
import tomllib
from datetime import datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from dossier.core import form
from dossier.core.form import TEXT_PARTS
from dossier.core.i18n import Wording, _, french_typography, interface_wording
from dossier.core.invalid import explain_validation_error

DEFAULT_PROFILE = "uccn-2027"
UiLanguage = Literal["en", "fr", "zh"]
Stage = Literal["draft", "preselection", "submission"]
"""How far a draft must be: readiness is judged for a stage (``dossier validate --for``)."""
STAGES: tuple[Stage, ...] = ("draft", "preselection", "submission")
LimitSource = Literal["profile", "unesco"]
"""Where a word limit comes from: this call profile's own default, or UNESCO's published figure."""


def _pick(language: str, en: str, fr: str, zh: str) -> str:
    """The wording in ``language``; English where a profile leaves a language out (a profile
    written before French was added still loads, and reads in English)."""
    if language == "fr" and fr:
        return french_typography(fr)  # "Ouverture : …" with the narrow no-break space
    chosen = zh if language == "zh" else en
    return chosen or en


_CJK = r"\u3001-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff"
"""Characters East Asian text writes without spaces between them: ideographs, CJK punctuation,
kana and full-width forms. Hangul is not among them: Korean puts spaces between words."""
_CJK_GAP = re.compile(f"(?<=[{_CJK}]) (?=[{_CJK}])")


def join_lines(text: str) -> str:
    """One paragraph from a TOML multi-line string: runs of white space become one space,
    except between two CJK characters, where they vanish (Chinese puts no space where the
    file breaks a line inside a sentence)."""
    return _CJK_GAP.sub("", " ".join(text.split()))


class ProfileError(Exception):
    """A profile could not be found or read; the message names the file and the problem."""


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FieldSpec(_Spec):
    """One creative field the call offers."""

    id: str
    en: str
    fr: str
    zh: str

    def label(self, language: str = "en") -> str:
        """ "Gastronomy" / "Gastronomie" / "美食"."""
        return _pick(language, self.en, self.fr, self.zh)


_MILESTONE_STAGES: dict[str, Stage] = {
    "national_preselection": "preselection",
    "unesco_deadline": "submission",
}
"""The readiness the usual milestones ask for when the profile does not say."""


class Milestone(_Spec):
    id: str
    en: str
    fr: str = ""
    zh: str
    date: datetime
    provisional: bool = False
    """The date is not yet published; dossier says "(provisional)" in the interface language,
    so the labels do not say "expected" themselves."""
    stage: Stage | None = None
    """The readiness this milestone asks for; by default the pre-selection and the UNESCO deadline
    ask for ``preselection`` and ``submission``, other milestones for none."""

    @property
    def readiness(self) -> Stage | None:
        """The stage a draft must reach by this milestone, if any."""
        if self.stage is not None:
            return self.stage
        return _MILESTONE_STAGES.get(self.id)

    @field_validator("date")
    @classmethod
    def _aware(cls, value: datetime) -> datetime:
        if value.tzinfo is None:
            raise ValueError(_("give the date with its time zone, such as 2027-01-31T23:59:00+01:00"))
        return value

    def label(self, language: str = "en") -> str:
        return _pick(language, self.en, self.fr, self.zh)


class SectionSpec(_Spec):
    """A free-text part of the form: the introduction (number 0) or a numbered answer."""

    id: str
    number: int
    title_en: str
    title_fr: str = ""
    title_zh: str
    guidance_en: str
    guidance_fr: str = ""
    guidance_zh: str
    min_words: int = Field(ge=0)
    max_words: int = Field(gt=0)
    form_number: str = ""
    """The question's number as the call's form prints it ("5", "6.1"); when empty, ``number``."""
    limit_source: LimitSource = "profile"
    """``unesco`` when the maximum is UNESCO's own published figure, ``profile`` when it is this
    profile's default (UNESCO did not publish per-section limits for the bundled calls)."""

    @model_validator(mode="after")
    def _limits(self) -> SectionSpec:
        if self.min_words > self.max_words:
            raise ValueError(
                _("min_words ({minimum}) is above max_words ({maximum})").format(
                    minimum=self.min_words, maximum=self.max_words
                )
            )
        return self

    def title(self, language: str = "en") -> str:
        """The title in ``language`` (``en``, ``fr`` or ``zh``)."""
        return _pick(language, self.title_en, self.title_fr, self.title_zh)

    def guidance(self, language: str = "en") -> str:
        """The call's advice for this part in ``language``, as one paragraph."""
        text = join_lines(_pick(language, self.guidance_en, self.guidance_fr, self.guidance_zh))
        return french_typography(text) if language == "fr" else text  # join_lines splits on U+202F

    @property
    def shown_number(self) -> str:
        """The number the form gives this question ("" for an unnumbered part)."""
        return self.form_number or (str(self.number) if self.number else "")

    def heading(self, language: str = "en") -> str:
        """The title with its number, as the form shows it."""
        title = self.title(language)
        return f"{self.shown_number}. {title}" if self.shown_number else title

    @property
    def limit_is_unesco(self) -> bool:
        """The maximum is UNESCO's own figure (else: a default set in the call profile)."""
        return self.limit_source == "unesco"

    def limit_origin(self, wording: Wording | None = None) -> str:
        """Where the word limit comes from, in a phrase the validate output, the TUI and the
        export append (in ``wording``'s language, the interface's by default)."""
        _ = wording or interface_wording()
        if self.limit_is_unesco:
            return _("UNESCO's limit")
        return _("limit set in this draft's call profile")


AttachmentKind = Literal["document_list", "letter", "photo", "rights_form"]
FILE_FORMATS: dict[str, tuple[str, ...]] = {
    "document_list": ("pdf", "docx"),
    "letter": ("pdf", "docx"),
    "photo": ("jpeg",),
    "rights_form": ("pdf", "docx", "jpeg"),
}
"""The file formats (found by content) each kind of attachment may be."""


class AttachmentSpec(_Spec):
    id: str
    kind: AttachmentKind
    en: str
    fr: str = ""
    zh: str
    for_photo: str = ""
    """For a cession-of-rights form: the id of the photo it covers."""
    generated: bool = False
    """dossier writes it itself (the list of all documents): no file to give."""
    needed_for: Literal["preselection", "submission"] = "preselection"
    """The first stage that needs it (the National Commission's endorsement comes after its
    pre-selection, so it is needed for the submission only)."""

    @property
    def formats(self) -> tuple[str, ...]:
        return FILE_FORMATS[self.kind]

    def label(self, language: str = "en") -> str:
        return _pick(language, self.en, self.fr, self.zh)


class AttachmentRules(_Spec):
    """How many links and photos the call allows, and how large the files may be."""

    max_links: int = Field(default=4, ge=0)
    max_photos: int = Field(default=3, ge=0)
    photo_max_mb: float = Field(default=3.0, gt=0)
    total_max_mb: float = Field(default=20.0, gt=0)
    photo_formats: tuple[str, ...] = ("jpg", "jpeg")


class Profile(_Spec):
    """Everything one call for applications asks for."""

    id: str
    name: str
    name_fr: str = ""
    name_zh: str = ""
    call_year: int
    provisional: bool = False
    submission_languages: tuple[str, ...] = ("en", "fr")
    limits_note: str = ""
    numbering_note: str = ""
    """Where the question numbers (``form_number``) come from and how sure they are."""
    attachment_rules: AttachmentRules = Field(default_factory=AttachmentRules)
    fields: tuple[FieldSpec, ...]
    timeline: tuple[Milestone, ...]
    sections: tuple[SectionSpec, ...]
    attachments: tuple[AttachmentSpec, ...]
    source: str = ""

    @model_validator(mode="after")
    def _consistent(self) -> Profile:
        ids = [spec.id for spec in self.sections]
        if sorted(ids) != sorted(TEXT_PARTS):
            raise ValueError(
                _("sections must be exactly {expected}; found {found}").format(
                    expected=", ".join(TEXT_PARTS), found=", ".join(ids) or _("none")
                )
            )
        for name, items in (
            ("fields", self.fields),
            ("timeline", self.timeline),
            ("attachments", self.attachments),
        ):
            seen = [item.id for item in items]
            if len(seen) != len(set(seen)):
                raise ValueError(_("{key} lists the same id twice").format(key=name))
        photos = {a.id for a in self.attachments if a.kind == "photo"}
        for item in self.attachments:
            if item.kind == "rights_form" and item.for_photo and item.for_photo not in photos:
                raise ValueError(
                    _("attachment {id}: for_photo must name a photo of the call").format(id=item.id)
                )
        if not any(m.id == "unesco_deadline" for m in self.timeline):
            raise ValueError(_("the timeline needs a milestone with id “unesco_deadline”"))
        return self

    def call_name(self, language: str = "en") -> str:
        """The call's name in ``language`` (``name`` is the English one)."""
        return _pick(language, self.name, self.name_fr, self.name_zh)

    # Look-ups used by the rules, the TUI and the export.
    def section(self, part_id: str) -> SectionSpec:
        for spec in self.sections:
            if spec.id == part_id:
                return spec
        raise KeyError(part_id)

    def field(self, field_id: str) -> FieldSpec | None:
        return next((f for f in self.fields if f.id == field_id), None)

    def field_label(self, field_id: str, language: str = "en") -> str:
        """The creative field's name in ``language`` ("Gastronomie"); an unknown id as it is."""
        spec = self.field(field_id)
        return spec.label(language) if spec else field_id

    def milestone(self, milestone_id: str) -> Milestone | None:
        return next((m for m in self.timeline if m.id == milestone_id), None)

    @property
    def deadline(self) -> Milestone:
        milestone = self.milestone("unesco_deadline")
        assert milestone is not None  # guaranteed by _consistent
        return milestone

    def attachment(self, attachment_id: str) -> AttachmentSpec | None:
        return next((a for a in self.attachments if a.id == attachment_id), None)

    def rights_form_for(self, photo_id: str) -> AttachmentSpec | None:
        """The cession-of-rights form that covers ``photo_id``, if the call asks for one."""
        return next(
            (a for a in self.attachments if a.kind == "rights_form" and a.for_photo == photo_id), None
        )

    def next_milestone(self, now: datetime) -> Milestone | None:
        """The first milestone still ahead of ``now`` that asks for a readiness stage."""
        ahead = sorted(
            (m for m in self.timeline if m.readiness is not None and m.date > now), key=lambda m: m.date
        )
        return ahead[0] if ahead else None


_BUNDLED = resources.files("dossier.core") / "data" / "profiles"


def bundled_ids() -> list[str]:
    """Ids of the profiles shipped with dossier, oldest call first."""
    return sorted(p.name.removesuffix(".toml") for p in _BUNDLED.iterdir() if p.name.endswith(".toml"))


def _read_toml(ref: str, path: Path | None, text: str) -> dict[str, Any]:
    """The profile's TOML; ``path`` is None for a bundled profile (``ref`` is its id)."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        place, problem = _toml_place(str(exc))
        if path is None:
            message = _("The bundled call profile {profile} is not a valid TOML file: {place} ({problem}).")
        else:
            message = _("{path}: not a valid TOML file: {place} ({problem})")
        raise ProfileError(message.format(profile=ref, path=path, place=place, problem=problem)) from None


_TOML_PLACE = re.compile(
    r"^(?P<problem>.*) \(at (?:line (?P<line>\d+), column (?P<column>\d+)|end of document)\)$"
)


def _toml_place(error: str) -> tuple[str, str]:
    """Where the TOML reader stopped, in the interface language, and its own (English) words.

    The reader's sentence ("Invalid value", "Unterminated string") has no translation; the
    place it names is what the official needs to find the mistake, so that part is ours.
    """
    found = _TOML_PLACE.match(error)
    if found is None:
        return _("somewhere in the file"), error
    if found["line"] is None:
        return _("at the end of the file"), found["problem"]
    place = _("line {line}, column {column}").format(line=found["line"], column=found["column"])
    return place, found["problem"]


def _raw(ref: str, base_dir: Path | None, chain: tuple[str, ...]) -> tuple[str, Path | None, dict[str, Any]]:
    """Find a profile by bundled id or path and return (ref, path or None if bundled, merged data)."""
    if ref in chain:
        raise ProfileError(
            _("call profile “{profile}” extends itself through {chain}").format(
                profile=ref, chain=" -> ".join(chain)
            )
        )
    path: Path | None
    if ref in bundled_ids():
        path = None
        data = _read_toml(ref, None, (_BUNDLED / f"{ref}.toml").read_text(encoding="utf-8"))
    else:
        try:
            path = Path(ref).expanduser()
        except RuntimeError:
            user = ref.split("/", 1)[0].split("\\", 1)[0]
            raise ProfileError(
                _(
                    "the draft's call profile ({key}) “{profile}” starts with {user}, "
                    "but this computer has no user of that name"
                ).format(key=f"{form.META.path}.profile", profile=ref, user=user)
            ) from None
        if base_dir is not None and not path.is_absolute():
            path = base_dir / path
        if not path.is_file():
            raise ProfileError(
                _("no call profile “{profile}”: give one of {known} or a .toml file").format(
                    profile=ref, known=", ".join(bundled_ids())
                )
            )
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ProfileError(
                _("{path}: cannot read it ({problem})").format(path=path, problem=exc)
            ) from None
        data = _read_toml(ref, path, text)
        base_dir = path.parent
    parent = data.pop("extends", None)
    if parent is not None:
        _ref, _path, inherited = _raw(str(parent), base_dir, (*chain, ref))
        if "name" in data:  # a new name: the parent's translations of its own name do not fit
            inherited = {k: v for k, v in inherited.items() if k not in ("name_fr", "name_zh")}
        data = {**inherited, **data}
    return ref, path, data


@cache
def _load(ref: str, base_dir: Path | None) -> Profile:
    ref, path, data = _raw(ref, base_dir, ())
    try:
        return Profile.model_validate({**data, "source": str(path) if path else f"bundled profile {ref}"})
    except ValidationError as exc:
        problem = explain_validation_error(exc, _("the call profile"))
        if path is None:
            message = _("The bundled call profile {profile} is not valid: {problem}")
        else:
            message = _("{path}: {problem}")
        raise ProfileError(message.format(profile=ref, path=path, problem=problem)) from None


def load_profile(ref: str | Path = DEFAULT_PROFILE, base_dir: Path | None = None) -> Profile:
    """Load a bundled profile by id, or a profile file by path (relative to ``base_dir``)."""
    return _load(str(ref), base_dir.resolve() if base_dir else None)


def bundled_profiles() -> list[Profile]:
    return [load_profile(ref) for ref in bundled_ids()]
