"""The top line: which dossier this is, how long until the deadline, and whether it is saved."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from dossier.core.i18n import _, ngettext
from dossier.tui.session import Session
from dossier.tui.text import literal


def deadline_text(days: int) -> str:
    if days < 0:
        return _("UNESCO deadline passed")
    if days == 0:
        return _("UNESCO deadline today")
    return ngettext("{count} day to UNESCO deadline", "{count} days to UNESCO deadline", days).format(
        count=days
    )


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

    def show(self, session: Session, *, saving: bool = False, language: str = "en") -> None:
        """Redraw both halves from the session (cheap; called when the state changes)."""
        basic = session.draft.basic
        profile = session.profile
        city = basic.city.strip() or _("(no city yet)")
        field = profile.field_label(basic.field, language) if basic.field else _("(no field)")
        call = _("UCCN call {year}").format(year=profile.call_year)
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
            state.update(Content(_("read-only")))
            state.add_class("-readonly")
        elif saving:
            state.update(Content(_("saving…")))
            state.add_class("-dirty")
        elif session.dirty:
            state.update(Content(_("● unsaved")))
            state.add_class("-dirty")
        else:
            state.update(Content(_("✓ saved")))
            state.add_class("-clean")
