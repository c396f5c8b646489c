"""Every example of every shipped rule is a test, with the id ``<rule>_<case>`` (posN / negN)."""

from __future__ import annotations

import pytest

from factcheck.dates.examples import example_cases, run_case
from factcheck.dates.lint import lint
from factcheck.dates.tagger import DateReader

READER = DateReader.load()
CASES = example_cases(READER)


@pytest.mark.parametrize(("case_id", "rule", "case"), CASES, ids=[c[0] for c in CASES])
def test_rule_example(case_id, rule, case):
    result = run_case(READER, case_id, rule, case)
    assert result.ok, result.message


def test_every_rule_has_positive_and_negative_examples():
    for rule in READER.ruleset.rules.values():
        assert rule.examples, rule.id
        assert rule.negatives, rule.id


def test_shipped_pack_lints_clean():
    assert lint(READER.ruleset) == []


def test_shipped_pack_is_bundled_with_the_package():
    from factcheck.resources import shipped_rules_dir

    assert (shipped_rules_dir() / "en" / "dates.yaml").is_file()
