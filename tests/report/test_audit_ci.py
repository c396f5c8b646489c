"""`factcheck audit` in CI as `check`: --fail-on, --exit-zero, every format (jsonl too), configuration keys."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.exitcodes import ExitCode
from factcheck.resources import shipped_rules_dir
from tests.report.conftest import run_cli

BASE = ["--as-of", "2026-01-01", "--no-background"]
# A past-tense event dated after its article was published: a contradiction.  A month-wide
# date: a gap (a warning).
CLASH = "---\npublished: 2025-03-01\n---\nThe summit took place on 10 March 2025 in Geneva.\n"
GAP = "---\npublished: 2025-03-20\n---\nThe summit took place in March 2025 in Geneva.\n"


def corpus(tmp_path: Path, kind: str) -> Path:
    folder = tmp_path / kind
    folder.mkdir()
    (folder / "a.md").write_text(CLASH if kind == "clash" else GAP, encoding="utf-8")
    return folder


@pytest.mark.parametrize("fmt", ["text", "jsonl", "sarif"])
@pytest.mark.parametrize(
    ("kind", "flags", "expected"),
    [
        ("gap", [], ExitCode.OK),
        ("gap", ["--fail-on", "warning"], ExitCode.CONTRADICTION),
        ("gap", ["--fail-on", "warning", "--exit-zero"], ExitCode.OK),
        ("clash", [], ExitCode.CONTRADICTION),
        ("clash", ["--exit-zero"], ExitCode.OK),
        ("clash", ["--fail-on", "warning"], ExitCode.CONTRADICTION),
    ],
)
def test_exit_codes_as_for_check(tmp_path: Path, fmt: str, kind: str, flags: list[str], expected: ExitCode) -> None:
    r = CliRunner().invoke(cli, ["audit", str(corpus(tmp_path, kind)), *BASE, "--isolated", "--format", fmt, *flags])
    assert r.exit_code == expected, r.output


def test_a_streamed_summary_counts_findings_by_severity(tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["audit", str(corpus(tmp_path, "clash")), *BASE, "--isolated", "--format", "jsonl"])
    stats = json.loads(r.stdout.splitlines()[-1])["summary"]["stats"]
    assert stats["findings_error"] == 1


def test_configuration_keys_are_read_as_by_check(tmp_path: Path) -> None:
    folder = corpus(tmp_path, "gap")
    (tmp_path / "factcheck.toml").write_text(
        'format = "json"\nfail_on = "warning"\nas_of = 2026-01-01\npolicy = "policy.yaml"\n', encoding="utf-8"
    )
    (tmp_path / "policy.yaml").write_text((shipped_rules_dir() / "policy.yaml").read_text(encoding="utf-8"),
                                          encoding="utf-8")  # fmt: skip
    out = run_cli(["audit", str(folder), "--no-background"], cwd=tmp_path)
    assert out.returncode == ExitCode.CONTRADICTION, out.stderr  # fail_on = warning, from the file
    data = json.loads(out.stdout)  # format = json, from the file
    assert data["as_of"] == "2026-01-01"
    out = run_cli(["audit", str(folder), "--no-background", "--exit-zero", "--format", "text"], cwd=tmp_path)
    assert out.returncode == ExitCode.OK and out.stdout.startswith("warning[FC201]")
    (tmp_path / "factcheck.toml").write_text('policy = "missing.yaml"\n', encoding="utf-8")
    out = run_cli(["audit", str(folder), "--no-background", "--as-of", "2026-01-01"], cwd=tmp_path)
    assert out.returncode == ExitCode.USAGE and "missing.yaml" in out.stderr
