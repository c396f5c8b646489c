"""Default solver limits, in a module of their own so that configuration and help texts need no z3.

The primary limit is z3's resource limit (``rlimit``): it counts z3's own steps, so whether a
check finishes within it is the same on an idle and on an overloaded machine.  The wall-clock
timeout is only a backstop, far beyond what the resource limit allows on any ordinary machine.
"""

from __future__ import annotations

DEFAULT_RLIMIT = 20_000_000
"""z3 resource units per check.  The largest check of the bundled corpus and test suite takes
about 1,000,000 (1.4 s of CPU), so this leaves twenty times that; see docs/robustness.md."""

DEFAULT_TIMEOUT_MS = 600_000
"""Wall-clock backstop per check (10 minutes): reached only with the resource limit off, or on a machine that crawls."""
