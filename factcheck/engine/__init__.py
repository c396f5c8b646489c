"""The engine: facts to z3, minimal conflicts, retractions, ranges and gaps.

A fact set's check is driven from above (:mod:`factcheck.runtime.check`), which hands the
engine one component at a time and the results to diagnostics.
"""
