"""factcheck: temporal fact-checking with a solver.

Dated claims with their quotes go in; contradictions (explained by the smallest sets of
clashing quotes), gaps and an inferred timeline come out.
"""

__version__ = "0.1.0"
