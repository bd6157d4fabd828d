"""The list of parts on the left: each with a status mark and its word count against its limit."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from dossier.core import form
from dossier.core.i18n import _
from dossier.tui.session import ENTRIES, PartState, Session
from dossier.tui.text import literal

MARKS = {"empty": "○", "progress": "◐", "complete": "✓", "error": "✗"}
MARK_STYLES = {
    "empty": "$text-muted",
    "progress": "$text-warning",
    "complete": "$text-success",
    "error": "$text-error bold",
}
STATUS_WORDS = {"empty": "empty", "progress": "in progress", "complete": "complete", "error": "has errors"}
LEVEL_STYLES = {"ok": "", "near": "$text-warning", "over": "$text-error bold"}


def entry_prompt(entry: str, label: str, state: PartState) -> Content:
    """Two lines: mark and title, then the count (or progress) and the status in words."""
    mark = (MARKS[state.status], MARK_STYLES[state.status])
    if state.words is not None:
        count = Content.assemble((f"{state.words}", LEVEL_STYLES[state.level]), f"/{state.max_words} words")
    elif state.total:
        unit = "required filled" if entry == form.BASIC.id else "ready"
        count = Content(f"{state.done}/{state.total} {unit}")
    else:
        count = Content("")
    tail = f" · {state.errors} error{'s' if state.errors != 1 else ''}" if state.errors else ""
    behind = " · " + _("translation out of date") if state.translation_behind else ""
    return Content.assemble(
        mark,
        " ",
        literal(label, one_line=True),
        "\n  ",
        count,
        (tail, "$text-error"),
        (behind, "$text-warning"),
    )


class Sidebar(OptionList):
    """One option per entry (basic information, introduction, six sections, attachments)."""

    DEFAULT_CSS = """
    Sidebar {
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, session: Session, language: str = "en", **kwargs: object) -> None:
        self._session = session
        self._language = language
        self._shown: dict[str, tuple[str, PartState]] = {}
        super().__init__(*self._entry_options(), **kwargs)  # type: ignore[arg-type]

    def _entry_options(self) -> list[Option]:
        options = []
        for entry in ENTRIES:
            label = self._session.label(entry, self._language)
            state = self._session.state(entry)
            self._shown[entry] = (label, state)
            options.append(Option(entry_prompt(entry, label, state), id=entry))
        return options

    def update_entry(self, entry: str) -> None:
        """Redraw one entry if what it shows changed (called on every keystroke: keep it cheap)."""
        label = self._session.label(entry, self._language)
        state = self._session.state(entry)
        if self._shown.get(entry) == (label, state):
            return
        self._shown[entry] = (label, state)
        self.replace_option_prompt(entry, entry_prompt(entry, label, state))

    def update_all(self) -> None:
        for entry in ENTRIES:
            self.update_entry(entry)

    def set_language(self, language: str) -> None:
        self._language = language
        self.update_all()

    def select_entry(self, entry: str) -> None:
        self.highlighted = ENTRIES.index(entry)

    @property
    def current_entry(self) -> str | None:
        option = self.highlighted_option
        return option.id if option is not None else None
