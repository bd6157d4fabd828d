"""The top line: which dossier this is, how long until the deadline, and whether it is saved."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from dossier.tui.session import Session
from dossier.tui.text import literal


def deadline_text(days: int) -> str:
    if days < 0:
        return "UNESCO deadline passed"
    if days == 0:
        return "UNESCO deadline today"
    return f"{days} day{'s' if days != 1 else ''} to UNESCO deadline"


class DossierHeader(Horizontal):
    """City, field, call and days left on the left; the saved state on the right."""

    DEFAULT_CSS = """
    DossierHeader {
        dock: top;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    DossierHeader #header-title {
        width: 1fr;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        padding: 0 1;
    }
    DossierHeader #header-state {
        width: auto;
        padding: 0 1;
    }
    DossierHeader #header-state.-dirty { color: $text-warning; }
    DossierHeader #header-state.-clean { color: $text-success; }
    DossierHeader #header-state.-readonly { color: $text-error; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="header-title")
        yield Static(id="header-state")

    def show(self, session: Session, *, saving: bool = False) -> None:
        """Redraw both halves from the session (cheap; called when the state changes)."""
        basic = session.draft.basic
        profile = session.profile
        city = basic.city.strip() or "(no city yet)"
        field = profile.field_label(basic.field) if basic.field else "(no field)"
        call = f"UCCN call {profile.call_year}"
        title = Content.assemble(
            literal(city, "bold", one_line=True),
            " · ",
            literal(field, one_line=True),
            " · ",
            literal(call, one_line=True),
            " · ",
            deadline_text(session.days_left()),
        )
        self.query_one("#header-title", Static).update(title)
        state = self.query_one("#header-state", Static)
        state.set_classes("")
        if session.read_only:
            state.update("read-only")
            state.add_class("-readonly")
        elif saving:
            state.update("saving…")
            state.add_class("-dirty")
        elif session.dirty:
            state.update("● unsaved")
            state.add_class("-dirty")
        else:
            state.update("✓ saved")
            state.add_class("-clean")
