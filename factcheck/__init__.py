"""factcheck: temporal fact-checking with a solver.

Dated claims with their quotes go in; contradictions (explained by the smallest sets of
clashing quotes), gaps and an inferred timeline come out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from factcheck.model import Report

from factcheck.version import __version__ as __version__


def audit(paths: Any, **options: Any) -> Report:
    """Audit a corpus (files or folders of articles): the report ``factcheck audit`` prints.

    Takes the options of ``factcheck.auditing.audit`` (``as_of``, ``facts``, ``background``,
    ``policy_path``, ``rules``, ``extract_pack``, ``jobs``, ``executor``, ``cache_dir``, ``timeout_ms``,
    ``rlimit``, ``max_conflicts``, ``match_timeout``, ``sink``).  With ``sink`` (a function
    taking text, such as a file's ``write``), the audit is written to it as JSON Lines,
    story by story, and the report returned holds only the status and the counts.
    """
    from factcheck.auditing import audit as run

    return run(paths, **options).report
