"""The terminal editor: write each part of the dossier with guidance, live counts and findings.

Importing this package is cheap (no Textual, no python-docx): :func:`run` and
:func:`make_app` import the application only when called, so ``dossier validate``
and the other commands never pay for the TUI.
"""

from __future__ import annotations

import gc
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dossier.tui.app import DossierApp

__all__ = ["MILESTONES", "import_editor", "make_app", "milestone", "run"]

MILESTONES: dict[str, float] = {}
"""When each phase of this process's start-up ended (``time.perf_counter()``): ``imports``
(the editor's modules), ``read`` (the draft's file read and its JSON parsed),
``first_paint`` (the first screen drawn) and ``validated`` (pydantic has validated the
draft). Read by the benchmarks (``tests/bench/startup_probe.py``)."""


def milestone(name: str) -> None:
    """Note the end of start-up phase ``name`` (the first time only)."""
    MILESTONES.setdefault(name, time.perf_counter())


def make_app(
    path: Path | None = None,
    *,
    now: datetime | None = None,
    cursor_blink: bool = True,
    reopen_recent: bool = True,
) -> DossierApp:
    """Build the application (used by :func:`run`, the tests and the snapshots).

    ``path`` is read and its JSON parsed at once, so a missing or unreadable file raises
    :class:`DraftError` here, before the screen is taken over; the draft is validated after
    the first frame (a file pydantic refuses stops the app with ``app.fatal``). ``now`` freezes
    the clock (days to the deadline, finding wording) for tests and snapshots.
    Without ``path`` the most recent draft is reopened if ``reopen_recent``.
    """
    from dossier.tui.app import DossierApp

    milestone("imports")
    return DossierApp(path, now=now, cursor_blink=cursor_blink, reopen_recent=reopen_recent)


def import_editor() -> None:
    """Import the editor's modules with the garbage collector paused, then freeze what they made.

    Importing Textual and the editor creates a few hundred thousand objects that live as
    long as the process; the collector, running meanwhile, walks them again and again (about
    a tenth of the time to the first frame) and never finds garbage among them. Frozen, no
    later collection walks them either. Only for the command line's start: a test process
    imports once and must not freeze the garbage of other tests.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        import dossier.tui.app  # noqa: F401

        gc.freeze()
    finally:
        if enabled:
            gc.enable()


def run(path: Path | None) -> int:
    """Run the editor on ``path`` (or the most recent draft); returns the exit code."""
    import_editor()
    app = make_app(path)
    app.handle_signals = True
    try:
        app.run()
    finally:
        app.shutdown_session()
    if app.fatal is not None:  # the draft given was not one: one line, as for any bad file
        print(f"dossier: {app.fatal}", file=sys.stderr)
    return app.return_code or 0
