"""Finding drafts: the last draft renamed or moved, the start screen's recent list, the open dialog.

Issue 10, item 6: plain ``dossier`` used to open the next draft of the recent list when
the last one had been renamed, and showed no list at all when every draft had moved;
ctrl+o wanted a full typed path. These tests drive the start screen and the open
dialog (recent drafts, folder tree, path field) with the keyboard.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from dossier.storage import recent
from dossier.tui.app import DossierApp
from dossier.tui.dialogs import path_prompt
from dossier.tui.dialogs.path_prompt import DraftTree, PathDialog
from dossier.tui.inputs import FieldInput
from dossier.tui.screens.main import MainScreen
from dossier.tui.screens.start import StartScreen

from support.tui import Tui

Make = Callable[..., DossierApp]


def _copy(source: Path, name: str) -> Path:
    target = source.parent / name
    shutil.copy(source, target)
    return target


def _gone_text(app: DossierApp) -> str:
    return app.screen.query_one("#start-gone", Static).content.plain  # type: ignore[union-attr]


def _options(app: DossierApp) -> list[str]:
    option_list = app.screen.query_one("#start-actions", OptionList)
    return [option_list.get_option_at_index(i).prompt.plain for i in range(option_list.option_count)]  # type: ignore[union-attr]


def _tree(app: DossierApp) -> DraftTree:
    return app.screen.query_one("#path-tree", DraftTree)


def _listed(tree: DraftTree) -> list[str]:
    return [str(node.label) for node in tree.root.children]


async def _cursor_to(pilot: Pilot[Any], tree: DraftTree, name: str) -> None:
    """Press down until the tree's cursor is on ``name`` (as a person would)."""
    for _ in range(50):
        if tree.cursor_node is not None and str(tree.cursor_node.label) == name:
            return
        await pilot.press("down")
    raise AssertionError(f"{name} is not in the tree: {_listed(tree)}")


async def _open_dialog(pilot: Pilot[Any], tui: Tui) -> PathDialog:
    app = pilot.app
    await pilot.press("ctrl+o")
    await tui.until(pilot, lambda: isinstance(app.screen, PathDialog))
    tree = _tree(app)  # type: ignore[arg-type]
    await tui.until(pilot, lambda: bool(tree.root.children))
    assert isinstance(app.screen, PathDialog)
    return app.screen


# ---------------------------------------------------------------- the last draft is gone


async def test_a_renamed_last_draft_is_reported_and_no_other_draft_is_opened(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    other = _copy(draft_path, "second.dossier.json")
    recent.remember(other)
    recent.remember(draft_path)  # the last one worked on
    draft_path.rename(draft_path.with_name("westmere-v2.dossier.json"))
    app = make(None, reopen_recent=True)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await tui.until(pilot, lambda: isinstance(app.screen, StartScreen))
        for _ in range(5):
            await pilot.pause()
        assert app.session is None  # never silently the next draft of the list
        gone = _gone_text(app)
        assert "westmere.dossier.json" in gone and str(draft_path.parent) in gone
        assert "moved, renamed or deleted" in gone
        assert "westmere.dossier.json, is no longer in" in tui.screen_text(app)
        options = _options(app)
        assert any(o.startswith("missing") and "westmere.dossier.json" in o for o in options)
        assert any(o.startswith("Open") and "second.dossier.json" in o for o in options)
        # the draft that is still there opens from the list with the keyboard
        index = next(i for i, o in enumerate(options) if "second.dossier.json" in o)
        app.screen.query_one("#start-actions", OptionList).highlighted = index
        await pilot.press("enter")
        await tui.until(pilot, lambda: app.session is not None)
        await tui.ready(pilot)
        assert app.session is not None and app.session.path == other


async def test_when_every_recent_draft_moved_the_start_screen_says_so_and_offers_new_and_open(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    other = _copy(draft_path, "second.dossier.json")
    recent.remember(other)
    recent.remember(draft_path)
    moved = draft_path.parent.with_name("archive")
    draft_path.parent.rename(moved)
    app = make(None, reopen_recent=True)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await tui.until(pilot, lambda: isinstance(app.screen, StartScreen))
        assert app.session is None
        gone = _gone_text(app)
        assert "westmere.dossier.json" in gone and "None of your recent drafts is where it was" in gone
        options = _options(app)
        assert options[0].startswith("Create a new draft") and options[1].startswith("Open a draft file")
        assert sum(o.startswith("missing") for o in options) == 2
        # choosing a missing draft says what happened, and delete removes it from the list
        option_list = app.screen.query_one("#start-actions", OptionList)
        option_list.highlighted = next(i for i, o in enumerate(options) if "westmere" in o)
        await pilot.press("enter")
        await pilot.pause()
        assert "westmere.dossier.json is no longer in" in tui.notices(app)
        await pilot.press("delete")
        await pilot.pause()
        assert [e.path.name for e in recent.recent_entries()] == ["second.dossier.json"]
        assert not any("westmere" in o for o in _options(app))
        # and "remove the missing drafts" clears the rest; new and open stay
        option_list.highlighted = next(i for i, o in enumerate(_options(app)) if o.startswith("Remove"))
        await pilot.press("enter")
        await pilot.pause()
        assert recent.recent_entries() == []
        assert [o.split()[0] for o in _options(app)] == ["Create", "Open", "Quit"]
        # the open dialog is one key away, starting in the current folder
        await pilot.press("ctrl+o")
        await tui.until(pilot, lambda: isinstance(app.screen, PathDialog))


# ---------------------------------------------------------------- the open dialog


async def test_the_open_dialog_lists_recent_drafts_and_enter_opens_one(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    elsewhere = draft_path.parent.parent / "elsewhere"
    elsewhere.mkdir()
    second = shutil.copy(draft_path, elsewhere / "second.dossier.json")
    third = shutil.copy(draft_path, elsewhere / "third.dossier.json")
    recent.remember(Path(third))
    recent.remember(Path(second))
    app = make(draft_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await tui.ready(pilot)
        dialog = await _open_dialog(pilot, tui=tui)
        recents = dialog.query_one("#path-recent", OptionList)
        assert app.focused is recents  # choosing comes first
        prompts = [recents.get_option_at_index(i).prompt.plain for i in range(recents.option_count)]  # type: ignore[union-attr]
        assert [p.split()[0] for p in prompts] == [
            "second.dossier.json",
            "third.dossier.json",
        ]  # not the open one
        await pilot.press("down", "enter")
        await tui.until(
            pilot, lambda: app.session is not None and app.session.path.name == "third.dossier.json"
        )
        await tui.ready(pilot)
        assert isinstance(app.screen, MainScreen)


@pytest.fixture
def crowded(draft_path: Path) -> Path:
    """The draft's folder, with what a real folder holds beside drafts (and hostile names)."""
    folder = draft_path.parent
    _copy(draft_path, "other.dossier.json")
    (folder / "sub").mkdir()
    _copy(draft_path, "sub/inner.dossier.json")
    (folder / "notes.txt").write_text("not a draft")
    (folder / "old.dossier.json.bak").write_text("{}")
    (folder / ".hidden.dossier.json").write_text("{}")
    (folder / ".hidden-folder").mkdir()
    (folder / "[bold]x.dossier.json").write_text("{}")
    (folder / "[").mkdir()
    (folder / "[/x].dossier.json").write_text("{}")  # a folder "[" holding "x].dossier.json"
    os.mkfifo(folder / "pipe.dossier.json")
    (folder / "broken.dossier.json").symlink_to(folder / "nowhere")
    (folder / "loop").symlink_to(folder / "loop")
    return folder


async def test_the_tree_shows_only_folders_and_drafts_and_opens_one_with_the_keyboard(
    draft_path: Path, crowded: Path, make: Make, tui: Tui
) -> None:
    app = make(draft_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await tui.ready(pilot)
        await _open_dialog(pilot, tui=tui)
        tree = _tree(app)
        assert app.focused is tree  # no other recent draft: the tree has the focus
        assert tree.folder == crowded
        assert _listed(tree) == [
            "[",
            "sub",
            "[bold]x.dossier.json",
            "other.dossier.json",
            "westmere.dossier.json",
        ]
        text = tui.screen_text(app)
        assert "[bold]x.dossier.json" in text and "notes.txt" not in text and "pipe" not in text
        # into the folder "[": its draft is listed by name, literally
        await pilot.press("enter")
        await tui.until(pilot, lambda: bool(tree.root.children[0].children))
        assert [str(n.label) for n in tree.root.children[0].children] == ["x].dossier.json"]
        assert "x].dossier.json" in tui.screen_text(app)
        # down to "other.dossier.json" and enter: it opens
        await _cursor_to(pilot, tree, "other.dossier.json")
        await pilot.press("enter")
        await tui.until(
            pilot, lambda: app.session is not None and app.session.path.name == "other.dossier.json"
        )
        await tui.ready(pilot)
        assert isinstance(app.screen, MainScreen)
        assert "Cannot open" not in tui.notices(app)


async def test_a_draft_named_like_markup_opens_from_the_tree_without_a_crash(
    draft_path: Path, crowded: Path, make: Make, tui: Tui
) -> None:
    (crowded / "[bold]x.dossier.json").write_bytes(draft_path.read_bytes())
    app = make(draft_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await tui.ready(pilot)
        await _open_dialog(pilot, tui=tui)
        tree = _tree(app)
        await _cursor_to(pilot, tree, "[bold]x.dossier.json")
        await pilot.press("enter")
        await tui.until(pilot, lambda: app.session is not None and app.session.path.name.startswith("[bold]"))
        await tui.ready(pilot)
        assert isinstance(app.screen, MainScreen) and app.is_running
        # and the broken one in the folder "[" gives a plain message, not a crash
        await pilot.press("ctrl+o")
        await tui.until(pilot, lambda: isinstance(app.screen, PathDialog))
        field = app.screen.query_one("#path-input", FieldInput)
        field.value = str(crowded / "[/x].dossier.json")
        field.focus()
        await pilot.press("enter")
        await tui.until(pilot, lambda: "Cannot open the draft" in tui.notices(app))
        assert app.session is not None and app.session.path.name.startswith("[bold]")


async def test_backspace_goes_to_the_parent_folder_and_tilde_home(
    draft_path: Path, crowded: Path, make: Make, monkeypatch: pytest.MonkeyPatch, tui: Tui
) -> None:
    home = crowded.parent / "home"
    home.mkdir()
    _copy(draft_path, "../home/at-home.dossier.json")
    monkeypatch.setenv("HOME", str(home))
    app = make(draft_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await tui.ready(pilot)
        await _open_dialog(pilot, tui=tui)
        tree = _tree(app)
        await pilot.press("backspace")
        await tui.until(pilot, lambda: tree.folder == crowded.parent and "drafts" in _listed(tree))
        assert str(crowded.parent) in str(tree.border_title)
        await pilot.press("tilde")
        await tui.until(pilot, lambda: tree.folder == home and _listed(tree) == ["at-home.dossier.json"])
        await pilot.press("enter")
        await tui.until(
            pilot, lambda: app.session is not None and app.session.path.name == "at-home.dossier.json"
        )


async def test_tab_moves_between_the_list_the_tree_and_the_path_field_and_escape_cancels(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    recent.remember(_copy(draft_path, "second.dossier.json"))
    app = make(draft_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await tui.ready(pilot)
        dialog = await _open_dialog(pilot, tui=tui)
        assert app.focused is dialog.query_one("#path-recent")
        await pilot.press("tab")
        assert app.focused is dialog.query_one("#path-tree")
        await pilot.press("tab")
        assert app.focused is dialog.query_one("#path-input")
        await pilot.press("escape")
        await tui.until(pilot, lambda: isinstance(app.screen, MainScreen))
        assert app.session is not None and app.session.path == draft_path


async def test_a_path_pasted_on_the_tree_goes_into_the_path_field(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    from textual import events

    app = make(draft_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await tui.ready(pilot)
        dialog = await _open_dialog(pilot, tui=tui)
        tree = _tree(app)
        tree.post_message(events.Paste("/some/where/city.dossier.json"))
        field = dialog.query_one("#path-input", FieldInput)
        await tui.until(pilot, lambda: "/some/where/city.dossier.json" in field.value)
        assert app.focused is field
        assert field.value.count("city.dossier.json") == 1


async def test_a_name_typed_on_the_tree_goes_into_the_path_field_and_enter_opens_it(
    draft_path: Path, crowded: Path, make: Make, tui: Tui
) -> None:
    """Typing a name with the tree focused used to go nowhere, and enter then took the
    entry under the cursor (here the folder "[") instead of the name typed."""
    app = make(draft_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await tui.ready(pilot)
        dialog = await _open_dialog(pilot, tui=tui)
        tree = _tree(app)
        assert app.focused is tree and str(tree.cursor_node.label) == "["  # type: ignore[union-attr]
        await tui.type_text(pilot, "other.dossier.json")
        field = dialog.query_one("#path-input", FieldInput)
        assert app.focused is field
        assert Path(field.value).expanduser() == crowded / "other.dossier.json"
        await pilot.press("enter")
        await tui.until(
            pilot, lambda: app.session is not None and app.session.path.name == "other.dossier.json"
        )


async def test_a_folder_that_cannot_be_read_or_a_fifo_gives_a_plain_message(
    draft_path: Path, make: Make, monkeypatch: pytest.MonkeyPatch, tui: Tui
) -> None:
    secret = draft_path.parent / "secret"
    secret.mkdir()
    fifo = draft_path.parent / "pipe.dossier.json"
    os.mkfifo(fifo)
    real_scandir, real_iterdir = os.scandir, Path.iterdir

    def scandir(path: Any = ".") -> Any:  # as for another user's folder (the tests run as root)
        if Path(path) == secret:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    def iterdir(self: Path) -> Any:
        if self == secret:
            raise PermissionError(13, "Permission denied", str(self))
        return real_iterdir(self)

    monkeypatch.setattr(path_prompt.os, "scandir", scandir)
    monkeypatch.setattr(Path, "iterdir", iterdir)
    app = make(draft_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await tui.ready(pilot)
        dialog = await _open_dialog(pilot, tui=tui)
        tree = _tree(app)
        field = dialog.query_one("#path-input", FieldInput)
        error = dialog.query_one("#path-error", Static)
        # the folder typed: the tree goes there and says why it shows nothing
        field.value = str(secret)
        field.focus()
        await pilot.press("enter")
        await tui.until(pilot, lambda: "not allowed to open the folder" in str(error.content))
        assert tree.folder == secret and _listed(tree) == []
        # a FIFO is refused in words, and never read
        field.value = str(fifo)
        field.focus()
        await pilot.press("enter")
        await tui.until(pilot, lambda: "is not a draft file" in str(error.content))
        assert isinstance(app.screen, PathDialog)


async def test_a_huge_folder_lists_a_bounded_number_of_entries_and_says_so(
    draft_path: Path, make: Make, monkeypatch: pytest.MonkeyPatch, tui: Tui
) -> None:
    monkeypatch.setattr(path_prompt, "MAX_ENTRIES", 30)
    for i in range(25):
        (draft_path.parent / f"folder{i:02}").mkdir()
    for i in range(20):
        (draft_path.parent / f"city{i:02}.dossier.json").write_text("{}")
    app = make(draft_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await tui.ready(pilot)
        dialog = await _open_dialog(pilot, tui=tui)
        listed = _listed(_tree(app))
        assert len(listed) == 30
        assert sum(name.endswith(".dossier.json") for name in listed) == 21  # every draft kept first
        error = dialog.query_one("#path-error", Static)
        await tui.until(pilot, lambda: "16 more entries than are listed" in str(error.content))


async def test_save_as_picks_the_folder_in_the_tree_and_keeps_the_name(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    (draft_path.parent / "final").mkdir()
    app = make(draft_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await tui.ready(pilot)
        app.action_save_as()
        await tui.until(pilot, lambda: isinstance(app.screen, PathDialog))
        dialog = app.screen
        field = dialog.query_one("#path-input", FieldInput)
        assert app.focused is field  # saving: the name comes first
        tree = _tree(app)
        await tui.until(pilot, lambda: bool(tree.root.children))
        await pilot.press("shift+tab")
        assert app.focused is tree
        tree.cursor_line = 0  # "final"
        await pilot.press("enter")
        await tui.until(pilot, lambda: field.value == str(draft_path.parent / "final" / draft_path.name))
        field.focus()
        await pilot.press("enter")
        target = draft_path.parent / "final" / draft_path.name
        await tui.until(pilot, lambda: app.session is not None and app.session.path == target)
        assert target.is_file()


async def test_the_export_dialog_stays_open_on_a_name_that_is_not_a_word_document(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    app = make(draft_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await tui.ready(pilot)
        await pilot.press("ctrl+e")
        await tui.wait_for_screen(pilot, PathDialog)
        field = app.screen.query_one("#path-input", Input)
        field.value = str(draft_path.with_name("westmere.docxa7"))
        field.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PathDialog)
        assert "ends in .docx" in tui.screen_text(app)
        assert not draft_path.with_name("westmere.docxa7").exists()
