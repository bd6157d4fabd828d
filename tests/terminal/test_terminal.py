"""dossier in a real terminal: pastes, typing from input methods, undo, quitting, crashes, resizing.

Each test spawns the ``dossier`` command in a pseudo-terminal and reads the screen an
xterm would show (see conftest.py). These catch what the Pilot tests cannot: the bytes
a terminal really sends (a bracketed paste, CR line ends, a window change) and the
process really ending.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from support.paths import REPO
from support.terminal import ScreenTimeout, Terminal, read_draft

GAPS = REPO / "tests" / "tui" / "data" / "westmere-gaps.dossier.json"
"""A draft whose part 4 is empty (short parts let a paste make the scroll bar come and go)."""

STRATEGY = "6. Development strategy and policy"
PREPARATION = "8. How the application was prepared"


def header(city: str) -> str:
    return f"{city} · Design · UCCN call"


@pytest.fixture
def gaps(terminal: Terminal) -> Path:
    target = terminal.cwd / "gaps.dossier.json"
    shutil.copy(GAPS, target)
    return target


# --- pastes --------------------------------------------------------------------------


def test_a_paste_into_a_section_goes_in_once(terminal: Terminal, example: Path) -> None:
    before = read_draft(example)["sections"]["strategy"]["text"]
    terminal.open_ready(["open", example.name])
    terminal.go_to(STRATEGY)
    pasted = "\nPASTED-ONE from an e-mail, 设计之都 too.\nPASTED-TWO, the second line."
    terminal.paste(pasted)
    screen = terminal.wait_for("PASTED-TWO, the second line.")
    assert screen.count("PASTED-ONE") == 1, screen
    assert screen.count("PASTED-TWO") == 1, screen
    terminal.save()
    assert read_draft(example)["sections"]["strategy"]["text"] == before + pasted


def test_a_paste_holding_escape_sequences_goes_in_once_and_runs_no_command(
    terminal: Terminal, example: Path
) -> None:
    """Text copied from coloured terminal output: its ESCs (and a ctrl+q inside it) stay in the
    paste, are dropped as control characters, and nothing in it acts as a key."""
    before = read_draft(example)["sections"]["strategy"]["text"]
    terminal.open_ready(["open", example.name])
    terminal.go_to(STRATEGY)
    terminal.paste(" COLOUR-\x1b[31mRED\x1b[0m-END \x11 QUIT-NOT")
    screen = terminal.wait_for("QUIT-NOT")
    assert screen.count("COLOUR-") == 1 and "Unsaved changes" not in screen, screen
    terminal.save()
    assert read_draft(example)["sections"]["strategy"]["text"] == before + " COLOUR-[31mRED[0m-END  QUIT-NOT"


def test_a_paste_into_a_one_line_field_goes_in_once(terminal: Terminal, example: Path) -> None:
    terminal.open_ready(["open", example.name])
    terminal.go_to("Basic information", "▎ The city")
    terminal.send("end")
    terminal.paste(" Linchuan")
    screen = terminal.wait_for(header("Westmere Linchuan"))
    assert "LinchuanLinchuan" not in screen, screen
    terminal.save()
    assert read_draft(example)["basic"]["city"] == "Westmere Linchuan"


# --- typing from input methods ---------------------------------------------------------


def test_chinese_and_french_spaces_typed_are_kept(terminal: Terminal, example: Path) -> None:
    """An IME commits its text in one write; a French layout sends U+00A0 and U+202F as keys."""
    before = read_draft(example)["sections"]["strategy"]["text"]
    typed = "临川是一座城市\u3000设计之都 « Bonjour\u202f! » 10\u00a0kg"
    terminal.open_ready(["open", example.name])
    terminal.go_to(STRATEGY)
    terminal.send("enter", typed)
    terminal.wait_for("Bonjour")
    terminal.go_to("Basic information", "▎ The city")
    terminal.send("end", "\u00a0Linchuan\u3000临川")
    terminal.wait_for("临川 · Design")
    terminal.save()
    saved = read_draft(example)
    assert saved["sections"]["strategy"]["text"] == before + "\n" + typed
    assert saved["basic"]["city"] == "Westmere\u00a0Linchuan\u3000临川"


# --- undo and redo ---------------------------------------------------------------------


def test_undo_and_redo_after_a_paste(terminal: Terminal, gaps: Path) -> None:
    """ctrl+z right after a paste crashed the app (the scroll bar went with the text)."""
    terminal.open_ready(["open", gaps.name])
    terminal.go_to(PREPARATION)
    lines = "\n".join(f"Line {i:02} of the pasted minutes." for i in range(50))
    terminal.paste(lines)
    terminal.wait_for("Line 49 of the pasted minutes.")
    terminal.send("ctrl+z")
    terminal.wait_gone("Line 49 of the pasted minutes.")
    terminal.send("ctrl+y")
    terminal.wait_for("Line 49 of the pasted minutes.")
    terminal.send("ctrl+z", "ctrl+z", "ctrl+y", "ctrl+z")
    terminal.wait_gone("Line 49 of the pasted minutes.")
    terminal.send("Kept after undo.")
    terminal.wait_for("Kept after undo.")
    terminal.save()
    assert terminal.alive
    assert read_draft(gaps)["sections"]["preparation"]["text"] == "Kept after undo."


# --- quitting --------------------------------------------------------------------------


@pytest.mark.parametrize("answer", ["s", "d", "escape"])
def test_quitting_with_unsaved_changes_asks_and_each_answer_does_what_it_says(
    terminal: Terminal, example: Path, answer: str
) -> None:
    before = read_draft(example)["introduction"]["text"]
    terminal.open_ready(["open", example.name])
    terminal.send(" Typed before quitting.")
    terminal.wait_for("Typed before quitting.")
    terminal.send("ctrl+q")
    terminal.wait_for("Unsaved changes")
    terminal.wait_for("Save (s)")
    terminal.send(answer)
    if answer == "escape":  # cancel: back in the editor with the text, still unsaved
        terminal.wait_gone("Save (s)")
        assert terminal.alive
        assert "Typed before quitting." in terminal.screen_text()
        assert read_draft(example)["introduction"]["text"] == before
        terminal.send("ctrl+q")
        terminal.wait_for("Save (s)")
        terminal.send("d")
    assert terminal.wait_exit() == 0
    text = read_draft(example)["introduction"]["text"]
    if answer == "s":
        assert text == before + " Typed before quitting."
    else:
        assert text == before
    assert not Path(f"{example}.lock").exists()
    assert not Path(f"{example}.recovery").exists()


# --- a crash, then recovery --------------------------------------------------------------


def test_kill_9_then_the_recovery_copy_is_offered_and_restores_the_text(
    terminal: Terminal, example: Path
) -> None:
    before = read_draft(example)["introduction"]["text"]
    recovery = Path(f"{example}.recovery")
    terminal.open_ready(["open", example.name])
    terminal.send(" Typed, never saved, then the power went.")
    terminal.wait_for("then the power went.")
    terminal.wait_for_file(recovery, lambda p: p.exists() and "the power went" in p.read_text("utf-8"))
    terminal.kill9()
    assert read_draft(example)["introduction"]["text"] == before

    terminal.spawn(["open", example.name])
    terminal.wait_for("This draft is in use")  # the killed window's lock: it has ended
    terminal.wait_for("Take over (t)")
    terminal.send("t")
    terminal.wait_for("Recover unsaved changes?")
    terminal.wait_for("Recover (r)")
    terminal.send("r")
    terminal.wait_for("then the power went.")
    terminal.save()
    assert read_draft(example)["introduction"]["text"] == before + " Typed, never saved, then the power went."


# --- resizing ----------------------------------------------------------------------------


def test_a_resize_from_120x40_to_80x24_redraws_and_keeps_working(terminal: Terminal, example: Path) -> None:
    before = read_draft(example)["introduction"]["text"]
    terminal.open_ready(["open", example.name], size=(120, 40))
    terminal.send(" Before the resize.")
    terminal.wait_for("Before the resize.")
    terminal.resize(80, 24)
    screen = terminal.wait_for("^q Quit")  # the footer again: the whole screen was drawn anew
    screen = terminal.wait_for(" words")
    assert all(len(line) <= 80 for line in screen.splitlines())
    assert len(screen.splitlines()) == 24
    assert "Westmere" in screen
    terminal.send(" After the resize.")
    terminal.wait_for("After the resize.")
    terminal.save()
    assert read_draft(example)["introduction"]["text"] == before + " Before the resize. After the resize."


# --- dialogs and stray keys --------------------------------------------------------------


STRAY = "qxyz"


def _stray_letters(terminal: Terminal, opens: str, shows: str, *, stays: str | None = None) -> None:
    """Open a dialog, type letters that answer nothing, check it lives, close it with escape.

    ``stays`` is text the dialog shows as long as it is open when ``shows`` (a placeholder)
    goes as soon as letters are typed; the palette takes two escapes once it lists results.
    """
    terminal.send(opens)
    terminal.wait_for(shows)
    terminal.send(STRAY)
    assert terminal.alive, terminal.screen_text()
    for _ in range(3):
        terminal.send("escape")
        try:
            terminal.wait_gone(stays or shows, timeout=5)
            break
        except ScreenTimeout:
            continue
    assert (stays or shows) not in terminal.screen_text()
    assert terminal.alive, terminal.screen_text()
    terminal.wait_for("^q Quit")


def test_every_dialog_takes_stray_letters_without_crashing(terminal: Terminal, example: Path) -> None:
    terminal.open_ready(["open", example.name])
    _stray_letters(terminal, "ctrl+o", "Open a draft")
    _stray_letters(terminal, "ctrl+n", "Create a new draft")
    _stray_letters(terminal, "f1", "Undo / redo in the text editor")
    _stray_letters(terminal, "f2", "Readiness")
    _stray_letters(terminal, "ctrl+p", "Search for commands", stays="🔎")
    # the draft cannot be written where it was (a folder took its name): saving fails
    example.unlink()
    example.mkdir()
    terminal.send("ctrl+s")
    screen = terminal.wait_until(
        lambda s: "The draft was not saved" in s or "The file changed on disk" in s, "the save to fail"
    )
    title = "The draft was not saved" if "The draft was not saved" in screen else "The file changed on disk"
    terminal.send(STRAY)
    assert terminal.alive, terminal.screen_text()
    terminal.send("escape")
    terminal.wait_gone(title)
    example.rmdir()
    # the quit question last: it is the one that crashed (ScreenStackError)
    terminal.send(" Unsaved words.")
    terminal.wait_for("Unsaved words.")
    terminal.send("ctrl+q")
    terminal.wait_for("Unsaved changes")
    terminal.send(STRAY)
    terminal.wait_for("Save (s)")
    assert terminal.alive, terminal.screen_text()
    terminal.send("escape")
    terminal.wait_gone("Save (s)")
    assert terminal.alive, terminal.screen_text()
    terminal.send("ctrl+q")
    terminal.wait_for("Save (s)")
    terminal.send("d")
    assert terminal.wait_exit() == 0


# --- the last draft renamed --------------------------------------------------------------


def test_plain_dossier_says_the_last_draft_is_gone_and_opens_no_other(
    terminal: Terminal, example: Path
) -> None:
    other = terminal.cwd / "linchuan.dossier.json"
    data = read_draft(example)
    data["basic"]["city"] = "Linchuan"
    other.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    # open Linchuan, then Westmere: Westmere is the last draft, Linchuan the one before
    for draft in (other, example):
        terminal.open_ready(["open", draft.name])
        terminal.send("ctrl+q")
        assert terminal.wait_exit() == 0
    example.rename(terminal.cwd / "westmere-v2.dossier.json")

    terminal.spawn([])
    screen = terminal.wait_until(
        lambda s: example.name in s or "· Design · UCCN call" in s, "the old name or an opened draft"
    )
    assert header("Linchuan") not in screen, f"another draft was opened without a word:\n{screen}"
    assert header("Westmere") not in screen, screen
    assert example.name in screen, f"the last draft's name is not reported:\n{screen}"
    assert terminal.alive
