"""A part's two texts side by side: the working text (say, Chinese) and the submission text.

The city drafts and approves the working text, then translates it; only the submission
text is sent to UNESCO, so only its count has a limit. The two columns sit next to each
other from :data:`SIDE_BY_SIDE_WIDTH` columns of terminal up, one above the other below
it. When both texts have as many paragraphs, scrolling one brings the other to the same
paragraph, so the official reads each paragraph beside its translation.
"""

from __future__ import annotations

from bisect import bisect_right

from textual.app import ComposeResult
from textual.containers import Container, Vertical
from textual.content import Content
from textual.events import Resize
from textual.geometry import Offset
from textual.widgets import Static

from dossier.core.form import language_name
from dossier.core.i18n import _, ngettext
from dossier.tui.inputs import ProseArea
from dossier.tui.text import literal

SIDE_BY_SIDE_WIDTH = 100
"""Terminal columns from which the two texts stand side by side (stacked below)."""

CHARACTER_COUNTED = frozenset({"zh", "yue", "cmn", "lzh", "wuu", "nan", "hak", "gan", "hsn", "ja"})
"""Working languages whose texts are measured in characters ("约 N 字"), as Word counts them."""


def working_count(language: str, count: int) -> str:
    """The working text's count, as information: "1234 characters" (约 1234 字) or words."""
    if language.split("-")[0].casefold() in CHARACTER_COUNTED:
        return ngettext("{count} character", "{count} characters", count).format(count=count)
    return ngettext("{count} word", "{count} words", count).format(count=count)


def _title_case(name: str) -> str:
    """``chinois`` → ``Chinois``: French writes language names in lower case, except to start a title."""
    return name[:1].upper() + name[1:]


def working_title(tag: str, ui_language: str) -> str:
    """The working column's title ("Chinese (working text)"); an unknown tag as it is."""
    name = _title_case(language_name(tag.split("-")[0], ui_language))
    return _("{language} (working text)").format(language=name)


def submission_title(language: str, ui_language: str) -> str:
    return _("{language} (for UNESCO)").format(language=_title_case(language_name(language, ui_language)))


def paragraph_rows(area: ProseArea) -> list[int]:
    """The document row where each paragraph starts (a paragraph is a non-blank line)."""
    return [row for row, line in enumerate(area.document.lines) if line.strip()]


class BilingualTexts(Container):
    """The working and the submission editors of one part, with their titles and counts."""

    DEFAULT_CSS = """
    BilingualTexts { layout: horizontal; height: 1fr; }
    BilingualTexts.-stacked { layout: vertical; }
    BilingualTexts > .text-column { width: 1fr; height: 1fr; }
    BilingualTexts > .text-column ProseArea { height: 1fr; min-height: 3; }
    BilingualTexts .column-title {
        height: 1; padding: 0 1; color: $text-muted; text-wrap: nowrap; text-overflow: ellipsis;
    }
    BilingualTexts .count { height: 1; padding: 0 1; }
    BilingualTexts.-stacked #working-count { display: none; }
    """

    def __init__(self, working: ProseArea, submission: ProseArea, *, titles: tuple[str, str]) -> None:
        super().__init__(id="bilingual")
        self.working = working
        self.submission = submission
        self._titles = titles
        self._count = ""
        self._syncing = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="text-column", id="working-column"):
            yield Static(literal(self._titles[0], one_line=True), classes="column-title", id="working-title")
            yield self.working
            yield Static(classes="count", id="working-count")  # level with the count beside it
        with Vertical(classes="text-column", id="submission-column"):
            yield Static(
                literal(self._titles[1], one_line=True), classes="column-title", id="submission-title"
            )
            yield self.submission
            yield Static(id="count", classes="count")

    def on_mount(self) -> None:
        self._layout_for(self.app.size.width)
        working, submission = self.working, self.submission
        self.watch(working, "scroll_y", lambda: self._follow(working, submission), init=False)
        self.watch(submission, "scroll_y", lambda: self._follow(submission, working), init=False)
        # the editor opens scrolled to its cursor before the working text has its size
        self.call_after_refresh(self._follow, submission, working)

    def on_show(self) -> None:
        self.call_after_refresh(self._follow, self.submission, self.working)

    def on_resize(self, event: Resize) -> None:
        self._layout_for(self.app.size.width)

    def _layout_for(self, width: int) -> None:
        stacked = width < SIDE_BY_SIDE_WIDTH
        if stacked != self.has_class("-stacked"):
            self.set_class(stacked, "-stacked")
            self._show_working_title()

    def set_titles(self, working: str, submission: str) -> None:
        self._titles = (working, submission)
        self._show_working_title()
        self.query_one("#submission-title", Static).update(literal(submission, one_line=True))

    def show_working_count(self, text: str) -> None:
        """The working text's count, beside its title: information, never a limit."""
        self._count = text
        self._show_working_title()

    def _show_working_title(self) -> None:
        """Side by side, the count sits under the text, level with the submission's; stacked,
        it joins the title, so the two editors keep every line they can have."""
        count = self._count
        stacked = self.has_class("-stacked")
        title = Content.assemble(
            literal(self._titles[0], one_line=True), (f" · {count}" if count and stacked else "", "")
        )
        # one line each, of fixed height: no layout of the screen on a keystroke
        self.query_one("#working-title", Static).update(title, layout=False)
        self.query_one("#working-count", Static).update(
            Content.assemble((count, "$text-muted")), layout=False
        )

    def _follow(self, leader: ProseArea, follower: ProseArea) -> None:
        """``leader`` scrolled: bring ``follower`` to the paragraph now at the top of ``leader``."""
        if self._syncing:
            return
        rows = paragraph_rows(leader)
        other = paragraph_rows(follower)
        if not rows or len(rows) != len(other):
            return  # not the same paragraphs: each text scrolls on its own
        top = leader.wrapped_document.offset_to_location(Offset(0, round(leader.scroll_y)))[0]
        index = max(0, bisect_right(rows, top) - 1)
        target = follower.wrapped_document.location_to_offset((other[index], 0)).y
        self._syncing = True
        try:
            follower.scroll_to(y=target, animate=False, immediate=True)
        finally:
            self._syncing = False
