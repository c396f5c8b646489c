"""An interrupted run exits 130 (SIGINT) or 143 (SIGTERM) and leaves no output file, partial or temporary."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# The audit, held at its next solve once its scratch folder exists: the signal always lands mid-run,
# however loaded the machine (otherwise a fast run could finish between the test seeing the folder
# and the signal arriving).
HELD_AUDIT = """
import os, time
from pathlib import Path
import factcheck.auditing.story as run
from factcheck.cli import main
solve = run.check
def held(*args, **kwargs):
    if any(Path(os.environ["TMPDIR"]).iterdir()):
        time.sleep(300)
    return solve(*args, **kwargs)
run.check = held
main()
"""


@pytest.mark.parametrize(
    ("sig", "code", "fmt"),
    [
        (signal.SIGINT, 130, "json"),
        (signal.SIGTERM, 143, "json"),
        (signal.SIGINT, 130, "jsonl"),
        (signal.SIGTERM, 143, "jsonl"),
    ],
)
def test_interrupted_audit_leaves_no_output(tmp_path: Path, sig: signal.Signals, code: int, fmt: str) -> None:
    # JSON Lines are written while the run goes on, to a temporary file renamed at the end.
    shutil.copytree(ROOT / "corpus" / "istanbul-2025", tmp_path / "corpus")
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    out = tmp_path / "reports" / f"audit.{fmt}"
    env = {**os.environ, "TMPDIR": str(scratch)}
    cmd = [sys.executable, "-c", HELD_AUDIT, "audit", "corpus", "--as-of", "2026-11-22",
           "--format", fmt, "-o", str(out)]  # fmt: skip
    # SIGINT as at a terminal, even when the tests run in the background (where a shell ignores it, and
    # the ignoring is inherited)
    proc = subprocess.Popen(cmd, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # fmt: skip
    try:
        # The audit's scratch folder appears once the articles are read: the run is under way, the solve ahead.
        deadline = time.monotonic() + 120
        while not any(scratch.iterdir()) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        if proc.poll() is not None:
            pytest.skip("the run ended before it could be interrupted")
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == code, err.decode()
    assert b"Traceback" not in err
    assert not out.exists()
    assert not out.parent.exists() or not any(out.parent.iterdir())  # no temporary file left either
    assert not any(scratch.iterdir())  # the scratch folder is cleaned up


# SIGTERM arriving just after the pool forks its first or second worker, before the pool has
# recorded it: once a worker nobody stopped kept the run's stdout open, and the run never ended.
SIGNAL_AT_FORK = """
import os, signal
real = os.fork
forks = 0
def fork():
    global forks
    pid = real()
    if pid:
        forks += 1
        if forks == int(os.environ["SIGNAL_AT_FORK"]):
            os.kill(os.getpid(), signal.SIGTERM)
    return pid
os.fork = fork
from factcheck.cli import main
main()
"""


@pytest.mark.parametrize("nth", ["1", "2"])
def test_a_signal_while_the_pool_starts_ends_the_run(tmp_path: Path, nth: str) -> None:
    shutil.copytree(ROOT / "corpus" / "istanbul-2025", tmp_path / "corpus")
    out = tmp_path / "reports" / "audit.json"
    cmd = [sys.executable, "-c", SIGNAL_AT_FORK, "audit", "corpus", "--as-of", "2026-11-22", "--format", "json",
           "-o", str(out), "--jobs", "2"]  # fmt: skip
    proc = subprocess.Popen(cmd, cwd=tmp_path, env={**os.environ, "SIGNAL_AT_FORK": nth}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)  # fmt: skip
    try:
        _, err = proc.communicate(timeout=120)  # stdout closes only when every worker is gone too
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 143, err.decode()
    assert not out.exists()


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # the swallowing, on purpose
def test_a_stop_request_swallowed_in_a_finalizer_is_raised_again(monkeypatch: pytest.MonkeyPatch) -> None:
    # Ctrl-C landing in a __del__ is printed as "Exception ignored" and lost; the run's loops
    # raise it again at their next checkpoint.
    from factcheck import interrupts
    from factcheck.runtime.executor import InProcess

    monkeypatch.setattr(interrupts, "_pending", None)
    interrupts.checkpoint()  # nothing asked: nothing raised

    class Finalized:
        def __del__(self) -> None:
            interrupts.request(KeyboardInterrupt)

    Finalized()  # the KeyboardInterrupt is swallowed here, as Python does
    done: list[int] = []
    with pytest.raises(KeyboardInterrupt):
        for x in InProcess().map(lambda _s, i: i, None, range(5)):
            done.append(x)
    assert done == []
