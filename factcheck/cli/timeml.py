"""``factcheck timeml``: auditing TimeML annotations."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from factcheck.cli import cli
from factcheck.cli.common import exit_code_for, handle_errors, write_output
from factcheck.report import Format, render


@cli.group()
def timeml() -> None:
    """Work with TimeML (.tml) documents."""


@timeml.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--mode",
    type=click.Choice(["links", "metric", "both"]),
    default="both",
    show_default=True,
    help="links: TLINKs alone; metric: TLINKs plus the TIMEX3 calendar values.",
)
@click.option("--format", "fmt", type=click.Choice([f.value for f in Format]), default="text", show_default=True)
@click.option("--timeout", "timeout_ms", type=click.IntRange(1), default=10_000, show_default=True)
@click.option("--max-conflicts", type=click.IntRange(1), default=10, show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path))
def check_timeml(
    paths: tuple[Path, ...], mode: str, fmt: str, timeout_ms: int, max_conflicts: int, output: Path | None
) -> None:
    """Check the TLINKs of TimeML documents for consistency, with minimal conflicts.

    Exit codes as for `factcheck check`: 0 consistent, 1 inconsistent, 2 bad input, 3 inconclusive.
    """
    from factcheck.timeml_audit import audit_timeml

    with handle_errors():
        modes = ("links", "metric") if mode == "both" else (mode,)
        audit = audit_timeml(list(paths), modes=modes, timeout_ms=timeout_ms, max_conflicts=max_conflicts)  # type: ignore[arg-type]
        assert audit.report is not None
        color = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
        text = render(audit.report, Format(fmt), None, color=color)
        if Format(fmt) is Format.TEXT:
            s = audit.report.stats
            lines = [f"{s.get('documents', 0)} documents, {s.get('links', 0)} links"]
            for m in modes:
                lines.append(
                    f"  {m}: {s.get(m + '_sat', 0)} consistent, {s.get(m + '_inconsistent', 0)} inconsistent, "
                    f"{s.get(m + '_unknown', 0)} inconclusive; {s.get(m + '_links_in_conflicts', 0)} links in conflicts"
                )
            text += "\n".join(lines) + "\n"
        write_output(text, output)
    sys.exit(exit_code_for(audit.report))
