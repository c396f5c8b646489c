"""Reading curated fact sets: YAML files or folders of them, merged and cross-checked (``facts.build``).

Every problem of every file is collected before anything is reported, each at its
``file:line:col``: a reviewer fixes a fact set in one pass, not one error per run.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from factcheck.errors import Diagnostic, UserError
from factcheck.facts.build import merge
from factcheck.folders import holds
from factcheck.model import FactSet, FactSetFile
from factcheck.yamlio import parse_yaml, read_text, validate_data

FACT_SUFFIXES = (".yaml", ".yml")


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files named, plus the YAML files under folders named, sorted for determinism."""
    out: list[Path] = []
    missing = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*") if q.suffix in FACT_SUFFIXES and q.is_file()))
        elif p.is_file():
            out.append(p)
        else:
            missing.append(Diagnostic(str(p), 1, 1, "no such file or folder"))
    if missing:
        raise UserError(missing)
    return out


def load_fact_sets(paths: Iterable[Path | str], *, read_articles: bool = True) -> FactSet:
    """Load and merge fact set files and folders into one FactSet, or raise UserError.

    Paths that hold no fact set file at all are an error naming what each holds: a check
    of nothing must not pass.
    """
    given = [Path(p) for p in paths]
    files = expand_paths(given)
    if not files:
        wanted = " or ".join(FACT_SUFFIXES)
        raise UserError([Diagnostic(str(p), 0, 0, f"no fact set to check: {holds(p, wanted)}") for p in given]
                        or Diagnostic("<input>", 0, 0, "no fact set to check: no path given"))  # fmt: skip
    return merge(parse_fact_set_files(files), read_articles=read_articles)


def load_fact_data(
    data: dict[str, Any], path: Path | str, extra: Iterable[Path | str] = (), *, read_articles: bool = True
) -> FactSet:
    """A fact set held in memory (extraction output, as if it were the file ``path``) merged with fact set files.

    The data is validated exactly as the file would be, without the YAML round trip.
    """
    diags: list[Diagnostic] = []
    items: list[tuple[str, FactSetFile, Any]] = []
    try:
        items.append((str(path), validate_data(data, FactSetFile, str(path)), data))
    except UserError as exc:
        diags.extend(exc.diagnostics)
    try:
        items += parse_fact_set_files(extra)
    except UserError as exc:
        diags.extend(exc.diagnostics)
    if diags:
        raise UserError(diags)
    return merge(items, read_articles=read_articles)


def parse_fact_set_files(paths: Iterable[Path | str]) -> list[tuple[str, FactSetFile, Any]]:
    """Fact set files (and the files under folders) parsed and validated, ready to :func:`merge`; or UserError."""
    diags: list[Diagnostic] = []
    items: list[tuple[str, FactSetFile, Any]] = []
    for f in expand_paths(Path(p) for p in paths):
        try:
            parsed = parse_yaml(read_text(f), str(f))
            if parsed is None:
                parsed = {}
            if not isinstance(parsed, dict):
                raise UserError(Diagnostic(str(f), 1, 1, "a fact set is a mapping with documents, events and facts"))
            items.append((str(f), validate_data(parsed, FactSetFile, str(f)), parsed))
        except UserError as exc:
            diags.extend(exc.diagnostics)
    if diags:
        raise UserError(diags)
    return items
