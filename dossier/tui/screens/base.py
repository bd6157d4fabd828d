"""What every full screen of the editor shares: the footer lists keys in the same order everywhere."""

from __future__ import annotations

from typing import Any

from textual.binding import ActiveBinding
from textual.screen import Screen

FOOTER_ORDER = ("save", "export", "next_part", "previous_part", "overview", "help", "quit")
"""The file keys first, then moving around, then quit; keys of the focused widget come before all."""


class DossierScreen(Screen[Any]):
    """A screen whose footer shows the global keys in :data:`FOOTER_ORDER`."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        bindings = super().active_bindings
        rank = {action: i for i, action in enumerate(FOOTER_ORDER)}
        return dict(sorted(bindings.items(), key=lambda item: rank.get(item[1].binding.action, -1)))
