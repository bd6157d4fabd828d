"""Thin subclasses of Textual's editors: a paste goes in once and clean, every typed character is kept.

Textual draws ESC and other control characters straight to the terminal, so text
pasted from a web page or a chat must not bring them into the draft; what a paste
loses is said once. Tests and snapshots turn the cursor blink off through the app
(``make_app(cursor_blink=False)``).

Textual calls the ``_on_paste`` of every class along the MRO, subclass first, with the
same event: the overrides here only clean ``event.text`` and let Textual's own handler
insert it (calling ``super()._on_paste`` as well inserted every paste twice).

Kept beside ``text.py``, below both ``dialogs`` and ``widgets``, which both use them
(a form pane opens a dialog, so the two packages must not import each other).
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Callable

from rich.text import Text
from textual import events
from textual.document._wrapped_document import WrappedDocument
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Input, TextArea

from dossier.core.i18n import N_, _
from dossier.tui.prose_wrap import ProseWrap
from dossier.tui.text import removed_summary, strip_controls

# Unicode categories that str.isprintable() rejects but an input method or a keyboard
# layout sends as text: space separators (U+3000, U+00A0, U+202F), format characters
# (ZWJ, ZWNJ, LRM, soft hyphen), private use, and code points newer than Python's
# Unicode tables (a new emoji). Controls (Cc) and surrogates (Cs) are never typed text.
_TYPED_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Cf", "Co", "Cn"})


def _typed_but_dropped(character: str | None) -> bool:
    """True for a typed character that Textual 8.2.8 would drop.

    ``TextArea._on_key`` and ``Input._on_key`` insert a key's character only when
    ``events.Key.is_printable`` (``str.isprintable()``) holds, which is False for every
    Zs and Cf character: an ideographic space typed by a Chinese IME, the no-break spaces
    of a French layout and the joiners of emoji and Persian words were silently lost.
    ``test_canary_textual_still_drops_input_method_characters`` fails once Textual keeps
    them, and then the ``_on_key`` overrides below can go.
    """
    if not character or character.isprintable():
        return False
    return all(unicodedata.category(char) in _TYPED_CATEGORIES for char in character)


def _notify_changes(widget: Input | TextArea, what: str, changes: str | None) -> None:
    """Say once what entering the text changed (user text: never markup)."""
    if changes:
        widget.app.notify(
            _("{what} held {changes}.").format(what=_(what), changes=changes),
            title=_("Text changed"),
            severity="warning",
            markup=False,
            timeout=10,
        )


def _blink(widget: Input | TextArea) -> bool:
    return bool(getattr(widget.app, "cursor_blink", True))


class ProseArea(TextArea):
    """The soft-wrapping editor of a narrative part (undo with ctrl+z, redo with ctrl+y).

    ``take_change``, when its owner sets it, is called at the moment the text changes (in
    the key's, the paste's or the undo's own handler) instead of the ``TextArea.Changed``
    message reaching the owner: a message climbs one widget per turn of the event loop,
    and a repaint often came first, so the count, the sidebar and the findings showed a
    key one frame late and the key cost a repaint more. The message is still posted (the
    area's own handlers see it) but stopped there: the owner has taken the change.
    """

    def __init__(self, text: str = "", **kwargs: object) -> None:
        kwargs.setdefault("soft_wrap", True)
        kwargs.setdefault("tab_behavior", "focus")
        kwargs.setdefault("highlight_cursor_line", False)
        super().__init__(strip_controls(text), **kwargs)  # type: ignore[arg-type]
        self.take_change: Callable[[ProseArea], object] | None = None

    def post_message(self, message: Message) -> bool:
        posted = super().post_message(message)  # not posted when prevented or closing: nor taken
        take = self.take_change
        if (
            posted
            and take is not None
            and isinstance(message, TextArea.Changed)
            and message.text_area is self
            and threading.get_ident() == self._thread_id
        ):
            message.stop()
            take(self)
        return posted

    def on_mount(self) -> None:
        self.cursor_blink = _blink(self)

    def _set_document(self, text: str, language: str | None) -> None:
        # Every document the editor gets (at start, load_text, undo of a load) comes through
        # here; its wrapped view becomes a ProseWrap (a faster height, the Chinese rules).
        super()._set_document(text, language)
        if type(self.wrapped_document) is WrappedDocument:
            self.wrapped_document.__class__ = ProseWrap

    def _rewrap_and_refresh_virtual_size(self) -> None:
        # Textual's _set_document wraps the new document here, before it returns: it must
        # already be a ProseWrap then, or its first rows break as Textual's, not by the rules.
        if type(self.wrapped_document) is WrappedDocument:
            self.wrapped_document.__class__ = ProseWrap
        super()._rewrap_and_refresh_virtual_size()

    def _hold(self, text: str, what: str) -> str:
        """What the editor can hold of ``text``; says once what that changed."""
        _notify_changes(self, what, removed_summary(text))
        return strip_controls(text)

    async def _on_paste(self, event: events.Paste) -> None:
        # Runs before TextArea._on_paste (subclass first), which inserts event.text as one edit,
        # so one undo step (Textual ends the undo batch at any edit longer than one character).
        if not self.read_only:
            event.text = self._hold(event.text, N_("The pasted text"))

    async def _on_key(self, event: events.Key) -> None:
        # Workaround, see _typed_but_dropped: insert what Textual would drop, and stop its handler.
        if self.read_only or not _typed_but_dropped(event.character):
            return
        event.stop()
        event.prevent_default()  # Textual skips the base classes' _on_key for this event
        self._restart_blink()
        assert event.character is not None
        text = self._hold(event.character, N_("The typed character"))
        if text:
            start, end = self.selection
            self.replace(text, start, end, maintain_selection_offset=False)

    def render_line(self, y: int) -> Strip:
        """One screen row, from Textual's cache of rows when it has it (as ``TextArea.render_line``).

        Textual 8.2.8 starts each row with ``not self.text`` (should the placeholder show?),
        which joins the whole document into one string, for every row drawn: 40 rows of a
        2 MB section joined 2 MB 40 times per repaint. Here the document's lines say whether
        it is empty; the rest is Textual's, unchanged (the cache key of a row and the call
        to ``_render_line``). ``test_canary_textual_render_line_is_unchanged`` fails when
        Textual's changes.
        """
        document = self.document
        if self.placeholder and document.line_count == 1 and not document[0]:
            return super().render_line(y)  # empty: Textual draws the placeholder
        scroll_x, scroll_y = self.scroll_offset
        absolute_y = scroll_y + y
        selection = self.selection
        _, cursor_y = self._cursor_offset
        cache_key = (
            self.size,
            scroll_x,
            absolute_y,
            (
                selection
                if selection.contains_line(absolute_y) or self.soft_wrap
                else selection.end[0] == absolute_y
            ),
            (
                selection.end
                if (self._cursor_visible and self.cursor_blink and absolute_y == cursor_y)
                else None
            ),
            self.theme,
            self._matching_bracket_location,
            self.match_cursor_bracket,
            self.soft_wrap,
            self.show_line_numbers,
            self.read_only,
            self.show_cursor,
            self.suggestion,
        )
        if (cached_line := self._line_cache.get(cache_key)) is not None:
            return cached_line
        line = self._render_line(y)
        self._line_cache[cache_key] = line
        return line

    def _render_line(self, y: int) -> Strip:
        """One screen row; a row of a long wrapped line is built from that row's text alone.

        Textual 8.2.8 builds every row of a wrapped line from the whole line (a rich ``Text``
        of it, styled, then divided at every wrap offset, each piece a new ``Text``): a
        paragraph of N rows costs N times its length per repaint, and a Chinese paragraph,
        which has no spaces and so wraps into many rows, about 70 ms per key at 2,000
        characters. Here the row's own slice is styled with the same styles (cursor,
        selection, bracket), shifted to the slice, and drawn the same way. Lines with tabs,
        syntax highlights, line numbers or a suggestion take Textual's own path.
        ``test_prose_rows_are_drawn_as_textual_draws_them`` compares both on random text,
        and ``test_canary_textual_render_line_is_unchanged`` fails when Textual's changes.
        """
        wrapped = self.wrapped_document
        scroll_y = self.scroll_offset.y
        row = y + scroll_y
        if not self.soft_wrap or self.show_line_numbers or self.suggestion or row >= wrapped.height:
            return super()._render_line(y)
        try:
            info = wrapped._offset_to_line_info[row]
        except IndexError:
            return super()._render_line(y)
        if info is None:
            return super()._render_line(y)
        line_index, section = info
        offsets = wrapped.get_offsets(line_index)
        line_string = self.document.get_line(line_index)
        if not offsets or "\t" in line_string or self._highlights.get(line_index):
            return super()._render_line(y)
        bounds = [0, *offsets, len(line_string) + 1]  # + 1: the space after the line, for the cursor
        start, end = bounds[section], bounds[section + 1]
        piece = Text(line_string[start:end], end="", no_wrap=True)
        if end > len(line_string):
            piece.set_length(end - start)

        def stylize(style: object, left: int, right: int) -> None:
            left, right = max(left, start), min(right, end)
            if left < right and style is not None:
                piece.stylize(style, left - start, right - start)  # type: ignore[arg-type]

        theme = self._theme
        count = len(line_string)
        selection = self.selection
        first, last = sorted(selection)
        cursor_row, cursor_column = selection.end
        has_cursor = self._has_cursor
        highlight_line = self.highlight_cursor_line and has_cursor
        cursor_line_style = theme.cursor_line_style if (theme and highlight_line) else None
        if has_cursor and cursor_line_style and cursor_row == line_index:
            stylize(cursor_line_style, 0, count + 1)
        if selection.start != selection.end and first[0] <= line_index <= last[0]:
            selection_style = theme.selection_style if theme else None
            if selection_style:
                if count == 0 and line_index != cursor_row:
                    return super()._render_line(y)  # an empty line has no wrap offsets anyway
                if line_index == first[0] == last[0]:
                    stylize(selection_style, first[1], last[1])
                elif line_index == first[0]:
                    stylize(selection_style, first[1], count)
                elif line_index == last[0]:
                    stylize(selection_style, 0, last[1])
                else:
                    stylize(selection_style, 0, count)
        matching = self._matching_bracket_location
        brackets = has_cursor and self.match_cursor_bracket and matching is not None and selection.is_empty
        bracket_style = theme.bracket_matching_style if theme else None
        if cursor_row == line_index:
            if brackets and bracket_style:
                stylize(bracket_style, cursor_column, cursor_column + 1)
            if self._draw_cursor:
                cursor_style = theme.cursor_style if theme else None
                stylize(cursor_style, cursor_column, cursor_column + 1)
        if brackets and bracket_style and matching is not None and matching[0] == line_index:
            stylize(bracket_style, matching[1], matching[1] + 1)
        width = self.scrollable_content_region.size.width - self.gutter_width
        strip = Strip(piece.render(self.app.console), cell_length=piece.cell_len)
        line_style = theme.base_style if theme else None
        if cursor_row == line_index and self.highlight_cursor_line:
            line_style = cursor_line_style
        base_style = theme.base_style if theme and theme.base_style is not None else self.rich_style
        return strip.extend_cell_length(width, line_style).apply_style(base_style)

    def _recompute_cursor_offset(self) -> None:
        # Workaround for Textual 8.2.8: TextArea._undo_batch and _redo_batch refresh the size
        # before restoring the cursor, and when that shows or hides the scroll bar Textual
        # scrolls to the old cursor, which can lie below the last line of the shortened text
        # (ctrl+z after a long paste raised "document line index N is out of bounds").
        # The right cursor is set right after; until then, measure from the last line.
        # test_canary_textual_undo_still_restores_the_cursor_too_late says when this can go.
        last = self.document.line_count - 1
        row, _column = self.cursor_location
        if row > last:
            self._cursor_offset = self.wrapped_document.location_to_offset((last, len(self.document[last])))
            return
        super()._recompute_cursor_offset()


def _one_line(value: str | None) -> str:
    return strip_controls(value or "").replace("\n", " ").replace("\t", " ")


def _one_line_changes(value: str | None) -> str | None:
    """In words, what showing ``value`` on one line changes, or None when nothing."""
    value = value or ""
    changes = [removed_summary(value) or ""]
    if "\n" in value or "\r" in value or "\t" in value:
        changes.append(_("line breaks or tabs (made spaces: the field has one line)"))
    return _(" and ").join(c for c in changes if c) or None


class FieldInput(Input):
    """A one-line form field.

    ``touched`` turns True at the first change that did not come from loading: a
    value whose control characters were stripped for display must not count as an
    edit (nor overwrite the stored value) until the official really changes it.
    """

    def __init__(self, value: str | None = None, **kwargs: object) -> None:
        kwargs.setdefault("compact", True)
        kwargs.setdefault("select_on_focus", False)  # entering a field must not let one key replace it
        self._loaded = _one_line(value)
        self._changes = _one_line_changes(value)
        self.touched = False
        super().__init__(self._loaded, **kwargs)  # type: ignore[arg-type]

    def load(self, value: str | None) -> None:
        """Show ``value`` as loaded from the draft (not an edit)."""
        self._loaded = _one_line(value)
        self._changes = _one_line_changes(value)
        self.touched = False
        with self.prevent(Input.Changed):
            self.value = self._loaded

    def on_focus(self, event: events.Focus) -> None:
        """Enter at the end of the value, with the end in view (a mouse click then places the cursor)."""
        self.cursor_position = len(self.value)
        self.scroll_to(x=self.max_scroll_x, animate=False, force=True)

    def on_blur(self, event: events.Blur) -> None:
        """Show the start again: a field left scrolled to its end looks as if its beginning were lost."""
        self.scroll_to(x=0, animate=False, force=True)

    def _on_input_changed(self, event: Input.Changed) -> None:
        if event.input is self and event.value != self._loaded and not self.touched:
            self.touched = True
            if self._changes:
                self.app.notify(
                    _("This field held {changes}; editing it stores what you see.").format(
                        changes=self._changes
                    ),
                    title=_("Field changed"),
                    severity="warning",
                    markup=False,
                    timeout=12,
                )

    def on_mount(self) -> None:
        self.cursor_blink = _blink(self)

    def _hold(self, text: str, what: str) -> str:
        """What the one-line field can hold of ``text``; says once what that changed."""
        _notify_changes(self, what, _one_line_changes(text))
        return _one_line(text)

    def _on_paste(self, event: events.Paste) -> None:
        # Runs before Input._on_paste (subclass first), which inserts the first line of
        # event.text: a pasted paragraph is made one line here so none of it is lost, and a
        # line end copied with a single value (a spreadsheet cell) is not worth a word.
        event.text = self._hold(event.text.strip("\r\n"), N_("The pasted text"))

    async def _on_key(self, event: events.Key) -> None:
        # Workaround, see _typed_but_dropped: insert what Textual would drop, and stop its handler.
        if not _typed_but_dropped(event.character):
            return
        event.stop()
        event.prevent_default()  # Textual skips the base classes' _on_key for this event
        self._restart_blink()
        assert event.character is not None
        text = self._hold(event.character, N_("The typed character"))
        if text:
            selection = self.selection
            if selection.is_empty:
                self.insert_text_at_cursor(text)
            else:
                self.replace(text, *selection)
