"""The ``factcheck`` command line: click commands only, each a thin layer over the Python API."""

from __future__ import annotations

import signal
import sys
from pathlib import Path
from typing import Any

import click

from factcheck.config import LoadedConfig, load_config
from factcheck.errors import UserError
from factcheck.exitcodes import ExitCode
from factcheck.version import __version__


def default_map(loaded: LoadedConfig) -> dict[str, Any]:
    """Command defaults from the configuration file (only the keys it sets); flags still override."""
    c, keys = loaded.config, loaded.keys
    check: dict[str, Any] = {}
    for key, param in (("format", "fmt"), ("jobs", "jobs"), ("timeout", "timeout_ms"), ("rlimit", "rlimit"),
                       ("max_conflicts", "max_conflicts"), ("as_of", "as_of")):  # fmt: skip
        if key in keys:
            check[param] = getattr(c, key)
    if "policy" in keys and c.policy is not None:
        check["policy_path"] = loaded.resolve(c.policy)
    rules = [loaded.resolve(r) for r in c.rules] if "rules" in keys else None
    out: dict[str, Any] = {"check": check}
    if rules is not None:
        out["timeml"] = {"tag": {"rule_dirs": rules}}
        out["rules"] = {"test": {"config_rules": rules}, "lint": {"config_rules": rules}}
        out["extract"] = {"rule_dirs": rules}
        out["audit"] = {"rule_dirs": rules}
    return out


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factcheck")
@click.option(
    "--config",
    "config_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Configuration file [default: the nearest factcheck.toml, or pyproject.toml with [tool.factcheck]].",
)
@click.pass_context
def cli(ctx: click.Context, config_path: Path | None) -> None:
    """Check dated claims for contradictions, gaps and an inferred timeline."""
    try:
        loaded = load_config(config_path)
    except UserError as exc:
        for d in exc.diagnostics:
            click.echo(f"error: {d}", err=True)
        sys.exit(ExitCode.USAGE)
    ctx.obj = loaded
    ctx.default_map = default_map(loaded)


def _register() -> None:
    # Each command group lives in its own module; importing it attaches it to ``cli``.
    from factcheck.cli import audit as _audit  # noqa: F401
    from factcheck.cli import check as _check  # noqa: F401
    from factcheck.cli import config as _config  # noqa: F401
    from factcheck.cli import extract as _extract  # noqa: F401
    from factcheck.cli import rules as _rules  # noqa: F401
    from factcheck.cli import timeml as _timeml  # noqa: F401


_register()


def _terminate(signum: int, frame: object) -> None:
    raise SystemExit(ExitCode.SIGTERM)


def main() -> None:
    """Console-script entry point: SIGINT exits 130 and SIGTERM 143, leaving no partial output."""
    signal.signal(signal.SIGTERM, _terminate)
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
