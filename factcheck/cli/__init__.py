"""The ``factcheck`` command line: click commands only, each a thin layer over the Python API."""

from __future__ import annotations

import signal
import sys

import click

from factcheck import interrupts
from factcheck.exitcodes import ExitCode
from factcheck.version import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factcheck")
def cli() -> None:
    """Check dated claims for contradictions, gaps and an inferred timeline."""


def _register() -> None:
    # Each command group lives in its own module; importing it attaches it to ``cli``.
    from factcheck.cli import audit as _audit  # noqa: F401
    from factcheck.cli import check as _check  # noqa: F401
    from factcheck.cli import extract as _extract  # noqa: F401
    from factcheck.cli import rules as _rules  # noqa: F401
    from factcheck.cli import timeml as _timeml  # noqa: F401


_register()


def _terminate(signum: int, frame: object) -> None:
    interrupts.request(lambda: SystemExit(ExitCode.SIGTERM))


def _interrupt(signum: int, frame: object) -> None:
    interrupts.request(KeyboardInterrupt)


def main() -> None:
    """Console-script entry point: SIGINT exits 130 and SIGTERM 143, leaving no partial output."""
    signal.signal(signal.SIGTERM, _terminate)
    sys.unraisablehook = interrupts.unraisable_hook
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not where SIGINT is ignored
        signal.signal(signal.SIGINT, _interrupt)
    try:
        rv = cli.main(standalone_mode=False)
    except click.exceptions.Abort:  # click turns Ctrl-C into Abort
        click.echo("interrupted", err=True)
        sys.exit(ExitCode.SIGINT)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(ExitCode.SIGINT)
    except click.ClickException as exc:
        exc.show()
        sys.exit(ExitCode.USAGE if exc.exit_code == 2 else exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    sys.exit(rv if isinstance(rv, int) else 0)
