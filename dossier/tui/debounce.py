"""Run something once typing pauses: the full check after 0.4 s, the recovery copy after 2.5 s."""

from __future__ import annotations

from collections.abc import Callable
from time import monotonic

from textual.message_pump import MessagePump
from textual.timer import Timer


class Debouncer:
    """Calls ``callback`` ``delay`` seconds after the last :meth:`touch`.

    One timer at a time, re-armed only when it fires early, so a keystroke costs a
    subtraction, not a new timer. With ``max_wait`` the callback also runs at least
    that often while touches keep coming (continuous typing still gets a recovery copy).
    """

    def __init__(
        self,
        owner: MessagePump,
        delay: float,
        callback: Callable[[], object],
        *,
        max_wait: float | None = None,
    ) -> None:
        self._owner = owner
        self.delay = delay
        self._callback = callback
        self._max_wait = max_wait
        self._due = 0.0
        self._first: float | None = None
        self._timer: Timer | None = None

    @property
    def pending(self) -> bool:
        return self._first is not None

    def touch(self) -> None:
        now = monotonic()
        self._due = now + self.delay
        if self._first is None:
            self._first = now
        if self._timer is None:
            self._timer = self._owner.set_timer(self.delay, self._fire)

    def _fire(self) -> None:
        self._timer = None
        if self._first is None:
            return
        now = monotonic()
        overdue = self._max_wait is not None and now - self._first >= self._max_wait
        if now < self._due and not overdue:
            wait = self._due - now
            if self._max_wait is not None:
                wait = min(wait, self._first + self._max_wait - now)
            self._timer = self._owner.set_timer(max(wait, 0.01), self._fire)
            return
        self._first = None
        self._callback()

    def flush(self) -> None:
        """Run now if something is pending (before quitting, in tests)."""
        self.cancel(run=True)

    def cancel(self, *, run: bool = False) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        pending = self._first is not None
        self._first = None
        if run and pending:
            self._callback()
