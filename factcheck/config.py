"""Project configuration: ``[tool.factcheck]`` in ``pyproject.toml``, or a ``factcheck.toml``.

The file is found by walking up from the working directory; the nearest one wins, and in
one folder ``factcheck.toml`` wins over ``pyproject.toml``.  Command-line flags override
it.  Relative paths in it (rule packs, policy) are relative to the file's folder.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from factcheck.errors import Diagnostic, UserError


class Config(BaseModel):
    """Every setting a project can fix; each one is also a command-line flag."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    rules: list[str] = Field(default_factory=list, description="Rule pack folders or files added to the shipped pack.")
    policy: str | None = Field(default=None, description="A policy file instead of the shipped one.")
    format: Literal["text", "json", "sarif", "junit", "github", "html"] = "text"
    fail_on: Literal["error", "warning"] = "error"
    jobs: int = Field(default=1, ge=1)
    timeout: int = Field(default=10_000, ge=1, description="Solver timeout per component, in milliseconds.")
    rlimit: int = Field(default=0, ge=0, description="Solver resource limit per component (0: none).")
    max_conflicts: int = Field(default=10, ge=1)
    as_of: str | None = Field(default=None, description="Latest possible creation or retrieval time (YYYY-MM-DD).")


@dataclass
class LoadedConfig:
    """A configuration and the file it came from (None: defaults only)."""

    config: Config
    path: Path | None = None
    keys: set[str] = field(default_factory=set)

    def resolve(self, value: str) -> str:
        """A path from the file, made absolute against the file's folder."""
        if self.path is None or Path(value).is_absolute():
            return value
        return str((self.path.parent / value).resolve())


def find_config(start: Path | None = None) -> Path | None:
    """The nearest ``factcheck.toml``, or ``pyproject.toml`` with a ``[tool.factcheck]`` table."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        own = folder / "factcheck.toml"
        if own.is_file():
            return own
        py = folder / "pyproject.toml"
        if py.is_file():
            try:
                text = py.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            if re.search(r"^\s*\[tool\.factcheck\]", text, re.MULTILINE):
                return py
    return None


def _line_of(text: str, key: str) -> int:
    m = re.search(rf"^\s*{re.escape(key)}\s*=", text, re.MULTILINE)
    return text.count("\n", 0, m.start()) + 1 if m else 1


def load_config(path: Path | None = None, start: Path | None = None) -> LoadedConfig:
    """Read and validate the configuration; every problem reported at ``file:line``."""
    path = path or find_config(start)
    if path is None:
        return LoadedConfig(Config())
    try:
        text = path.read_text(encoding="utf-8")
        data: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+), column (\d+)", str(exc))
        line, col = (int(m.group(1)), int(m.group(2))) if m else (1, 1)
        raise UserError(Diagnostic(str(path), line, col, f"TOML syntax: {exc}")) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(Diagnostic(str(path), 1, 1, f"cannot read: {exc}")) from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("factcheck", {})
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            key = str(err["loc"][0]) if err["loc"] else ""
            msg = f"unknown key {key!r}" if err["type"] == "extra_forbidden" else f"{key}: {err['msg']}"
            problems.append(Diagnostic(str(path), _line_of(text, key), 1, msg))
        raise UserError(problems) from None
    return LoadedConfig(config, path, set(data))
