"""The engine: facts to z3, minimal conflicts, retractions, ranges and gaps."""

from factcheck.engine.check import CheckOptions, check

__all__ = ["CheckOptions", "check"]
