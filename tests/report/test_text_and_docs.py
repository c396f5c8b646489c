"""The text format's parts, and the shipped CI files (pre-commit hook, GitHub Actions example, JSON docs)."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import yaml
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.report import render_text
from tests.report.conftest import ROOT, Case


def test_text_shows_quotes_in_context_retraction_gaps_and_summary(perturbed: Case) -> None:
    out = render_text(perturbed.report, perturbed.fs, cwd=perturbed.cwd)
    assert out.startswith("error[FC101] contradiction: ")
    assert re.search(
        r"^  --> corpus/istanbul-2025/001_61e2bf3e0c14cfd6\.txt:\d+:\d+  \(001-rt-post-dated\)$", out, re.M
    )
    assert re.search(r"^\s*\d+ \| .+\n\s+\| +\^+$", out, re.M)  # a numbered line, its span underlined
    assert "  = cheapest retraction: 001-rt-post-dated" in out
    assert "warning[FC201] wide-range" in out and "  = feasible range: 2024-08-01..2024-08-31" in out
    assert "  = feasible range: (open)..2024-04-09" in out
    last = out.rstrip("\n").splitlines()[-1]
    assert last.startswith("contradiction: 1 contradiction, 12 gaps; 75 facts") and "(as of 2026-11-22)" in last


def test_pre_commit_hook() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "factcheck" and hook["entry"] == "factcheck check"
    assert re.search(hook["files"], "facts/istanbul-2025.yaml") and re.search(hook["files"], "facts/x.yml")
    assert not re.search(hook["files"], "corpus/a.txt")


def test_github_actions_example_uploads_sarif() -> None:
    wf = yaml.safe_load((ROOT / "docs" / "github-actions.yml").read_text(encoding="utf-8"))
    steps = wf["jobs"]["factcheck"]["steps"]
    runs = [s.get("run", "") for s in steps]
    assert "factcheck check facts/ --format sarif --output factcheck.sarif" in runs
    upload = next(s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif"))
    assert upload["with"]["sarif_file"] == "factcheck.sarif"


def test_github_actions_example_has_an_audit_job_whose_commands_run(tmp_path: Path) -> None:
    wf = yaml.safe_load((ROOT / "docs" / "github-actions.yml").read_text(encoding="utf-8"))
    steps = wf["jobs"]["audit"]["steps"]
    runs = [s["run"] for s in steps if str(s.get("run", "")).startswith("factcheck audit")]
    assert len(runs) == 2 and "--format sarif --output audit.sarif" in runs[0] and "--format github" in runs[1]
    upload = next(s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif"))
    assert upload["with"]["sarif_file"] == "audit.sarif"
    args = shlex.split(runs[0])[1:]
    args[args.index("audit.sarif")] = str(tmp_path / "audit.sarif")
    args[args.index("corpus/")] = str(ROOT / "corpus")
    r = CliRunner().invoke(cli, [*args, "--as-of", "2026-11-22", "--isolated"])
    assert r.exit_code == 0, r.output  # the bundled corpus is consistent
    assert json.loads((tmp_path / "audit.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_json_docs_cover_every_report_field(bundled: Case) -> None:
    doc = (ROOT / "docs" / "report-json.md").read_text(encoding="utf-8")
    data = bundled.report.model_dump(mode="json")
    assert data["version"] == 1
    fields = set(data) | set(data["documents"][0]) | set(data["events"][0]) | set(data["findings"][0])
    fields |= set(data["findings"][0]["sources"][0])
    for name in sorted(fields):
        assert f"`{name}`" in doc, name
