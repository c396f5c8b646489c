"""``factcheck audit``: the main job, a folder of articles to a report."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import click

from factcheck.cli import cli
from factcheck.cli.check import _parse_date
from factcheck.cli.common import config_rules, exit_code_for, handle_errors, write_output
from factcheck.report import Format, render


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice([f.value for f in Format]), default="text", show_default=True)
@click.option("--as-of", callback=_parse_date, metavar="DATE",
              help="Latest possible creation or retrieval time of any document [default: today].")  # fmt: skip
@click.option("--facts", "facts", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="Curated fact set to add; a curated fact replaces the extracted fact of the same id.")  # fmt: skip
@click.option("--no-background", is_flag=True, help="Leave out the shipped background facts.")
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="Extra date-reader rule packs.")  # fmt: skip
@click.option("--policy", "policy_path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--jobs", "-j", type=click.IntRange(1), default=1, show_default=True)
@click.option("--timeout", "timeout_ms", type=click.IntRange(1), default=10_000, show_default=True)
@click.option("--rlimit", type=click.IntRange(0), default=0, show_default=True)
@click.option("--max-conflicts", type=click.IntRange(1), default=10, show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write the report (atomically).")
def audit(
    paths: tuple[Path, ...], fmt: str, as_of: dt.date | None, facts: tuple[Path, ...], no_background: bool,
    rule_dirs: tuple[Path, ...], policy_path: Path | None, jobs: int, timeout_ms: int, rlimit: int,
    max_conflicts: int, output: Path | None,
) -> None:  # fmt: skip
    """Audit a corpus: read every article, link what they say, and check it all together.

    An optional corpus.yaml in a folder gives documents' published/retrieved times, url,
    publisher and trust.  Exit codes as for `check`: 0 consistent, 1 contradiction, 2 bad
    input, 3 inconclusive.
    """
    from factcheck.auditing import audit as run

    with handle_errors():
        result = run(paths, as_of=as_of, facts=facts, background=not no_background, policy_path=policy_path,
                     rules=[*config_rules(), *rule_dirs], jobs=jobs, timeout_ms=timeout_ms, rlimit=rlimit,
                     max_conflicts=max_conflicts)  # fmt: skip
        for s in result.skipped:
            click.echo(f"warning: {s.path}: {'failed' if s.failed else 'skipped'}: {s.reason}", err=True)
        color = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
        text = render(result.report, Format(fmt), result.factset, color=color)
        if Format(fmt) is Format.TEXT and result.report.links:
            lines = [f"{len(result.report.links)} links between articles and background facts considered:"]
            for lk in result.report.links:
                how = "not linked" if not lk.linked else "assumed" if lk.assumed else "linked"
                lines.append(f"  {how} {', '.join(lk.members)}: {lk.reason}")
            text += "\n".join(lines) + "\n"
        write_output(text, output)
    sys.exit(exit_code_for(result.report))
