"""Where the configuration file is: found without reading it, so a command that needs none imports no pydantic.

The file itself is read and validated by ``factcheck.config``.
"""

from __future__ import annotations

import re
from pathlib import Path

CONFIG_FILE = "factcheck.toml"
PYPROJECT = "pyproject.toml"


def find_config(start: Path | None = None) -> Path | None:
    """The nearest ``factcheck.toml``, or ``pyproject.toml`` with a ``[tool.factcheck]`` table, from start upwards."""
    here = (start or Path.cwd()).resolve()
    for d in (here, *here.parents):
        own = d / CONFIG_FILE
        if own.is_file():
            return own
        pp = d / PYPROJECT
        if pp.is_file():
            try:
                text = pp.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            if re.search(r"^\s*\[\s*tool\s*\.\s*factcheck\s*\]", text, re.M) or re.search(
                r"^\s*tool\s*\.\s*factcheck\s*\.", text, re.M
            ):
                return pp
    return None
