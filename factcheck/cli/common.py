"""What every command shares: error handling, atomic output (exit codes: :mod:`factcheck.exitcodes`)."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO, TypeVar

import click

from factcheck.errors import UserError
from factcheck.exitcodes import ExitCode
from factcheck.version import __version__

_Command = TypeVar("_Command", bound=Callable[..., Any])


def parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    """An ``--as-of`` style option's value as a date (click callback)."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


def freeze_heap() -> None:
    """Move every object alive now out of the garbage collector's reach, for the rest of the process.

    A command calls it once its code is imported, just before the long part of its run: the
    modules, classes and tables loaded so far live until the process ends, so full
    collections need not rescan them, and forked workers do not touch (and so copy) the
    pages that hold them.  Only a command does this, never a library call: a caller of the
    API keeps its own collector settings.
    """
    gc.freeze()


@contextlib.contextmanager
def handle_errors() -> Iterator[None]:
    """Bad input exits 2 with ``file:line:col: message``; a bug exits 70 with a short report."""
    try:
        yield
    except UserError as exc:
        for d in exc.diagnostics:
            click.echo(f"error: {d}", err=True)
        sys.exit(ExitCode.USAGE)
    except (SystemExit, KeyboardInterrupt, click.exceptions.Exit, click.ClickException):
        raise
    except Exception as exc:
        tb = traceback.extract_tb(exc.__traceback__)
        where = f"{tb[-1].filename}:{tb[-1].lineno} in {tb[-1].name}" if tb else "?"
        click.echo(
            f"factcheck {__version__} crashed: {type(exc).__name__}: {exc}\n"
            f"  command: {' '.join(sys.argv)}\n  where: {where}\n"
            "This is a bug in factcheck, not in your input; please report it with the command above.",
            err=True,
        )
        sys.exit(ExitCode.INTERNAL)


@contextlib.contextmanager
def streamed_output(path: Path | None) -> Iterator[Callable[[str], object]]:
    """A writer for output made piece by piece: to stdout, or to a file that appears (renamed) only when complete."""
    if path is None:
        broken = False

        def echo(text: str) -> None:
            nonlocal broken
            if broken:
                return
            try:
                click.echo(text, nl=False)
            except BrokenPipeError:
                # The reader stopped early (``factcheck check | head``): the rest is not wanted, and
                # the exit code still tells the outcome.  Point stdout at devnull so the final flush
                # at exit does not fail again.
                broken = True
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())

        yield echo
        if not broken:
            try:
                sys.stdout.flush()
            except BrokenPipeError:
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    # mkstemp makes the file private (0600); the output is an ordinary file, so the umask decides.
    os.chmod(tmp, 0o666 & ~_umask())
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            yield fh.write
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0o022)  # the umask can only be read by setting it
    os.umask(mask)
    return mask


def write_output(text: str, path: Path | None) -> None:
    """Write to stdout, or atomically to a file (a temporary file, then a rename)."""
    with streamed_output(path) as write:
        write(text)


def append_text(path: Path, text: str) -> None:
    """Append text to a file (GitHub's step summary), creating it if need be."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as fh:
        fh.write(text)


@contextlib.contextmanager
def appending(path: Path) -> Iterator[Callable[[str], object]]:
    """A writer appending to a file (GitHub's step summary) piece by piece, opened, and made, at the first piece."""
    fh: TextIO | None = None

    def write(text: str) -> None:
        nonlocal fh
        if fh is None:
            path.parent.mkdir(parents=True, exist_ok=True)
            fh = path.open("a", encoding="utf-8")
        fh.write(text)

    try:
        yield write
    finally:
        if fh is not None:
            fh.close()


def config_options(command: _Command) -> _Command:
    """The ``--config`` and ``--isolated`` options of a command that reads the project configuration."""
    command = click.option("--isolated", is_flag=True, help="Ignore configuration files.")(command)
    return click.option(
        "--config",
        "config_path",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Configuration file to use instead of the one found from the current folder upwards.",
    )(command)


def config_rules() -> list[Path]:
    """Rule packs named under ``rules`` in the project configuration (paths relative to its file)."""
    from factcheck.configfile import find_config

    if find_config() is None:
        return []  # the defaults name no rules
    from factcheck.config import resolve

    return [Path(r) for r in resolve().config.rules]


def on_terminal() -> bool:
    """Whether stderr is a person's terminal: a terminal, and not a CI job (whose log may claim to be one)."""
    return sys.stderr.isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"


@contextlib.contextmanager
def _bars() -> Iterator[Any]:
    """A transient rich progress display on stderr, one bar per task, each named by its description."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=Console(stderr=True), transient=True,
    ) as bar:  # fmt: skip
        yield bar


@contextlib.contextmanager
def audit_progress() -> Iterator[Callable[[str, int, int | None], None] | None]:
    """Progress of an audit on stderr (articles read, stories checked), only on a terminal; else None."""
    if not on_terminal():
        yield None
        return
    with _bars() as bar:
        tasks: dict[str, Any] = {}

        def tick(stage: str, done: int, total: int | None) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield tick


@contextlib.contextmanager
def progress_bar(text_format: bool) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on stderr for long checks; none when stderr is not a terminal or the output is not text."""
    if not (text_format and on_terminal()):
        yield None
        return
    with _bars() as bar:
        task = bar.add_task("checking components", total=None)

        def tick(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield tick
