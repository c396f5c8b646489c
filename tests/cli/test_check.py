"""`factcheck check` through the CLI: quote drift, inconclusive, text output."""

from pathlib import Path

from click.testing import CliRunner

from factcheck.cli import cli

ARTICLE = "The talks took place on Monday.\nThey were the second round.\n"


def write(tmp_path: Path, quote: str, span: list[int]) -> Path:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    facts = tmp_path / "facts.yaml"
    facts.write_text(
        "version: 1\n"
        "documents:\n  - {path: a.txt, published: 2025-06-03}\n"
        "events:\n  - {id: talks, label: talks}\n"
        "facts:\n"
        f"  - {{id: f1, kind: relative, subject: talks, expression: weekday, value: Monday, tense: past,"
        f" doc: a, span: {span}, quote: {quote!r}}}\n",
        encoding="utf-8",
    )
    return facts


def test_quote_at_its_span_passes(tmp_path: Path) -> None:
    start = ARTICLE.index("on Monday")
    r = CliRunner().invoke(
        cli, ["check", str(write(tmp_path, "on Monday", [start, start + 9])), "--as-of", "2026-01-01"]
    )
    assert r.exit_code == 0, r.output
    assert "2025-06-02" in r.output  # the Monday before Tuesday 2025-06-03


def test_drifted_quote_is_an_error_with_the_fact_named(tmp_path: Path) -> None:
    start = ARTICLE.index("on Monday")
    facts = write(tmp_path, "on Monday", [start + 1, start + 10])
    r = CliRunner().invoke(cli, ["check", str(facts), "--as-of", "2026-01-01", "--format", "json"])
    assert r.exit_code == 1
    assert '"code": "FC102"' in r.output and "f1" in r.output and f"[{start}, {start + 9}]" in r.output


def test_quote_not_in_article(tmp_path: Path) -> None:
    facts = write(tmp_path, "on Friday", [0, 9])
    r = CliRunner().invoke(cli, ["check", str(facts), "--as-of", "2026-01-01"])
    assert r.exit_code == 1 and "the quote is not in the article" in r.output


def test_solver_limit_gives_exit_3_never_consistent(tmp_path: Path) -> None:
    start = ARTICLE.index("on Monday")
    facts = write(tmp_path, "on Monday", [start, start + 9])
    r = CliRunner().invoke(cli, ["check", str(facts), "--as-of", "2026-01-01", "--rlimit", "1"])
    assert r.exit_code == 3, r.output
    assert "inconclusive" in r.output and "FC301" in r.output
