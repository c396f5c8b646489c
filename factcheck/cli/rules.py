"""``factcheck rules``: test and lint date-reader rule packs."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from factcheck.cli.common import config_rules, handle_errors
from factcheck.exitcodes import exit_code_for_problems


def _reader_options(f: click.decorators.FC) -> click.decorators.FC:
    f = click.option(
        "--no-shipped",
        is_flag=True,
        help="Use only the packs named, not the shipped English pack underneath them.",
    )(f)
    return click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))(f)


def article_rule_ids(pack: Any) -> set[str]:
    """The ids of the article reader's rules (relations and boilerplate), which `rules test` runs the examples of."""
    return {r.id for r in [*pack.relations, *pack.boilerplate]}


def rule_count(dates: int, reader: int) -> str:
    """The rules `rules test` and `rules lint` both speak of: the date reader's, then the article reader's."""
    return f"{dates + reader} rules ({dates} date-reader, {reader} article-reader)"


@click.group()
def rules() -> None:
    """Test and lint the date reader's YAML rule packs (the shipped pack, extended by PATHS)."""


@rules.command("test")
@_reader_options
@click.option("--verbose", "-v", is_flag=True, help="List passing examples too.")
def rules_test(paths: tuple[Path, ...], no_shipped: bool, verbose: bool) -> None:
    """Run every positive and negative example of every rule; exit 1 if any fails."""
    from factcheck.dates.examples import run_examples
    from factcheck.dates.pack import rule_line
    from factcheck.dates.tagger import DateReader
    from factcheck.extract.examples import extract_cases, run_extract_case
    from factcheck.extract.reader import ArticleReader

    with handle_errors():
        reader = DateReader.load(config_rules() + list(paths), shipped=not no_shipped)
        results = run_examples(reader)
        places = {}
        for r in results:
            origin = reader.ruleset.origin[r.rule]
            places[r.rule] = (origin, *rule_line(origin, r.rule))
        n_dates, n_reader = len(reader.ruleset.rules), 0
        if not no_shipped:
            article_reader = ArticleReader(reader)
            cases = extract_cases(article_reader)
            extra = [run_extract_case(article_reader, *c) for c in cases]
            pack_path = article_reader.pack.path
            text = Path(pack_path).read_text(encoding="utf-8").splitlines()
            for r in extra:
                line = next((i + 1 for i, t in enumerate(text) if t.strip() == f"- id: {r.rule}"), 1)
                places[r.rule] = (pack_path, line, 3)
            results += extra
            n_reader = len(article_rule_ids(article_reader.pack.pack))
    failed = [r for r in results if not r.ok]
    for r in results:
        if r.ok and verbose:
            click.echo(f"PASS {r.id}")
        elif not r.ok:
            origin, line, col = places[r.rule]
            click.echo(f"{origin}:{line}:{col}: FAIL {r.id}: {r.message}")
    click.echo(f"{len(results) - len(failed)} passed, {len(failed)} failed, {rule_count(n_dates, n_reader)}")
    sys.exit(exit_code_for_problems(len(failed)))


@rules.command("lint")
@_reader_options
def rules_lint(paths: tuple[Path, ...], no_shipped: bool) -> None:
    """Reject duplicate ids, patterns that don't compile or backtrack catastrophically, unused sub-patterns."""
    from factcheck.dates.lint import lint
    from factcheck.dates.pack import load_ruleset, rule_line
    from factcheck.extract.rules import load_extract_pack
    from factcheck.resources import shipped_rules_dir

    with handle_errors():
        extra = config_rules() + list(paths)
        ruleset = load_ruleset(([] if no_shipped else [shipped_rules_dir()]) + extra)
        problems = lint(ruleset)
        # The article reader's pack is checked as it loads (patterns compile and are probed for backtracking).
        n_reader = 0 if no_shipped else len(article_rule_ids(load_extract_pack().pack))
    for p in problems:
        origin = ruleset.origin.get(p.where)
        if origin is None:
            origin = ruleset.packs[-1][0] if ruleset.packs else "<rules>"
            line, col = 1, 1
        else:
            line, col = rule_line(origin, p.where)
        click.echo(f"{origin}:{line}:{col}: {p.where}: {p.message}")
    click.echo(f"{len(problems)} problems in {rule_count(len(ruleset.rules), n_reader)}")
    sys.exit(exit_code_for_problems(len(problems)))
