"""A user's rule pack extends the shipped one and overrides its rules by id."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.dates.tagger import DateReader
from factcheck.errors import UserError

USER_PACK = """
pack: newsroom
tables:
  feast:
    ides: 15
rules:
  - id: date-ides
    description: The Ides of a month ("the Ides of March").
    pattern: the\\s+(?P<feast>Ides)\\s+of\\s+(?P<month>{Month})
    type: DATE
    tense: nearest
    value: "{near_year(month, feast)}-{month:02}-{feast:02}"
    examples:
      - text: "Beware the Ides of March."
        expect: {text: "the Ides of March", value: "2025-03-15", symbolic: "XXXX-03-15"}
    negatives:
      - "the ideas of March"
  - id: date-weekday
    description: House style - a bare weekday is always the one before the creation time.
    pattern: (?P<weekday>{Weekday})(?!\\s+Island)
    type: DATE
    tense: past-unless-future
    value: "{weekday(weekday)}"
    examples:
      - text: "Talks take place Thursday."
        expect: {text: "Thursday", value: "2025-04-03"}
    negatives:
      - "Thursday Island"
"""


@pytest.fixture
def user_dir(tmp_path):
    d = tmp_path / "myrules"
    d.mkdir()
    (d / "newsroom.yaml").write_text(textwrap.dedent(USER_PACK), encoding="utf-8")
    return d


def test_user_pack_adds_and_overrides(user_dir):
    ref = dt.date(2025, 4, 8)
    shipped = DateReader.load()
    mine = DateReader.load([user_dir])
    # New rule, using the shipped pack's {Month} sub-pattern.
    assert [m.value for m in mine.tag("Beware the Ides of March.", ref)] == ["2025-03-15"]
    assert (
        not shipped.tag("Beware the Ides of March.", ref)
        or shipped.tag("Beware the Ides of March.", ref)[0].rule != "date-ides"
    )
    # Overridden rule: the next day's weekday with no tense cue reads forward in the shipped pack,
    # backward in mine.
    assert [m.value for m in shipped.tag("Talks take place Wednesday.", ref)] == ["2025-04-09"]
    assert [m.value for m in mine.tag("Talks take place Wednesday.", ref)] == ["2025-04-02"]
    assert mine.ruleset.origin["date-weekday"].endswith("newsroom.yaml")
    # Everything else still comes from the shipped pack.
    assert [m.value for m in mine.tag("It closed April 10, 2025.", ref)] == ["2025-04-10"]


def only_weekday_dependent_failures(output: str) -> bool:
    """The override reads bare weekdays as past, so the article reader's example that relies on the
    shipped reading ("Monday's talks", tense unknown) fails: `rules test` shows that interaction."""
    fails = [line for line in output.splitlines() if " FAIL " in line]
    return all("extract.yaml" in line and "rel-possessive-time" in line for line in fails)


def test_rules_test_cli_runs_user_and_shipped_examples(user_dir):
    r = CliRunner().invoke(cli, ["rules", "test", "-v", str(user_dir)])
    assert "PASS date-ides_pos1" in r.output and "PASS date-weekday_pos1" in r.output
    assert only_weekday_dependent_failures(r.output), r.output


def test_user_rule_that_backtracks_is_rejected_on_load(tmp_path):
    d = tmp_path / "bad"
    d.mkdir()
    body = textwrap.dedent(USER_PACK).replace("the\\s+(?P<feast>Ides)", "(?:a+)+b(?P<feast>Ides)")
    (d / "p.yaml").write_text(body, encoding="utf-8")
    with pytest.raises(UserError) as exc:
        DateReader.load([d])
    assert "p.yaml:7:5: rule date-ides: pattern backtracks catastrophically" in str(exc.value)


def test_user_pack_from_pyproject_config(user_dir, tmp_path, monkeypatch):
    """`rules = [...]` under [tool.factcheck] adds the packs for every command, relative to the file."""
    (tmp_path / "pyproject.toml").write_text('[tool.factcheck]\nrules = ["myrules"]\n', encoding="utf-8")
    work = tmp_path / "deep" / "er"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    runner = CliRunner()
    r = runner.invoke(cli, ["rules", "test", "-v"])
    assert "PASS date-ides_pos1" in r.output
    assert only_weekday_dependent_failures(r.output), r.output
    doc = (
        '<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2025-04-08" functionInDocument="CREATION_TIME">x</TIMEX3>'
        "</DCT><TEXT>Beware the Ides of March.</TEXT></TimeML>"
    )
    (work / "a.tml").write_text(doc, encoding="utf-8")
    r = runner.invoke(cli, ["timeml", "tag", "a.tml", "--out", "out"])
    assert r.exit_code == 0, r.output
    assert 'value="2025-03-15">the Ides of March</TIMEX3>' in (work / "out" / "a.tml").read_text(encoding="utf-8")


def test_rule_starting_with_digits_or_a_quote_is_tried_on_numbers(tmp_path):
    """A rule whose first word is not a literal set is dispatched by first character, digits included."""
    d = tmp_path / "quoted"
    d.mkdir()
    pack = """
    pack: quoted
    rules:
      - id: date-quoted-year
        description: A year after an apostrophe or as digits ("'89 or 1989 model").
        pattern: (?:'|\\b)(?P<year>\\d{4})\\s+model
        type: DATE
        value: "{year}"
        examples:
          - text: "a 1989 model"
            expect: {text: "1989 model", value: "1989"}
        negatives:
          - "a model"
    """
    (d / "quoted.yaml").write_text(textwrap.dedent(pack), encoding="utf-8")
    reader = DateReader.load([d])
    got = [(m.text, m.rule) for m in reader.tag("It was a 1989 model.", dt.date(2025, 4, 8))]
    assert ("1989 model", "date-quoted-year") in got
