"""Numbers in messages: the quick way whole numbers are written (every keystroke words the
count findings) is the way Babel writes them, in every interface language."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dossier.core.i18n import INTERFACE_LANGUAGES, Wording


@pytest.mark.parametrize("language", INTERFACE_LANGUAGES)
@given(value=st.integers(0, 10**12))
def test_whole_numbers_are_written_as_babel_writes_them(language: str, value: int) -> None:
    wording = Wording(language)
    assert wording.number(value) == wording._babel_number(value)
    assert wording.number(value, 0) == wording._babel_number(value, 0)


def test_french_groups_digits_with_a_narrow_no_break_space() -> None:
    assert Wording("fr").number(1_234_567) == "1\u202f234\u202f567"
    assert Wording("en").number(1_234_567) == "1,234,567"
    assert Wording("en").number(-1234) == "-1,234"  # Babel's way, not the quick one
