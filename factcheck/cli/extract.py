"""``factcheck extract``: read articles into a reviewable fact set."""

from __future__ import annotations

from pathlib import Path

import click

from factcheck.cli import cli
from factcheck.cli.common import config_rules, handle_errors, write_output


@cli.command()
@click.argument("articles", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--out", "-o", "out", type=click.Path(dir_okay=False, path_type=Path), help="Fact set to write [stdout].")
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="Extra date-reader rule packs.")  # fmt: skip
def extract(articles: tuple[Path, ...], out: Path | None, rule_dirs: tuple[Path, ...]) -> None:
    """Read articles (files or folders) into a fact set that `factcheck check` reads.

    Every fact carries its quote, span, the rule that produced it and a confidence; review
    the file (delete or edit facts), then check it.
    """
    from factcheck.config import resolve
    from factcheck.corpus.load import load_articles
    from factcheck.dates.tagger import DateReader
    from factcheck.extract.batch import read_all
    from factcheck.extract.factset import dump_factset, to_factset_data
    from factcheck.extract.reader import ArticleReader

    with handle_errors():
        loaded = load_articles(list(articles))
        for a in loaded.articles:
            for w in a.warnings:
                click.echo(f"warning: {w}", err=True)
        reader = ArticleReader(DateReader.load(config_rules() + list(rule_dirs)))
        read, failed = read_all(reader, loaded.articles, resolve().config.match_timeout)
        for s in [*loaded.skipped, *failed]:
            click.echo(f"warning: {s.path}: {'failed' if s.failed else 'skipped'}: {s.reason}", err=True)
        extractions = [ex for _, ex in read]
        base = (out.parent if out else Path.cwd())
        write_output(dump_factset(to_factset_data(extractions, base)), out)
        n = sum(len(e.facts) for e in extractions)
        click.echo(f"extracted {n} facts from {len(extractions)} articles", err=True)
