"""Choose a file (open, save as, export): recent drafts, a folder tree, and a path to type or paste.

Keyboard first: tab moves between the recent drafts, the folder tree and the path
field; enter on a recent draft or on a file in the tree takes it; backspace in the tree
goes up a folder and ~ to the home folder; escape cancels. Every name on screen goes
through :func:`literal` (a file may be called ``[bold]x.dossier.json``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import ClassVar, Literal

from rich.text import Text, TextType
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.suggester import Suggester
from textual.widgets import Button, DirectoryTree, Input, OptionList, Static
from textual.widgets.directory_tree import DirEntry
from textual.widgets.option_list import Option

from dossier.core.i18n import N_, _
from dossier.storage.names import NAME_MAX, name_bytes, name_too_long
from dossier.tui.base import DossierModal
from dossier.tui.inputs import FieldInput
from dossier.tui.text import assemble, clean, literal, strip_controls

Mode = Literal["open", "save", "export"]

MAX_ENTRIES = 1000
"""Entries of one folder shown in the tree; more would make the screen slow to draw."""


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, ValueError):  # no permission to look, a name too long, a NUL
        return False


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


class PathSuggester(Suggester):
    """Completes the last part of a path from the folder's entries (drafts and folders first)."""

    def __init__(self, suffix: str = "") -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self._suffix = suffix

    async def get_suggestion(self, value: str) -> str | None:
        if not value:
            return None
        expanded = os.path.expanduser(value)
        folder, _, stem = expanded.rpartition(os.sep)
        base = Path(folder or ".") if folder or not expanded.startswith(os.sep) else Path(os.sep)
        try:
            names = sorted(os.listdir(base))
        except (OSError, ValueError):
            return None
        matches = [n for n in names if n.startswith(stem) and n != stem and not n.startswith(".")]
        if not matches:
            return None
        matches.sort(key=lambda n: (not (n.endswith(self._suffix) or _is_dir(base / n)), n))
        best = matches[0] + (os.sep if _is_dir(base / matches[0]) else "")
        return value[: len(value) - len(stem)] + best


def check_path(text: str, mode: Mode) -> tuple[Path | None, str]:
    """The chosen path, or None and a plain reason (never an exception: any name may be typed)."""
    text = text.strip()
    if not text:
        return None, _("Type a file path.")
    path = Path(os.path.expanduser(text))
    if not path.is_absolute():
        path = Path.cwd() / path
    if name_too_long(path.name):
        return None, _(
            "The file name is too long for this system ({bytes} bytes, at most {limit}); "
            "choose a shorter name."
        ).format(bytes=name_bytes(path.name), limit=NAME_MAX)
    if _is_dir(path):
        return None, _("{path} is a folder; add a file name.").format(path=path)
    if mode == "open":
        if not _is_file(path):
            if _exists(path):
                return None, _("{path} is not a draft file.").format(path=path)
            return None, _("There is no file {path}.").format(path=path)
        return path, ""
    if not _is_dir(path.parent):
        return None, _("The folder {folder} does not exist.").format(folder=path.parent)
    return path, ""


def start_folder(*candidates: Path | None) -> Path:
    """The first of ``candidates`` that is a folder, else the current folder, else the home folder."""
    for candidate in candidates:
        if candidate is not None and _is_dir(candidate):
            return candidate
    try:
        cwd = Path.cwd()
    except OSError:  # the folder dossier was started in has been deleted
        cwd = None
    if cwd is not None and _is_dir(cwd):
        return cwd
    return Path(os.path.expanduser("~"))


class DraftTree(DirectoryTree):
    """Folders and the files a dialog can take (``*.dossier.json`` or ``*.docx``); hidden ones hidden.

    Textual lists a folder in a thread worker and passes its entries through
    :meth:`filter_paths` in that thread, so the checks here (one ``stat`` per entry) never
    block the screen; at most :data:`MAX_ENTRIES` are kept so a huge folder does not
    make the tree slow to draw. Folders that cannot be read show nothing (Textual catches
    the error); the dialog says why.
    """

    ICON_NODE = "▸ "
    ICON_NODE_EXPANDED = "▾ "
    ICON_FILE = "  "
    """Not Textual's emoji: they are two cells wide in some terminals and one in others (tmux)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("backspace", "parent", N_("Parent folder"), show=False),
        Binding("tilde", "home", N_("Home folder"), show=False),
    ]

    class Truncated(Message):
        """A folder had more entries than are shown."""

        def __init__(self, folder: Path, hidden: int) -> None:
            super().__init__()
            self.folder = folder
            self.hidden = hidden

    class Moved(Message):
        """The tree now shows another folder."""

        def __init__(self, folder: Path) -> None:
            super().__init__()
            self.folder = folder

    def __init__(
        self, folder: Path, *, suffix: str, id: str | None = None, suffixes: tuple[str, ...] = ()
    ) -> None:
        super().__init__(folder, id=id)
        self._suffix = suffix
        self._suffixes = tuple(s.casefold() for s in suffixes)
        """When given, the files shown (any case: ``PHOTO.JPG``) instead of ``suffix``."""
        self.show_root = False

    def _takes(self, name: str) -> bool:
        if self._suffixes:
            return name.casefold().endswith(self._suffixes)
        return name.endswith(self._suffix)

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        """Only folders and files ending in the suffix, none hidden, at most :data:`MAX_ENTRIES`."""
        files: list[Path] = []
        folders: list[Path] = []
        hidden = 0
        for path in paths:
            name = path.name
            if name.startswith("."):
                continue
            if self._takes(name) and _is_file(path):  # not a FIFO, a device or a broken link
                target = files
            elif _is_dir(path):
                target = folders
            else:
                continue
            if len(files) + len(folders) < MAX_ENTRIES:
                target.append(path)
            elif target is files and folders:  # drafts matter more than folders
                folders.pop()
                files.append(path)
                hidden += 1
            else:
                hidden += 1
        kept = files + folders
        if hidden and kept:
            self.post_message(self.Truncated(kept[0].parent, hidden))  # thread-safe
        return kept

    def process_label(self, label: TextType) -> Text:
        """File names as they are, never markup, control characters shown as symbols."""
        plain = label if isinstance(label, str) else label.plain
        return Text(clean(plain, one_line=True))

    def on_tree_node_expanded(self, event: DirectoryTree.NodeExpanded[DirEntry]) -> None:
        """Once a folder is listed, the cursor is on its first entry, so enter works at once."""
        if self.cursor_line < 0 and self.root.children:
            self.cursor_line = 0

    @property
    def folder(self) -> Path:
        """The folder the tree shows."""
        return Path(self.path)

    def go_to(self, folder: Path) -> None:
        """Show ``folder`` (the caller checked that it is one)."""
        self.path = folder
        self.post_message(self.Moved(folder))

    def action_parent(self) -> None:
        parent = self.folder.expanduser().absolute().parent
        if parent != self.folder:
            self.go_to(parent)

    def action_home(self) -> None:
        self.go_to(Path(os.path.expanduser("~")))


def _folder_problem(folder: Path) -> str | None:
    """Why ``folder`` cannot be listed, in plain words, or None when it can."""
    try:
        with os.scandir(folder) as entries:
            next(entries, None)
    except PermissionError:
        return _("You are not allowed to open the folder {folder}.").format(folder=folder)
    except FileNotFoundError:
        return _("The folder {folder} no longer exists.").format(folder=folder)
    except (OSError, ValueError) as exc:
        return _("The folder {folder} cannot be read ({error}).").format(
            folder=folder, error=exc.__class__.__name__
        )
    return None


class PathDialog(DossierModal[Path | None]):
    """Dismisses with the chosen path (checked for the mode) or None."""

    DEFAULT_CSS = """
    PathDialog { align: center middle; }
    PathDialog > #dialog {
        width: 90; max-width: 100%; height: 100%; max-height: 40;
        border: thick $primary 80%; background: $surface; padding: 0 1;
    }
    PathDialog #path-title { text-style: bold; }
    PathDialog #path-recent { height: auto; max-height: 7; margin-top: 1; }
    PathDialog #path-tree { height: 1fr; min-height: 3; margin-top: 1; border: round $primary 50%; }
    PathDialog #path-tree:focus { border: round $primary; }
    PathDialog #path-input { margin-top: 1; }
    PathDialog #path-error { color: $text-error; height: auto; }
    PathDialog #path-buttons { height: auto; align-horizontal: right; }
    PathDialog #path-buttons Button { margin-left: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [("escape", "cancel", N_("Cancel"))]

    def __init__(
        self,
        title: str,
        initial: Path | str = "",
        *,
        mode: Mode = "open",
        recent: Sequence[Path] = (),
        suffix: str = ".dossier.json",
        action: str | None = None,
        folder: Path | None = None,
        suffixes: tuple[str, ...] = (),
        recent_title: str | None = None,
    ) -> None:
        super().__init__()
        self._suffixes = suffixes
        self._title = title
        self._initial = str(initial)
        self._mode: Mode = mode
        self._recent = list(recent)
        self._recent_title = recent_title or _("Recent drafts")
        """What the short list above the folder holds, translated by the caller."""
        self._suffix = suffix
        self._action = action or _("OK")
        """The OK button's word, translated by the caller ("Open", "Export")."""
        initial_parent = Path(os.path.expanduser(self._initial)).parent if self._initial else None
        self._folder = start_folder(folder, initial_parent)
        self._done = False

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(literal(self._title), id="path-title")
            if self._recent:
                recent = OptionList(
                    *(Option(self._recent_prompt(p), id=str(i)) for i, p in enumerate(self._recent)),
                    id="path-recent",
                )
                recent.border_title = Content(self._recent_title)
                yield recent
            tree = DraftTree(self._folder, suffix=self._suffix, id="path-tree", suffixes=self._suffixes)
            tree.border_subtitle = Content(_("backspace: parent folder · ~: home folder"))
            self._title_tree(tree, self._folder)
            yield tree
            field = FieldInput(
                self._initial,
                id="path-input",
                compact=False,
                suggester=PathSuggester(self._suffix),
                placeholder=_("or type or paste a path, e.g. {example}").format(
                    example=f"~/dossiers/city{self._suffix}"
                ),
            )
            field.border_title = Content(_("Path of the file"))
            yield field
            yield Static("", id="path-error")
            with Horizontal(id="path-buttons"):
                yield Button(
                    Content(_("{answer} (enter)").format(answer=self._action)),
                    id="path-ok",
                    variant="primary",
                    compact=True,
                )
                yield Button(Content(_("Cancel (esc)")), id="path-cancel", compact=True)

    @staticmethod
    def _recent_prompt(path: Path) -> Content:
        return Content.assemble(
            literal(path.name, "bold", one_line=True), "  ", literal(str(path.parent), "dim", one_line=True)
        )

    @staticmethod
    def _title_tree(tree: DraftTree, folder: Path) -> None:
        tree.border_title = assemble(_("Folder {folder}"), folder=literal(str(folder), one_line=True))

    def on_mount(self) -> None:
        field = self.query_one("#path-input", FieldInput)
        field.cursor_position = len(field.value)
        if self._mode == "open":
            # choosing comes first when opening; typing a path is one tab (or a paste) away
            self.query_one("#path-recent" if self._recent else "#path-tree").focus()
        else:
            field.focus()
        self._probe(self._folder)

    # ------------------------------------------------------------------ choosing
    def _say(self, message: str) -> None:
        self.query_one("#path-error", Static).update(literal(message))

    def _submit(self, text: str) -> None:
        if self._done:
            return
        path, problem = check_path(text, self._mode)
        if path is None:
            folder = Path(os.path.expanduser(text.strip())) if text.strip() else None
            if folder is not None and _is_dir(folder):  # a folder typed: show it in the tree
                tree = self.query_one("#path-tree", DraftTree)
                tree.go_to(folder.absolute())
                tree.focus()
                self._say(
                    _("Showing {folder} below: choose a file there, or add a file name.").format(
                        folder=folder.absolute()
                    )
                )
                return
            self._say(problem)
            return
        if self._mode == "export" and path.suffix and path.suffix.casefold() != self._suffix:
            self._say(
                _("A Word document's name ends in {suffix}; {name} does not.").format(
                    suffix=self._suffix, name=path.name
                )
            )
            return
        self._done = True
        self.dismiss(path)

    @on(Input.Submitted, "#path-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit(event.value)

    @on(Button.Pressed, "#path-ok")
    def _ok(self, event: Button.Pressed) -> None:
        event.stop()
        self._submit(self.query_one("#path-input", FieldInput).value)

    @on(Button.Pressed, "#path-cancel")
    def _cancel(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()

    @on(OptionList.OptionSelected, "#path-recent")
    def _recent_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self._submit(str(self._recent[int(event.option.id)]))

    @on(DirectoryTree.FileSelected, "#path-tree")
    def _file_chosen(self, event: DirectoryTree.FileSelected) -> None:
        event.stop()
        if self._mode == "open":
            self._submit(str(event.path))
            return
        field = self.query_one("#path-input", FieldInput)  # save or export: confirm in the field
        field.value = str(event.path)
        field.cursor_position = len(field.value)
        field.focus()

    @on(DirectoryTree.DirectorySelected, "#path-tree")
    def _folder_chosen(self, event: DirectoryTree.DirectorySelected) -> None:
        event.stop()
        self._probe(event.path)
        if self._mode != "open":  # the file goes in the folder chosen, under the name typed
            field = self.query_one("#path-input", FieldInput)
            name = Path(os.path.expanduser(field.value)).name if field.value.strip() else ""
            field.value = str(event.path / name) if name else f"{event.path}{os.sep}"
            field.cursor_position = len(field.value)

    @on(DraftTree.Moved)
    def _tree_moved(self, event: DraftTree.Moved) -> None:
        event.stop()
        self._title_tree(self.query_one("#path-tree", DraftTree), event.folder)
        self._probe(event.folder)

    @on(DraftTree.Truncated)
    def _tree_truncated(self, event: DraftTree.Truncated) -> None:
        event.stop()
        self._say(
            _("{folder} holds {count} more entries than are listed; type a path to reach them.").format(
                folder=event.folder, count=event.hidden
            )
        )

    @work(thread=True, exclusive=True, group="path-probe", exit_on_error=False)
    def _probe(self, folder: Path) -> None:
        """Say why a folder shows nothing when it cannot be read (checked in a thread: it may be slow)."""
        problem = _folder_problem(folder)
        if problem is not None:
            self.app.call_from_thread(self._say, problem)

    def on_key(self, event: events.Key) -> None:
        """A character typed while the list or the tree has the focus starts a path: it goes
        to the end of the path field (which holds the tree's folder), not nowhere, so a name
        typed and then enter opens that name, not the file under the tree's cursor."""
        field = self.query_one("#path-input", FieldInput)
        if not self.is_active or self.focused is field or not event.is_printable or not event.character:
            return
        if event.key in self.active_bindings:  # "~" (home) and space are the tree's own keys
            return
        event.stop()
        event.prevent_default()
        field.focus()
        field.cursor_position = len(field.value)
        field.insert_text_at_cursor(strip_controls(event.character))

    def on_paste(self, event: events.Paste) -> None:
        """A path pasted while the list or the tree has the focus replaces the path field's text."""
        field = self.query_one("#path-input", FieldInput)
        if self.focused is field:
            return
        event.stop()
        lines = strip_controls(event.text).strip().splitlines()
        if lines:
            field.value = lines[0].strip()
            field.cursor_position = len(field.value)
        field.focus()

    def action_cancel(self) -> None:
        if not self._done:
            self._done = True
            self.dismiss(None)
