"""Waiting for the keys already typed before acting on the whole draft.

The app's own keys (ctrl+s, ctrl+e, ctrl+q…) are priority bindings: they run as soon as
the app reads them. Every other key first goes to the focused widget's queue and, if
the widget does not use it, comes back up through its ancestors to the app, where the
editors' own bindings (ctrl+t, "the translation still holds") run. So when the editor is
busy (a resize re-wrapping a long paragraph), a ctrl+s typed after a letter or a ctrl+t
could save the draft without them, and a ctrl+q could leave before the last letter was
in the draft.

A message posted to the same widget after those keys travels the same way up, behind
them: when it reaches the app, everything typed before it has reached the draft.
"""

from __future__ import annotations

import asyncio
import contextlib
import weakref

from textual.message import Message
from textual.widget import Widget

GIVE_UP_AFTER = 2.0
"""Seconds: a widget removed meanwhile never passes the message on; act anyway then."""


class KeysArrived(Message, bubble=True):
    """Sent up from a widget that was given keys: they have all been handled."""

    def __init__(self, done: asyncio.Event) -> None:
        super().__init__()
        self.done = done


class KeysInFlight:
    """The widgets given keys since the last wait, and the wait itself."""

    def __init__(self) -> None:
        self._targets: weakref.WeakSet[Widget] = weakref.WeakSet()

    def sent_to(self, widget: Widget) -> None:
        """A key read from the terminal is going to ``widget`` (the focused one)."""
        self._targets.add(widget)

    async def arrived(self) -> None:
        """Return once every key sent so far has been handled, up to the app's own bindings."""
        targets = [widget for widget in self._targets if widget.is_attached]
        self._targets.clear()
        if not targets:
            return
        signals = []
        for widget in targets:
            done = asyncio.Event()
            widget.post_message(KeysArrived(done))
            signals.append(done.wait())
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.gather(*signals), GIVE_UP_AFTER)
