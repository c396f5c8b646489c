"""``factcheck extract``: read articles into a reviewable fact set."""

from __future__ import annotations

from pathlib import Path

import click

from factcheck.cli.common import config_rules, handle_errors, write_output


@click.command()
@click.argument("articles", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--out", "-o", "out", type=click.Path(dir_okay=False, path_type=Path), help="Fact set to write [stdout].")
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="Extra date-reader rule packs.")  # fmt: skip
@click.option("--extract-rules", "extract_pack", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Article-reader rule pack laid over the shipped one, as for `audit`.")  # fmt: skip
@click.option(
    "--extract-rules-only",
    "extract_replace",
    is_flag=True,
    help="Use the --extract-rules pack alone, in place of the shipped one.",
)
def extract(articles: tuple[Path, ...], out: Path | None, rule_dirs: tuple[Path, ...], extract_pack: Path | None,
            extract_replace: bool) -> None:  # fmt: skip
    """Read articles (files or folders) into a fact set that `factcheck check` reads.

    Articles are read as `audit` reads them: the same rule packs, and a folder's
    corpus.yaml.  Every fact carries its quote, span, the rule that produced it and a
    confidence; review the file (delete or edit facts), then check it.
    """
    from factcheck.auditing.run import extract as read
    from factcheck.config import resolve
    from factcheck.extract.factset import dump_factset, to_factset_data

    with handle_errors():
        if extract_replace and extract_pack is None:
            raise click.UsageError("--extract-rules-only needs --extract-rules PACK")
        got = read(list(articles), rules=config_rules() + list(rule_dirs), extract_pack=extract_pack,
                   extract_replace=extract_replace, match_timeout=resolve().config.match_timeout)  # fmt: skip
        for w in got.warnings:
            click.echo(f"warning: {w}", err=True)
        for s in got.skipped:
            click.echo(f"warning: {s.path}: {'failed' if s.failed else 'skipped'}: {s.reason}", err=True)
        base = out.parent if out else Path.cwd()
        write_output(dump_factset(to_factset_data(got.records, base)), out)
        n = sum(len(r["facts"]) for r in got.records)
        click.echo(f"extracted {n} facts from {len(got.records)} articles", err=True)
