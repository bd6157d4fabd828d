"""Every hostile corpus file through the terminal editor: open, visit every part, type, save, quit.

A file that loads must come back from disk with the typed text and every other
character as it was (the only changes being the documented ones, listed in
:func:`expected_after_edit`); a file that does not load must give one plain error
notification and leave the official on the start screen, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from dossier.core.form import TEXT_PARTS
from dossier.core.model import Dossier
from dossier.storage.drafts import load_draft, read_draft
from dossier.storage.lock import lock_path
from dossier.storage.recovery import recovery_path, same_content
from dossier.tui.app import DossierApp
from dossier.tui.dialogs.path_prompt import PathDialog
from dossier.tui.screens.main import MainScreen
from dossier.tui.screens.start import StartScreen
from dossier.tui.session import ENTRIES
from dossier.tui.text import strip_controls
from dossier.tui.widgets.section_editor import SectionEditor

from support.corpus import CASES, LOADABLE, Case
from support.tui import Tui

Make = Callable[..., DossierApp]
TYPED = " [bold] [/ 🎨 创意城市"
"""Markup that crashes careless display code, an emoji and Chinese."""
UNREADABLE = [case for case in CASES if case.expect is not None]


def typed_part(draft: Dossier) -> str:
    """The narrative part with the most text (where the hostile content is): the one to edit."""
    return max(TEXT_PARTS, key=lambda part: len(draft.part(part).text))


def expected_after_edit(before: Dossier, part: str) -> Dossier:
    """What the file must hold after typing ``TYPED`` at the end of ``part`` and saving.

    Documented changes only: the loader's (a lone surrogate becomes U+FFFD, with a note;
    a number written as text becomes a number) are already in ``before``; the edited
    part loses its control characters and bidi overrides, and CR/CRLF become LF, because
    the editor shows text without them (``ProseArea``); every other part is untouched.
    """
    expected = before.model_copy(deep=True)
    expected.part(part).text = strip_controls(before.part(part).text) + TYPED
    return expected


@pytest.mark.parametrize("case", LOADABLE, ids=lambda c: c.name)
async def test_a_loadable_file_keeps_every_character_through_the_editor(
    tmp_path: Path, case: Case, make: Make, tui: Tui
) -> None:
    path = case.write(tmp_path)
    loaded = read_draft(path)
    before = loaded.draft
    part = typed_part(before)
    app = make(path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await tui.ready(pilot)
        screen = app.main_screen
        assert isinstance(screen, MainScreen) and app.session is not None
        for entry in ENTRIES:  # every pane is built and shown with the hostile content
            await screen.go_to(entry)
            await pilot.pause()
            assert screen.current_entry == entry
        assert not app.session.dirty, "looking at the parts changed the draft"
        await screen.go_to(part)
        await tui.type_text(pilot, TYPED)
        pane = screen.pane(part)
        assert isinstance(pane, SectionEditor) and pane.editor.text.endswith(TYPED)
        await pilot.press("ctrl+s")
        await tui.settle(pilot)
        assert f"Saved: {path}" in tui.notices(app)
        assert not tui.notifications(app, "error"), tui.notices(app)
        for note in loaded.notes:  # e.g. the replaced broken characters: the official is told
            assert note in tui.notices(app)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    after = load_draft(path)
    assert same_content(after, expected_after_edit(before, part))
    assert after.meta.revision == before.meta.revision + 1
    assert not lock_path(path).exists() and not recovery_path(path).exists()


@pytest.mark.parametrize("case", UNREADABLE, ids=lambda c: c.name)
async def test_an_unreadable_file_gives_a_plain_message_and_the_start_screen(
    tmp_path: Path, case: Case, make: Make, tui: Tui
) -> None:
    """Opened from the start screen (ctrl+o), as an official would."""
    assert case.expect is not None
    path = case.write(tmp_path)
    before = path.read_bytes()
    app = make()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await tui.wait_for_screen(pilot, StartScreen)
        await pilot.press("ctrl+o")
        await tui.wait_for_screen(pilot, PathDialog)
        field = app.screen.query_one("#path-input")
        field.value = str(path)  # type: ignore[attr-defined]
        field.focus()  # the dialog starts in the recent list; enter there would open another draft
        await pilot.press("enter")
        await tui.until(
            pilot,
            lambda: bool(tui.notifications(app, "error")) and isinstance(app.screen, StartScreen),
            "an error notification on the start screen",
        )
        errors = tui.notifications(app, "error")
        assert len(errors) == 1, tui.notices(app)
        error = errors[0]
        assert error.title == "Cannot open the draft"
        assert case.expect in error.message and str(path) in error.message
        assert "Traceback" not in error.message and "\n" not in error.message
        assert isinstance(app.screen, StartScreen) and app.session is None
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    assert path.read_bytes() == before
    assert not lock_path(path).exists() and not recovery_path(path).exists()


@pytest.mark.parametrize("case", UNREADABLE, ids=lambda c: c.name)
def test_dossier_open_on_an_unreadable_file_is_one_line(
    tmp_path: Path, case: Case, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``dossier open FILE`` reads the file before taking over the terminal: one line, no screen.

    A file that is JSON but not a valid draft is refused after the first screen, when the
    draft is validated (issue 17: the first paint comes before pydantic); that path is
    driven end to end in ``tests/tui/test_opening.py``; here its message is checked.
    """
    from dossier.cli import main
    from dossier.storage.drafts import DraftError, read_json, validate_draft

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the editor started on a file that cannot be read")

    monkeypatch.setattr(DossierApp, "run", never)
    assert case.expect is not None
    path = case.write(tmp_path)
    try:
        read = read_json(path)
    except DraftError:
        pass
    else:
        with pytest.raises(DraftError) as refused:
            validate_draft(read)
        assert case.expect in str(refused.value) and "\n" not in str(refused.value)
        return
    assert main(["open", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and case.expect in err and "Traceback" not in err
