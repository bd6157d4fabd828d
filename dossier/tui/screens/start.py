"""Shown when no draft is open: create one, open a file, or pick a recent draft.

It is also where the official lands when the draft they worked on last is no longer
where it was (renamed, moved or deleted): the screen says so, naming the file and its
old folder, instead of silently opening another draft. Recent drafts that are gone stay
in the list, greyed and marked "missing", until the official removes them (delete, or
"Remove the missing drafts from this list").
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from dossier.core.i18n import N_, _
from dossier.storage import recent
from dossier.storage.recent import RecentDraft
from dossier.tui.base import DossierScreen
from dossier.tui.text import assemble, clean, literal, pad

INTRO = N_(
    "Prepare your city's application to the UNESCO Creative Cities Network: write each part "
    "with its guidance and word limit, fix what the checks flag, and export it to Word."
)
MENU_WIDTH = 30
"""Cells before the key in the screen's menu ("Create a new draft…   ctrl+n")."""
MAX_SHOWN = 8
"""Recent drafts listed on the screen (the open dialog, ctrl+o, lists them too)."""


def gone_message(path: Path, *, all_gone: bool = False) -> Content:
    """Says plainly that the last draft is no longer where it was, naming it and its old folder."""
    message = assemble(
        _(
            "The draft you worked on last, {name}, is no longer in {folder}: "
            "it was moved, renamed or deleted. "
        ),
        name=literal(path.name, "bold", one_line=True),
        folder=literal(str(path.parent), one_line=True),
    )
    if all_gone:
        tail = _(
            "None of your recent drafts is where it was any more: open the draft from its new "
            "place (ctrl+o), or create a new one (ctrl+n)."
        )
    else:
        tail = _("Open it from its new place (ctrl+o), or choose another draft below.")
    return message + Content(tail)


def recent_prompt(entry: RecentDraft) -> Content:
    """A recent draft as one line: its name, then its folder (greyed and marked when missing)."""
    name, folder = entry.path.name, str(entry.path.parent)
    if entry.exists:
        return Content.assemble(
            pad(_("Open"), 9),
            literal(name, "bold", one_line=True),
            "  ",
            literal(folder, "dim", one_line=True),
        )
    return Content.assemble(
        (pad(_("missing"), 9), "dim italic"),
        literal(name, "dim strike", one_line=True),
        "  ",
        literal(folder, "dim", one_line=True),
    )


class StartScreen(DossierScreen):
    """The first screen when there is no draft to reopen, or the last one is gone."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("delete", "forget", N_("Remove from list"), id="forget"),
    ]
    VERTICAL_BREAKPOINTS: list[tuple[int, str]] | None = [(0, "-short"), (30, "-tall")]  # noqa: RUF012

    def __init__(self, recents: Sequence[RecentDraft | Path] = (), *, gone: Path | None = None) -> None:
        super().__init__()
        self._recents = [r if isinstance(r, RecentDraft) else RecentDraft(Path(r), True) for r in recents]
        self._gone = gone
        """The last draft, when it is no longer where it was (said at the top of the screen)."""

    @property
    def recents(self) -> list[RecentDraft]:
        """The recent drafts listed, in order."""
        return list(self._recents[:MAX_SHOWN])

    def compose(self) -> ComposeResult:
        with Vertical(id="start", classes="-gone" if self._gone is not None else ""):
            yield Static(Content("dossier"), id="start-title")
            yield Static(Content(_(INTRO)), id="start-intro")
            if self._gone is not None:
                all_gone = not any(entry.exists for entry in self._recents)
                yield Static(gone_message(self._gone, all_gone=all_gone), id="start-gone")
            yield OptionList(*self._options(), id="start-actions")
        yield Footer(compact=True)

    def _options(self) -> list[Option | None]:
        options: list[Option | None] = [
            Option(Content(pad(_("Create a new draft…"), MENU_WIDTH) + "ctrl+n"), id="new"),
            Option(Content(pad(_("Open a draft file…"), MENU_WIDTH) + "ctrl+o"), id="open"),
        ]
        shown = self.recents
        if shown:
            options.append(None)
            options += [Option(recent_prompt(entry), id=f"recent-{i}") for i, entry in enumerate(shown)]
            if any(not entry.exists for entry in shown):
                options.append(
                    Option(Content(_("Remove the missing drafts from this list")), id="forget-missing")
                )
            options.append(None)
        options.append(Option(Content(pad(_("Quit"), MENU_WIDTH) + "ctrl+q"), id="quit"))
        return options

    def on_mount(self) -> None:
        self.query_one("#start-actions", OptionList).focus()

    async def language_changed(self, language: str) -> None:
        """Composed again in ``language``, the cursor back on the same line of the menu."""
        highlighted = self.query_one("#start-actions", OptionList).highlighted
        await self.recompose()
        actions = self.query_one("#start-actions", OptionList)
        actions.highlighted = highlighted
        actions.focus()

    def _highlighted_recent(self) -> RecentDraft | None:
        option_list = self.query_one("#start-actions", OptionList)
        if option_list.highlighted is None:
            return None
        choice = option_list.get_option_at_index(option_list.highlighted).id or ""
        if not choice.startswith("recent-"):
            return None
        return self._recents[int(choice.removeprefix("recent-"))]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "forget":
            return self._highlighted_recent() is not None
        return True

    @on(OptionList.OptionHighlighted, "#start-actions")
    def _moved(self, event: OptionList.OptionHighlighted) -> None:
        self.refresh_bindings()  # "Remove from list" only shows on a recent draft

    def _relist(self, *, keep: int | None) -> None:
        option_list = self.query_one("#start-actions", OptionList)
        option_list.set_options(self._options())
        if keep is not None and option_list.option_count:
            option_list.highlighted = min(keep, option_list.option_count - 1)
        self.refresh_bindings()

    def action_forget(self) -> None:
        """Remove the highlighted recent draft from the list (the file itself is not touched)."""
        entry = self._highlighted_recent()
        if entry is None:
            return
        recent.forget(entry.path)
        option_list = self.query_one("#start-actions", OptionList)
        keep = option_list.highlighted
        self._recents.remove(entry)
        self._relist(keep=keep)

    def _forget_missing(self) -> None:
        recent.forget_missing()
        self._recents = [entry for entry in self._recents if entry.exists]
        self._relist(keep=0)

    @on(OptionList.OptionSelected, "#start-actions")
    async def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        choice = event.option.id or ""
        app = self.app
        if choice == "new":
            app.action_new()  # type: ignore[attr-defined]
        elif choice == "open":
            app.action_open()  # type: ignore[attr-defined]
        elif choice == "quit":
            await app.action_quit()
        elif choice == "forget-missing":
            self._forget_missing()
        elif choice.startswith("recent-"):
            entry = self._recents[int(choice.removeprefix("recent-"))]
            if entry.exists:
                app.open_draft_flow(entry.path)  # type: ignore[attr-defined]
            else:
                self.notify(
                    _(
                        "{name} is no longer in {folder}: it was moved, renamed or deleted. "
                        "Press delete to remove it from the list, or ctrl+o to open it from its new place."
                    ).format(
                        name=clean(entry.path.name, one_line=True),
                        folder=clean(str(entry.path.parent), one_line=True),
                    ),
                    title=_("Draft missing"),
                    severity="warning",
                    markup=False,
                )
