"""``factcheck audit``: the main job, a folder of articles to a report."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from factcheck.cli.common import (
    appending,
    audit_progress,
    config_options,
    freeze_heap,
    handle_errors,
    parse_date,
    streamed_output,
    write_output,
)
from factcheck.exitcodes import exit_code_for
from factcheck.limits import DEFAULT_RLIMIT, DEFAULT_TIMEOUT_MS
from factcheck.model import Severity
from factcheck.report import Format, render

if TYPE_CHECKING:
    from factcheck.auditing.run import AuditResult
    from factcheck.config import Config


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice([f.value for f in Format]),
              help="Output format [config format; default: text].")  # fmt: skip
@click.option("--fail-on", type=click.Choice(["error", "warning"]),
              help="Lowest severity that makes the exit code 1 [config fail_on; default: error].")  # fmt: skip
@click.option("--exit-zero/--no-exit-zero", default=None,
              help="Exit 0 even when findings reach --fail-on (bad input still exits 2, inconclusive 3) "
                   "[config exit_zero].")  # fmt: skip
@click.option("--as-of", callback=parse_date, metavar="DATE",
              help="Latest possible creation or retrieval time of any document [default: today].")  # fmt: skip
@click.option("--facts", "facts", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="Curated fact set to add; a curated fact replaces the extracted fact of the same id.")  # fmt: skip
@click.option("--no-background", is_flag=True, help="Leave out the shipped background facts.")
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="Extra date-reader rule packs.")  # fmt: skip
@click.option("--policy", "policy_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A policy file of fuzzy windows instead of the shipped one [config policy].")  # fmt: skip
@click.option("--jobs", "-j", type=click.IntRange(1),
              help="Worker processes [config jobs; default: the number of cores].")  # fmt: skip
@click.option("--scheduler", metavar="ADDRESS",
              help="Run on an existing Dask cluster (tcp://HOST:PORT); needs the 'dask' extra.")  # fmt: skip
@click.option("--dask-local", type=click.IntRange(1), metavar="N",
              help="Run on a Dask LocalCluster of N worker processes; needs the 'dask' extra.")  # fmt: skip
@click.option("--cache", "cache_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Cache folder (e.g. .factcheck-cache): a re-audit re-reads only changed articles "
                   "and re-checks only the stories they touch.")  # fmt: skip
@click.option("--extract-rules", "extract_pack", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Article-reader rule pack laid over the shipped one: a rule of a shipped id replaces it, a new "
                   "id (or table entry) extends it.")  # fmt: skip
@click.option(
    "--extract-rules-only",
    "extract_replace",
    is_flag=True,
    help="Use the --extract-rules pack alone, in place of the shipped one.",
)
@click.option(
    "--timeout",
    "timeout_ms",
    type=click.IntRange(1),
    help=f"Wall-clock backstop per solver check, in ms [config timeout; default: {DEFAULT_TIMEOUT_MS}].",
)
@click.option("--rlimit", type=click.IntRange(0),
              help=f"z3 resource limit per check, the deterministic limit [config rlimit; default: {DEFAULT_RLIMIT}; "
                   "0: none].")  # fmt: skip
@click.option("--max-conflicts", type=click.IntRange(1), help="Conflicts to enumerate per component [default: 10].")
@click.option("--match-timeout", type=click.FloatRange(0, min_open=True),
              help="Seconds of pattern matching allowed per article [config match_timeout; default: 10].")  # fmt: skip
@config_options
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write the report (atomically).")
def audit(
    paths: tuple[Path, ...], fmt: str | None, fail_on: str | None, exit_zero: bool | None, as_of: dt.date | None,
    facts: tuple[Path, ...], no_background: bool,
    rule_dirs: tuple[Path, ...], policy_path: Path | None, jobs: int | None, scheduler: str | None,
    dask_local: int | None, cache_dir: Path | None, extract_pack: Path | None, extract_replace: bool,
    timeout_ms: int | None,
    rlimit: int | None, max_conflicts: int | None, match_timeout: float | None, config_path: Path | None,
    isolated: bool, output: Path | None,
) -> None:  # fmt: skip
    """Audit a corpus: read every article, link what they say, and check it all together.

    An optional corpus.yaml in a folder gives documents' published/retrieved times, url,
    publisher and trust.  Settings come from the command line, then the configuration
    file, as for `check`.  Exit codes as for `check`: 0 no finding at or above --fail-on,
    1 findings at or above it, 2 bad input or usage, 3 inconclusive (also when the reader
    failed on an article: the run is incomplete).
    """
    from factcheck.auditing import audit as run
    from factcheck.auditing.merge import STREAMED, ReportSink
    from factcheck.runtime.executor import make_executor

    with handle_errors():
        cfg = _config({"format": fmt, "fail_on": fail_on, "exit_zero": exit_zero, "as_of": as_of,
                       "policy": str(policy_path) if policy_path else None, "jobs": jobs,
                       "timeout": timeout_ms, "rlimit": rlimit, "max_conflicts": max_conflicts,
                       "match_timeout": match_timeout}, config_path, isolated)  # fmt: skip
        _check_usage(extract_replace, extract_pack, scheduler, dask_local)
        executor = make_executor(cfg.jobs, scheduler, dask_local)
        freeze_heap()
        fmt_ = cfg.format
        # JSON Lines go out story by story; JSON, text and GitHub commands are written from the
        # merged parts on disk, piece by piece (STREAMED); the other formats render the merged report.
        stream = fmt_ is Format.JSONL or fmt_ in STREAMED
        summary_file = os.environ.get("GITHUB_STEP_SUMMARY") if fmt_ is Format.GITHUB else None
        color = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
        with contextlib.ExitStack() as stack:
            out = stack.enter_context(streamed_output(output)) if stream else None
            tick = stack.enter_context(audit_progress())
            step = stack.enter_context(appending(Path(summary_file))) if summary_file else None
            report_sink = ReportSink(fmt_, out, color=color, step_summary=step) \
                if out is not None and fmt_ in STREAMED else None  # fmt: skip
            try:
                result = run(paths, as_of=cfg.as_of, facts=facts, background=not no_background,
                             policy_path=Path(cfg.policy) if cfg.policy else None,
                             rules=[*cfg.rules, *rule_dirs], extract_pack=extract_pack,
                             extract_replace=extract_replace, jobs=cfg.jobs,
                             timeout_ms=cfg.timeout, rlimit=cfg.rlimit, max_conflicts=cfg.max_conflicts,
                             match_timeout=cfg.match_timeout, executor=executor, cache_dir=cache_dir,
                             texts=fmt_ not in (Format.JSON, Format.JSONL),
                             sink=out if fmt_ is Format.JSONL else None,
                             report_sink=report_sink, progress=tick)  # fmt: skip
            finally:
                executor.close()
        incomplete = _warn(result)
        threshold = Severity(cfg.fail_on)
        if not stream:
            write_output(render(result.report, fmt_, result.factset, color=color, fail_on=threshold), output)
    # A streamed report's summary holds the counts of its findings, which decide as the findings do.
    sys.exit(exit_code_for(result.report, threshold, exit_zero=cfg.exit_zero, incomplete=incomplete))


def _config(given: dict[str, Any], config_path: Path | None, isolated: bool) -> Config:
    """The settings of the run: the command line's, then the configuration file's, then the defaults."""
    from factcheck.config import DEFAULT, resolve

    resolved = resolve(given, config_path=config_path, isolated=isolated)
    if resolved.sources["jobs"] == DEFAULT:
        # An audit uses every core unless told otherwise.
        return resolved.config.model_copy(update={"jobs": os.cpu_count() or 1})
    return resolved.config


def _check_usage(extract_replace: bool, extract_pack: Path | None, scheduler: str | None,
                 dask_local: int | None) -> None:  # fmt: skip
    """Options that exclude or need each other."""
    if extract_replace and extract_pack is None:
        raise click.UsageError("--extract-rules-only needs --extract-rules PACK")
    if scheduler and dask_local:
        raise click.UsageError("--scheduler and --dask-local exclude each other")


def _warn(result: AuditResult) -> bool:
    """Print the run's warnings (files left out, articles skipped); whether the run is incomplete."""
    acc = result.report.files
    for note in acc.warnings if acc else ():
        click.echo(f"warning: {note.path}: {note.reason}", err=True)
    for s in result.skipped:
        click.echo(f"warning: {s.path}: {'failed' if s.failed else 'skipped'}: {s.reason}", err=True)
    # An article the reader failed on (a fault of factcheck's) leaves the run incomplete: it cannot pass.
    return any(s.fault for s in result.skipped)
