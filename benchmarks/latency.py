"""Whole-process latency of the commands people wait for, beside ``python -c pass`` and an earlier commit.

    python benchmarks/latency.py [--base eaba6a7] [--runs 5] [--no-base]

Each command is run as a fresh process (``sys.executable`` importing ``factcheck.cli``
from this checkout, or from a ``git archive`` of ``--base`` on ``PYTHONPATH``, so that only
the code differs; from an empty folder, so that no configuration applies), once to warm
the file cache and write bytecode, then ``--runs`` times; the median wall-clock time is
printed, with the target where the project sets one and whether the two commits printed
the same bytes.  ``timeml check`` reads one TBAQ file from ``../shared/evaldata`` and is
left out, saying so, when it is absent.  The date-reader index cache
(``FACTCHECK_CACHE_DIR``) lives in a temporary folder that the warm-up run fills.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timex_corpora import find_data

REPO = Path(__file__).resolve().parents[1]
BASE = "eaba6a7"
TBAQ = find_data("tbaq-cleaned") / "TimeBank" / "ABC19980108.1830.0711.tml"
LAUNCH = "import sys\nfrom factcheck.cli import main\nsys.argv[0] = 'factcheck'\nmain()"

# (label, arguments after `factcheck`, target in seconds or None)
COMMANDS: list[tuple[str, list[str], float | None]] = [
    ("factcheck --version", ["--version"], 0.25),
    ("factcheck --help", ["--help"], 0.25),
    ("factcheck check facts/", ["check", str(REPO / "facts")], 1.0),
    ("factcheck timeml check (1 TBAQ file)", ["timeml", "check", str(TBAQ)], 0.5),
]


def timed(argv: list[str], env: dict[str, str], runs: int, cwd: Path) -> tuple[float, bytes]:
    """Median seconds of ``runs`` runs after one warm-up, and the stdout of the last."""
    out = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, check=False).stdout
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        out = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, check=False).stdout
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def base_tree(commit: str, tmp: Path) -> Path:
    """The package and shipped data at ``commit``, from ``git archive``."""
    tree = tmp / f"base-{commit}"
    tree.mkdir()
    blob = subprocess.run(
        ["git", "-C", str(REPO), "archive", commit, "factcheck", "rules", "facts"], check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(blob)) as tar:
        tar.extractall(tree, filter="data")
    return tree


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", default=BASE, help="The earlier commit timed beside this checkout.")
    ap.add_argument("--runs", type=int, default=5, help="Timed runs of each command (the median is printed).")
    ap.add_argument("--no-base", action="store_true", help="Time this checkout only.")
    args = ap.parse_args()
    commands = [c for c in COMMANDS if c[1][:1] != ["timeml"] or TBAQ.is_file()]
    if len(commands) < len(COMMANDS):
        print(f"timeml check left out: {TBAQ} not found (see ../shared/evaldata/SOURCES.md)")
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "CI", "GITHUB_ACTIONS")}
        env["FACTCHECK_CACHE_DIR"] = str(Path(tmp) / "cache")
        trees = {"this": REPO}
        if not args.no_base:
            trees[args.base] = base_tree(args.base, Path(tmp))
        # Run from a folder of its own: `python -c` puts the working folder first on the path, and
        # no configuration file applies.
        cwd = Path(tmp) / "cwd"
        cwd.mkdir()
        pas, _ = timed([sys.executable, "-c", "pass"], env, args.runs, cwd)
        print(f"whole-process seconds, median of {args.runs} after one warm-up run; python -c pass: {pas:.3f}")
        head = f"{'command':38} {'this':>7}" + (f" {args.base:>8} {'same output':>11}" if not args.no_base else "")
        print(head + f" {'target':>8}")
        for label, argv, target in commands:
            row = f"{label:38}"
            outs = []
            for tree in trees.values():
                secs, out = timed(
                    [sys.executable, "-c", LAUNCH, *argv], {**env, "PYTHONPATH": str(tree)}, args.runs, cwd
                )
                outs.append(out)
                row += f" {secs:7.3f}" if tree == REPO else f" {secs:8.3f}"
                if tree == REPO:
                    mine = secs
            if not args.no_base:
                row += f" {'yes' if outs[0] == outs[1] else 'NO':>11}"
            if target is not None:
                row += f" {'< ' + str(target):>8} {'met' if mine < target else 'missed'}"
            print(row)


if __name__ == "__main__":
    main()
