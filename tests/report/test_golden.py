"""Every format on the bundled facts and on a perturbed copy, compared byte for byte with goldens.

FACTCHECK_UPDATE_GOLDENS=1 pytest tests/report rewrites the goldens.
"""

from __future__ import annotations

import pytest

from factcheck.model import Status
from factcheck.report import Format, render
from tests.report.conftest import GOLDEN, ROOT, Case, assert_golden, run_cli

EXT = {
    Format.TEXT: "txt",
    Format.JSON: "json",
    Format.JSONL: "jsonl",
    Format.SARIF: "sarif",
    Format.JUNIT: "xml",
    Format.GITHUB: "github.txt",
    Format.HTML: "html",
}


def test_every_format_has_a_golden_extension() -> None:
    assert set(EXT) == set(Format)


@pytest.mark.parametrize("fmt", list(Format), ids=str)
def test_bundled_golden(bundled: Case, fmt: Format) -> None:
    assert bundled.report.status is Status.CONSISTENT
    assert_golden(f"bundled.{EXT[fmt]}", render(bundled.report, fmt, bundled.fs, cwd=bundled.cwd))


@pytest.mark.parametrize("fmt", list(Format), ids=str)
def test_perturbed_golden(perturbed: Case, fmt: Format) -> None:
    assert perturbed.report.status is Status.CONTRADICTION
    assert any(f.code == "FC101" for f in perturbed.report.findings)
    assert_golden(f"perturbed.{EXT[fmt]}", render(perturbed.report, fmt, perturbed.fs, cwd=perturbed.cwd))


@pytest.mark.parametrize("fmt", list(Format), ids=str)
def test_rendering_is_deterministic(perturbed: Case, fmt: Format) -> None:
    a = render(perturbed.report, fmt, perturbed.fs, cwd=perturbed.cwd)
    b = render(perturbed.report, fmt, perturbed.fs, cwd=perturbed.cwd)
    assert a == b


@pytest.mark.parametrize("fmt", list(Format), ids=str)
def test_every_format_renders_without_a_fact_set(perturbed: Case, fmt: Format) -> None:
    # TimeML audits render with no fact set: no article text, no origins
    out = render(perturbed.report, fmt, None)
    assert out.endswith("\n")


@pytest.mark.parametrize(
    ("fmt", "seed", "jobs"),
    [("sarif", "0", "1"), ("junit", "4242", "2"), ("github", "17", "2"), ("html", "99", "1")],
)
def test_console_script_output_matches_the_golden(fmt: str, seed: str, jobs: str) -> None:
    # another process, another hash seed, maybe workers: the same bytes as the golden
    args = ["check", "facts/", "--as-of", "2026-11-22", "--format", fmt, "--jobs", jobs, "--isolated"]
    out = run_cli(args, cwd=ROOT, env={"PYTHONHASHSEED": seed})
    assert out.returncode == 0, out.stderr
    expected = (GOLDEN / f"bundled.{EXT[Format(fmt)]}").read_text(encoding="utf-8")
    assert out.stdout == expected
