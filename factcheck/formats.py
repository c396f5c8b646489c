"""The report formats ``--format`` names, in a module of their own: the command line lists them without the reports."""

from __future__ import annotations

from enum import StrEnum


class Format(StrEnum):
    """The output formats, one enum for ``--format``."""

    TEXT = "text"
    JSON = "json"
    JSONL = "jsonl"
    SARIF = "sarif"
    JUNIT = "junit"
    GITHUB = "github"
    HTML = "html"
