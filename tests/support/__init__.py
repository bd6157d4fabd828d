"""What the tests share, in one package (``tests/`` is on ``sys.path``, so it imports as ``support``).

Plugins (registered by ``pytest_plugins`` in ``tests/conftest.py``; their fixtures reach
every test by name, nothing imports them for that):

- :mod:`support.core`: the private data folder (autouse), ``fixed_now``, ``profile``, ``complete``.
- :mod:`support.tui`: ``draft_path``, ``make`` and ``tui`` (waiting, screen text, notifications, typing).
- :mod:`support.export`: ``cases`` and ``chinese_case`` (every example exported once per session).
- :mod:`support.faults`: ``tiny_disk`` and ``small_disk`` (real tmpfs mounts).

Libraries (plain modules, imported as ``from support.X import ...``): :mod:`support.paths`,
:mod:`support.corpus` (the hostile input files), :mod:`support.docx_reading` (reading a
.docx back), :mod:`support.ooxml_validator` and :mod:`support.lo_referee` (the referees).
"""
