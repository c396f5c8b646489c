"""TimeML (``.tml``): reading, writing, scoring and auditing annotations.

The package re-exports the reader, which is light (the standard library's XML parser), so
``from factcheck.timeml import read_timeml`` keeps working. The writer (``write``), the
TempEval-3 scorer (``score``) and the TLINK audit (``audit``, which loads the engine) are
imported by name when needed, so ``factcheck timeml tag`` loads no solver.
"""

from factcheck.timeml.read import (
    TIMEML_SUFFIXES,
    EventMention,
    FileText,
    Instance,
    TimeMLDoc,
    Timex,
    TLink,
    element_spans,
    read_timeml,
    timeml_files,
)

__all__ = [
    "TIMEML_SUFFIXES",
    "EventMention",
    "FileText",
    "Instance",
    "TLink",
    "TimeMLDoc",
    "Timex",
    "element_spans",
    "read_timeml",
    "timeml_files",
]
