"""Solver limits come from the configuration (flags win); ``unknown`` is inconclusive, exit 3, never consistent."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import z3
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.config import resolve
from factcheck.engine.diagnose import _no_tight_limits
from factcheck.engine.solver import SolverLimits
from factcheck.facts.load import load_fact_sets
from factcheck.limits import DEFAULT_RLIMIT, DEFAULT_TIMEOUT_MS
from factcheck.runtime.check import check as check_factset
from factcheck.runtime.options import CheckOptions
from tests.robustness.mutations import CORPUS, ROOT

AS_OF = "2026-11-22"


def hard_facts(tmp_path: Path) -> Path:
    # The bundled fact set (its articles alongside): many facts, orders and durations per component.
    shutil.copytree(CORPUS, tmp_path / "corpus" / "istanbul-2025")
    (tmp_path / "facts").mkdir()
    shutil.copy(ROOT / "facts" / "istanbul-2025.yaml", tmp_path / "facts" / "istanbul-2025.yaml")
    return tmp_path / "facts" / "istanbul-2025.yaml"


@pytest.mark.parametrize("where", ["factcheck.toml", "pyproject.toml"])
def test_a_tiny_rlimit_from_the_configuration_gives_exit_3_naming_components(tmp_path: Path, where: str) -> None:
    facts = hard_facts(tmp_path)
    cfg = tmp_path / where
    table = "[tool.factcheck]\n" if where == "pyproject.toml" else ""
    cfg.write_text(f"{table}rlimit = 1\ntimeout = 60000\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["check", str(facts), "--as-of", AS_OF, "--format", "json", "--config", str(cfg)])
    assert r.exit_code == 3, r.output
    data = json.loads(r.stdout)
    assert data["status"] == "inconclusive"
    unknown = [f for f in data["findings"] if f["kind"] == "inconclusive"]
    assert unknown and all(f["component"] is not None for f in unknown)
    assert all(f"component {f['component']} (" in f["message"] and "gave up" in f["message"] for f in unknown)
    assert data["stats"]["components_unknown"] == len(unknown)
    # nothing is claimed about an inconclusive component: none of its facts is called consistent or contradictory
    assert not any(f["kind"] == "contradiction" for f in data["findings"])


def test_audit_takes_the_limit_from_the_configuration(tmp_path: Path) -> None:
    (tmp_path / "c").mkdir()
    shutil.copy(sorted(CORPUS.glob("*.txt"))[4], tmp_path / "c" / "a.txt")
    cfg = tmp_path / "factcheck.toml"
    cfg.write_text("rlimit = 1\n", encoding="utf-8")
    args = ["audit", str(tmp_path / "c"), "--no-background", "--as-of", AS_OF, "--config", str(cfg)]
    r = CliRunner().invoke(cli, args)
    assert r.exit_code == 3, r.output
    assert "inconclusive" in r.stdout and "component 0 (" in r.stdout
    r = CliRunner().invoke(cli, [*args, "--rlimit", "0"])  # the flag wins
    assert r.exit_code == 0, r.output


def test_the_default_limit_is_z3s_resource_count_with_a_long_wall_clock_backstop() -> None:
    cfg = resolve(isolated=True).config
    assert (cfg.rlimit, cfg.timeout) == (DEFAULT_RLIMIT, DEFAULT_TIMEOUT_MS)
    assert SolverLimits() == SolverLimits(timeout_ms=DEFAULT_TIMEOUT_MS, rlimit=DEFAULT_RLIMIT)
    assert DEFAULT_TIMEOUT_MS >= 60_000  # a backstop, not the limit that decides
    # the generous default still lets the exact (z3-free) path decide small components; a tiny one does not
    assert _no_tight_limits(SolverLimits()) and not _no_tight_limits(SolverLimits(rlimit=1000))


def test_the_default_resource_limit_covers_the_largest_bundled_check_many_times(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    used: list[int] = []
    for cls in (z3.Solver, z3.Optimize):
        original = cls.check

        def counted(self: Any, *args: Any, _original: Any = original) -> Any:
            before = self.statistics().get_key_value("rlimit count")
            result = _original(self, *args)
            used.append(self.statistics().get_key_value("rlimit count") - before)
            return result

        monkeypatch.setattr(cls, "check", counted)
    facts = hard_facts(tmp_path)
    r = CliRunner().invoke(cli, ["check", str(facts), "--as-of", AS_OF, "--isolated"])
    assert r.exit_code == 0, r.output
    assert used == []  # every component of it is decided without z3 now
    # what z3 spends when it does solve it (a tight limit or a forced path sends components to it)
    report = check_factset(load_fact_sets([facts]), CheckOptions(as_of=dt.date.fromisoformat(AS_OF), path="z3"))
    assert report.status.value == "consistent"
    assert used and max(used) * 10 < DEFAULT_RLIMIT, max(used)
