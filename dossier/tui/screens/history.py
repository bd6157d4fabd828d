"""The draft's versions (f3, or "View: History…"): what each one changed against the text now,
and bringing back a part or the whole draft, undoably.

The history is read in thread workers (it waits for the disk); the diff of the chosen
version against the text in the editor is computed there too, on a copy of the draft.
A restore goes into the open session like typing: the draft becomes unsaved, the
official saves it, and that save records the version as usual. Everything shown comes
from the draft or the history, so it is built as ``Content``, never parsed as markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Protocol, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from dossier.core import form
from dossier.core.diff import REST, Chunk, FieldChange, PartDiff, diff_dossiers
from dossier.core.i18n import N_, _, interface_language
from dossier.core.model import Dossier
from dossier.core.rules import part_label
from dossier.storage.history import History, HistoryError, Version, with_part
from dossier.tui.base import DossierScreen
from dossier.tui.session import Session
from dossier.tui.text import assemble, clean, format_date, literal


class HistoryHost(Protocol):
    """What the screen asks of the app (the app imports this module, not the reverse)."""

    @property
    def can_undo_restore(self) -> bool: ...
    async def restore_draft(self, draft: Dossier, what: str) -> None: ...
    async def action_undo_restore(self) -> None: ...
    def action_set_author(self) -> None: ...


KIND_WORDS = {
    "save": N_("saved"),
    "outside": N_("changed outside dossier"),
    "restore": N_("restored"),
    "migration": N_("upgraded"),
    "import": N_("first recorded"),
}
REMOVED = "strike $text-error"
"""Text in the version and not in the editor: struck through, red (not colour alone)."""
ADDED = "underline $text-success"
"""Text in the editor and not in the version: underlined, green."""
CONTEXT = 1
"""Unchanged lines shown around each changed one."""


@dataclass(frozen=True, slots=True)
class Compared:
    """A version read from the history and what differs between it and the text in the editor."""

    version: Version
    draft: Dossier
    diffs: tuple[PartDiff, ...]


def part_name(part: str, session: Session) -> str:
    return (
        _("The draft's settings") if part == REST else part_label(part, session.profile, interface_language())
    )


def version_line(version: Version, session: Session) -> Content:
    """One version in the list: number, time, author, kind, label, parts changed."""
    local = version.time.astimezone()
    when = f"{format_date(local)} {local:%H:%M}"
    every = {*form.PART_IDS, REST} <= set(version.parts)
    parts = _("every part") if every else _(", ").join(part_name(p, session) for p in version.parts)
    kind = KIND_WORDS.get(version.kind)
    pieces: list[Content | tuple[str, str] | str] = [
        (f"{version.id:>3} ", "bold"),
        f"{when}  ",
        literal(version.author or _("(unknown)"), one_line=True),
        "  ",
        (_(kind) if kind else version.kind, "$text-muted"),
    ]
    if version.label:
        pieces += ["  “", literal(version.label, "bold $text-accent", one_line=True), "”"]
    for name in version.exported:
        pieces += ["  ", assemble(_("(exported to {name})"), name=literal(name, one_line=True))]
    # Translators: a saved version (its time, author, kind…) and the parts it changed
    return assemble(
        _("{version}: {parts}"), version=Content.assemble(*pieces), parts=literal(parts, one_line=True)
    )


def _chunk_lines(chunks: tuple[Chunk, ...]) -> list[tuple[list[tuple[str, str]], bool]]:
    """The text diff cut into lines of (text, style) pieces, each with whether it changed."""
    lines: list[tuple[list[tuple[str, str]], bool]] = []
    current: list[tuple[str, str]] = []
    changed = False
    for chunk in chunks:
        style = {"same": "", "removed": REMOVED, "added": ADDED}[chunk.op]
        pieces = chunk.text.split("\n")
        for n, piece in enumerate(pieces):
            if n:
                lines.append((current, changed))
                current, changed = [], False
            if chunk.op != "same" and n < len(pieces) - 1:
                piece += "¶"  # a line break added or removed shows
            if piece:
                current.append((clean(piece), style))
                changed = changed or chunk.op != "same"
    if current:
        lines.append((current, changed))
    return lines


def _field(change: FieldChange) -> Content:
    return Content.assemble(
        literal(change.path, "$text-muted", one_line=True),
        ": ",
        literal(change.old or _("(none)"), REMOVED if change.old else "", one_line=True),
        " → ",
        literal(change.new or _("(none)"), ADDED if change.new else "", one_line=True),
    )


def diff_content(diff: PartDiff) -> Content:
    """One part's changes: the text word by word (changed lines and one around), then table
    rows and named fields."""
    out: list[Content] = []
    lines = _chunk_lines(diff.text)
    keep = [False] * len(lines)
    for n, (_pieces, changed) in enumerate(lines):
        if changed:
            for m in range(max(0, n - CONTEXT), min(len(lines), n + CONTEXT + 1)):
                keep[m] = True
    skipped = False
    for n, (pieces, _changed) in enumerate(lines):
        if not keep[n]:
            skipped = skipped or any(text.strip() for text, _style in pieces)
            continue
        if skipped and out:
            out.append(Content.styled("…", "$text-muted"))
        skipped = False
        out.append(Content.assemble(*(Content.styled(text, style) for text, style in pieces)))
    for row in diff.rows:
        if row.kind == "added":
            out.append(assemble(_("Row only now: {row}"), row=literal(row.new, ADDED, one_line=True)))
        elif row.kind == "removed":
            gone = literal(row.old, REMOVED, one_line=True)
            out.append(assemble(_("Row only in the version: {row}"), row=gone))
        else:
            out.append(assemble(_("Row changed: {row}"), row=literal(row.new, one_line=True)))
            out += [Content.assemble("  ", _field(change)) for change in row.fields]
    out += [_field(change) for change in diff.fields]
    return Content("\n").join(out) if out else Content(_("No change in this part."))


class HistoryScreen(DossierScreen):
    """Versions newest first; the parts the highlighted one differs in; the diff of the highlighted part."""

    DEFAULT_CSS = """
    HistoryScreen { layout: vertical; }
    HistoryScreen #history-title { height: 1; padding: 0 1; background: $boost; text-style: bold; }
    HistoryScreen #history-versions { height: 8; border: none; }
    HistoryScreen #history-key { height: 1; padding: 0 1; color: $text-muted; }
    HistoryScreen #history-body { height: 1fr; }
    HistoryScreen #history-parts { width: 28; height: 1fr; border: none; }
    HistoryScreen #history-diff { width: 1fr; height: 1fr; padding: 0 1; }
    HistoryScreen OptionList { text-wrap: nowrap; text-overflow: ellipsis; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Close"), id="close"),
        Binding("r", "restore_part", N_("Restore part"), id="restore_part"),
        Binding("a", "restore_all", N_("Restore all"), id="restore_all"),
        Binding("u", "undo_restore", N_("Undo restore"), id="undo_restore"),
        Binding("l", "label", N_("Label"), id="label"),
        Binding("n", "author", N_("Your name"), id="author", show=False),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.versions: list[Version] | None = None
        """None until the history has been read."""
        self.compared: Compared | None = None
        """The highlighted version, read and compared with the text in the editor."""
        self._part: str | None = None
        self._wanted: int | None = None
        """The version last asked for (an older answer arriving late is ignored)."""

    @property
    def dossier_app(self) -> HistoryHost:
        return cast(HistoryHost, self.app)

    @property
    def version_list(self) -> OptionList:
        return self.query_one("#history-versions", OptionList)

    @property
    def part_list(self) -> OptionList:
        return self.query_one("#history-parts", OptionList)

    @property
    def diff_text(self) -> Static:
        return self.query_one("#history-diff-text", Static)

    def compose(self) -> ComposeResult:
        name = self.session.path.name
        if self.session.read_only:
            title = _("History of {name} (read-only: view only)").format(name=name)
        else:
            title = _("History of {name}").format(name=name)
        yield Static(literal(title, one_line=True), id="history-title")
        yield OptionList(id="history-versions")
        yield Static(
            assemble(
                _("Compared with now: {removed} only in that version, {added} only now"),
                removed=Content.styled(_("struck red"), REMOVED),
                added=Content.styled(_("underlined green"), ADDED),
            ),
            id="history-key",
        )
        with Horizontal(id="history-body"):
            yield OptionList(id="history-parts")
            with VerticalScroll(id="history-diff"):
                yield Static(Content(_("Reading the history…")), id="history-diff-text")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.version_list.focus()
        self.load()

    async def language_changed(self, language: str) -> None:
        """Composed again in ``language``, and the versions read again to fill it."""
        await self.recompose()
        self._wanted = None
        self.version_list.focus()
        self.load()

    # -- reading
    def load(self) -> None:
        """Read (again) the list of versions, off the UI thread."""
        self._read_versions()

    @work(thread=True, exclusive=True, group="history-list", exit_on_error=False)
    def _read_versions(self) -> None:
        try:
            with History.open(self.session.path, create=False) as history:
                versions, note = history.versions(), history.note
        except HistoryError as exc:
            versions, note = [], str(exc)
        self.app.call_from_thread(self._show_versions, versions, note)

    def _show_versions(self, versions: list[Version], note: str | None) -> None:
        if note:
            self.notify(note, title=_("Version history"), severity="warning", markup=False, timeout=10)
        chosen = self.compared.version.id if self.compared is not None else None
        self.versions = versions
        listing = self.version_list
        listing.clear_options()
        self.part_list.display = bool(versions)
        if not versions:
            self.part_list.clear_options()
            self.diff_text.update(
                literal(
                    _("No versions of {name} are recorded yet: the first save (ctrl+s) records one.").format(
                        name=self.session.path.name
                    )
                )
            )
            return
        listing.add_options([Option(version_line(v, self.session), id=str(v.id)) for v in versions])
        ids = [v.id for v in versions]
        listing.highlighted = ids.index(chosen) if chosen in ids else 0

    @on(OptionList.OptionHighlighted, "#history-versions")
    def _version_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if self.versions and event.option.id is not None:
            version = next(v for v in self.versions if str(v.id) == event.option.id)
            self.compare(version)

    def compare(self, version: Version) -> None:
        """Read ``version`` and compare it with the text in the editor now (off the UI thread)."""
        self._wanted = version.id
        self._compare(version, self.session.draft.model_copy(deep=True))

    @work(thread=True, exclusive=True, group="history-read", exit_on_error=False)
    def _compare(self, version: Version, current: Dossier) -> None:
        try:
            with History.open(self.session.path, create=False) as history:
                old = history.get(version.id)
        except HistoryError as exc:
            self.app.call_from_thread(self._show_error, str(exc))
            return
        compared = Compared(version, old, tuple(diff_dossiers(old, current)))
        self.app.call_from_thread(self._show_compared, compared)

    def _show_error(self, message: str) -> None:
        self.compared = None
        self.part_list.clear_options()
        self.diff_text.update(literal(message))

    def _show_compared(self, compared: Compared) -> None:
        if compared.version.id != self._wanted:
            return
        self.compared = compared
        parts = self.part_list
        keep = self._part
        parts.clear_options()
        if not compared.diffs:
            self._part = None
            self.diff_text.update(
                literal(
                    _("Version {number} is the same as the text in the editor now.").format(
                        number=compared.version.id
                    )
                )
            )
            return
        names = [literal(part_name(d.part, self.session), one_line=True) for d in compared.diffs]
        parts.add_options([Option(name, id=d.part) for name, d in zip(names, compared.diffs, strict=True)])
        ids = [d.part for d in compared.diffs]
        parts.highlighted = ids.index(keep) if keep in ids else 0
        self._show_part(ids[parts.highlighted or 0])

    @on(OptionList.OptionHighlighted, "#history-parts")
    def _part_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id is not None:
            self._show_part(event.option.id)

    def _show_part(self, part: str) -> None:
        self._part = part
        compared = self.compared
        diff = next((d for d in compared.diffs if d.part == part), None) if compared else None
        if diff is not None:
            self.diff_text.update(diff_content(diff))

    def text_changed(self) -> None:
        """The text in the editor was replaced (a restore, its undo): compare again."""
        if self.compared is not None:
            self.compare(self.compared.version)
        self.refresh_bindings()

    # -- actions
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("restore_part", "restore_all", "undo_restore", "label"):
            if self.session.read_only:
                return False  # view only
            if action == "undo_restore":
                return self.dossier_app.can_undo_restore
        return True

    def action_close(self) -> None:
        self.dismiss_screen()

    def dismiss_screen(self) -> None:
        if self.is_current:
            self.app.pop_screen()

    async def action_restore_part(self) -> None:
        compared, part = self.compared, self._part
        if self.session.read_only or compared is None:
            return
        if part is None:
            self.notify(_("Choose a part that differs first."), markup=False)
            return
        if part == REST:
            self.notify(
                _("The draft's settings come back only with the whole draft (a)."), markup=False, timeout=8
            )
            return
        draft = with_part(self.session.draft, compared.draft, part)
        what = _("“{part}” from version {number}").format(
            part=part_name(part, self.session), number=compared.version.id
        )
        await self.dossier_app.restore_draft(draft, what)

    async def action_restore_all(self) -> None:
        compared = self.compared
        if self.session.read_only or compared is None:
            return
        if not compared.diffs:
            self.notify(
                _("Version {number} is already the text in the editor.").format(number=compared.version.id),
                markup=False,
            )
            return
        draft = self.session.draft
        for part in form.PART_IDS:
            draft = with_part(draft, compared.draft, part)
        await self.dossier_app.restore_draft(
            draft, _("the whole draft from version {number}").format(number=compared.version.id)
        )

    async def action_undo_restore(self) -> None:
        await self.dossier_app.action_undo_restore()

    @work(exclusive=True, group="history-ask", exit_on_error=False)
    async def action_label(self) -> None:
        from dossier.tui.dialogs.text_prompt import TextDialog

        compared = self.compared
        if compared is None:
            return
        version = compared.version
        text = await self.app.push_screen_wait(
            TextDialog(
                _("Label version {number}").format(number=version.id),
                _("A name for this version, such as “sent to the vice-mayor” (empty: no label)."),
                version.label or "",
            )
        )
        if text is not None:
            self._write_label(version.id, text)

    @work(thread=True, exclusive=True, group="history-write", exit_on_error=False)
    def _write_label(self, version_id: int, text: str) -> None:
        try:
            with History.open(self.session.path) as history:
                history.label(version_id, text)
        except HistoryError as exc:
            self.app.call_from_thread(
                self.notify, str(exc), title=_("Not labelled"), severity="error", markup=False
            )
            return
        self.app.call_from_thread(self.load)

    def action_author(self) -> None:
        self.dossier_app.action_set_author()
