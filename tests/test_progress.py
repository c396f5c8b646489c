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
    with progress_bar(True) as tick:
        assert tick is not None
        tick(1, 3)
        tick(3, 3)


def test_check_output_has_no_bar_when_piped():
    r = CliRunner().invoke(cli, ["check", "facts/", "--as-of", "2026-11-22"])
    assert "checking components" not in r.output
