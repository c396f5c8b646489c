"""``factcheck timeml``: auditing TimeML annotations."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from factcheck.cli.common import config_rules, handle_errors, write_output
from factcheck.exitcodes import exit_code_for
from factcheck.formats import Format
from factcheck.limits import DEFAULT_RLIMIT, DEFAULT_TIMEOUT_MS

_OUT_DIR = click.Path(file_okay=False, path_type=Path)
_EXISTING = click.Path(exists=True, path_type=Path)


@click.group()
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
@click.option(
    "--timeout",
    "timeout_ms",
    type=click.IntRange(1),
    default=DEFAULT_TIMEOUT_MS,
    show_default=True,
    help="Wall-clock backstop per solver check, in ms.",
)
@click.option(
    "--rlimit",
    type=click.IntRange(0),
    default=DEFAULT_RLIMIT,
    show_default=True,
    help="z3 resource limit per solver check, the deterministic limit (0: none).",
)
@click.option("--max-conflicts", type=click.IntRange(1), default=10, show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path))
def check_timeml(
    paths: tuple[Path, ...], mode: str, fmt: str, timeout_ms: int, rlimit: int, max_conflicts: int, output: Path | None
) -> None:
    """Check the TLINKs of TimeML documents for consistency, with minimal conflicts.

    Exit codes as for `factcheck check`: 0 consistent, 1 inconsistent, 2 bad input, 3 inconclusive.
    """
    from factcheck.report import render
    from factcheck.timeml.audit import audit_timeml

    with handle_errors():
        modes = ("links", "metric") if mode == "both" else (mode,)
        audit = audit_timeml(list(paths), modes=modes, timeout_ms=timeout_ms, rlimit=rlimit,  # type: ignore[arg-type]
                             max_conflicts=max_conflicts)  # fmt: skip
        assert audit.report is not None
        color = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
        text = render(audit.report, Format(fmt), audit.factset, color=color)
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


@timeml.command("tag")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--out", "out_dir", required=True, type=_OUT_DIR, help="Folder to write to.")
@click.option("--rules", "rule_dirs", multiple=True, type=_EXISTING, help="Extra rule pack folder or file.")
@click.option("--jobs", "-j", type=click.IntRange(1), help="Worker processes [default: the number of cores].")
def tag_timeml(inputs: tuple[Path, ...], out_dir: Path, rule_dirs: tuple[Path, ...], jobs: int | None) -> None:
    """Add the TIMEX3s the date reader finds to TimeML documents (TEXT and DCT, e.g. *.tml.TE3input).

    Each document is written under OUT with its own file name; TEXT's characters are unchanged.
    The output is the same whatever the number of jobs.
    """
    import datetime as dt
    import gc

    from factcheck.dates.tagger import DateReader
    from factcheck.timeml.read import timeml_files
    from factcheck.timeml.write import NewTimex, tag_files

    with handle_errors():
        reader = DateReader.load(config_rules() + list(rule_dirs))
        files = timeml_files(list(inputs))

        def tag(text: str, dct: dt.date | None) -> list[NewTimex]:
            return [NewTimex(m.start, m.end, m.type, m.value, m.mod) for m in reader.tag(text, dct)]

        # The reader and all loaded so far live until the process ends: frozen, no collection walks
        # them again (a worker's would copy the memory pages it shares with this process, and the
        # one at exit took a twentieth of a run over TBAQ).
        gc.freeze()
        tag_files(files, out_dir, tag, jobs or os.cpu_count() or 1)
        click.echo(f"tagged {len(files)} documents into {out_dir}", err=True)


@timeml.command("strip")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--out", "out_dir", required=True, type=_OUT_DIR, help="Folder to write to.")
def strip_timeml(inputs: tuple[Path, ...], out_dir: Path) -> None:
    """Write gold TimeML documents in system-input form: TEXT without markup, the DCT kept."""
    from factcheck.timeml.read import timeml_files
    from factcheck.timeml.write import read_raw, strip_to_input

    with handle_errors():
        for path in timeml_files(list(inputs)):
            write_output(strip_to_input(read_raw(path), str(path)), out_dir / path.name)


@timeml.command("score")
@click.argument("gold_dir", type=click.Path(exists=True, path_type=Path))
@click.argument("system_dir", type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--errors", "show_errors", is_flag=True, help="List missed, spurious and wrongly valued expressions.")
def score_timeml(gold_dir: Path, system_dir: Path, fmt: str, show_errors: bool) -> None:
    """TempEval-3 TIMEX3 scores: strict and relaxed extent P/R/F1, type and value F1."""
    import json

    from factcheck.timeml.score import score_dirs

    with handle_errors():
        scores = score_dirs(gold_dir, system_dir)
    if fmt == "json":
        click.echo(json.dumps(scores.as_dict(), indent=2, sort_keys=True))
    else:
        r = scores.relaxed
        click.echo(f"{scores.documents} documents, {r.gold} gold and {r.system} system TIMEX3")
        click.echo(f"{'':8} {'P':>6} {'R':>6} {'F1':>6}")
        for name in ("strict", "relaxed", "type", "value"):
            s = getattr(scores, name)
            click.echo(f"{name:8} {s.precision:6.4f} {s.recall:6.4f} {s.f1:6.4f}")
    if show_errors:
        for e in scores.errors:
            for t in e.missed:
                click.echo(f"{e.doc}:{t.start}: missed {t.text!r} {t.type} {t.value}")
            for t in e.spurious:
                click.echo(f"{e.doc}:{t.start}: spurious {t.text!r} {t.type} {t.value}")
            for g, t in e.wrong_value:
                click.echo(f"{e.doc}:{t.start}: value {t.text!r} {t.value} (gold {g.text!r} {g.value})")
