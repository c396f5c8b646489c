"""The process exit codes, in one place (the CLI and the docs both read them from here)."""

from enum import IntEnum


class ExitCode(IntEnum):
    """What a factcheck run ends with."""

    OK = 0
    """Consistent: no finding at or above the fail-on level."""
    CONTRADICTION = 1
    """At least one contradiction (or, with --fail-on warning, a gap)."""
    USAGE = 2
    """Bad input or usage: a file, its line, what is wrong."""
    INCONCLUSIVE = 3
    """The solver gave up (timeout or resource limit) on at least one component, or the reader failed on an article."""
    INTERNAL = 70
    """An internal bug: a short crash report was printed."""
    SIGINT = 130
    SIGTERM = 143
