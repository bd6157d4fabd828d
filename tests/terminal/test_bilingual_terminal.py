"""A bilingual draft in a real terminal: the two texts side by side, stacked when narrow,
a change to the working text marked in the sidebar and cleared with ctrl+t."""

from __future__ import annotations

import shutil

from support.paths import EXAMPLES_DIR
from support.terminal import Terminal, read_draft

STRATEGY = "6. Development strategy and policy"
SHIFT_TAB, CTRL_HOME, CTRL_T = "\x1b[Z", "\x1b[1;5H", "\x14"
"""What an xterm sends for these keys."""


def test_side_by_side_then_stacked_and_in_step(terminal: Terminal) -> None:
    draft = terminal.cwd / "lanjiang.dossier.json"
    shutil.copy(EXAMPLES_DIR / "lanjiang-music-zh.dossier.json", draft)
    before = read_draft(draft)["sections"]["strategy"]
    terminal.open_ready(["open", draft.name], size=(120, 40))
    terminal.go_to(STRATEGY)
    # the pane's title shows before its two texts are laid out side by side: wait for them
    terminal.wait_until(
        lambda s: any(
            "Chinese (working text)" in row and "English (for UNESCO)" in row for row in s.splitlines()
        ),
        "the two texts side by side, one row holding both titles",
    )
    terminal.send(SHIFT_TAB, CTRL_HOME, "新")  # from the English to the start of the Chinese
    terminal.wait_for("translation out of date")
    terminal.resize(80, 24)
    screen = terminal.wait_until(lambda s: "(working text) · " in s, "the stacked titles")
    assert not any("English (for UNESCO)" in line for line in screen.splitlines() if "working text" in line)
    terminal.resize(120, 40)
    terminal.wait_for("English (for UNESCO)")
    terminal.send(CTRL_T)
    terminal.wait_for("Confirmed: the translation")  # the notice (the finding also says "still holds")
    terminal.wait_gone("translation out of date")
    terminal.save()
    saved = read_draft(draft)["sections"]["strategy"]
    assert saved["working_text"] == "新" + before["working_text"]
    assert saved["text"] == before["text"]
    assert saved["translated_from"] != before["translated_from"]
