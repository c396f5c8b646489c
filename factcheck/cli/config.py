"""``factcheck config``: the resolved configuration and where each value came from."""

from __future__ import annotations

import json

import click

from factcheck.cli import cli
from factcheck.config import Config, LoadedConfig


@cli.command("config")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_obj
def show_config(loaded: LoadedConfig, fmt: str) -> None:
    """Print every setting, its value, and whether it comes from a file or is the default."""
    data = loaded.config.model_dump(mode="json")
    source = {k: (str(loaded.path) if k in loaded.keys else "default") for k in data}
    if fmt == "json":
        click.echo(json.dumps({"file": str(loaded.path) if loaded.path else None, "values": data, "sources": source},
                              indent=2, sort_keys=True))
        return
    click.echo(f"# configuration file: {loaded.path or 'none found'}")
    for key in Config.model_fields:
        click.echo(f"{key} = {json.dumps(data[key])}  # {source[key]}")
