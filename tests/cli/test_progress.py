"""The progress bar: on stderr for text output on a terminal, never otherwise."""

from __future__ import annotations

import io
import sys

from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.cli.common import progress_bar


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_no_bar_when_stderr_is_not_a_terminal_or_output_not_text(monkeypatch):
    with progress_bar(True) as tick:
        assert tick is None  # pytest's stderr is not a terminal
    monkeypatch.setattr(sys, "stderr", _Tty())
    with progress_bar(False) as tick:
        assert tick is None


def test_bar_on_a_terminal_takes_progress(monkeypatch):
    fake = _Tty()
    monkeypatch.setattr(sys, "stderr", fake)
    monkeypatch.delenv("CI", raising=False)  # a CI job's log may claim to be a terminal: no bar there
    monkeypatch.setenv("TERM", "xterm")
    with progress_bar(True) as tick:
        assert tick is not None
        tick(1, 3)
        tick(3, 3)


def test_no_bar_in_a_ci_job_even_on_a_terminal(monkeypatch):
    monkeypatch.setattr(sys, "stderr", _Tty())
    monkeypatch.setenv("CI", "true")
    monkeypatch.setenv("TERM", "xterm")
    with progress_bar(True) as tick:
        assert tick is None


def test_check_output_has_no_bar_when_piped():
    r = CliRunner().invoke(cli, ["check", "facts/", "--as-of", "2026-11-22"])
    assert "checking components" not in r.output


def test_audit_progress_only_on_a_terminal_outside_ci(monkeypatch):
    from factcheck.cli.common import audit_progress

    with audit_progress() as tick:
        assert tick is None  # pytest's stderr is not a terminal
    monkeypatch.setattr(sys, "stderr", _Tty())
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    with audit_progress() as tick:
        assert tick is not None
        tick("reading articles", 1, None)
        tick("checking stories", 1, 2)
    monkeypatch.setenv("CI", "true")  # a CI log may look like a terminal
    with audit_progress() as tick:
        assert tick is None


def test_audit_reports_its_progress_by_stage():
    from pathlib import Path

    from factcheck.auditing import audit

    seen: list[tuple[str, int, int | None]] = []
    corpus = Path(__file__).resolve().parents[2] / "corpus" / "istanbul-2025"
    import datetime as dt

    audit([corpus], as_of=dt.date(2026, 11, 22), background=False, progress=lambda *a: seen.append(a))
    reads = [s for s in seen if s[0] == "reading articles"]
    stories = [s for s in seen if s[0] == "checking stories"]
    assert [d for _, d, _ in reads] == [1, 2, 3, 4, 5] and all(t is None for *_, t in reads)
    assert stories and stories[-1][1] == stories[-1][2]  # every story checked


def test_audit_output_has_no_bar_when_piped():
    r = CliRunner().invoke(cli, ["audit", "corpus/istanbul-2025", "--as-of", "2026-11-22", "--no-background"])
    assert "reading articles" not in r.output and "checking stories" not in r.output
