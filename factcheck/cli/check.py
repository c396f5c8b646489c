"""``factcheck check``, ``factcheck config`` and ``factcheck schema``."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path

import click

from factcheck.api import check as api_check
from factcheck.cli.common import (
    append_text,
    config_options,
    freeze_heap,
    handle_errors,
    parse_date,
    progress_bar,
    write_output,
)
from factcheck.config import describe, read_by, resolve
from factcheck.exitcodes import exit_code_for
from factcheck.limits import DEFAULT_RLIMIT, DEFAULT_TIMEOUT_MS
from factcheck.model import Severity
from factcheck.report import Format, render, step_summary


@click.command()
@click.argument("facts", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice([f.value for f in Format]),
    help="Output format [default: text].",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning"]),
    help="Lowest severity that makes the exit code 1 [default: error].",
)
@click.option(
    "--exit-zero/--no-exit-zero",
    default=None,
    help="Exit 0 even when findings reach --fail-on (bad input still exits 2, inconclusive 3).",
)
@click.option(
    "--as-of",
    callback=parse_date,
    metavar="DATE",
    help="Latest possible creation or retrieval time of any document [default: today].",
)
@click.option(
    "--policy",
    "policy_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A policy file of fuzzy windows instead of the shipped one.",
)
@click.option("--jobs", "-j", type=click.IntRange(1), help="Worker processes for independent components [default: 1].")
@click.option(
    "--timeout",
    "timeout_ms",
    type=click.IntRange(1),
    help=f"Wall-clock backstop per solver check, in ms [default: {DEFAULT_TIMEOUT_MS}].",
)
@click.option(
    "--rlimit",
    type=click.IntRange(0),
    help=f"z3 resource limit per solver check, the deterministic limit (0: none) [default: {DEFAULT_RLIMIT}].",
)
@click.option(
    "--max-conflicts", type=click.IntRange(1), help="Minimal conflicts to enumerate per component [default: 10]."
)
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write the report to a file (atomically)."
)
@config_options
def check(
    facts: tuple[Path, ...],
    fmt: str | None,
    fail_on: str | None,
    exit_zero: bool | None,
    as_of: dt.date | None,
    policy_path: Path | None,
    jobs: int | None,
    timeout_ms: int | None,
    rlimit: int | None,
    max_conflicts: int | None,
    output: Path | None,
    config_path: Path | None,
    isolated: bool,
) -> None:
    """Check curated fact sets (YAML files or folders) for contradictions and gaps.

    Settings come from the command line, then `[tool.factcheck]` in pyproject.toml or a
    factcheck.toml (the nearest from the current folder upwards), then defaults.

    Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it, 2 bad input
    or usage, 3 inconclusive.
    """
    with handle_errors():
        resolved = resolve(
            {
                "format": fmt,
                "fail_on": fail_on,
                "exit_zero": exit_zero,
                "as_of": as_of,
                "policy": str(policy_path) if policy_path else None,
                "jobs": jobs,
                "timeout": timeout_ms,
                "rlimit": rlimit,
                "max_conflicts": max_conflicts,
            },
            config_path=config_path,
            isolated=isolated,
        )
        cfg = resolved.config
        freeze_heap()
        with progress_bar(cfg.format is Format.TEXT) as tick:
            report, fs = api_check(
                facts,
                as_of=cfg.as_of,
                policy_path=Path(cfg.policy) if cfg.policy else None,
                jobs=cfg.jobs,
                timeout_ms=cfg.timeout,
                rlimit=cfg.rlimit,
                max_conflicts=cfg.max_conflicts,
                progress=tick,
            )
        color = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
        threshold = Severity(cfg.fail_on)
        write_output(render(report, cfg.format, fs, color=color, fail_on=threshold), output)
        summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
        if cfg.format is Format.GITHUB and summary_file:
            append_text(Path(summary_file), step_summary(report, fs))
    sys.exit(exit_code_for(report, threshold, exit_zero=cfg.exit_zero))


@click.command("config")
@config_options
@click.option("--json", "as_json", is_flag=True, help="Print JSON: values and their sources.")
def config(config_path: Path | None, isolated: bool, as_json: bool) -> None:
    """Print the resolved configuration and where each value came from."""
    with handle_errors():
        resolved = resolve(config_path=config_path, isolated=isolated)
        if as_json:
            data = {
                "path": str(resolved.path) if resolved.path else None,
                "values": resolved.config.model_dump(mode="json"),
                "sources": resolved.sources,
                "read_by": {k: read_by(k) for k in resolved.sources},
            }
            click.echo(json.dumps(data, indent=2, sort_keys=True))
        else:
            click.echo(describe(resolved), nl=False)


@click.command()
@click.argument("what", type=click.Choice(["facts", "policy", "report", "config", "rules", "extract", "manifest"]))
def schema(what: str) -> None:
    """Print the JSON Schema of a file kind, for editors that validate YAML.

    rules: date-reader packs; extract: article-reader packs (--extract-rules).
    """
    from factcheck.auditing.manifest import Manifest
    from factcheck.config import Config
    from factcheck.dates.pack_schema import Pack
    from factcheck.extract.rules import ExtractPack
    from factcheck.model import FactSetFile
    from factcheck.policy import Policy
    from factcheck.report.json_format import report_schema

    if what == "rules":
        data = Pack.model_json_schema()
    elif what == "extract":
        data = ExtractPack.model_json_schema()
    elif what == "manifest":
        data = Manifest.model_json_schema()
    elif what == "facts":
        data = FactSetFile.model_json_schema()
    elif what == "policy":
        data = Policy.model_json_schema()
    elif what == "config":
        data = Config.model_json_schema()
    else:
        data = report_schema()  # the written report's: each finding with its message
    data = {"$schema": "https://json-schema.org/draft/2020-12/schema", **data}
    click.echo(json.dumps(data, indent=2, sort_keys=True))
