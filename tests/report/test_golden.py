"""Every format on the bundled facts and on a perturbed copy, compared byte for byte with goldens.

FACTCHECK_UPDATE_GOLDENS=1 pytest tests/report rewrites the goldens.
"""

from __future__ import annotations

import pytest

from factcheck.model import Status
from factcheck.report import Format, render
from tests.report.conftest import Case, assert_golden

EXT = {
    Format.TEXT: "txt",
    Format.JSON: "json",
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
