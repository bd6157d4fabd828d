"""The application: owns the open draft's file (open, save, export, recovery, lock) and the global keys.

Screens show the draft; this class decides what happens to the file. Every file
operation runs in a thread worker with an immutable snapshot of the draft and never
touches widgets from the thread; its outcome is a notification or a dialog in plain
words, and the text on screen is never lost when it fails.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import sys
from collections.abc import Awaitable, Callable, Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeGuard

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.driver import Driver
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.worker import Worker, WorkerFailed, WorkerState

from dossier.core import i18n
from dossier.core.i18n import N_, _
from dossier.storage import recent
from dossier.storage.names import DRAFT_SUFFIX, same_file
from dossier.storage.raw import RawDraft, read_json
from dossier.tui import milestone
from dossier.tui.debounce import Debouncer
from dossier.tui.keys_in_flight import KeysArrived, KeysInFlight

# Imported when first needed, not at start-up: pydantic, the model and the rules, the
# editor's screen and everything under it take longer to import than the first frame
# takes to draw; the first frame (OpeningScreen) needs none of them.
if TYPE_CHECKING:
    from dossier.core.model import Dossier
    from dossier.core.profiles import Profile
    from dossier.core.rules import Report
    from dossier.storage.drafts import LoadedDraft
    from dossier.storage.open_draft import RecoveryJob, SaveJob, Written
    from dossier.tui.screens.main import MainScreen
    from dossier.tui.session import Session

if TYPE_CHECKING:
    from textual.command import Provider

    from dossier.export import ExportResult
    from dossier.export.reviewed import Reviewed
    from dossier.tui.dialogs.path_prompt import PathDialog


def _is_main_screen(screen: object) -> TypeGuard[MainScreen]:
    """Whether ``screen`` is the draft's main screen, without importing that screen's module
    before a draft is open (no screen can be one before it is imported). The startup worker
    may be importing the module in its thread right now: a half-imported module has no class
    yet, and then no screen is one."""
    cls = getattr(sys.modules.get("dossier.tui.screens.main"), "MainScreen", None)
    return cls is not None and isinstance(screen, cls)


def _in_part_pane(widget: Widget) -> bool:
    """Whether ``widget`` sits in a part's pane (the editor of a part), by the same rule."""
    cls = getattr(sys.modules.get("dossier.tui.widgets.pane"), "PartPane", None)
    return cls is not None and any(isinstance(node, cls) for node in widget.ancestors)


def _path_dialog(*args: Any, **kwargs: Any) -> PathDialog:
    """The file dialog, imported on first use: its directory tree is not needed to start."""
    from dossier.tui.dialogs.path_prompt import PathDialog

    return PathDialog(*args, **kwargs)


VALIDATE_DELAY = 0.4
"""Seconds after the last keystroke before the full check runs."""
FIRST_CHECK_DELAY = 0.15
"""Seconds after a draft is shown before its first full check (the screen comes first)."""
HOLD_KEYS_AT_MOST = 3.0
"""Seconds after a draft is shown before keys typed while it opened are sent on in any case."""
AUTOSAVE_DELAY = 2.5
"""Seconds after the last keystroke before the recovery copy is written."""
AUTOSAVE_MAX_WAIT = 30.0
"""While typing never pauses, still write the recovery copy this often."""


def starting_language(prefs: Mapping[str, Any], environ: Mapping[str, str] | None = None) -> str:
    """The interface language to start in: the rule every command follows
    (:func:`dossier.core.i18n.language_from_settings`)."""
    return i18n.language_from_settings(prefs, environ)


def next_language(language: str) -> str:
    """The language ctrl+l switches to: English → French → Chinese → English."""
    languages = i18n.INTERFACE_LANGUAGES
    return languages[(languages.index(language) + 1) % len(languages)] if language in languages else "en"


TEXTUAL_COMMANDS = (
    (N_("Theme"), N_("Change the current theme")),
    (N_("Quit"), N_("Quit the application as soon as possible")),
    (N_("Keys"), N_("Hide the keys and widget help panel")),
    (N_("Keys"), N_("Show help for the focused widget and a summary of available keys")),
    (N_("Minimize"), N_("Minimize the widget and restore to normal size")),
    (N_("Maximize"), N_("Maximize the focused widget")),
    (N_("Screenshot"), N_("Save an SVG 'screenshot' of the current screen")),
)
"""Textual's own palette commands, in its English words: marked here so the catalogue has them."""


def _dossier_commands() -> type[Provider]:
    """The palette provider, imported when the palette first opens (as Textual does for its own)."""
    from dossier.tui.commands import DossierCommands

    return DossierCommands


class DossierApp(App[int]):
    """The dossier editor."""

    TITLE = "dossier"
    CSS_PATH = "dossier.tcss"
    COMMANDS = App.COMMANDS | {_dossier_commands}
    NOTIFICATION_TIMEOUT = 6

    ui_language: reactive[str] = reactive("en", init=False)
    """The interface language ("en", "fr" or "zh"): every screen, the footer and the messages follow it."""
    guidance_shown: reactive[bool] = reactive(True, init=False)
    """Whether the call's guidance shows above each part's editor."""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", N_("Save"), priority=True, id="save"),
        Binding("ctrl+e", "export", N_("Export"), priority=True, id="export"),
        Binding("ctrl+o", "open", N_("Open"), priority=True, id="open", show=False),
        Binding("ctrl+n", "new", N_("New"), priority=True, id="new", show=False),
        Binding("f2", "overview", N_("Overview"), priority=True, id="overview"),
        Binding("f3", "history", N_("History"), priority=True, id="history", show=False),
        Binding("f4", "import_reviewed", N_("Import Word"), priority=True, id="import_reviewed", show=False),
        Binding("ctrl+l", "next_language", N_("Language"), priority=True, id="next_language", show=False),
        Binding("f1", "help", N_("Help"), priority=True, id="help"),
        Binding("ctrl+q", "quit", N_("Quit"), priority=True, id="quit"),
    ]

    def __init__(
        self,
        path: Path | None = None,
        *,
        now: datetime | None = None,
        cursor_blink: bool = True,
        reopen_recent: bool = True,
    ) -> None:
        super().__init__()
        self.cursor_blink = cursor_blink
        """Tests and snapshots turn the blink off so screens are deterministic."""
        fixed = now
        self.clock: Callable[[], datetime] = (
            (lambda: fixed) if fixed is not None else (lambda: datetime.now(UTC))
        )
        self._opening: RawDraft | None = None
        """The draft file given to open, read and parsed, until it has been validated."""
        if path is not None:
            self._opening = read_json(Path(path))  # a missing file or broken JSON raises here
            milestone("read")
        self.fatal: str | None = None
        """Why the app stopped without opening the draft it was given (a draft pydantic refused)."""
        self._reopen_recent = reopen_recent
        self.session: Session | None = None
        prefs = recent.preferences()
        language = i18n.set_interface_language(starting_language(prefs))
        self.set_reactive(DossierApp.ui_language, language)
        self.set_reactive(DossierApp.guidance_shown, bool(prefs.get("guidance_shown", True)))
        self._checker = Debouncer(self, VALIDATE_DELAY, self.run_check)
        self._autosaver = Debouncer(self, AUTOSAVE_DELAY, self.run_autosave, max_wait=AUTOSAVE_MAX_WAIT)
        self._saving = False
        self._held_keys: list[events.Key] | None = []
        self._keys_in_flight = KeysInFlight()
        """Where keys went: what acts on the whole draft waits until they have reached it."""
        """Keys typed while a draft opens, before its editor has the cursor (None: not holding)."""
        self._recovery_problem: str | None = None
        self._undo_restore: tuple[Session, Dossier, str] | None = None
        """After a restore from the history: the session, its draft before it, and what was restored."""
        self.handle_signals = False
        """Set by :func:`dossier.tui.run`: write the recovery copy on SIGHUP/SIGTERM."""

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's own palette commands (theme, quit, keys, screenshot) in the interface language."""
        for command in super().get_system_commands(screen):
            yield command._replace(title=_(command.title), help=_(command.help))

    def get_driver_class(self) -> type[Driver]:
        """On posix terminals, Textual's driver with a key reader that keeps a pasted ESC inside
        the paste (see :mod:`dossier.tui.terminal_input`); elsewhere Textual's own choice."""
        if sys.platform == "win32" or os.environ.get("TEXTUAL_DRIVER"):
            return super().get_driver_class()
        from dossier.tui.terminal_input import PasteSafeDriver

        return PasteSafeDriver

    # ------------------------------------------------------------------ accessors
    @property
    def main_screen(self) -> MainScreen | None:
        for screen in reversed(self.screen_stack):
            if _is_main_screen(screen):
                return screen
        return None

    def now(self) -> datetime:
        return self.clock()

    # ------------------------------------------------------------------ start-up
    async def on_mount(self) -> None:
        if self.handle_signals:
            self._install_signal_handlers()
        if self._opening is not None:
            from dossier.tui.screens.opening import OpeningScreen

            # mounted before the draft's screen can replace it (a switch during the push hangs)
            await self._set_base(OpeningScreen(self._opening, recent.last_place(self._opening.path)))
            self.call_after_refresh(self._first_painted, self._opening)
            return
        last = recent.last_draft() if self._reopen_recent else None
        if last is not None and last.exists:
            self.open_draft_flow(last.path, from_recent=True)
        else:
            # the last draft was renamed, moved or deleted: say so on the start screen,
            # never open the next one in the list as if it were the same
            self.call_later(self._show_start, last.path if last is not None else None)

    async def _show_start(self, gone: Path | None = None) -> None:
        from dossier.tui.screens.start import StartScreen

        self._held_keys = None  # no editor is coming: letters typed meanwhile have nowhere to go
        await self._set_base(StartScreen(recent.recent_entries(), gone=gone))

    @property
    def validating(self) -> bool:
        """True while the draft given at start is being validated (shown, not yet editable)."""
        return self._opening is not None

    def _first_painted(self, read: RawDraft) -> None:
        """The opening screen is on the terminal: only now start validating, so the worker's
        imports (pydantic, the rules, the editor's screen) do not compete with the first frame
        for the interpreter."""
        milestone("first_paint")
        if self._opening is read:
            self._validate_worker(read)

    @work(thread=True, exclusive=True, group="validate", exit_on_error=False)
    def _validate_worker(self, read: RawDraft) -> None:
        """Validate the draft shown by the opening screen, off the UI thread, after the first frame.

        Also imports what the draft's screen needs, here rather than on the UI thread.
        """
        from dossier.core.profiles import ProfileError
        from dossier.storage.drafts import DraftError
        from dossier.tui.screens import main  # noqa: F401  # imported here, off the UI thread
        from dossier.workspace import validate_opened

        try:
            loaded, profile = validate_opened(read)
        except (DraftError, ProfileError) as exc:
            self.call_from_thread(self._not_a_draft, str(exc))
            return
        milestone("validated")
        self.call_from_thread(self._validated, loaded, profile)  # type: ignore[arg-type]  # Textual types it Awaitable[Never]

    async def _validated(self, loaded: LoadedDraft, profile: Profile) -> None:
        """The draft passed validation: open it for editing (the opening screen gives way)."""
        self._opening = None
        from dossier.tui.screens.opening import OpeningScreen

        if isinstance(self.screen, OpeningScreen):
            await self.pop_screen()  # a switch from it to the draft's screen never mounted the latter
        if not self._open_at_once(loaded, profile):
            self.open_draft_flow(loaded.path, preloaded=(loaded, profile))

    def _not_a_draft(self, message: str) -> None:
        """The file given at start is JSON but not a valid draft: stop, as the command line did
        when it read the draft before starting (``dossier.tui.run`` prints ``fatal``)."""
        self._opening = None
        self.fatal = message
        self.exit(1)

    # ------------------------------------------------------------------ keys typed while opening
    HELD_KEYS = frozenset({"enter", "backspace"})

    async def on_event(self, event: events.Event) -> None:
        """Hold the typing that arrives while a draft opens, and give it to the editor once it has the cursor.

        Between the start (or the answer to the recovery or lock question) and the moment the
        editor has the focus, the keys reach a screen with nothing to type into, which drops
        them: the first words typed while a large draft loads were lost. Dialogs still get
        their keys; only text (and enter, backspace) is held, in order.
        """
        held = self._held_keys
        if (
            held is not None
            and isinstance(event, events.Key)
            and not event.is_forwarded
            and (event.is_printable or event.key in self.HELD_KEYS)
            and not isinstance(self.screen, ModalScreen)
            and (held or self.screen.focused is None or not _is_main_screen(self.screen))
        ):
            held.append(event)
            return
        if isinstance(event, events.Key) and not event.is_forwarded and self.focused is not None:
            self._keys_in_flight.sent_to(self.focused)
        await super().on_event(event)

    @on(KeysArrived)
    def _keys_arrived(self, message: KeysArrived) -> None:
        message.done.set()

    @on(events.DescendantFocus)
    def _editor_focused(self, event: events.DescendantFocus) -> None:
        """The opened draft's editor has the cursor: type what was held into it, in order."""
        if self._held_keys is None or not event.widget.is_attached:
            return  # the opening screen's editor, focused as that screen gave way
        if not _is_main_screen(event.widget.screen):
            return
        if not _in_part_pane(event.widget):
            return  # the sidebar, focused first by the screen; the editor comes next
        self._release_held_keys()

    def _release_held_keys(self) -> None:
        """Stop holding keys and send the held ones, in order, to what has the focus now."""
        held, self._held_keys = self._held_keys, None
        for key in held or ():
            self.post_message(events.Key(key.key, key.character))

    def _set_base(self, screen: Screen[Any]) -> Awaitable[Any]:
        """Make ``screen`` the one screen above the default one (dialogs are closed first).

        Await it to wait until the screen is mounted; the draft's screen is not awaited, so
        that it shows before the first frame.
        """
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if len(self.screen_stack) == 2:
            return self.switch_screen(screen)
        return self.push_screen(screen)

    def _install_signal_handlers(self) -> None:
        """A closed SSH session (SIGHUP) or a shutdown (SIGTERM) still leaves the typing on disk."""
        if sys.platform == "win32":
            return

        def handler(signum: int, frame: object) -> None:
            self.shutdown_session()
            self.exit(128 + signum)

        for signum in (signal.SIGHUP, signal.SIGTERM):
            with contextlib.suppress(ValueError, OSError):
                signal.signal(signum, handler)

    # ------------------------------------------------------------------ opening
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.validating and action in ("save", "export", "save_as", "bundle"):
            return True  # refused in words (see _refuse_while_validating), not in silence
        return self.session is not None or action not in (
            "save",
            "export",
            "bundle",
            "overview",
            "save_as",
            "history",
        )

    def _refuse_while_validating(self) -> bool:
        """While the draft is still being validated, nothing may save or export it: say so."""
        if not self.validating:
            return False
        self.notify(
            _("The draft is still being checked; nothing has been saved or exported. Try again in a moment."),
            title=_("Still opening"),
            severity="warning",
            markup=False,
        )
        return True

    def action_open(self) -> None:
        self._ask_open()

    @work(exclusive=True, group="ask", exit_on_error=False)
    async def _ask_open(self) -> None:
        current = self.session.path if self.session else None
        others = [p for p in recent.recent_drafts() if current is None or not same_file(p, current)]
        path = await self.push_screen_wait(
            _path_dialog(
                _("Open a draft"),
                f"{current.parent}{os.sep}" if current is not None else "",
                mode="open",
                recent=others[:6],
                action=_("Open"),
                folder=current.parent if current is not None else None,
            )
        )
        if path is not None:
            self.open_draft_flow(path)

    @work(exclusive=True, group="open", exit_on_error=False)
    async def open_draft_flow(
        self,
        path: Path,
        *,
        preloaded: tuple[LoadedDraft, Profile] | None = None,
        from_recent: bool = False,
    ) -> None:
        """Open a draft: leave the current one safely, read, lock, offer recovery, show it."""
        from dossier.core.profiles import ProfileError
        from dossier.storage.drafts import DraftError
        from dossier.tui.session import Session
        from dossier.workspace import open_draft

        path = Path(path)
        current = self.session
        if current is not None and same_file(current.path, path):
            self.notify(_("This draft is already open."), markup=False)
            return
        discard_current = await self._may_leave(doing="open")
        if discard_current is None:
            return
        try:
            loaded, profile = preloaded or open_draft(path, allow_newer=True)
        except (DraftError, ProfileError) as exc:
            self.notify(
                str(exc), title=_("Cannot open the draft"), severity="error", markup=False, timeout=12
            )
            if from_recent:
                recent.forget(path)
            if self.session is None:
                await self._show_start()
            return
        session = Session(loaded, profile, clock=self.clock)
        if not session.read_only and not await self._take_lock(session):
            if self.session is None:
                await self._show_start()
            return
        if not session.read_only:
            await self._offer_recovery(session)
        self._close_session(discard=discard_current)
        self._install(session)

    @on(Worker.StateChanged)
    async def _open_failed(self, event: Worker.StateChanged) -> None:
        """An unexpected error while opening a draft: say so, and never leave a blank screen."""
        worker = event.worker
        if worker.group != "open" or event.state != WorkerState.ERROR:
            return
        error = worker.error
        self.notify(
            _("The draft could not be opened ({error}).").format(error=f"{type(error).__name__}: {error}"),
            title=_("Cannot open the draft"),
            severity="error",
            markup=False,
            timeout=15,
        )
        if self.session is None:
            await self._show_start()

    def _open_at_once(self, loaded: LoadedDraft, profile: Profile) -> bool:
        """Show a draft before the first frame when nothing needs asking (the common case).

        False (and nothing done) when a lock or a recovery copy needs a dialog, or a note
        must be shown: :meth:`open_draft_flow` then takes over.
        """
        from dossier.tui.session import Session

        session = Session(loaded, profile, clock=self.clock)
        if session.read_only or session.file.notes or session.file.has_recovery():
            return False
        if session.file.lock() is not None:  # held elsewhere, or unprotected: the flow says so
            session.file.close()
            return False
        self._install(session)
        return True

    def _install(self, session: Session) -> None:
        """Make ``session`` the open draft and show it (no dialog may be needed any more)."""
        from dossier.tui.screens.main import MainScreen

        self.session = session
        if self._held_keys is None:
            self._held_keys = []  # until the new editor has the cursor
        recent.remember(session.path)
        screen = MainScreen(
            session,
            language=self.ui_language,
            guidance=self.guidance_shown,
            on_edit=self.draft_edited,
            place=recent.last_place(session.path),
        )
        self._set_base(screen)
        for note in session.file.notes:
            self.notify(note, title=_("Note"), markup=False, timeout=10)
        if session.read_only:
            self.notify(
                _("Opened read-only: {reason}.").format(reason=session.read_only_reason),
                title=_("Read-only"),
                severity="warning",
                markup=False,
            )
        self.refresh_bindings()
        # a safety net: should the editor never take the focus, held keys still go somewhere
        self.set_timer(HOLD_KEYS_AT_MOST, self._release_held_keys)
        # the first check imports the e-mail and URL validators: let the screen appear first
        self.set_timer(FIRST_CHECK_DELAY, self.run_check)
        # what start-up built lives as long as the app: keep it out of every later full
        # garbage collection, which would otherwise stall a keystroke now and then
        self.call_after_refresh(gc.freeze)

    async def _take_lock(self, session: Session) -> bool:
        """Lock the draft, asking when another window holds it; False when the official cancels."""
        from dossier.storage import lock as locks
        from dossier.storage.open_draft import LOCK_STUCK, OPEN_ELSEWHERE
        from dossier.tui.dialogs.lock_warning import LockDialog

        result = session.file.lock()
        if isinstance(result, locks.Holder):
            answer = await self.push_screen_wait(LockDialog(result))
            if answer == "take_over":
                kept = session.file.take_over(result)
                if kept is not None and kept.problem:
                    self.notify(
                        _(
                            "The lock file {file} is {problem} and cannot be replaced; "
                            "the draft is open read-only. Move that file away to edit the draft."
                        ).format(file=kept.lock_file, problem=kept.problem),
                        severity="warning",
                        markup=False,
                        timeout=15,
                    )
                elif kept is not None:
                    self.notify(
                        _("Another window took the draft at the same moment; it is open read-only here."),
                        severity="warning",
                        markup=False,
                    )
            elif answer == "read_only":
                session.file.open_read_only(LOCK_STUCK if result.problem else OPEN_ELSEWHERE)
            else:
                return False
        elif result is not None:
            self.notify(result, severity="warning", markup=False)
        return True

    async def _offer_recovery(self, session: Session) -> None:
        """Offer back every window's recovery copy newer than the draft, newest first (two
        windows editing one draft each keep one); set aside those not taken or not offered."""
        from dossier.storage.recovery import compare
        from dossier.tui.dialogs.recovery import RecoveryDialog

        offers = session.file.recovery_offers()
        if not offers:
            aside = session.file.retire_recovery(self.now())
            if aside is not None:
                self.notify(
                    _("An older recovery copy that differs from the draft was kept as {path}.").format(
                        path=aside
                    ),
                    title=_("Recovery copy"),
                    severity="warning",
                    markup=False,
                    timeout=15,
                )
            return
        recovered = False
        for copy, offered, stamp in offers:
            if recovered:  # one is taken: the others stay on disk, out of autosave's way
                aside = session.file.retire_recovery(self.now(), copy)
                if aside is not None:
                    self.notify(
                        _("Another recovery copy was kept as {path}.").format(path=aside),
                        markup=False,
                        timeout=15,
                    )
                continue
            when = f"{stamp:%Y-%m-%d %H:%M}" if stamp is not None else _("an earlier session")
            differences = compare(session.draft, offered, session.profile)
            answer = await self.push_screen_wait(RecoveryDialog(session.path.name, when, differences))
            if answer == "recover":
                session.replace_draft(offered, recovered=True)
                recovered = True
                self.notify(
                    _("Unsaved changes recovered; press ctrl+s to save them."),
                    title=_("Recovered"),
                    markup=False,
                )
            elif answer == "discard":
                session.file.discard_recovery(copy)
            else:
                aside = session.file.retire_recovery(self.now(), copy)
                if aside is not None:
                    self.notify(
                        _("The recovery copy was kept as {path}.").format(path=aside),
                        markup=False,
                        timeout=15,
                    )

    def _close_session(self, *, discard: bool = False) -> None:
        """Leave the current draft: remember where we were, drop the lock, tidy the recovery copy."""
        session = self.session
        if session is None:
            return
        self._checker.cancel()
        self._autosaver.cancel()
        screen = self.main_screen
        place = screen.place() if screen is not None else None
        recent.remember(session.path, place=place)
        session.file.close(discard=discard)
        self.session = None
        self._undo_restore = None

    # ------------------------------------------------------------------ new draft
    def action_new(self) -> None:
        self._ask_new()

    @work(exclusive=True, group="ask", exit_on_error=False)
    async def _ask_new(self) -> None:
        from dossier.core.profiles import ProfileError, load_profile
        from dossier.storage.drafts import DraftError, create_new
        from dossier.tui.screens.new_draft import NewDraftScreen
        from dossier.workspace import new_dossier

        folder = self.session.path.parent if self.session else Path.cwd()
        request = await self.push_screen_wait(NewDraftScreen(folder))
        if request is None:
            return
        try:
            profile = load_profile(request.profile)
            draft = new_dossier(
                city=request.city,
                country=request.country,
                field=request.field,
                profile=profile,
                language=request.language,  # type: ignore[arg-type]
            )
            create_new(request.path, draft)
        except (DraftError, ProfileError) as exc:
            self.notify(str(exc), title=_("Draft not created"), severity="error", markup=False, timeout=12)
            return
        from dossier.storage.history import record_save

        note = record_save(request.path, draft)  # its first version
        self.notify(_("Created {path}").format(path=request.path), markup=False)
        if note:
            self.notify(note, title=_("Version history"), severity="warning", markup=False)
        self.open_draft_flow(request.path)

    # ------------------------------------------------------------------ editing
    def draft_edited(self) -> None:
        """Something changed: check it and keep a recovery copy once typing pauses."""
        self._checker.touch()
        if self.session is not None and not self.session.read_only:
            self._autosaver.touch()

    def watch_ui_language(self, language: str) -> None:
        """Speak ``language`` from now on, remember it, and show it everywhere at once.

        The screens follow through their own watchers (titles, guidance, sidebar, header);
        here the footers recompose and the check runs again, so findings are reworded.
        """
        i18n.set_interface_language(language)
        # with what the variable held, so that value no longer overrides this choice
        over = os.environ.get(i18n.UI_LANGUAGE_VARIABLE, "")
        recent.set_preferences(
            {i18n.UI_LANGUAGE_PREFERENCE: language, i18n.UI_LANGUAGE_OVER_PREFERENCE: over}
        )
        if self.session is not None:
            self.session.language_changed()
        for screen in self.screen_stack:
            screen.refresh_bindings()
        self.run_check()

    def action_next_language(self) -> None:
        """ctrl+l: the next interface language (English, French, Chinese)."""
        self.ui_language = next_language(self.ui_language)

    def set_language(self, language: str) -> None:
        """The palette's "Interface language: …" commands."""
        self.ui_language = language

    def watch_guidance_shown(self, shown: bool) -> None:
        recent.set_preference("guidance_shown", shown)

    def run_check(self) -> None:
        """Run the full validation on a snapshot, off the UI thread."""
        session = self.session
        if session is None:
            return
        self._check_worker(session, session.draft.model_copy(deep=True))

    @work(thread=True, exclusive=True, group="check", exit_on_error=False)
    def _check_worker(self, session: Session, draft: Dossier) -> None:
        from dossier.workspace import check

        try:
            report = check(draft, session.profile, session.path.parent, now=self.now())
        except Exception as exc:  # a bug in a rule must not stop the editor
            self.call_from_thread(
                self.notify,
                _("The check failed ({error}).").format(error=f"{type(exc).__name__}: {exc}"),
                severity="error",
                markup=False,
            )
            return
        self.call_from_thread(self._apply_report, session, report)

    def _apply_report(self, session: Session, report: Report) -> None:
        if session is not self.session:
            return
        screen = self.main_screen
        session.apply_report(report)
        if screen is not None:
            screen.show_report()
        from dossier.tui.screens.overview import OverviewScreen

        for shown in self.screen_stack:
            if isinstance(shown, OverviewScreen):
                shown.show_findings()

    def run_autosave(self) -> None:
        """Write the recovery copy if there is unsaved typing not yet in it."""
        session = self.session
        job = session.file.recovery_job() if session is not None else None
        if session is not None and job is not None:
            self._recovery_worker(session, job)

    @work(thread=True, exclusive=True, group="autosave", exit_on_error=False)
    def _recovery_worker(self, session: Session, job: RecoveryJob) -> None:
        from dossier.storage.drafts import DraftError
        from dossier.storage.open_draft import OpenDraft

        try:
            OpenDraft.write_recovery(job)
        except DraftError as exc:
            self.call_from_thread(self._recovery_failed, str(exc))
            return
        self.call_from_thread(self._recovery_written, session, job)

    def _recovery_written(self, session: Session, job: RecoveryJob) -> None:
        from dossier.storage.recovery import discard_recovery

        self._recovery_problem = None
        if session is self.session:
            session.file.recovery_written(job)
        else:  # the draft was closed while this copy was being written
            discard_recovery(job.path, job.window)

    def _recovery_failed(self, message: str) -> None:
        if message != self._recovery_problem:
            self._recovery_problem = message
            self.notify(
                _("{problem} Your text is safe on screen; save soon.").format(problem=message),
                title=_("No recovery copy"),
                severity="warning",
                markup=False,
                timeout=10,
            )

    def flush_pending(self) -> None:
        """Run a pending check and recovery copy now (before leaving, and in tests)."""
        self._checker.flush()
        self._autosaver.flush()

    # ------------------------------------------------------------------ saving
    def action_save(self) -> None:
        if self._refuse_while_validating():
            return
        if self.session is not None:
            self._save_worker()

    def action_save_as(self) -> None:
        if self._refuse_while_validating():
            return
        if self.session is not None:
            self._save_as_worker()

    @work(exclusive=True, group="save-flow", exit_on_error=False)
    async def _save_worker(self) -> None:
        await self._keys_in_flight.arrived()
        await self._save_flow()

    @work(exclusive=True, group="save-flow", exit_on_error=False)
    async def _save_as_worker(self) -> None:
        await self._keys_in_flight.arrived()
        await self._save_as_flow()

    @work(thread=True, exit_on_error=False, group="save")
    def _write_draft(self, job: SaveJob) -> Written:
        from dossier.storage.open_draft import OpenDraft

        return OpenDraft.write(job)

    async def _save_flow(
        self, *, target: Path | None = None, force: bool = False, force_read_only: bool = False
    ) -> bool:
        """Save (to ``target`` for "save as"); asks on conflicts and failures. True when saved."""
        session = self.session
        if session is None:
            return False
        if session.read_only:
            self.notify(
                _("This draft cannot be saved here: {reason}.").format(reason=session.read_only_reason),
                title=_("Read-only"),
                severity="error",
                markup=False,
            )
            return False
        if self._saving:
            self.notify(_("Already saving…"), markup=False)
            return False
        job = session.file.save_job(self.now(), target=target, force=force, force_read_only=force_read_only)
        self._saving = True
        screen = self.main_screen
        if screen is not None:
            screen.refresh_header(saving=True)
        error: BaseException | None = None
        written: Written | None = None
        try:
            worker = self._write_draft(job)
            written = await worker.wait()
        except WorkerFailed as exc:
            error = exc.error
        finally:
            self._saving = False
            if screen is not None:
                screen.refresh_header(force=True)
        if error is not None:
            return await self._save_failed(error, target=target, force=force, force_read_only=force_read_only)
        assert written is not None
        session.file.saved(job, written)  # after "save as", the session edits the new file
        recent.remember(session.path, place=screen.place() if screen is not None else None)
        self.notify(str(session.path), title=_("Saved"), markup=False)
        if written.note:
            self.notify(written.note, title=_("Saved, but"), severity="warning", markup=False, timeout=12)
        if screen is not None:
            screen.refresh_header(force=True)
        return True

    async def _save_failed(
        self, error: BaseException, *, target: Path | None, force: bool, force_read_only: bool = False
    ) -> bool:
        from dossier.storage.drafts import DraftConflictError, DraftError, DraftReadOnlyFileError
        from dossier.tui.dialogs.confirm import ConfirmDialog
        from dossier.tui.dialogs.conflict import ConflictDialog
        from dossier.tui.dialogs.save_failed import SaveFailedDialog

        if isinstance(error, DraftReadOnlyFileError):
            answer = await self.push_screen_wait(
                ConfirmDialog(_("Read-only file"), str(error), yes=_("Overwrite"))
            )
            if answer == "yes":
                return await self._save_flow(target=target, force=force, force_read_only=True)
            return False
        if isinstance(error, DraftConflictError):
            answer = await self.push_screen_wait(ConflictDialog(str(error)))
            if answer == "overwrite":
                return await self._save_flow(target=target, force=True)
            if answer == "save_as":
                return await self._save_as_flow()
            return False
        message = (
            str(error)
            if isinstance(error, DraftError)
            else _("Unexpected error ({error}).").format(error=f"{type(error).__name__}: {error}")
        )
        self.notify(message, title=_("Not saved"), severity="error", markup=False, timeout=12)
        answer = await self.push_screen_wait(SaveFailedDialog(message))
        if answer == "retry":
            return await self._save_flow(target=target, force=force, force_read_only=force_read_only)
        if answer == "save_as":
            return await self._save_as_flow()
        return False

    async def _save_as_flow(self) -> bool:
        from dossier.storage import lock as locks
        from dossier.tui.dialogs.confirm import ConfirmDialog

        session = self.session
        if session is None:
            return False
        if session.read_only:
            return await self._save_flow()
        path = await self.push_screen_wait(
            _path_dialog(_("Save the draft as"), session.path, mode="save", action=_("Save"))
        )
        if path is None:
            return False
        if same_file(path, session.path):
            return await self._save_flow()
        holder = locks.read_holder(path)
        if holder is not None and not holder.stale:
            self.notify(
                _("{path} is open in another window; choose another name.").format(path=path),
                severity="error",
                markup=False,
            )
            return False
        if path.exists():
            answer = await self.push_screen_wait(
                ConfirmDialog(
                    _("Replace the file?"),
                    _(
                        "{path} already exists. Replace it with this draft? "
                        "Its previous version is kept as .bak."
                    ).format(path=path),
                    yes=_("Replace"),
                )
            )
            if answer != "yes":
                return False
        return await self._save_flow(target=path)

    # ------------------------------------------------------------------ export
    def action_export(self) -> None:
        if self._refuse_while_validating():
            return
        if self.session is not None:
            self._export_flow()

    @work(exclusive=True, group="export-flow", exit_on_error=False)
    async def _export_flow(self) -> None:
        from dossier.tui.dialogs.confirm import ConfirmDialog

        await self._keys_in_flight.arrived()
        session = self.session
        if session is None:
            return
        try:
            from dossier.export import ExportError, check_output, default_output  # light: no python-docx
        except ImportError as exc:
            self.notify(
                _("The Word export is not available in this installation ({error}).").format(error=exc),
                title=_("Export failed"),
                severity="error",
                markup=False,
            )
            return
        path = await self.push_screen_wait(
            _path_dialog(
                _("Export to Word (.docx)"),
                default_output(session.path),
                mode="export",
                suffix=".docx",
                action=_("Export"),
            )
        )
        if path is None:
            return
        if not path.suffix:
            path = path.with_name(path.name + ".docx")
        try:
            check_output(path, session.path, named=True, force=True)
            exists = path.exists()
        except ExportError as exc:
            self.notify(str(exc), title=_("Export failed"), severity="error", markup=False, timeout=12)
            return
        except OSError as exc:  # a path the system refuses (too long as a whole…)
            self.notify(
                _("{path} cannot be written: {error}.").format(path=path, error=exc.strerror or exc),
                title=_("Export failed"),
                severity="error",
                markup=False,
                timeout=12,
            )
            return
        if exists:
            answer = await self.push_screen_wait(
                ConfirmDialog(
                    _("Replace the document?"),
                    _(
                        "{path} already exists. Replace it? "
                        "Comments added to that file in Word would be lost."
                    ).format(path=path),
                    yes=_("Replace"),
                )
            )
            if answer != "yes":
                return
        self.notify(_("Exporting to {path}…").format(path=path), markup=False, timeout=3)
        unsaved = session.dirty
        worker: Worker[tuple[ExportResult, str | None]] = self._export_worker(
            session.draft.model_copy(deep=True), session.profile, session.path, path, saved=not unsaved
        )
        try:
            result, note = await worker.wait()
        except WorkerFailed as exc:
            error = exc.error
            message = str(error)
            if not isinstance(error, ExportError):  # not a plain failure: say what broke
                message = _("Unexpected error ({error}); the draft is untouched.").format(
                    error=f"{type(error).__name__}: {error}"
                )
            self.notify(message, title=_("Export failed"), severity="error", markup=False, timeout=15)
            return
        summary = result.summary()
        if unsaved:
            summary = i18n.follow(
                summary, _("It shows unsaved text: save to keep it as a version in the history.")
            )
        elif result.version is not None:
            summary = i18n.follow(
                summary, _("It shows version {number} of the draft.").format(number=result.version)
            )
        self.notify(summary, title=_("Exported to Word"), markup=False, timeout=12)
        if note:
            self.notify(note, title=_("Version history"), severity="warning", markup=False)

    @work(thread=True, exit_on_error=False, group="export")
    def _export_worker(
        self, draft: Dossier, profile: Profile, draft_path: Path, out: Path, *, saved: bool
    ) -> tuple[ExportResult, str | None]:
        """The same export as ``dossier export -o OUT``, on a snapshot of the draft.

        A saved draft's document names its version in the history (its properties), and the
        history notes the export; unsaved text is not a version, so nothing is recorded.
        """
        from dossier.export import export_draft  # python-docx is imported only inside it
        from dossier.storage.history import exported_version, record_export
        from dossier.workspace import check

        version, note = exported_version(draft_path, draft) if saved else (None, None)
        from dossier.core.i18n import wording

        # the document speaks the dossier's language, whatever the interface speaks
        report = check(
            draft, profile, draft_path.parent, now=self.now(), wording=wording(draft.meta.language)
        )
        result = export_draft(draft, profile, report, draft_path, out, version=version)
        if version is not None:
            note = record_export(draft_path, version, result.path) or note
        return result, note

    # ------------------------------------------------------------------ submission bundle
    def action_bundle(self) -> None:
        if self.session is not None:
            self._bundle_flow()

    @work(exclusive=True, group="bundle-flow", exit_on_error=False)
    async def _bundle_flow(self) -> None:
        """Ask where, say what UNESCO would refuse (and offer a partial package), then write the
        package in a thread with its progress on screen: the PDF takes seconds."""
        from dossier.core.i18n import _
        from dossier.export import ExportError
        from dossier.export.bundle import BundleRefused, bundle_problems
        from dossier.tui.dialogs.choice import Choice, ChoiceDialog
        from dossier.tui.dialogs.confirm import ConfirmDialog
        from dossier.tui.dialogs.progress import ProgressDialog

        await self._keys_in_flight.arrived()
        session = self.session
        if session is None:
            return
        stem = session.path.name.removesuffix(DRAFT_SUFFIX)
        path = await self.push_screen_wait(
            _path_dialog(
                _("Submission package (.zip)"),
                session.path.with_name(f"{stem}-bundle.zip"),
                mode="export",
                suffix=".zip",
                action=_("Write"),
            )
        )
        if path is None:
            return
        if not path.suffix:
            path = path.with_name(path.name + ".zip")
        draft = session.draft.model_copy(deep=True)
        problems = bundle_problems(draft, session.profile, session.path.parent)
        partial = False
        if problems:
            answer = await self.push_screen_wait(
                ChoiceDialog(
                    _("UNESCO would refuse this package as it stands."),
                    title=_("Submission package"),
                    details=problems,
                    choices=(
                        Choice("partial", _("Partial package (p)"), "p", "warning"),
                        Choice("cancel", _("Cancel (esc)"), ""),
                    ),
                )
            )
            if answer != "partial":
                return
            partial = True
        elif path.exists():
            answer = await self.push_screen_wait(
                ConfirmDialog(
                    _("Replace the package?"), _("{path} already exists. Replace it?").format(path=path)
                )
            )
            if answer != "yes":
                return
        dialog = ProgressDialog(_("Writing the submission package"))
        await self.push_screen(dialog)
        worker: Worker[Any] = self._bundle_worker(draft, session.profile, session.path, path, partial, dialog)
        try:
            result = await worker.wait()
        except WorkerFailed as exc:
            error = exc.error
            if isinstance(error, BundleRefused):
                message = "\n".join(error.problems)
            elif isinstance(error, ExportError):
                message = str(error)
            else:
                message = _("Unexpected error ({error}); the draft is untouched.").format(
                    error=f"{type(error).__name__}: {error}"
                )
            self.notify(message, title=_("No package written"), severity="error", markup=False, timeout=15)
            return
        finally:
            dialog.dismiss()
        self.notify(
            "\n".join([result.summary(), *result.notes]),
            title=_("Submission package"),
            severity="warning" if result.notes else "information",
            markup=False,
            timeout=15,
        )

    @work(thread=True, exit_on_error=False, group="bundle")
    def _bundle_worker(
        self, draft: Dossier, profile: Profile, draft_path: Path, out: Path, partial: bool, dialog: Any
    ) -> Any:
        """The same package as ``dossier bundle``, on a snapshot of the draft, telling ``dialog``."""
        from dossier.export.bundle import write_bundle
        from dossier.workspace import check

        report = check(draft, profile, draft_path.parent, now=self.now())
        return write_bundle(
            draft,
            profile,
            report,
            draft_path,
            out,
            partial=partial,
            progress=lambda step, done: self.call_from_thread(dialog.advance, step, done),
        )

    # ------------------------------------------------------------------ screens
    def action_overview(self) -> None:
        from dossier.tui.screens.overview import OverviewScreen

        if self.session is None:
            return
        if isinstance(self.screen, OverviewScreen):
            self.pop_screen()
            return
        self.flush_pending_check()
        self.push_screen(OverviewScreen(self.session, language=self.ui_language))

    async def _changeable_session(self) -> Session | None:
        """The open draft's session, once the keys typed before have reached it, when it may be
        changed; when it is read-only, says why."""
        await self._keys_in_flight.arrived()
        session = self.session
        if session is not None and session.read_only:
            self.notify(
                _("This draft cannot be changed here: {reason}.").format(reason=session.read_only_reason),
                title=_("Read-only"),
                severity="error",
                markup=False,
            )
            return None
        return session

    def action_import_reviewed(self) -> None:
        """Compare a reviewed Word file with the draft, change by change, before taking any."""
        if self.session is not None:
            self._import_reviewed()

    @work(exclusive=True, group="ask", exit_on_error=False)
    async def _import_reviewed(self) -> None:
        from dossier.export import default_output
        from dossier.export.reviewed import ReviewError
        from dossier.tui.screens.review_import import ReviewImportScreen

        session = await self._changeable_session()
        if session is None:
            return
        beside = default_output(session.path)
        path = await self.push_screen_wait(
            _path_dialog(
                _("Import a reviewed Word file"),
                f"{session.path.parent}{os.sep}",
                mode="open",
                recent=[beside] if beside.is_file() else [],
                recent_title=_("This draft's last export"),
                suffix=".docx",
                action=_("Compare"),
                folder=session.path.parent,
            )
        )
        if path is None:
            return
        draft = session.draft.model_copy(deep=True)
        worker: Worker[tuple[Reviewed, dict[str, str]]] = self._read_reviewed(path, draft, session.profile)
        try:
            reviewed, titles = await worker.wait()
        except WorkerFailed as exc:
            error = exc.error
            message = str(error) if isinstance(error, ReviewError) else f"{type(error).__name__}: {error}"
            self.notify(message, title=_("Not imported"), severity="error", markup=False, timeout=12)
            return
        new = await self.push_screen_wait(ReviewImportScreen(draft, reviewed, titles, path.name))
        if new is None or self.session is not session:
            return
        what = _("the reviewed Word file {name}").format(name=path.name)
        self._undo_restore = (session, session.draft.model_copy(deep=True), what)
        await self._show_replaced(session, new)
        if await self._save_flow():
            self.notify(
                _(
                    "Took the changes from {name} and saved them as one version; "
                    "Undo restore puts back the text before."
                ).format(name=path.name),
                title=_("Imported"),
                markup=False,
                timeout=10,
            )

    @work(thread=True, exit_on_error=False, group="import")
    def _read_reviewed(self, path: Path, draft: Dossier, profile: Profile) -> tuple[Reviewed, dict[str, str]]:
        from dossier.core.form import TEXT_PARTS
        from dossier.core.i18n import _
        from dossier.core.rules import part_label
        from dossier.export.reviewed import ReviewError, read_reviewed

        reviewed = read_reviewed(path, profile)
        if reviewed.draft_id and reviewed.draft_id != draft.meta.draft_id:
            raise ReviewError(
                _("{name} was exported from another draft, not from this one; nothing was imported.").format(
                    name=path.name
                )
            )
        if not reviewed.parts:
            raise ReviewError(
                _(
                    "{name} has none of the draft's parts (no dossier bookmark or part heading): "
                    "nothing to import."
                ).format(name=path.name)
            )
        return reviewed, {part: part_label(part, profile) for part in TEXT_PARTS}

    def action_history(self) -> None:
        from dossier.tui.screens.history import HistoryScreen

        if self.session is None:
            return
        if isinstance(self.screen, HistoryScreen):
            self.pop_screen()
            return
        self.push_screen(HistoryScreen(self.session))

    @property
    def can_undo_restore(self) -> bool:
        undo = self._undo_restore
        return undo is not None and undo[0] is self.session

    async def restore_draft(self, draft: Dossier, what: str) -> None:
        """Edit ``draft`` (brought back from the history) in place of the text now, keeping that
        text so "Undo restore" can put it back. Unsaved until the official saves."""
        session = self.session
        if session is None or session.read_only:
            return
        self._undo_restore = (session, session.draft.model_copy(deep=True), what)
        await self._show_replaced(session, draft)
        self.notify(
            _(
                "Restored {what}; press ctrl+s to save it. Undo restore (u in the history, or the palette) "
                "puts back what was there."
            ).format(what=what),
            title=_("Restored"),
            markup=False,
            timeout=10,
        )

    async def action_undo_restore(self) -> None:
        """Put back the text as it was before the last restore from the history."""
        undo = self._undo_restore
        if undo is None or undo[0] is not self.session:
            self.notify(_("There is no restore to undo."), markup=False)
            return
        session, before, what = undo
        self._undo_restore = None
        await self._show_replaced(session, before)
        self.notify(
            _("Undone: the text from before restoring {what} is back.").format(what=what),
            title=_("Undo restore"),
            markup=False,
        )

    async def _show_replaced(self, session: Session, draft: Dossier) -> None:
        from dossier.tui.screens.history import HistoryScreen

        session.replace_draft(draft)
        screen = self.main_screen
        if screen is not None:
            await screen.reload()
        for shown in self.screen_stack:
            if isinstance(shown, HistoryScreen):
                shown.text_changed()
        self.refresh_bindings()

    def action_working_language(self) -> None:
        """Gain a working language (a text beside each submission text), or drop it."""
        if self.session is not None and self.main_screen is not None:
            self._working_language_flow()

    @work(exclusive=True, group="ask", exit_on_error=False)
    async def _working_language_flow(self) -> None:
        from dossier.core.translation import drop_working_language, is_language_tag, set_working_language
        from dossier.tui.dialogs.confirm import ConfirmDialog
        from dossier.tui.dialogs.text_prompt import TextDialog

        session = await self._changeable_session()
        if session is None:
            return
        if session.bilingual:
            answer = await self.push_screen_wait(
                ConfirmDialog(
                    _("Drop the working language"),
                    _(
                        "Each part will keep only its text for UNESCO. The working texts are not lost: "
                        "the draft is saved with them first, and that version stays in the history "
                        "(f3) and in the backup."
                    ),
                    yes=_("Drop it"),
                )
            )
            if answer != "yes" or not await self._save_flow():
                return  # not saved with its working texts: nothing is dropped
            draft = session.draft.model_copy(deep=True)
            drop_working_language(draft)
            await self._show_replaced(session, draft)
            if await self._save_flow():
                self.notify(
                    _(
                        "The working texts are kept in the history; the draft now holds "
                        "the submission texts only."
                    ),
                    title=_("Working language dropped"),
                    markup=False,
                )
            return
        tag = await self.push_screen_wait(
            TextDialog(
                _("Working language"),
                _(
                    "The language the city writes and approves each part in before it is translated, "
                    "as a language tag: zh for Chinese (zh-Hant for traditional characters)."
                ),
                "zh",
                ok=_("Add"),
            )
        )
        if tag is None:
            return
        if not is_language_tag(tag):
            self.notify(
                _("“{tag}” is not a language tag; use one such as zh, zh-Hans or yue.").format(tag=tag),
                severity="error",
                markup=False,
            )
            return
        draft = session.draft.model_copy(deep=True)
        set_working_language(draft, tag)
        await self._show_replaced(session, draft)
        self.notify(
            _("Each part now shows its working text beside the text for UNESCO; press ctrl+s to save."),
            title=_("Working language added"),
            markup=False,
        )

    def action_set_author(self) -> None:
        self._ask_author()

    @work(exclusive=True, group="ask", exit_on_error=False)
    async def _ask_author(self) -> None:
        from dossier.storage.history import default_author, set_author
        from dossier.tui.dialogs.text_prompt import TextDialog

        name = await self.push_screen_wait(
            TextDialog(
                _("Your name in the history"),
                _("The name recorded with each version you save (empty: this computer's user name)."),
                default_author() or "",
            )
        )
        if name is None:
            return
        if not set_author(name):
            self.notify(_("Your name could not be stored in the settings."), severity="error", markup=False)
            return
        shown = default_author() or _("(unknown)")
        self.notify(
            _("Versions you save are recorded as {name}.").format(name=shown),
            title=_("Your name"),
            markup=False,
        )

    def flush_pending_check(self) -> None:
        self._checker.flush()

    def action_help(self) -> None:
        from dossier.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
            return
        self.push_screen(HelpScreen())

    async def go_to_part(self, entry: str, location: str | None = None) -> None:
        """Leave any overlay and put the cursor in ``entry``'s editor (palette, overview)."""
        screen = self.main_screen
        if screen is None:
            return
        while self.screen is not screen and len(self.screen_stack) > 2:
            self.pop_screen()
        await screen.go_to(entry, location)

    # ------------------------------------------------------------------ quitting
    def on_unmount(self) -> None:
        self.shutdown_session()

    def shutdown_session(self) -> None:
        """Last step on any exit (normal, error, signal): keep unsaved typing, drop the lock.

        After a normal quit there is no session left and this does nothing. Otherwise
        (an exception, the terminal closed) unsaved typing goes to the recovery copy,
        synchronously, before the process ends.
        """
        session = self.session
        if session is None:
            return
        screen = self.main_screen
        with contextlib.suppress(Exception):
            recent.remember(session.path, place=screen.place() if screen is not None else None)
        session.file.shutdown()

    async def action_quit(self) -> None:
        from dossier.tui.dialogs.quit import QuitDialog

        if isinstance(self.screen, QuitDialog):
            return
        self._quit_flow()

    @work(exclusive=True, group="quit", exit_on_error=False)
    async def _quit_flow(self) -> None:
        discard = await self._may_leave(doing="quit")
        if discard is None:
            return
        self._close_session(discard=discard)
        self.exit(0)

    async def _may_leave(self, *, doing: str) -> bool | None:
        """Ask about unsaved changes before leaving the draft: None to stay, else whether to discard them."""
        from dossier.tui.dialogs.quit import QuitDialog

        await self._keys_in_flight.arrived()  # a letter typed just before counts as unsaved
        session = self.session
        if session is None or not session.dirty or session.read_only:
            return False
        answer = await self.push_screen_wait(QuitDialog(session.path.name, doing=doing))
        if answer == "save":
            return False if await self._save_flow() else None
        return True if answer == "discard" else None


__all__ = ["DossierApp", "next_language", "starting_language"]
