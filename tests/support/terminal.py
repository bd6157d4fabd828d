"""A real terminal for the ``dossier`` command: a pseudo-terminal (pexpect) read by an emulator (pyte).

The Pilot tests drive the app from inside; these drive it as a person does, through
the bytes a terminal sends (keys, bracketed pastes, a window resize) and the screen it
shows. The spawned ``dossier`` imports this checkout (``PYTHONPATH``), and its home, its
XDG folders and its recent-drafts list live in the test's temporary folder, so no
settings of the person running the tests leak in or out.

Every wait is for something on the screen or on disk, with a generous deadline (the
machines that run this are slow and busy): never a sleep that hopes.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from support.paths import REPO

try:
    import pexpect
    import pyte
    from wcwidth import wcwidth  # pyte's own measure of a character's cells
except ImportError:  # pragma: no cover - the fixture says why the tests are skipped
    pexpect = pyte = None

EXAMPLE = REPO / "examples" / "westmere-design.dossier.json"
DOSSIER = shutil.which("dossier")
TIMEOUT = 30.0
"""Seconds to wait for anything: far more than it takes, so that only a real hang fails."""


def _missing() -> str | None:
    """Why the terminal tests cannot run here, or None."""
    if sys.platform == "win32":  # pragma: no cover
        return "pseudo-terminals need a POSIX system"
    if pexpect is None or pyte is None:
        return "the terminal tests need pexpect and pyte (pip install '.[test]')"
    if DOSSIER is None:
        return "the dossier command is not installed (pip install '.[test]')"
    return None


# What the terminal sends for the keys these tests press (xterm, as Textual's parser reads them).
KEYS = {
    "ctrl+s": "\x13",
    "ctrl+q": "\x11",
    "ctrl+z": "\x1a",
    "ctrl+y": "\x19",
    "ctrl+o": "\x0f",
    "ctrl+n": "\x0e",
    "ctrl+p": "\x10",
    "ctrl+down": "\x1b[1;5B",
    "ctrl+up": "\x1b[1;5A",
    "f1": "\x1bOP",
    "f2": "\x1bOQ",
    "escape": "\x1b",
    "enter": "\r",
    "tab": "\t",
    "end": "\x1b[F",
}


class ScreenTimeout(AssertionError):
    """What was awaited never showed: the message holds the screen as it was."""


class Terminal:
    """One ``dossier`` process in a pseudo-terminal, and the screen a terminal would show."""

    def __init__(self, home: Path, cwd: Path) -> None:
        self.home = home
        self.cwd = cwd
        self.child: Any = None
        self.screen: Any = None
        self._stream: Any = None
        self.output = bytearray()

    # --- life -------------------------------------------------------------------------

    def env(self) -> dict[str, str]:
        """The environment of the spawned command: this checkout, a private home, an xterm."""
        # COLUMNS and LINES would override the window's size (pytest-xdist workers have them).
        skip = ("TEXTUAL", "DOSSIER_", "COLUMNS", "LINES")
        env = {k: v for k, v in os.environ.items() if not k.startswith(skip)}
        env.update(
            HOME=str(self.home),
            XDG_CONFIG_HOME=str(self.home / ".config"),
            XDG_DATA_HOME=str(self.home / ".local" / "share"),
            XDG_STATE_HOME=str(self.home / ".local" / "state"),
            XDG_CACHE_HOME=str(self.home / ".cache"),
            PYTHONPATH=str(REPO),
            TERM="xterm-256color",
            COLORTERM="truecolor",
            LANG="C.UTF-8",
            LC_ALL="C.UTF-8",
        )
        return env

    def spawn(self, args: Sequence[str], size: tuple[int, int] = (120, 40)) -> Terminal:
        """Start ``dossier ARGS`` in a terminal of ``size`` (columns, rows)."""
        cols, rows = size
        self.screen = pyte.Screen(cols, rows)
        self._stream = pyte.ByteStream(self.screen)
        self.output = bytearray()
        self.child = pexpect.spawn(
            DOSSIER, list(args), cwd=str(self.cwd), env=self.env(), dimensions=(rows, cols), echo=False
        )
        return self

    @property
    def alive(self) -> bool:
        return self.child is not None and self.child.isalive()

    def kill9(self) -> None:
        """Kill the process as a crash or a lost connection would: no chance to clean up."""
        self.child.kill(signal.SIGKILL)
        self.wait_exit()

    def wait_exit(self, timeout: float = TIMEOUT) -> int | None:
        """Wait for the process to end (reading what it still draws); its exit code, None if killed."""
        deadline = time.monotonic() + timeout
        while self.child.isalive() and time.monotonic() < deadline:
            self.pump(0.2)
        if self.child.isalive():
            raise ScreenTimeout(f"dossier did not exit within {timeout} s\n{self.screen_text()}")
        self.pump(0)
        self.child.close()
        return self.child.exitstatus

    def close(self) -> None:
        if self.child is not None and self.child.isalive():
            self.child.kill(signal.SIGKILL)
            self.child.close(force=True)

    # --- input ------------------------------------------------------------------------

    def send(self, *keys: str) -> None:
        """Send keys by name (see KEYS) or literal text, in order."""
        for key in keys:
            self.child.send(KEYS.get(key, key).encode("utf-8"))

    def paste(self, text: str) -> None:
        """A bracketed paste, as a terminal sends it (line ends as CR, the way terminals paste)."""
        body = text.replace("\r\n", "\n").replace("\n", "\r")
        self.child.send(("\x1b[200~" + body + "\x1b[201~").encode("utf-8"))

    def resize(self, cols: int, rows: int) -> None:
        """Resize the window: the emulator forgets what it showed, so only a redraw fills it again."""
        self.pump(0)
        self.screen.resize(rows, cols)
        self.screen.reset()
        self.child.setwinsize(rows, cols)

    # --- output -----------------------------------------------------------------------

    def pump(self, timeout: float = 0.1) -> None:
        """Feed the emulator whatever the program wrote (waiting up to ``timeout`` for the first bytes)."""
        while True:
            try:
                data = self.child.read_nonblocking(65536, timeout=timeout)
            except (pexpect.TIMEOUT, pexpect.EOF):
                return
            self.output += data
            self._stream.feed(data)
            timeout = 0

    def screen_text(self) -> str:
        """The screen as text, one line per row, trailing spaces removed.

        Read cell by cell rather than through ``pyte``'s ``display``, which fails on a cell
        left empty when a wide (Chinese) character is half overwritten: the terminal shows a
        blank there, and so does this."""
        columns = self.screen.columns
        rows = []
        for y in range(self.screen.lines):
            line, cells, x = self.screen.buffer[y], [], 0
            while x < columns:
                data = line[x].data
                cells.append(data or " ")
                x += 2 if data and wcwidth(data[0]) == 2 else 1
            rows.append("".join(cells).rstrip())
        return "\n".join(rows)

    def wait_until(self, check: Callable[[str], bool], what: str, timeout: float = TIMEOUT) -> str:
        """Wait until ``check(screen)`` holds; the screen then. Fails with the screen if it never does."""
        deadline = time.monotonic() + timeout
        while True:
            self.pump(0.1)
            text = self.screen_text()
            if check(text):
                return text
            if not self.child.isalive():
                self.pump(0)
                tail = bytes(self.output[-3000:]).decode("utf-8", "replace")
                raise ScreenTimeout(
                    f"dossier exited (status {self.child.exitstatus}) while waiting for {what}\n"
                    f"{self.screen_text()}\n--- last output ---\n{tail}"
                )
            if time.monotonic() > deadline:
                raise ScreenTimeout(f"{what} did not show within {timeout} s\n{self.screen_text()}")

    def wait_for(self, text: str, timeout: float = TIMEOUT) -> str:
        """Wait until ``text`` is on the screen."""
        return self.wait_until(lambda screen: text in screen, repr(text), timeout)

    def wait_gone(self, text: str, timeout: float = TIMEOUT) -> str:
        """Wait until ``text`` is no longer on the screen."""
        return self.wait_until(lambda screen: text not in screen, f"{text!r} to go", timeout)

    # --- dossier ----------------------------------------------------------------------

    def sync(self) -> None:
        """Open the palette and close it: once it has come and gone, everything the app had
        queued before (such as putting the cursor in the editor after the first frame) is done,
        so the next keys reach the widget a person would see focused."""
        self.send("ctrl+p")
        self.wait_for("Search for commands")
        self.send("escape")
        self.wait_gone("Search for commands")

    def open_ready(self, args: Sequence[str], size: tuple[int, int] = (120, 40)) -> str:
        """Open a draft and wait until it is drawn, counts words and has the cursor in its editor."""
        self.spawn(args, size)
        self.wait_for("✓ saved")
        self.wait_for(" words")
        self.sync()
        return self.screen_text()

    def go_to(self, title: str, shows: str | None = None) -> str:
        """Put the cursor in a part through the palette ("Go to: TITLE"), as a person would,
        and wait until the part shows (``shows``, by default its title at the top of the pane)."""
        self.send("ctrl+p")
        self.wait_for("Search for commands")
        self.send(f"Go to: {title}")
        self.wait_for(f"Go to: {title}")
        self.send("enter")
        self.wait_gone("Search for commands")
        self.wait_for(shows or f"▎ {title}")
        self.sync()
        return self.screen_text()

    def wait_for_file(
        self, path: Path, check: Callable[[Path], bool] = Path.exists, timeout: float = TIMEOUT
    ) -> None:
        """Wait until ``check(path)`` holds (a file written in the background), reading the screen
        meanwhile (a program whose terminal is not read blocks once the buffer is full)."""
        deadline = time.monotonic() + timeout
        while not check(path):
            if time.monotonic() > deadline:
                raise AssertionError(f"{path} did not appear within {timeout} s\n{self.screen_text()}")
            self.pump(0.1)

    def save(self) -> str:
        """ctrl+s, then wait until the header says the draft is saved."""
        self.send("ctrl+s")
        return self.wait_for("✓ saved")


def read_draft(path: Path) -> dict[str, Any]:
    """The saved draft as JSON."""
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    """A terminal whose home is ``tmp_path/home``, working in ``tmp_path/drafts``."""
    reason = _missing()
    if reason:
        pytest.skip(reason)
    home = tmp_path / "home"
    home.mkdir()
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    term = Terminal(home, drafts)
    try:
        yield term
    finally:
        term.close()


@pytest.fixture
def example(terminal: Terminal) -> Path:
    """A copy of the bundled example draft in the terminal's working folder."""
    target = terminal.cwd / "westmere.dossier.json"
    shutil.copy(EXAMPLE, target)
    return target
