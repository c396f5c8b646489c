"""Shared fixtures for the report tests: the bundled fact set, a perturbed copy, goldens."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from factcheck.api import check
from factcheck.model import FactSet, Report

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "golden"
AS_OF = dt.date(2026, 11, 22)
UPDATE = os.environ.get("FACTCHECK_UPDATE_GOLDENS") == "1"

# The perturbation: the embedded post dates the second embassy round a day late, so FC101 fires
# (one conflict enumerated, to keep the solver's work small).
PERTURB = ("value: '2025-04-10'\n  note: An embedded post dated", "value: '2025-04-11'\n  note: An embedded post dated")
PERTURBED_MAX_CONFLICTS = 1


@dataclass(frozen=True)
class Case:
    """A checked fact set and the folder its paths are shown relative to."""

    report: Report
    fs: FactSet
    cwd: Path


def copy_facts(dest: Path, *, perturb: bool) -> Path:
    """A copy of facts/ and corpus/ under dest, optionally with the perturbed date."""
    shutil.copytree(ROOT / "corpus", dest / "corpus")
    (dest / "facts").mkdir()
    for name in ("background.yaml", "istanbul-2025.yaml"):
        text = (ROOT / "facts" / name).read_text(encoding="utf-8")
        if perturb and name == "istanbul-2025.yaml":
            assert PERTURB[0] in text
            text = text.replace(PERTURB[0], PERTURB[1])
        (dest / "facts" / name).write_text(text, encoding="utf-8")
    return dest


@pytest.fixture(scope="session")
def bundled() -> Case:
    report, fs = check([ROOT / "facts"], as_of=AS_OF)
    return Case(report, fs, ROOT)


@pytest.fixture(scope="session")
def perturbed(tmp_path_factory: pytest.TempPathFactory) -> Case:
    dest = copy_facts(tmp_path_factory.mktemp("perturbed"), perturb=True)
    report, fs = check([dest / "facts"], as_of=AS_OF, max_conflicts=PERTURBED_MAX_CONFLICTS)
    return Case(report, fs, dest)


@pytest.fixture(scope="session")
def one_crawl(tmp_path_factory: pytest.TempPathFactory) -> tuple[Report, FactSet, Path]:
    """The bundled corpus audited with one crawl time for every page: its page stamps clash."""
    from factcheck.auditing import audit

    tmp = tmp_path_factory.mktemp("one-crawl")
    shutil.copytree(ROOT / "corpus" / "istanbul-2025", tmp / "corpus")
    (tmp / "corpus" / "corpus.yaml").write_text("defaults: {retrieved: 2025-09-05}\n", encoding="utf-8")
    old = Path.cwd()
    os.chdir(tmp)  # the folder as a user in it types it, so the report's paths are the same in every run
    try:
        result = audit([Path("corpus")], as_of=AS_OF)
    finally:
        os.chdir(old)
    return result.report, result.factset, tmp


def assert_golden(name: str, actual: str) -> None:
    """Compare with tests/report/golden/NAME; FACTCHECK_UPDATE_GOLDENS=1 rewrites it."""
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    if not path.exists():
        pytest.fail(f"no golden {path}; run with FACTCHECK_UPDATE_GOLDENS=1 to create it")
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name} differs from its golden; FACTCHECK_UPDATE_GOLDENS=1 regenerates it"


def factcheck_cmd() -> list[str]:
    """The installed console script, or the module through this interpreter."""
    exe = shutil.which("factcheck")
    return [exe] if exe else [sys.executable, "-c", "from factcheck.cli import main; main()"]


def run_cli(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run factcheck as a separate process."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [*factcheck_cmd(), *args], cwd=cwd, env=full_env, capture_output=True, text=True, timeout=300, check=False
    )


SMALL_ARTICLE = "The summit took place on 3 March 2025.\nOfficials say it began on 4 March 2025.\n"


def small_facts(tmp: Path, *, contradiction: bool = False, gap: bool = False, extra: str = "") -> Path:
    """A two-fact set: consistent, contradictory (two dates for one day), or with a wide-range gap."""
    (tmp / "a.txt").write_text(SMALL_ARTICLE, encoding="utf-8")
    a = SMALL_ARTICLE.index("3 March 2025")
    b = SMALL_ARTICLE.index("4 March 2025")
    second = "2025-03-04" if contradiction else "2025-03-03"
    facts = [
        f"  - {{id: f1, kind: date, subject: summit, value: '2025-03-03', doc: a, span: [{a}, {a + 12}], quote: '3 March 2025'}}",
        f"  - {{id: f2, kind: date, subject: summit, value: '{second}', doc: a, span: [{b}, {b + 12}], quote: '4 March 2025'}}",
    ]
    if gap:
        facts.append("  - {id: f3, kind: date, subject: vague, value: '2025'}")
    path = tmp / "facts.yaml"
    path.write_text(
        "version: 1\n"
        "documents:\n  - {path: a.txt, published: 2025-03-05}\n"
        "events:\n  - {id: summit, label: the summit}\n"
        + ("  - {id: vague, label: something in 2025}\n" if gap else "")
        + "facts:\n"
        + "\n".join(facts)
        + "\n"
        + extra,
        encoding="utf-8",
    )
    return path
