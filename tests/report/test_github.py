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
    # The run's notes (conflicts cut at --max-conflicts) are warnings of their own, with no file.
    notes = [line for line in out if line.startswith("::warning title=max-conflicts::")]
    assert [n.split("::", 2)[2] for n in notes] == list(perturbed.report.notes)
    commands = [COMMAND.match(line) for line in out if line.startswith("::") and line not in notes]
    assert all(commands) and len(commands) == len(perturbed.report.findings)
    kinds = {(m.group(1), m.group(5)) for m in commands if m}
    assert ("error", "FC101") in kinds and ("warning", "FC201") in kinds
    for m in commands:
        assert m is not None
        assert "\n" not in m.group(6)
        assert (perturbed.cwd / m.group(2)).is_file()


def test_a_contradiction_lands_on_the_claim_to_retract_and_names_the_others(perturbed: Case) -> None:
    from factcheck.report.locate import locate_source

    out = [x for x in render_github(perturbed.report, perturbed.fs, cwd=perturbed.cwd).splitlines()
           if "title=FC101::" in x]  # fmt: skip
    findings = [f for f in perturbed.report.findings if f.code == "FC101"]
    assert out and len(out) == len(findings)
    for line, f in zip(out, findings, strict=True):
        m = COMMAND.match(line)
        assert m is not None
        cut = next(s for s in f.sources if s.fact in f.retract)
        loc = locate_source(cut, perturbed.fs, perturbed.cwd)
        assert loc is not None
        assert (m.group(2), int(m.group(3)), int(m.group(4))) == (loc.path, loc.start_line, loc.start_col)
        message = m.group(6).replace("%0A", "\n")
        assert f"retract this claim: {loc.path}:{loc.start_line}:{loc.start_col} (fact {cut.fact}" in message
        for other in f.sources:
            if other is not cut:
                o = locate_source(other, perturbed.fs, perturbed.cwd)
                assert o is not None and f"{o.path}:{o.start_line}:{o.start_col} (fact {other.fact}" in message


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
