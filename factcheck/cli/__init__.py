"""The ``factcheck`` command line: click commands only, each a thin layer over the Python API."""

from __future__ import annotations

import click

from factcheck import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factcheck")
def cli() -> None:
    """Check dated claims for contradictions, gaps and an inferred timeline."""


def _register() -> None:
    # Each command group lives in its own module; importing it attaches it to ``cli``.
    from factcheck.cli import check as _check  # noqa: F401


_register()


def main() -> None:
    """Console-script entry point."""
    cli()
