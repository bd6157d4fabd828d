"""The findings of one part (or of the whole draft): each line jumps to where it points."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.content import Content
from textual.css.styles import RulesMap
from textual.message import Message
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from dossier.core.i18n import N_, _, ngettext
from dossier.core.rules import Finding
from dossier.tui.kinsoku import row_breaks
from dossier.tui.text import literal

ICONS = {"error": ("✗", "$text-error bold"), "warning": ("!", "$text-warning bold")}


class Marked(Visual):
    """A mark, then text that wraps under itself rather than under the mark.

    Textual wraps at spaces only, so a Chinese sentence is one long word: after "✗ " in one
    Content it is moved whole to the next row, leaving the mark alone on the first, and cut
    inside whatever Latin word meets the edge. Here the text is broken into rows as Chinese
    is set (:func:`~dossier.tui.kinsoku.row_breaks`) in its own column beside the mark, and
    its later rows line up with its first (a hanging indent).
    """

    def __init__(self, mark: Content, body: Content) -> None:
        self.mark = mark
        self.body = body
        self._indent = mark.cell_length
        self._rows: tuple[int, list[Content]] = (-1, [])

    def __str__(self) -> str:
        return self.plain

    @property
    def plain(self) -> str:
        return self.mark.plain + self.body.plain

    def rows(self, width: int) -> list[Content]:
        """The body's rows at ``width`` cells in all (the mark's column included)."""
        inner = max(1, width - self._indent)
        if self._rows[0] != inner:
            pieces = self.body.divide(row_breaks(self.body.plain, inner))
            self._rows = (inner, [piece.rstrip() for piece in pieces])
        return self._rows[1]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self._indent + self.body.get_optimal_width(rules, container_width - self._indent)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self.rows(width))

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        rich_style = style.rich_style
        inner = max(1, width - self._indent)
        mark = self.mark.render_strips(self._indent, 1, style, options)[:1] or [Strip.blank(0)]
        gutters = [mark[0].extend_cell_length(self._indent, rich_style)]
        strips: list[Strip] = []
        for index, row in enumerate(self.rows(width)[:height]):
            drawn = row.render_strips(inner, 1, style, options)[:1] if row else []
            gutter = gutters[0] if index == 0 else Strip.blank(self._indent, rich_style)
            strips.append(Strip.join([gutter, drawn[0] if drawn else Strip.blank(0)]))
        return strips


def finding_prompt(finding: Finding, prefix: str = "") -> Marked:
    """The mark, then the place (``prefix``) and the message, never parsed as markup."""
    icon, style = ICONS[finding.severity]
    body = Content.assemble(literal(prefix, "bold") if prefix else "", literal(finding.message))
    return Marked(Content.styled(icon + " ", style), body)


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
