"""Stray keys in every screen and dialog never raise.

Keys arrive in bursts from a real terminal (a fast typist, a key held down, a paste into
a dialog): the burst is queued before the first key is handled, so a key that closes a
dialog is followed by keys the closed dialog still receives. Each screen and dialog of
``dossier/tui/dialogs`` and ``dossier/tui/screens`` gets such a burst of letters,
digits, punctuation, enter and escape; the app must still run, or have closed cleanly.
"""

from __future__ import annotations

import socket
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.app import App, ComposeResult, ScreenStackError
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from dossier.storage.lock import Holder
from dossier.tui.app import DossierApp
from dossier.tui.dialogs.confirm import ConfirmDialog
from dossier.tui.dialogs.conflict import ConflictDialog
from dossier.tui.dialogs.initiative import InitiativeDialog
from dossier.tui.dialogs.lock_warning import LockDialog
from dossier.tui.dialogs.path_prompt import PathDialog
from dossier.tui.dialogs.quit import QuitDialog
from dossier.tui.dialogs.recovery import RecoveryDialog
from dossier.tui.dialogs.save_failed import SaveFailedDialog
from dossier.tui.dialogs.text_prompt import TextDialog
from dossier.tui.screens.help import HelpScreen
from dossier.tui.screens.history import HistoryScreen
from dossier.tui.screens.main import MainScreen
from dossier.tui.screens.new_draft import NewDraftScreen
from dossier.tui.screens.overview import OverviewScreen
from dossier.tui.screens.start import StartScreen

from support.tui import Tui

Make = Callable[..., DossierApp]
Opener = Callable[[Pilot[Any]], Awaitable[None]]

STRAY = [
    *"qwertyuiopasdfghjklzxcvbnm",
    *"QWERTY",
    *"0123456789",
    *".,;:!?-_/'\"()[]{}<>@#$%&*+=~`|\\",
    "enter",
    "escape",
    "space",
    *"ddssyyrrtteeaaoocc",
    "enter",
    "enter",
    "escape",
    "escape",
]


def _key(item: str) -> events.Key:
    if len(item) == 1:
        return events.Key(item if item.isalnum() else _character_to_key(item), item)
    return events.Key(item, {"enter": "\r", "escape": "\x1b", "space": " "}.get(item))


async def burst(pilot: Pilot[Any], keys: list[str]) -> None:
    """Send every key at once, as a terminal does: all are queued before the first is handled."""
    driver = pilot.app._driver  # the one private read the suite allows: see test_suite_rules.py
    assert driver is not None
    for item in keys:
        driver.send_message(_key(item))
    await pilot.pause()


async def _until(pilot: Pilot[Any], kind: type) -> None:
    for _ in range(60):
        await pilot.pause()
        if isinstance(pilot.app.screen, kind):
            return
    raise AssertionError(f"{kind.__name__} never showed; on {pilot.app.screen!r}")


def _keys(*keys: str, kind: type) -> Opener:
    async def open_(pilot: Pilot[Any]) -> None:
        await pilot.press(*keys)
        await _until(pilot, kind)

    return open_


def _push(build: Callable[[], Screen[Any]]) -> Opener:
    async def open_(pilot: Pilot[Any]) -> None:
        screen = build()
        pilot.app.push_screen(screen)
        await _until(pilot, type(screen))

    return open_


def _holder(stale: bool) -> Holder:
    return Holder(Path("x.dossier.json.lock"), 4242, socket.gethostname(), "li", "", b"", stale=stale)


async def _review_import(pilot: Pilot[Any]) -> None:
    """The review of a reviewed Word file: the draft's own export with a paragraph added."""
    import io

    import docx

    from dossier.export import render_docx
    from dossier.export.reviewed import read_document
    from dossier.tui.screens.review_import import ReviewImportScreen
    from dossier.workspace import check

    app = pilot.app
    assert isinstance(app, DossierApp) and app.session is not None
    draft, profile = app.session.draft, app.session.profile
    data, _, _ = render_docx(draft, profile, check(draft, profile, None))
    document = docx.Document(io.BytesIO(data))
    from docx.oxml.ns import qn

    paras = document.paragraphs
    heading = next(n for n, p in enumerate(paras) if p._p.find(qn("w:bookmarkStart")) is not None and n > 2)
    paras[heading + 1].insert_paragraph_before("A reviewer's paragraph")  # into the first part
    buffer = io.BytesIO()
    document.save(buffer)
    reviewed = read_document(docx.Document(io.BytesIO(buffer.getvalue())), profile)
    app.push_screen(ReviewImportScreen(draft.model_copy(deep=True), reviewed, {}, "reviewed.docx"))
    await _until(pilot, ReviewImportScreen)


OPENERS: dict[str, Opener] = {
    "review import": _review_import,
    "main": _keys(kind=MainScreen),
    "unsaved changes (quit)": _keys("x", "ctrl+q", kind=QuitDialog),
    "help": _keys("f1", kind=HelpScreen),
    "overview": _keys("f2", kind=OverviewScreen),
    "history": _keys("x", "ctrl+s", "f3", kind=HistoryScreen),  # saved: versions to restore, label
    "open": _keys("ctrl+o", kind=PathDialog),
    "export": _keys("ctrl+e", kind=PathDialog),
    "new draft": _keys("ctrl+n", kind=NewDraftScreen),
    "initiative": _push(InitiativeDialog),
    "confirm": _push(lambda: ConfirmDialog("Replace the file?", "It exists.", yes="Replace")),
    "conflict": _push(lambda: ConflictDialog("The file changed.")),
    "lock (live)": _push(lambda: LockDialog(_holder(stale=False))),
    "lock (stale)": _push(lambda: LockDialog(_holder(stale=True))),
    "recovery": _push(lambda: RecoveryDialog("x.dossier.json", "today", ["1. Opportunities: 3 → 4 words"])),
    "save failed": _push(lambda: SaveFailedDialog("Could not save x: the disk is full.")),
    "text (label)": _push(lambda: TextDialog("Label version 1", "A name for this version.")),
}


@pytest.mark.parametrize("where", list(OPENERS))
async def test_stray_keys_never_raise(
    where: str, draft_path: Path, make: Make, monkeypatch: pytest.MonkeyPatch, tui: Tui
) -> None:
    monkeypatch.chdir(draft_path.parent)  # whatever enter creates or exports stays in the test's folder
    app = make(draft_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await tui.ready(pilot)
        await OPENERS[where](pilot)
        await burst(pilot, STRAY)
        await tui.settle(pilot)
        await burst(pilot, STRAY[::-1])
        await tui.settle(pilot)
        assert app.return_code in (None, 0)
        assert app.is_running or app.return_code == 0
        if app.is_running:
            assert len(app.screen_stack) >= 2, app.screen_stack  # the editor (or start screen) is still there
    assert app.return_code in (None, 0)


async def test_stray_keys_on_the_start_screen_never_raise(
    tmp_path: Path, make: Make, monkeypatch: pytest.MonkeyPatch, tui: Tui
) -> None:
    monkeypatch.chdir(tmp_path)
    app = make(None)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await _until(pilot, StartScreen)
        await burst(pilot, [k for k in STRAY if k != "enter"])
        await tui.settle(pilot)
        assert app.return_code in (None, 0)
    assert app.return_code in (None, 0)


async def test_unsaved_changes_dialog_closes_once_for_a_letter_burst(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    """The reported crash: "ddd" closed the dialog, then the editor, then raised ScreenStackError."""
    app = make(draft_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await tui.ready(pilot)
        await pilot.press("x", "ctrl+q")
        await _until(pilot, QuitDialog)
        await burst(pilot, ["escape", "escape", "escape"])
        await tui.settle(pilot)
        assert isinstance(app.screen, MainScreen)  # cancelled once; the editor stays
        await pilot.press("ctrl+q")
        await _until(pilot, QuitDialog)
        await burst(pilot, ["d", "d", "d"])
        await tui.settle(pilot)
    assert app.return_code in (None, 0)


class _Plain(ModalScreen[None]):
    def compose(self) -> ComposeResult:
        yield Static("plain")

    def on_key(self, event: events.Key) -> None:
        self.dismiss(None)


class _Base(App[None]):
    def on_mount(self) -> None:
        self.push_screen(Screen())


async def test_textual_still_pops_the_wrong_screen_on_a_second_dismiss() -> None:
    """Why :class:`DossierModal` exists. When this fails, Textual guards ``dismiss`` itself
    and the override in ``dossier/tui/screens/base.py`` can go."""
    app = _Base()
    with pytest.raises(ScreenStackError):
        async with app.run_test() as pilot:
            await pilot.pause()
            app.push_screen(_Plain())
            await pilot.pause()
            await burst(pilot, ["a", "b", "c"])
            await pilot.pause()


def test_every_dialog_and_screen_is_covered() -> None:
    """A new dialog or screen module must be added to the stray-key test."""
    root = Path(__file__).resolve().parents[2] / "dossier" / "tui"
    modules = {p.stem for folder in ("dialogs", "screens") for p in (root / folder).glob("*.py")}
    # base classes and the app's own screens, each covered through a subclass or a row above
    covered = {
        "__init__",
        "base",
        "choice",
        "form",
        "quit",
        "confirm",
        "conflict",
        "initiative",
        "lock_warning",
        "path_prompt",
        "recovery",
        "save_failed",
        "help",
        "history",
        "review_import",
        "text_prompt",
        "main",
        "new_draft",
        "overview",
        "start",
    }
    assert modules <= covered, sorted(modules - covered)
