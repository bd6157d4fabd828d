"""Fuzz the draft loader for a bounded time: it either loads, or raises our own DraftError.

Three kinds of input: random bytes, byte-level damage to a real example (truncation,
flipped bytes, inserted junk), and any JSON value grafted anywhere into a real draft.
Whatever loads must also save and load back unchanged.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.storage.drafts import DraftError, read_draft, save_draft

from support.paths import EXAMPLES_DIR

SEED = (EXAMPLES_DIR / "westmere-design.dossier.json").read_bytes()
SEED_JSON = json.loads(SEED)
FUZZ = settings(max_examples=150, suppress_health_check=list(HealthCheck))

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)


def _load_or_refuse(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.dossier.json"
    path.write_bytes(data)
    try:
        loaded = read_draft(path, allow_newer=True)
    except DraftError as exc:
        assert str(path) in str(exc) and "\n" not in str(exc)
        return
    save_draft(loaded.draft, path)
    assert read_draft(path, allow_newer=True).draft == loaded.draft


@FUZZ
@given(data=st.binary(max_size=2000))
def test_random_bytes(tmp_path: Path, data: bytes) -> None:
    _load_or_refuse(tmp_path, data)


@FUZZ
@given(
    cut=st.integers(0, len(SEED)),
    flips=st.lists(st.tuples(st.integers(0, len(SEED) - 1), st.integers(0, 255)), max_size=8),
    junk=st.binary(max_size=20),
)
def test_damaged_example(tmp_path: Path, cut: int, flips: list[tuple[int, int]], junk: bytes) -> None:
    data = bytearray(SEED)
    for at, value in flips:
        data[at] = value
    _load_or_refuse(tmp_path, bytes(data[:cut]) + junk + bytes(data[cut:]))


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += _paths(item, (*prefix, i))
    return found


SEED_PATHS = _paths(SEED_JSON)[1:]


@FUZZ
@given(where=st.sampled_from(SEED_PATHS), value=json_values)
def test_any_value_anywhere(tmp_path: Path, where: tuple[Any, ...], value: Any) -> None:
    doc = json.loads(SEED)
    target = doc
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = value
    _load_or_refuse(tmp_path, json.dumps(doc, ensure_ascii=False).encode())
