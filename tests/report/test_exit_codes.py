"""Exit codes, --fail-on and --exit-zero: through the installed console script and through CliRunner."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.exitcodes import ExitCode
from tests.report.conftest import run_cli, small_facts

AS_OF = ["--as-of", "2026-01-01", "--isolated"]
# a weekday needs calendar arithmetic, so a tiny resource limit makes the solver give up
WEEKDAY = "  - {id: f9, kind: relative, subject: summit, expression: weekday, value: Monday, tense: past, doc: a}\n"


def make(tmp_path: Path, kind: str) -> Path:
    extra = WEEKDAY if kind == "weekday" else ""
    return small_facts(tmp_path, contradiction=kind == "contradiction", gap=kind == "gap", extra=extra)


@pytest.mark.parametrize(
    ("kind", "flags", "expected"),
    [
        ("clean", [], ExitCode.OK),
        ("clean", ["--fail-on", "warning"], ExitCode.OK),
        ("gap", [], ExitCode.OK),
        ("gap", ["--fail-on", "warning"], ExitCode.CONTRADICTION),
        ("gap", ["--fail-on", "warning", "--exit-zero"], ExitCode.OK),
        ("contradiction", [], ExitCode.CONTRADICTION),
        ("contradiction", ["--exit-zero"], ExitCode.OK),
        ("contradiction", ["--fail-on", "warning"], ExitCode.CONTRADICTION),
        ("weekday", ["--rlimit", "1"], ExitCode.INCONCLUSIVE),
        ("weekday", ["--rlimit", "1", "--exit-zero"], ExitCode.INCONCLUSIVE),
    ],
)
def test_exit_codes_with_cli_runner(tmp_path: Path, kind: str, flags: list[str], expected: ExitCode) -> None:
    facts = make(tmp_path, kind)
    r = CliRunner().invoke(cli, ["check", str(facts), *AS_OF, *flags])
    assert r.exit_code == expected, r.output


def test_bad_input_exits_2(tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["check", str(tmp_path / "missing.yaml"), *AS_OF, "--exit-zero"])
    assert r.exit_code == ExitCode.USAGE
    r = CliRunner().invoke(cli, ["check", str(small_facts(tmp_path)), *AS_OF, "--fail-on", "never"])
    assert r.exit_code == ExitCode.USAGE


@pytest.mark.parametrize(
    ("kind", "flags", "expected"),
    [
        ("gap", ["--fail-on", "warning"], ExitCode.CONTRADICTION),
        ("contradiction", [], ExitCode.CONTRADICTION),
        ("contradiction", ["--exit-zero", "--format", "sarif"], ExitCode.OK),
        ("weekday", ["--rlimit", "1"], ExitCode.INCONCLUSIVE),
    ],
)
def test_exit_codes_through_the_console_script(tmp_path: Path, kind: str, flags: list[str], expected: ExitCode) -> None:
    facts = make(tmp_path, kind)
    out = run_cli(["check", str(facts), *AS_OF, *flags], cwd=tmp_path)
    assert out.returncode == expected, out.stderr


def test_missing_file_exits_2_through_the_console_script(tmp_path: Path) -> None:
    out = run_cli(["check", "nope.yaml", "--exit-zero"], cwd=tmp_path)
    assert out.returncode == ExitCode.USAGE
    assert "nope.yaml:1:1: no such file or folder" in out.stderr


def test_bundled_facts_fail_only_on_warning() -> None:
    root = Path(__file__).resolve().parents[2]
    base = ["check", "facts/", "--as-of", "2026-11-22", "--format", "junit", "--isolated"]
    assert run_cli(base, cwd=root).returncode == ExitCode.OK
    out = run_cli([*base, "--fail-on", "warning"], cwd=root)
    assert out.returncode == ExitCode.CONTRADICTION
    assert 'failures="12"' not in out.stdout and "<failure" in out.stdout


def test_output_file_written_atomically_with_any_format(tmp_path: Path) -> None:
    facts = small_facts(tmp_path, contradiction=True)
    for fmt in ("sarif", "junit", "html", "github"):
        target = tmp_path / "out" / f"report.{fmt}"
        r = CliRunner().invoke(cli, ["check", str(facts), *AS_OF, "--format", fmt, "--output", str(target)])
        assert r.exit_code == 1 and target.is_file() and r.output == ""
        assert not [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]


def test_closed_pipe_is_not_a_crash() -> None:
    """`factcheck check | head`: the reader goes away; the exit code still tells the outcome, no crash report."""
    import shutil
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    exe = shutil.which("factcheck")
    cmd = [exe] if exe else [sys.executable, "-c", "from factcheck.cli import main; main()"]
    p = subprocess.Popen([*cmd, "check", "facts/", "--as-of", "2026-11-22", "--format", "json"], cwd=root,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    assert p.stdout is not None and p.stderr is not None
    p.stdout.close()  # nobody reads: the first write meets a broken pipe
    err = p.stderr.read().decode()
    assert p.wait(timeout=120) == ExitCode.OK, err
    assert "crashed" not in err and "Traceback" not in err
