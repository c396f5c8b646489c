"""``factcheck check`` and ``factcheck schema``."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path

import click

from factcheck.api import check as api_check
from factcheck.cli import cli
from factcheck.cli.common import exit_code_for, handle_errors, write_output
from factcheck.report import Format, render


def _parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


@cli.command()
@click.argument("facts", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice([f.value for f in Format]),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--as-of",
    callback=_parse_date,
    metavar="DATE",
    help="Latest possible creation or retrieval time of any document [default: today].",
)
@click.option(
    "--policy",
    "policy_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A policy file of fuzzy windows instead of the shipped one.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1),
    default=1,
    show_default=True,
    help="Worker processes for independent components.",
)
@click.option(
    "--timeout",
    "timeout_ms",
    type=click.IntRange(1),
    default=10_000,
    show_default=True,
    help="Solver timeout per check, in ms.",
)
@click.option(
    "--rlimit", type=click.IntRange(0), default=0, show_default=True, help="Solver resource limit per check (0: none)."
)
@click.option(
    "--max-conflicts",
    type=click.IntRange(1),
    default=10,
    show_default=True,
    help="Minimal conflicts to enumerate per component.",
)
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write the report to a file (atomically)."
)
def check(
    facts: tuple[Path, ...],
    fmt: str,
    as_of: dt.date | None,
    policy_path: Path | None,
    jobs: int,
    timeout_ms: int,
    rlimit: int,
    max_conflicts: int,
    output: Path | None,
) -> None:
    """Check curated fact sets (YAML files or folders) for contradictions and gaps.

    Exit codes: 0 consistent, 1 contradiction, 2 bad input or usage, 3 inconclusive.
    """
    with handle_errors():
        report, fs = api_check(
            facts,
            as_of=as_of,
            policy_path=policy_path,
            jobs=jobs,
            timeout_ms=timeout_ms,
            rlimit=rlimit,
            max_conflicts=max_conflicts,
        )
        color = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
        write_output(render(report, Format(fmt), fs, color=color), output)
    sys.exit(exit_code_for(report))


@cli.command()
@click.argument("what", type=click.Choice(["facts", "policy", "report", "rules"]))
def schema(what: str) -> None:
    """Print the JSON Schema of a file kind, for editors that validate YAML."""
    from factcheck.dates.pack import Pack
    from factcheck.model import FactSetFile, Report
    from factcheck.policy import Policy

    if what == "rules":
        data = Pack.model_json_schema()
    elif what == "facts":
        data = FactSetFile.model_json_schema()
    elif what == "policy":
        data = Policy.model_json_schema()
    else:
        data = Report.model_json_schema(mode="serialization")
    data = {"$schema": "https://json-schema.org/draft/2020-12/schema", **data}
    click.echo(json.dumps(data, indent=2, sort_keys=True))
