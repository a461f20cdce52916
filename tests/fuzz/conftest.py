"""Hypothesis profiles for the importer fuzzing.

The suite (and CI, which runs it twice) uses "ci": a few dozen files per importer, enough to
walk every kind of malformed input the strategies make. `HYPOTHESIS_PROFILE=deep` runs a few
hundred per importer, for a longer look before a release.
"""

import os

from hypothesis import HealthCheck, Phase, settings

# The database fixture is function-scoped on purpose: every example rolls its own writes back
# (tests/fuzz/files.py: attempt), so sharing the test's transaction between examples is safe.
_COMMON = {
    "deadline": None,
    "suppress_health_check": [
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
    "print_blob": True,
    # No "explain" phase: it traces every line the importer runs, which turns a failure in a
    # database-bound import into minutes of tracing.
    "phases": [Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
}
settings.register_profile("ci", max_examples=30, derandomize=True, database=None, **_COMMON)
settings.register_profile("deep", max_examples=300, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
