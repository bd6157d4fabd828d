"""The new-draft form: city, country, creative field, call profile, submission language and file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.validation import Length
from textual.widgets import Button, Input, Label, Select, Static

from dossier.core.i18n import _, interface_language
from dossier.core.profiles import DEFAULT_PROFILE, Profile, ProfileError, bundled_ids, load_profile
from dossier.storage.drafts import default_draft_path, with_draft_suffix
from dossier.storage.names import DRAFT_SUFFIX
from dossier.tui.dialogs.form import FormDialog
from dossier.tui.dialogs.path_prompt import check_path
from dossier.tui.inputs import FieldInput
from dossier.tui.text import literal
from dossier.tui.widgets.basic_form import submission_languages


def field_choices(profile: Profile) -> list[tuple[Content, str]]:
    """The creative fields, named in the interface language and, beside it, in English or Chinese."""
    language = interface_language()
    if language == "zh":
        return [(literal(f"{f.zh} · {f.en}", one_line=True), f.id) for f in profile.fields]
    if language == "fr":
        return [(literal(f"{f.label('fr')} · {f.zh}", one_line=True), f.id) for f in profile.fields]
    return [(literal(f"{f.en} · {f.zh}", one_line=True), f.id) for f in profile.fields]


@dataclass(frozen=True, slots=True)
class NewDraft:
    """What the form asks for; the app creates the file."""

    path: Path
    city: str
    country: str
    field: str
    profile: str
    language: str


class NewDraftScreen(FormDialog[NewDraft]):
    """Dismisses with a :class:`NewDraft` or None."""

    DEFAULT_CSS = """
    NewDraftScreen { align: center middle; }
    NewDraftScreen > #dialog {
        width: 84; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary 80%; background: $surface; padding: 0 1;
    }
    NewDraftScreen #new-title { text-style: bold; margin-bottom: 1; }
    NewDraftScreen .row { height: 1; margin-bottom: 1; }
    NewDraftScreen .row Label { width: 18; }
    NewDraftScreen .row FieldInput, NewDraftScreen .row Select { width: 1fr; }
    NewDraftScreen #new-error { color: $text-error; height: auto; }
    NewDraftScreen #new-buttons { height: auto; align-horizontal: right; }
    NewDraftScreen #new-buttons Button { margin-left: 1; }
    """

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self._folder = folder
        self._auto_path = str(folder / f"dossier{DRAFT_SUFFIX}")
        """The path the form proposes; once the official types another, it stops following the city."""
        self._told = False
        """True once Create was refused: from then on the hint follows the fields as they change."""

    def compose(self) -> ComposeResult:
        profile = load_profile(DEFAULT_PROFILE)
        with Vertical(id="dialog"):
            yield Static(Content(_("Create a new draft")), id="new-title")
            with Horizontal(classes="row"):
                yield Label(_("City"))
                yield FieldInput(id="new-city", validators=[Length(1, failure_description=_("is required"))])
            with Horizontal(classes="row"):
                yield Label(_("Country"))
                yield FieldInput(
                    id="new-country", validators=[Length(1, failure_description=_("is required"))]
                )
            with Horizontal(classes="row"):
                yield Label(_("Call profile"))
                yield Select(
                    [(Content(ref), ref) for ref in bundled_ids()],
                    value=DEFAULT_PROFILE,
                    allow_blank=False,
                    id="new-profile",
                    compact=True,
                )
            with Horizontal(classes="row"):
                yield Label(_("Creative field"))
                yield Select(
                    field_choices(profile),
                    prompt=_("Choose the creative field"),
                    id="new-field",
                    compact=True,
                )
            with Horizontal(classes="row"):
                yield Label(_("Submitted in"))
                yield Select(
                    submission_languages(interface_language()),
                    value="en",
                    allow_blank=False,
                    id="new-language",
                    compact=True,
                )
            with Horizontal(classes="row"):
                yield Label(_("File"))
                yield FieldInput(self._auto_path, id="new-path")
            yield Static("", id="new-error")
            with Horizontal(id="new-buttons"):
                yield Button(_("Create (enter)"), id="new-ok", variant="primary", classes="form-ok")
                yield Button(_("Cancel (esc)"), id="new-cancel", classes="form-cancel")

    def on_mount(self) -> None:
        self.query_one("#new-city", FieldInput).focus()

    @on(Input.Changed, "#new-city")
    def _city(self, event: Input.Changed) -> None:
        event.stop()
        path = self.query_one("#new-path", FieldInput)
        if path.value == self._auto_path:
            self._auto_path = str(default_draft_path(self._folder, event.value))
            path.value = self._auto_path
        self._recheck()

    @on(Input.Changed, "#new-country, #new-path")
    @on(Select.Changed, "#new-field")
    def _field_changed(self, event: Input.Changed | Select.Changed) -> None:
        event.stop()
        self._recheck()

    def _recheck(self) -> None:
        """Once a hint is shown, keep it true: the next thing missing, or nothing."""
        if self._told:
            self._error(self._problem() or "")

    @on(Select.Changed, "#new-profile")
    def _profile(self, event: Select.Changed) -> None:
        event.stop()
        try:
            profile = load_profile(str(event.value))
        except ProfileError:
            return
        field = self.query_one("#new-field", Select)
        current = field.value
        field.set_options(field_choices(profile))
        if current in {f.id for f in profile.fields}:
            field.value = current

    def _error(self, text: str) -> None:
        self.query_one("#new-error", Static).update(literal(text))

    def _path(self) -> tuple[Path | None, str]:
        """The file to create (``.dossier.json`` added when missing), or None and why not."""
        path, problem = check_path(self.query_one("#new-path", FieldInput).value, "save")
        if path is None:
            return None, problem
        path = with_draft_suffix(path)
        if path.exists():
            return None, _(
                "{path} already exists; dossier never overwrites a draft. Choose another name."
            ).format(path=path)
        return path, ""

    def _problem(self) -> str | None:
        """What still stops the draft from being created, in the form's order."""
        city = self.query_one("#new-city", FieldInput).value.strip()
        country = self.query_one("#new-country", FieldInput).value.strip()
        if not city and not country:
            return _("Enter the city and the country.")
        if not city:
            return _("Enter the city.")
        if not country:
            return _("Enter the country.")
        if self.query_one("#new-field", Select).value is Select.NULL:
            return _("Choose the creative field.")
        return self._path()[1] or None

    def action_ok(self) -> None:
        problem = self._problem()
        path, _problem = self._path()
        if problem or path is None:
            self._told = True
            self._error(problem or "")
            return
        city = self.query_one("#new-city", FieldInput).value.strip()
        country = self.query_one("#new-country", FieldInput).value.strip()
        field = self.query_one("#new-field", Select).value
        self.dismiss(
            NewDraft(
                path=path,
                city=city,
                country=country,
                field=str(field),
                profile=str(self.query_one("#new-profile", Select).value),
                language=str(self.query_one("#new-language", Select).value),
            )
        )
