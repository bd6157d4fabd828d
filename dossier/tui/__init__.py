"""The terminal editor: write each part of the dossier with guidance, live counts and findings.

Importing this package is cheap (no Textual, no python-docx): :func:`run` and
:func:`make_app` import the application only when called, so ``dossier validate``
and the other commands never pay for the TUI.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dossier.tui.app import DossierApp

__all__ = ["make_app", "run"]


def make_app(
    path: Path | None = None,
    *,
    now: datetime | None = None,
    cursor_blink: bool = True,
    reopen_recent: bool = True,
) -> DossierApp:
    """Build the application (used by :func:`run`, the tests and the snapshots).

    ``path`` is read at once, so a missing or broken draft raises :class:`DraftError`
    (or :class:`ProfileError`) here, before the screen is taken over. ``now`` freezes
    the clock (days to the deadline, finding wording) for tests and snapshots.
    Without ``path`` the most recent draft is reopened if ``reopen_recent``.
    """
    from dossier.tui.app import DossierApp

    return DossierApp(path, now=now, cursor_blink=cursor_blink, reopen_recent=reopen_recent)


def run(path: Path | None) -> int:
    """Run the editor on ``path`` (or the most recent draft); returns the exit code."""
    app = make_app(path)
    app.handle_signals = True
    try:
        app.run()
    finally:
        app.shutdown_session()
    return app.return_code or 0
