"""The UNESCO form, described once: its parts, its fields, its contacts and its languages.

Everything that is the *shape* of the form lives here, and only here: the ordered
parts with their kind (a block of fields, a text, a text with SDG targets, a text with
an action plan, the attachments checklist), where each one sits in the draft, the words
an official may type to find it, the basic-information and contact fields with their
labels, whether they are required and how they are checked, and the languages.

What a *call* asks for (titles and guidance of the text parts, word limits, creative
fields, attachments, dates) changes from call to call and lives in the call profiles
(:mod:`dossier.core.profiles`). The model, the rules, the editor, the overview, the
palette, the export and the migrations all read this module; a test fails if a part id
is spelled out anywhere else in the package.

To add a text part: add a :class:`Part` to :data:`PARTS`, a field of the same name to
``model.Sections`` and a section to each profile. To add a field: add a
:class:`FieldSpec` to :data:`BASIC_FIELDS` or :data:`CONTACT_FIELDS` and the attribute
to the model. To add a language: a column to :class:`Label` and an entry in
:data:`LANGUAGES`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

# --------------------------------------------------------------------------- languages

Language = Literal["en", "fr"]
"""A language UNESCO accepts an application in (the model's ``meta.language``)."""

UiLanguage = Literal["en", "fr", "zh"]
"""A language the interface and the guidance can be read in."""


@dataclass(frozen=True, slots=True)
class Label:
    """One piece of the form's wording in every interface language."""

    en: str
    fr: str
    zh: str

    def __call__(self, language: str = "en") -> str:
        """The wording in ``language``, English for a language we do not have."""
        return {"fr": self.fr, "zh": self.zh}.get(language, self.en)


@dataclass(frozen=True, slots=True)
class LanguageSpec:
    id: str
    name: Label
    submission: bool
    """UNESCO accepts an application written in it."""


LANGUAGES: tuple[LanguageSpec, ...] = (
    LanguageSpec("en", Label("English", "anglais", "英语"), submission=True),
    LanguageSpec("fr", Label("French", "français", "法语"), submission=True),
    LanguageSpec("zh", Label("Chinese", "chinois", "中文"), submission=False),
)
SUBMISSION_LANGUAGES: tuple[str, ...] = tuple(lang.id for lang in LANGUAGES if lang.submission)
UI_LANGUAGES: tuple[str, ...] = tuple(lang.id for lang in LANGUAGES)


def language_name(language_id: str, in_language: str = "en") -> str:
    """``fr`` → "French" (or "français", "法语"); an unknown id as it is."""
    for lang in LANGUAGES:
        if lang.id == language_id:
            return lang.name(in_language)
    return language_id


# --------------------------------------------------------------------------- parts

PartKind = Literal["info", "text", "text_sdgs", "text_plan", "checklist"]
"""What a part holds, which decides the widget that edits it and how it is exported."""


@dataclass(frozen=True, slots=True)
class Part:
    """One part of the form, in the order the form asks for it."""

    id: str
    kind: PartKind
    path: str
    """Where the part sits in the draft (a dotted path from the top of the file)."""
    keywords: str = ""
    """Words an official may type in the palette to find it when its title lacks them."""
    label: Label | None = None
    """Its name, for parts whose title does not come from the call profile."""

    @property
    def is_text(self) -> bool:
        return self.kind.startswith("text")

    @property
    def text_location(self) -> str:
        """The location of the part's text in findings (``sections.strategy.text``)."""
        return f"{self.path}.text"


PARTS: tuple[Part, ...] = (
    Part(
        "basic",
        "info",
        "basic",
        "city country contacts mayor links population area "
        "ville pays contacts maire liens population superficie informations générales "
        "城市 国家 联系人 市长 链接 人口 面积 基本信息",
        Label("Basic information", "Informations générales", "基本信息"),
    ),
    Part("introduction", "text", "introduction", "general introduction présentation générale 总体介绍 简介"),
    Part(
        "opportunities",
        "text",
        "sections.opportunities",
        "challenges opportunités défis enjeux 机遇 挑战",
    ),
    Part("strategy", "text", "sections.strategy", "policy plan stratégie politique 战略 政策"),
    Part(
        "sdg_goals",
        "text_sdgs",
        "sections.sdg_goals",
        "sdg goals targets outcomes odd objectifs de développement durable cibles "
        "可持续发展目标 具体目标 目标",
    ),
    Part(
        "preparation",
        "text",
        "sections.preparation",
        "partnership stakeholders préparation partenariat parties prenantes 筹备 合作 利益相关方",
    ),
    Part(
        "assets",
        "text",
        "sections.assets",
        "strengths education exchange atouts forces éducation échanges 优势 教育 交流",
    ),
    Part(
        "contribution",
        "text_plan",
        "sections.contribution",
        "action plan initiatives budget plan d'action contribution 行动计划 举措 预算 贡献",
    ),
    Part(
        "attachments",
        "checklist",
        "attachments",
        "letters photos files documents annexes pièces jointes lettres fichiers cession de droits "
        "附件 照片 信函 推荐信 版权转让书",
        Label("Attachments", "Pièces jointes", "附件"),
    ),
)
"""Every part, in the form's order: the sidebar, the overview and the export follow it."""

META = Part("meta", "info", "meta", label=Label("The draft", "Le brouillon", "草稿"))
"""Not a part of the form: findings about the draft itself (its call, its language)."""

_BY_ID = {part.id: part for part in (*PARTS, META)}

TEXT_PARTS: tuple[str, ...] = tuple(part.id for part in PARTS if part.is_text)
"""Every free-text part that has a word limit, in order."""
SECTION_IDS: tuple[str, ...] = tuple(part.id for part in PARTS if part.path.startswith("sections."))
"""The six numbered sections (the text parts kept under ``sections`` in the draft)."""
PART_IDS: tuple[str, ...] = tuple(part.id for part in PARTS)
FINDING_ORDER: tuple[str, ...] = (META.id, *PART_IDS)
"""The order findings are listed in: the draft's own first, then the form's."""


def part(part_id: str) -> Part:
    """The part named ``part_id`` (``meta`` included); KeyError for an unknown id."""
    return _BY_ID[part_id]


def part_of_kind(kind: PartKind) -> Part:
    """The one part of ``kind`` (``text_sdgs``, ``text_plan``, ``info``, ``checklist``)."""
    found = [p for p in PARTS if p.kind == kind]
    if len(found) != 1:
        raise LookupError(f"the form needs exactly one part of kind {kind!r}; found: {found}")
    return found[0]


BASIC = part_of_kind("info")
SDGS = part_of_kind("text_sdgs")
PLAN = part_of_kind("text_plan")
ATTACHMENTS = part_of_kind("checklist")

SDG_TARGETS = f"{SDGS.path}.targets"
"""Location of the SDG targets in the draft."""
INITIATIVES = f"{PLAN.path}.initiatives"
"""Location of the action plan's rows in the draft."""

_FIRST_NAME = re.compile(r"^sections\.(\w+)|^(\w+)")


def part_of_location(location: str) -> str:
    """The part a finding's location belongs to: ``sections.assets.text`` → ``assets``."""
    match = _FIRST_NAME.match(location)
    name = (match.group(1) or match.group(2)) if match else ""
    return name if name in _BY_ID else META.id


def cut(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The draft's JSON (``model_dump(mode="json")``) cut into its parts, by path, and what is
    left (the draft's settings and any key this version does not know). ``data`` is changed."""
    parts: dict[str, Any] = {}
    for part in PARTS:
        *folders, name = part.path.split(".")
        holder = data
        for folder in folders:
            holder = holder.get(folder, {})
        parts[part.id] = holder.pop(name, None)
    return parts, data


def assemble(parts: Mapping[str, Any], rest: Mapping[str, Any]) -> dict[str, Any]:
    """The draft's JSON from what :func:`cut` gave."""
    data: dict[str, Any] = json.loads(json.dumps(rest))
    for part in PARTS:
        if parts.get(part.id) is None:
            continue
        *folders, name = part.path.split(".")
        holder = data
        for folder in folders:
            holder = holder.setdefault(folder, {})
        holder[name] = parts[part.id]
    return data


# --------------------------------------------------------------------------- fields

Check = Literal["text", "choice", "count", "amount", "url", "email", "phone"]
"""How a field's value is read and checked (the rules and the editor's validators agree)."""


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field of the basic information or of a contact."""

    name: str
    label: Label
    check: Check = "text"
    required: bool = False
    noun: Label | None = None
    """How a sentence names it, where that is not its label in lower case."""

    def in_sentence(self, language: str = "en") -> str:
        """``phone number`` in "Enter the phone number of the Mayor"."""
        if self.noun is not None:
            return self.noun(language)
        label = self.label(language)
        return label[:1].lower() + label[1:] if language != "zh" else label


BASIC_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "city",
        Label("City", "Ville", "城市"),
        required=True,
        noun=Label("name of the city", "nom de la ville", "城市名称"),
    ),
    FieldSpec("country", Label("Country", "Pays", "国家"), required=True),
    FieldSpec("field", Label("Creative field", "Domaine créatif", "创意领域"), "choice", required=True),
    FieldSpec("population", Label("Population", "Population", "人口"), "count"),
    FieldSpec("area_km2", Label("Area (km²)", "Superficie (km²)", "面积（平方公里）"), "amount"),
    FieldSpec("links", Label("Web links", "Liens web", "网站链接"), "url"),
)
"""Parts 1, 2 and 4 of the form, and the city's figures and links."""

CONTACT_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("title", Label("Title", "Titre", "称谓")),
    FieldSpec("family_name", Label("Family name", "Nom", "姓")),
    FieldSpec("first_name", Label("First name", "Prénom", "名")),
    FieldSpec(
        "institution",
        Label("Institution / role", "Institution / fonction", "机构 / 职务"),
        noun=Label("institution or function", "institution ou fonction", "机构或职务"),
    ),
    FieldSpec("address", Label("Address", "Adresse", "地址")),
    FieldSpec(
        "phone",
        Label("Phone", "Téléphone", "电话"),
        "phone",
        noun=Label("phone number", "numéro de téléphone", "电话号码"),
    ),
    FieldSpec(
        "email",
        Label("E-mail", "Courriel", "电子邮箱"),
        "email",
        noun=Label("e-mail address", "adresse électronique", "电子邮箱地址"),
    ),
)


@dataclass(frozen=True, slots=True)
class ContactRole:
    """One person the form names (Part 3 of the form)."""

    id: str
    label: Label
    """As a heading: "Mayor"."""
    who: Label
    """Inside a sentence: "the Mayor"."""
    required: tuple[str, ...] = ()
    """Fields that must be filled in; a role with none may be left empty with a warning."""


CONTACT_ROLES: tuple[ContactRole, ...] = (
    ContactRole(
        "mayor",
        Label("Mayor", "Maire", "市长"),
        Label("the Mayor", "le ou la maire", "市长"),
        ("family_name", "first_name"),
    ),
    ContactRole(
        "mayor_representative",
        Label("Mayor's representative", "Représentant·e du maire", "市长代表"),
        Label("the Mayor's representative", "le représentant ou la représentante du maire", "市长代表"),
    ),
    ContactRole(
        "main_contact",
        Label("Main executive contact", "Contact exécutif principal", "主要执行联系人"),
        Label("the main executive contact", "le contact exécutif principal", "主要执行联系人"),
        ("family_name", "first_name", "email", "phone"),
    ),
    ContactRole(
        "alternative_contact",
        Label("Alternative contact", "Contact suppléant", "备用联系人"),
        Label("the alternative contact", "le contact suppléant", "备用联系人"),
    ),
)
CONTACT_ROLE_IDS: tuple[str, ...] = tuple(role.id for role in CONTACT_ROLES)


def basic_field(name: str) -> FieldSpec:
    return next(spec for spec in BASIC_FIELDS if spec.name == name)


def contact_field(name: str) -> FieldSpec:
    return next(spec for spec in CONTACT_FIELDS if spec.name == name)


def contact_role(role_id: str) -> ContactRole:
    return next(role for role in CONTACT_ROLES if role.id == role_id)


REQUIRED_BASIC: tuple[str, ...] = (
    *(spec.name for spec in BASIC_FIELDS if spec.required),
    *(f"contacts.{role.id}.{name}" for role in CONTACT_ROLES for name in role.required),
)
"""Every required field of the basic information, as a dotted path under ``basic``."""
