"""Zip-level touch: make the saved package byte-for-byte reproducible.

python-docx stamps every zip member with the current time, so two exports of the same
draft would differ in bytes though not in content. Re-packing with a fixed timestamp
(the members and their order are unchanged) makes the same draft, template and export
time give the identical file: easy to compare, to cache, and to diff in a test.
"""

from __future__ import annotations

import io
import zipfile

FIXED_DATE = (1980, 1, 1, 0, 0, 0)


def reproducible(data: bytes) -> bytes:
    """The same package with every member dated :data:`FIXED_DATE`."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info))
    return out.getvalue()
