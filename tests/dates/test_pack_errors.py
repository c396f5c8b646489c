"""Bad rule packs: every problem at file:line, lint catches what validation cannot."""

from __future__ import annotations

import textwrap

import pytest
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.dates.lint import backtracks, lint
from factcheck.dates.pack import load_ruleset
from factcheck.errors import UserError

GOOD_RULE = """
  - id: ides
    description: The Ides of March.
    pattern: the\\s+Ides\\s+of\\s+March
    type: DATE
    value: "{near_year(3, 15)}-03-15"
    examples:
      - text: "Beware the Ides of March."
        expect: {text: "the Ides of March", value: "2025-03-15"}
    negatives:
      - "the ideas of March"
"""


def write(tmp_path, body, name="pack.yaml"):
    p = tmp_path / name
    p.write_text(textwrap.dedent(body), encoding="utf-8")
    return p


def test_unknown_key_is_reported_at_its_line(tmp_path):
    p = write(tmp_path, "pack: t\nrules:\n" + GOOD_RULE.replace("    priority", "    prority") + "    colour: red\n")
    with pytest.raises(UserError) as exc:
        load_ruleset([p])
    msgs = [str(d) for d in exc.value.diagnostics]
    assert any(m.startswith(f"{p}:14:") and "unknown key 'colour'" in m for m in msgs), msgs


def test_every_problem_of_every_file_at_once(tmp_path):
    a = write(tmp_path, "pack: a\nrules:\n  - id: x\n    type: DATE\n", "a.yaml")
    b = write(tmp_path, "pack: b\nrules: [1, 2\n", "b.yaml")
    with pytest.raises(UserError) as exc:
        load_ruleset([a, b])
    text = str(exc.value)
    assert f"{a}:3:" in text and "missing key 'pattern'" in text
    assert f"{b}:" in text and "YAML syntax" in text


def test_duplicate_ids_rejected_with_line(tmp_path):
    p = write(tmp_path, "pack: t\nrules:\n" + GOOD_RULE + GOOD_RULE)
    with pytest.raises(UserError) as exc:
        load_ruleset([p])
    assert "duplicate rule id 'ides'" in str(exc.value)
    assert f"{p}:15:" in str(exc.value)


def test_rule_needs_examples_and_negatives(tmp_path):
    body = GOOD_RULE.replace('    negatives:\n      - "the ideas of March"\n', "")
    p = write(tmp_path, "pack: t\nrules:\n" + body)
    with pytest.raises(UserError) as exc:
        load_ruleset([p])
    assert "missing key 'negatives'" in str(exc.value)


def test_lint_finds_bad_patterns(tmp_path):
    bad = (
        GOOD_RULE.replace("id: ides", "id: broken").replace("the\\s+Ides", "the(\\s+Ides")
        + GOOD_RULE.replace("id: ides", "id: undefined").replace("the\\s+Ides", "the\\s+{nosuch}\\s+Ides")
        + GOOD_RULE.replace("id: ides", "id: slow").replace("the\\s+Ides\\s+of\\s+March", "(?:a+)+b")
        + GOOD_RULE.replace("id: ides", "id: badtemplate").replace("{near_year(3, 15)}", "{yeer}")
    )
    p = write(tmp_path, "pack: t\npatterns:\n  unused: abc\nrules:\n" + GOOD_RULE + bad)
    problems = {(x.where, x.message.split(":")[0]) for x in lint(load_ruleset([p]))}
    assert ("broken", "pattern does not compile") in problems
    assert ("undefined", "undefined sub-pattern {nosuch}") in problems
    assert ("slow", "catastrophic backtracking") in problems
    assert any(w == "badtemplate" and "yeer" in m for w, m in {(x.where, x.message) for x in lint(load_ruleset([p]))})
    assert ("patterns.unused", "sub-pattern 'unused' is never used") in problems
    assert not any(w == "ides" for w, _ in problems)


def test_backtracking_probe_accepts_linear_patterns():
    assert backtracks(r"(?:\d+\s+)?days", 0) is None
    assert backtracks(r"(a|aa)+$", 0) is not None


def test_cli_lint_and_test_exit_codes(tmp_path):
    good = write(tmp_path, "pack: t\nrules:\n" + GOOD_RULE, "good.yaml")
    runner = CliRunner()
    r = runner.invoke(cli, ["rules", "test", "--no-shipped", str(good)])
    assert r.exit_code == 0, r.output
    assert "2 passed, 0 failed" in r.output
    failing = write(
        tmp_path, "pack: t\nrules:\n" + GOOD_RULE.replace('value: "2025-03-15"', 'value: "2025-03-16"'), "f.yaml"
    )
    r = runner.invoke(cli, ["rules", "test", "--no-shipped", str(failing)])
    assert r.exit_code == 1
    assert f"{failing}:4:" in r.output and "FAIL ides_pos1" in r.output and "2025-03-15 != 2025-03-16" in r.output
    slow = write(tmp_path, "pack: t\nrules:\n" + GOOD_RULE.replace("the\\s+Ides\\s+of\\s+March", "(?:a+)+b"), "s.yaml")
    r = runner.invoke(cli, ["rules", "lint", "--no-shipped", str(slow)])
    assert r.exit_code == 1 and "catastrophic backtracking" in r.output
    r = runner.invoke(cli, ["rules", "lint", "--no-shipped", str(tmp_path / "missing.yaml")])
    assert r.exit_code == 2


def test_schema_rules_is_json_schema():
    import json

    r = CliRunner().invoke(cli, ["schema", "rules"])
    assert r.exit_code == 0
    data = json.loads(r.output)
    assert data["additionalProperties"] is False
    assert "Rule" in data["$defs"]
