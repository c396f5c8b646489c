"""Conflict enumeration that stops at --max-conflicts says so in words, in every format."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.report import Format, render
from tests.report.conftest import AS_OF, PERTURBED_MAX_CONFLICTS, Case

WORDS = f"conflict enumeration stopped at the limit of {PERTURBED_MAX_CONFLICTS} minimal conflict in 1 component"
assert PERTURBED_MAX_CONFLICTS == 1


@pytest.mark.parametrize("fmt", list(Format))
def test_every_format_says_enumeration_stopped_with_the_limit_and_the_flag(fmt: Format, perturbed: Case) -> None:
    assert perturbed.report.stats["conflict_enumeration_truncated"] == 1
    assert perturbed.report.notes and WORDS in perturbed.report.notes[0]
    out = render(perturbed.report, fmt, perturbed.fs)
    assert WORDS in out and "--max-conflicts N" in out


@pytest.mark.parametrize("fmt", list(Format))
def test_no_word_of_it_when_enumeration_was_complete(fmt: Format, bundled: Case) -> None:
    assert not bundled.report.stats.get("conflict_enumeration_truncated")
    assert "--max-conflicts" not in render(bundled.report, fmt, bundled.fs)


def test_the_json_note_and_the_sarif_notification(perturbed: Case) -> None:
    data = json.loads(render(perturbed.report, Format.JSON, perturbed.fs))
    assert data["notes"] == list(perturbed.report.notes)
    sarif = json.loads(render(perturbed.report, Format.SARIF, perturbed.fs))
    [inv] = sarif["runs"][0]["invocations"]
    assert inv["executionSuccessful"] is True
    assert [n["message"]["text"] for n in inv["toolExecutionNotifications"]] == list(perturbed.report.notes)


def test_the_cli_prints_the_note_and_a_higher_limit_lifts_it(perturbed: Case) -> None:
    facts = str(perturbed.cwd / "facts")
    base = ["check", facts, "--as-of", AS_OF.isoformat(), "--isolated"]
    r = CliRunner().invoke(cli, [*base, "--max-conflicts", str(PERTURBED_MAX_CONFLICTS)])
    assert r.exit_code == 1
    assert f"note: {WORDS}" in r.stdout
    r = CliRunner().invoke(cli, [*base, "--max-conflicts", "50"])
    # Every conflict fits under 50: no word of a limit (the budget share is in resource units, so no machine load changes it).
    assert r.exit_code == 1 and "stopped at the limit" not in r.stdout


def test_audit_jsonl_summary_carries_the_note(tmp_path) -> None:
    from tests.report.conftest import ROOT

    r = CliRunner().invoke(cli, ["audit", str(ROOT / "corpus" / "istanbul-2025"), "--as-of", AS_OF.isoformat(),
                                 "--format", "jsonl", "--max-conflicts", "1", "--jobs", "1"])  # fmt: skip
    assert r.exit_code in (0, 1), r.output
    summary = json.loads(r.stdout.splitlines()[-1])["summary"]
    truncated = summary["stats"].get("conflict_enumeration_truncated", 0)
    assert bool(summary["notes"]) == bool(truncated)
