"""The list of parts on the left: each with a status mark and its word count against its limit."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from dossier.core import form
from dossier.core.i18n import N_, _, ngettext
from dossier.tui.session import ENTRIES, PartState, Session
from dossier.tui.text import literal

MARKS = {"empty": "○", "progress": "◐", "complete": "✓", "error": "✗"}
MARK_STYLES = {
    "empty": "$text-muted",
    "progress": "$text-warning",
    "complete": "$text-success",
    "error": "$text-error bold",
}
STATUS_WORDS = {
    "empty": N_("empty"),
    "progress": N_("in progress"),
    "complete": N_("complete"),
    "error": N_("has errors"),
}
"""Each status in words (English msgids: translate with ``_`` where shown)."""
LEVEL_STYLES = {"ok": "", "near": "$text-warning", "over": "$text-error bold"}


def progress_text(entry: str, done: int, total: int) -> str:
    """ "3/8 required filled" for the basic information, "2/5 ready" for the attachments."""
    if entry == form.BASIC.id:
        return _("{done}/{total} required filled").format(done=done, total=total)
    return _("{done}/{total} ready").format(done=done, total=total)


def entry_prompt(entry: str, label: str, state: PartState) -> Content:
    """Two lines: mark and title, then the count (or progress) and the status in words."""
    mark = (MARKS[state.status], MARK_STYLES[state.status])
    if state.words is not None:
        count = Content.assemble(
            (f"{state.words}", LEVEL_STYLES[state.level]),
            _("/{limit} words").format(limit=state.max_words),
        )
    elif state.total:
        count = Content(progress_text(entry, state.done, state.total))
    else:
        count = Content("")
    tail = (
        " · " + ngettext("{count} error", "{count} errors", state.errors).format(count=state.errors)
        if state.errors
        else ""
    )
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
        self._shown.clear()  # the counts' words change too, not only the titles
        self.update_all()

    def select_entry(self, entry: str) -> None:
        self.highlighted = ENTRIES.index(entry)

    @property
    def current_entry(self) -> str | None:
        option = self.highlighted_option
        return option.id if option is not None else None
