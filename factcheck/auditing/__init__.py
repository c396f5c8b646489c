"""Auditing a corpus: articles in, a report with cross-article links out."""

from factcheck.auditing.run import AuditResult, ReaderPool, audit

__all__ = ["AuditResult", "ReaderPool", "audit"]
