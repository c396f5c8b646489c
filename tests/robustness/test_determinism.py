"""Same input, same bytes: whatever the hash seed, the number of workers, or the order of files."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def factcheck_cmd() -> list[str]:
    exe = shutil.which("factcheck")
    return [exe] if exe else [sys.executable, "-c", "from factcheck.cli import main; main()"]


def run(args: list[str], seed: str, cwd: Path = ROOT) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    out = subprocess.run([*factcheck_cmd(), *args], cwd=cwd, env=env, capture_output=True, timeout=300)
    assert out.returncode in (0, 1), out.stderr.decode()
    return out.stdout


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_output_is_identical_across_hash_seeds_and_workers(fmt: str) -> None:
    base = ["check", "facts/", "--as-of", "2026-11-22", "--format", fmt]
    first = run(base, "0")
    assert run(base, "12345") == first
    assert run([*base, "--jobs", "2"], "777") == first


def test_output_does_not_depend_on_the_order_files_are_named(tmp_path: Path) -> None:
    # two fact sets named in either order, and a folder holding them: one report
    shutil.copytree(ROOT / "corpus", tmp_path / "corpus")
    (tmp_path / "facts").mkdir()
    for name in ("istanbul-2025.yaml", "background.yaml"):
        shutil.copy(ROOT / "facts" / name, tmp_path / "facts" / name)
    a = run(
        ["check", "facts/istanbul-2025.yaml", "facts/background.yaml", "--as-of", "2026-11-22", "--format", "json"],
        "1",
        tmp_path,
    )
    b = run(
        ["check", "facts/background.yaml", "facts/istanbul-2025.yaml", "--as-of", "2026-11-22", "--format", "json"],
        "2",
        tmp_path,
    )
    c = run(["check", "facts", "--as-of", "2026-11-22", "--format", "json"], "3", tmp_path)
    assert a == b == c
