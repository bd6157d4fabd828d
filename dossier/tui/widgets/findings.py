"""The findings of one part (or of the whole draft): each line jumps to where it points."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from dossier.core.i18n import N_, _, ngettext
from dossier.core.rules import Finding
from dossier.tui.text import literal
from dossier.tui.typeset import Typeset

ICONS = {"error": ("✗", "$text-error bold"), "warning": ("!", "$text-warning bold")}


def finding_prompt(finding: Finding, prefix: str = "") -> Typeset:
    """The mark, then the place (``prefix``) and the message in a column of their own (so a
    Chinese message starts beside the mark), never parsed as markup."""
    icon, style = ICONS[finding.severity]
    body = Content.assemble(literal(prefix, "bold") if prefix else "", literal(finding.message))
    return Typeset(body, mark=Content.styled(icon + " ", style))


def findings_title(findings: Sequence[Finding]) -> str:
    """ "Findings: 2 errors, 1 warning" in the interface language."""
    if not findings:
        return _("Findings")
    errors = sum(f.is_error for f in findings)
    warnings = len(findings) - errors
    return _("Findings: {errors}, {warnings}").format(
        errors=ngettext("{count} error", "{count} errors", errors).format(count=errors),
        warnings=ngettext("{count} warning", "{count} warnings", warnings).format(count=warnings),
    )


def _shape(finding: Finding) -> tuple[str, str, str, str]:
    return (finding.severity, finding.part, finding.location, finding.code)


class FindingsList(OptionList):
    """A list of findings; choosing one posts :class:`FindingsList.Chosen`."""

    class Chosen(Message):
        """The official asked to go to a finding."""

        def __init__(self, finding: Finding) -> None:
            super().__init__()
            self.finding = finding

    def __init__(self, *, empty_text: str = N_("No findings here."), **kwargs: object) -> None:
        """``empty_text`` is an English message marked with ``N_``: shown in the interface language."""
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._findings: list[Finding] = []
        self._empty_text = empty_text
        self._key: tuple[Finding, ...] | None = None

    def reword(self) -> None:
        """The interface language changed: draw the list again on the next :meth:`show`."""
        self._key = None

    @property
    def findings(self) -> list[Finding]:
        return list(self._findings)

    def show(self, findings: Sequence[Finding], prefix: Callable[[Finding], str] | None = None) -> None:
        """Replace the list (a no-op when nothing changed, so typing does not redraw it)."""
        key = tuple(findings)
        if key == self._key:
            return
        same_shape = self._key is not None and [_shape(f) for f in self._key] == [_shape(f) for f in key]
        old = self._key or ()
        self._key = key
        self._findings = list(findings)
        if findings and same_shape:
            # only wording changed (a live count while typing): swap those prompts, no rebuild
            for i, (before, after) in enumerate(zip(old, findings, strict=True)):
                if before != after:
                    self.replace_option_prompt_at_index(
                        i, finding_prompt(after, prefix(after) if prefix else "")
                    )
            return
        highlighted = self.highlighted
        if findings:
            self.set_options(
                Option(finding_prompt(f, prefix(f) if prefix else ""), id=str(i))
                for i, f in enumerate(findings)
            )
            if highlighted is not None:
                self.highlighted = min(highlighted, len(findings) - 1)
        else:
            self.set_options([Option(Content(_(self._empty_text)).stylize("$text-muted"), disabled=True)])
        self.set_class(not findings, "-empty")
        self.border_title = Content(findings_title(findings))

    def on_focus(self) -> None:
        """Entering the list highlights its first finding, so enter goes there at once."""
        if self.highlighted is None and self._findings:
            self.highlighted = 0

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None and event.option.id.isdigit():
            self.post_message(self.Chosen(self._findings[int(event.option.id)]))
