"""Every example of every article-reader rule (relations, boilerplate) is a test: ``<rule>_<case>``."""

from __future__ import annotations

import pytest

from factcheck.extract.examples import extract_cases, run_extract_case
from factcheck.extract.reader import ArticleReader

READER = ArticleReader()
CASES = extract_cases(READER)


@pytest.mark.parametrize(("case_id", "rule", "case"), CASES, ids=[c[0] for c in CASES])
def test_extract_rule_example(case_id, rule, case):
    result = run_extract_case(READER, case_id, rule, case)
    assert result.ok, result.message


def test_every_rule_has_positive_and_negative_examples():
    for rule in [*READER.pack.pack.relations, *READER.pack.pack.boilerplate]:
        assert rule.examples and rule.negatives, rule.id
