"""Add or edit one initiative of the action plan."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.validation import Function, Length
from textual.widgets import Button, Input, Label, Select, Static

from dossier.core.i18n import N_, _, pgettext
from dossier.core.model import Initiative
from dossier.core.reference import DEFAULT_CURRENCY
from dossier.tui.dialogs.form import FormDialog
from dossier.tui.inputs import FieldInput
from dossier.tui.text import literal


def scopes() -> list[tuple[Content, str]]:
    """The scope choices in the interface language."""
    return [
        (Content(pgettext("scope", "local")), "local"),
        (Content(pgettext("scope", "international")), "international"),
    ]


def parse_year(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isdigit() else None


def parse_amount(text: str) -> float | None:
    """A budget as officials type it: ``250 000``, ``250,000``, ``1.5e6`` or ``3 000,50``."""
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "").replace("_", "").replace("'", "")
    if not cleaned:
        return 0.0
    if "," in cleaned and "." not in cleaned and len(cleaned.rsplit(",", 1)[1]) != 3:
        cleaned = cleaned.replace(",", ".")  # a decimal comma
    cleaned = cleaned.replace(",", "")
    try:
        return float(cleaned)
    except ValueError:
        return None


def amount_text(amount: float) -> str:
    """A budget as the official would type it back: ``1600000``, not ``1.6e+06``; empty for none."""
    if not amount:
        return ""
    if float(amount).is_integer():
        return str(int(amount))
    return f"{amount:.2f}".rstrip("0").rstrip(".")


class InitiativeDialog(FormDialog[Initiative]):
    """Dismisses with the edited initiative, or None when cancelled."""

    DEFAULT_CSS = """
    InitiativeDialog { align: center middle; }
    InitiativeDialog > #dialog {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary 80%; background: $surface; padding: 0 1;
    }
    InitiativeDialog #ini-title { text-style: bold; margin-bottom: 1; }
    InitiativeDialog #ini-fields { height: auto; max-height: 14; }
    InitiativeDialog .row { height: 1; margin-bottom: 1; }
    InitiativeDialog .row Label { width: 16; }
    InitiativeDialog .row FieldInput, InitiativeDialog .row Select { width: 1fr; }
    InitiativeDialog #ini-error { color: $text-error; height: auto; }
    InitiativeDialog #ini-buttons { height: auto; align-horizontal: right; }
    InitiativeDialog #ini-buttons Button { margin-left: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        # Most terminals send ctrl+enter as a plain enter (only the kitty keyboard protocol
        # tells them apart), so the button names enter, which submits from every text field;
        # these stay for the terminals that do send them (ctrl+j is a line feed everywhere).
        Binding("ctrl+enter,ctrl+j", "ok", N_("Done"), show=False),
    ]

    def __init__(self, initiative: Initiative | None = None, *, currency: str = DEFAULT_CURRENCY) -> None:
        """``currency`` starts a new initiative's budget in the city's currency."""
        super().__init__()
        self._original = initiative
        self._currency = currency
        self._item = initiative.model_copy(deep=True) if initiative else Initiative(currency=currency)

    def compose(self) -> ComposeResult:
        item = self._item
        with Vertical(id="dialog"):
            yield Static(
                Content(_("Edit initiative") if self._original else _("Add an initiative")), id="ini-title"
            )
            with VerticalScroll(id="ini-fields"):
                with Horizontal(classes="row"):
                    yield Label(_("Title"))
                    yield FieldInput(
                        item.title,
                        id="ini-title-input",
                        validators=[Length(minimum=1, failure_description=_("Give the initiative a title."))],
                    )
                with Horizontal(classes="row"):
                    yield Label(_("Scope"))
                    yield Select(scopes(), value=item.scope, allow_blank=False, id="ini-scope", compact=True)
                with Horizontal(classes="row"):
                    yield Label(_("Start year"))
                    yield FieldInput(
                        "" if item.start_year is None else str(item.start_year),
                        id="ini-start",
                        restrict=r"[0-9]*",
                        max_length=4,
                        placeholder=_("e.g. {example}").format(example=2027),
                    )
                with Horizontal(classes="row"):
                    yield Label(_("End year"))
                    yield FieldInput(
                        "" if item.end_year is None else str(item.end_year),
                        id="ini-end",
                        restrict=r"[0-9]*",
                        max_length=4,
                        placeholder=_("e.g. {example}").format(example=2030),
                    )
                with Horizontal(classes="row"):
                    yield Label(_("Partners"))
                    yield FieldInput(item.partners, id="ini-partners")
                with Horizontal(classes="row"):
                    yield Label(_("Budget"))
                    yield FieldInput(
                        amount_text(item.budget),
                        id="ini-budget",
                        validators=[
                            Function(lambda v: parse_amount(v) is not None, _("Type the budget as a number."))
                        ],
                        placeholder=_("e.g. {example}").format(example=250000),
                    )
                with Horizontal(classes="row"):
                    yield Label(_("Currency"))
                    yield FieldInput(
                        item.currency, id="ini-currency", max_length=8, placeholder="USD, CNY, EUR…"
                    )
            yield Static("", id="ini-error")
            with Horizontal(id="ini-buttons"):
                yield Button(_("Done (enter)"), id="ini-ok", variant="primary", classes="form-ok")
                yield Button(_("Cancel (esc)"), id="ini-cancel", classes="form-cancel")

    def on_mount(self) -> None:
        self.query_one("#ini-title-input", FieldInput).focus()

    def _value(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", FieldInput).value

    def _collect(self) -> Initiative | str:
        """The initiative from the fields, or a plain reason why it cannot be taken yet."""
        title = self._value("ini-title-input").strip()
        if not title:
            return _("Give the initiative a title.")
        budget = parse_amount(self._value("ini-budget"))
        if budget is None:
            return _("Type the budget as a number (for example {example}).").format(example=250000)
        scope = self.query_one("#ini-scope", Select).value
        data = self._item.model_dump()
        data.update(
            title=title,
            scope=scope if scope in ("local", "international") else "local",
            start_year=parse_year(self._value("ini-start")),
            end_year=parse_year(self._value("ini-end")),
            partners=self._value("ini-partners").strip(),
            budget=budget,
            currency=self._value("ini-currency").strip().upper() or self._item.currency or self._currency,
        )
        return Initiative.model_validate(data)

    @on(Input.Changed)
    def _recheck(self, event: Input.Changed) -> None:
        """Once OK was refused, the reason follows the fields: it goes when they are right."""
        error = self.query_one("#ini-error", Static)
        if str(error.content):
            result = self._collect()
            error.update(literal(result if isinstance(result, str) else ""))

    def action_ok(self) -> None:
        result = self._collect()
        if isinstance(result, str):
            self.query_one("#ini-error", Static).update(literal(result))
            return
        self.dismiss(result)
