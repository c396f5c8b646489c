"""Configuration: ``[tool.factcheck]`` in ``pyproject.toml`` or a ``factcheck.toml``, found upwards from cwd.

Precedence, highest first: command-line flags, the configuration file, built-in defaults.
A misspelt key or a bad value is an error at its ``path:line``, never silently ignored.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from factcheck.configfile import CONFIG_FILE as CONFIG_FILE
from factcheck.configfile import PYPROJECT, find_config
from factcheck.errors import Diagnostic, UserError
from factcheck.formats import Format
from factcheck.limits import DEFAULT_RLIMIT, DEFAULT_TIMEOUT_MS

DEFAULT = "default"
COMMAND_LINE = "command line"


class Config(BaseModel):
    """Every setting ``factcheck check`` and ``factcheck audit`` read from a configuration file."""

    # The validator is built on first use: a command that finds no configuration file to read
    # (``cli.common.config_rules``) never builds it.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    format: Format = Field(default=Format.TEXT, description="Output format.")
    fail_on: Literal["error", "warning"] = Field(default="error", description="Lowest severity that fails a check.")
    exit_zero: bool = Field(default=False, description="Exit 0 even when findings reach fail_on.")
    jobs: int = Field(default=1, ge=1, description="Worker processes for independent components.")
    timeout: int = Field(default=DEFAULT_TIMEOUT_MS, ge=1, description="Wall-clock backstop per solver check, in ms.")
    rlimit: int = Field(
        default=DEFAULT_RLIMIT, ge=0, description="z3 resource limit per check, the deterministic limit (0: none)."
    )
    max_conflicts: int = Field(default=10, ge=1, description="Minimal conflicts to enumerate per component.")
    match_timeout: float = Field(
        default=10.0, gt=0, description="Seconds of rule-pattern matching allowed per article (audit, extract)."
    )
    as_of: dt.date | None = Field(default=None, description="Latest possible creation or retrieval time.")
    policy: str | None = Field(default=None, description="Policy file, relative to the configuration file.")
    rules: tuple[str, ...] = Field(default=(), description="Rule-pack folders, relative to the configuration file.")


KEYS: tuple[str, ...] = tuple(Config.model_fields)

READ_BY: dict[str, str] = {
    "match_timeout": "audit, extract",
    "rules": "audit, extract, rules, timeml",
    "jobs": "check, audit (audit's default: every core)",
}
"""The commands that read a key, where not exactly ``check`` and ``audit`` (which read every other key alike)."""
BOTH = "check, audit"


def read_by(key: str) -> str:
    """The commands that read a configuration key."""
    return READ_BY.get(key, BOTH)


_PATH_KEYS = ("policy", "rules")


@dataclass(frozen=True)
class Resolved:
    """The settings in force and where each came from (a file path, the command line, or default)."""

    config: Config
    sources: dict[str, str] = field(default_factory=dict)
    path: Path | None = None


def _table_name(path: Path) -> str:
    return "tool.factcheck" if path.name == PYPROJECT else ""


def key_line(text: str, table: str, key: str) -> int:
    """The line where a key of a table is written (the table's header, or 1, if not found)."""
    header = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
    current, table_line = "", 1
    pat = re.compile(r"^\s*[\"']?" + re.escape(key) + r"[\"']?\s*=")
    for n, line in enumerate(text.splitlines(), start=1):
        m = header.match(line)
        if m:
            current = re.sub(r"\s*\.\s*", ".", m.group(1))
            if current == table:
                table_line = n
            continue
        if current == table and pat.match(line):
            return n
    return table_line


def load_config(path: Path) -> tuple[Config, set[str]]:
    """Read and validate one configuration file; returns the config and the keys it sets."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(Diagnostic(str(path), 1, 1, f"cannot read configuration: {exc}")) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line, col = (int(m.group(1)), int(m.group(2))) if m else (1, 1)
        msg = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc)) or "invalid TOML"
        raise UserError(Diagnostic(str(path), line, col, f"TOML syntax: {msg}")) from None
    table = _table_name(path)
    section: Any = data
    for part in table.split(".") if table else []:
        section = section.get(part, {}) if isinstance(section, dict) else {}
    if not isinstance(section, dict):
        raise UserError(Diagnostic(str(path), key_line(text, "tool", "factcheck"), 1, "[tool.factcheck] is a table"))
    values = {str(k).replace("-", "_"): v for k, v in section.items()}
    spelled = {str(k).replace("-", "_"): str(k) for k in section}
    base = path.parent
    if isinstance(values.get("policy"), str):
        values["policy"] = os.path.normpath(base / values["policy"])
    if isinstance(values.get("rules"), list):
        values["rules"] = [os.path.normpath(base / r) if isinstance(r, str) else r for r in values["rules"]]
    try:
        cfg = Config.model_validate(values)
    except ValidationError as exc:
        diags = []
        for err in exc.errors(include_url=False):
            key = str(err["loc"][0]) if err["loc"] else ""
            name = spelled.get(key, key)
            msg = err["msg"].removeprefix("Value error, ")
            if err["type"] == "extra_forbidden":
                msg = f"unknown key {name!r} (known: {', '.join(KEYS)})"
            else:
                msg = f"{name}: {msg}"
            diags.append(Diagnostic(str(path), key_line(text, table, name), 1, msg))
        raise UserError(diags) from None
    return cfg, set(values)


def resolve(
    overrides: dict[str, Any] | None = None,
    *,
    config_path: Path | None = None,
    isolated: bool = False,
    start: Path | None = None,
) -> Resolved:
    """Defaults, then the configuration file (named, or found from ``start``), then non-None overrides."""
    path = None if isolated else (config_path or find_config(start))
    values: dict[str, Any] = {}
    sources = dict.fromkeys(KEYS, DEFAULT)
    if path is not None:
        cfg, keys = load_config(path)
        for k in keys:
            values[k] = getattr(cfg, k)
            sources[k] = str(path)
    for k, v in (overrides or {}).items():
        if v is not None:
            values[k] = v
            sources[k] = COMMAND_LINE
    try:
        config = Config.model_validate(values)
    except ValidationError as exc:
        raise UserError(
            [Diagnostic("<command line>", 1, 1, f"{'.'.join(map(str, e['loc']))}: {e['msg']}") for e in exc.errors()]
        ) from None
    return Resolved(config=config, sources=sources, path=path)


def describe(resolved: Resolved) -> str:
    """The resolved settings as TOML lines, each commented with where it came from."""
    lines = [f"# configuration file: {resolved.path or '(none)'}", "[tool.factcheck]"]
    data = resolved.config.model_dump(mode="json")
    for k in KEYS:
        v = data[k]
        if v is None:
            line = f"# {k} = (unset)"
        elif isinstance(v, bool):
            line = f"{k} = {'true' if v else 'false'}"
        elif isinstance(v, (int, float)):
            line = f"{k} = {v}"
        elif isinstance(v, list):
            line = f"{k} = [{', '.join(_q(x) for x in v)}]"
        else:
            line = f"{k} = {_q(str(v))}"
        lines.append(f"{line:<40} # {resolved.sources[k]}; read by {read_by(k)}")
    return "\n".join(lines) + "\n"


def _q(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
