"""The suite's root: it registers the shared fixtures (``tests/support``) and the Hypothesis profiles.

Nothing imports this file: fixtures live in the plugins below and reach every test by
name (see ``tests/README.md``).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

pytest_plugins = ["support.core", "support.tui", "support.export", "support.faults", "support.terminal"]

# No deadline in any profile: a deadline is a timed assertion, and a loaded CI machine
# (or the first call into a cold import) missed the 200 ms default with nothing wrong.
settings.register_profile("dev", deadline=None)
settings.register_profile(
    "ci",
    deadline=None,
    print_blob=True,  # a failure prints the blob that replays it with @reproduce_failure
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))
