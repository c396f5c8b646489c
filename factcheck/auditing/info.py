"""What a run did, for the audit's result: the executor, the stories, the seconds each stage took, the cache."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class RunInfo:
    """How a run went (not part of the report, which is the same bytes however it was computed)."""

    executor: str = "in-process"
    workers: int = 1
    articles_read: int = 0
    articles_cached: int = 0
    stories: int = 0
    stories_checked: int = 0
    stories_cached: int = 0
    cache_rebuilt: bool = False
    seconds: dict[str, float] = field(default_factory=dict)  # wall time by stage: read, stories, merge
    paths: Counter[str] = field(default_factory=Counter)  # components decided by each decision path (link probes too)
