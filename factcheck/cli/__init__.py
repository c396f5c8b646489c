"""The ``factcheck`` command line: click commands only, each a thin layer over the Python API."""

from __future__ import annotations

import importlib
import signal
import sys

import click

from factcheck import interrupts
from factcheck.exitcodes import ExitCode
from factcheck.version import __version__

# Each command lives in a module of its own (the click command of that name), imported and added
# to the group only when that command runs, so that ``factcheck --help`` and ``--version`` load no
# solver, NLP pipeline or report model, and no command module imports this one.  The first
# paragraph of each command's help is kept here for the command list; a test checks it against
# the command's own help.
_COMMANDS: dict[str, tuple[str, str]] = {
    "audit": (
        "factcheck.cli.audit",
        "Audit a corpus: read every article, link what they say, and check it all together.",
    ),
    "check": ("factcheck.cli.check", "Check curated fact sets (YAML files or folders) for contradictions and gaps."),
    "config": ("factcheck.cli.check", "Print the resolved configuration and where each value came from."),
    "extract": (
        "factcheck.cli.extract",
        "Read articles (files or folders) into a fact set that `factcheck check` reads.",
    ),
    "rules": (
        "factcheck.cli.rules",
        "Test and lint the date reader's YAML rule packs (the shipped pack, extended by PATHS).",
    ),
    "schema": ("factcheck.cli.check", "Print the JSON Schema of a file kind, for editors that validate YAML."),
    "timeml": ("factcheck.cli.timeml", "Work with TimeML (.tml) documents."),
}


class _LazyGroup(click.Group):
    """A group whose commands are imported and added on first use (listing them imports none)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in _COMMANDS:
            command = getattr(importlib.import_module(_COMMANDS[cmd_name][0]), cmd_name)
            self.add_command(command, cmd_name)
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            if name in self.commands:
                rows.append((name, self.commands[name].get_short_help_str(limit)))
            else:
                rows.append((name, _short_help(_COMMANDS[name][1], limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def _short_help(summary: str, limit: int) -> str:
    """A command's short help from its summary, shortened as click shortens a loaded command's."""
    return click.Command(None, help=summary).get_short_help_str(limit)


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factcheck")
def cli() -> None:
    """Check dated claims for contradictions, gaps and an inferred timeline."""


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
