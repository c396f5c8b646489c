"""GitHub workflow commands and the step summary."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.report import render_github
from tests.report.conftest import Case, small_facts

COMMAND = re.compile(
    r"^::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+)(?:,endLine=\d+,endColumn=\d+)?,title=(FC\d{3})::(.+)$"
)


def test_errors_and_warnings_as_workflow_commands(perturbed: Case) -> None:
    out = render_github(perturbed.report, perturbed.fs, cwd=perturbed.cwd).splitlines()
    commands = [COMMAND.match(line) for line in out if line.startswith("::")]
    assert all(commands) and len(commands) == len(perturbed.report.findings)
    kinds = {(m.group(1), m.group(5)) for m in commands if m}
    assert ("error", "FC101") in kinds and ("warning", "FC201") in kinds
    for m in commands:
        assert m is not None
        assert "\n" not in m.group(6)
        assert (perturbed.cwd / m.group(2)).is_file()


def test_message_data_is_escaped(tmp_path: Path) -> None:
    facts = small_facts(tmp_path, contradiction=True)
    r = CliRunner().invoke(cli, ["check", str(facts), "--as-of", "2026-01-01", "--format", "github", "--isolated"])
    assert r.exit_code == 1, r.output
    line = next(x for x in r.output.splitlines() if x.startswith("::error"))
    assert "title=FC101::" in line and "%0A" in line  # the retraction on its own line, escaped


def test_step_summary_is_appended(tmp_path: Path) -> None:
    facts = small_facts(tmp_path, contradiction=True)
    summary = tmp_path / "summary.md"
    summary.write_text("previous step\n", encoding="utf-8")
    args = ["check", str(facts), "--as-of", "2026-01-01", "--format", "github", "--isolated"]
    r = CliRunner().invoke(cli, args, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert r.exit_code == 1, r.output
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("previous step\n## factcheck")
    assert "| error | FC101 contradiction |" in text and "contradiction: 1 contradiction" in text


def test_no_step_summary_for_other_formats(tmp_path: Path) -> None:
    facts = small_facts(tmp_path)
    summary = tmp_path / "summary.md"
    r = CliRunner().invoke(
        cli, ["check", str(facts), "--as-of", "2026-01-01", "--isolated"], env={"GITHUB_STEP_SUMMARY": str(summary)}
    )
    assert r.exit_code == 0, r.output
    assert not summary.exists()
