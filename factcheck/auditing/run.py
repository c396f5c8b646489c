"""``audit``: a folder of articles in, a report out (load, extract, link, check).

The same report as ``check``, with every article's mentions under each event and the links
between articles that made them one event.  Curated fact sets can be added; a curated fact
replaces the extracted fact of the same id.  Background facts (widely known dates) are
used where an article refers to them, unless switched off.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from factcheck.auditing.link import Alternative, Link, apply_renames, background_candidates, link_events
from factcheck.auditing.manifest import find_manifests
from factcheck.corpus.load import Article, Skipped, load_articles, read_article_text
from factcheck.dates.deadline import DEFAULT_SECONDS as DEFAULT_MATCH_SECONDS
from factcheck.dates.tagger import DateReader
from factcheck.engine import CheckOptions, check
from factcheck.engine.components import split
from factcheck.extract.batch import read_all
from factcheck.extract.factset import dump_factset, to_factset_data
from factcheck.extract.reader import ArticleReader, Extraction
from factcheck.factset import load_fact_data, load_fact_sets
from factcheck.limits import DEFAULT_RLIMIT, DEFAULT_TIMEOUT_MS
from factcheck.model import EventLink, FactSet, FileAccount, FileNote, Report, SourceLocation
from factcheck.policy import load_policy
from factcheck.resources import shipped_facts_dir
from factcheck.yamlio import load_yaml_model

BACKGROUND = "background.yaml"


@dataclass
class AuditResult:
    """The report, the fact set it was computed from, and the files not audited."""

    report: Report
    factset: FactSet
    skipped: list[Skipped] = field(default_factory=list)


def _apply_manifest(article: Article, ex: Extraction, manifests: dict[Path, Any]) -> None:
    folder = Path(article.path).resolve().parent
    m = manifests.get(folder)
    if m is None:
        return
    entry = m.entry(Path(article.path).name.split(".")[0])
    for key in ("published", "retrieved"):
        bound = getattr(entry, key)
        if bound is not None:
            ex.document[key] = {k: v.isoformat() for k, v in (("earliest", bound.earliest), ("latest", bound.latest))
                                if v is not None}  # fmt: skip
    if entry.url:
        ex.document["url"] = entry.url
    if entry.publisher:
        ex.document["source"] = entry.publisher
    if entry.title:
        ex.document["title"] = entry.title
    if entry.trust is not None:
        for f in ex.facts:
            f["weight"] = round(f.get("weight", 1.0) * entry.trust, 4)


def audit(
    paths: Iterable[Path | str],
    *,
    as_of: dt.date | None = None,
    facts: Iterable[Path | str] = (),
    background: bool = True,
    policy_path: Path | None = None,
    rules: Iterable[Path | str] = (),
    jobs: int = 1,
    timeout_ms: int = DEFAULT_TIMEOUT_MS,
    rlimit: int = DEFAULT_RLIMIT,
    max_conflicts: int = 10,
    match_timeout: float | None = DEFAULT_MATCH_SECONDS,
) -> AuditResult:
    """Audit articles (files or folders): the report ``factcheck audit`` prints.

    ``match_timeout`` bounds the pattern matching of each article, in seconds; an article
    that runs over it is reported as failed and the rest are still audited.
    """
    roots = [Path(p) for p in paths]
    loaded = load_articles(roots)
    manifests = find_manifests(roots)
    reader = ArticleReader(DateReader.load([Path(r) for r in rules]))
    extractions = []
    read, failed = read_all(reader, loaded.articles, match_timeout)
    loaded.skipped += failed
    for art, ex in read:
        _apply_manifest(art, ex, manifests)
        extractions.append(ex)
    policy = load_policy(policy_path)
    options = CheckOptions(as_of=as_of or dt.date.today(), policy=policy, jobs=jobs, timeout_ms=timeout_ms,
                           rlimit=rlimit, max_conflicts=max_conflicts)  # fmt: skip
    curated = [Path(f) for f in facts]
    bg_path = shipped_facts_dir() / BACKGROUND
    # The extracted facts stay in memory, validated as if they were a file at the root
    # (article paths resolve to absolute ones); their origins are the articles themselves.
    out = Path(Path.cwd().anchor) / "extracted.yaml"
    data = to_factset_data(extractions, out.parent)
    if curated:
        reviewed = {f.id for f in load_fact_sets(curated).facts}
        data["facts"] = [f for f in data["facts"] if f["id"] not in reviewed]
    series_kinds = {k for k, spec in reader.pack.pack.events.items() if spec.located}
    docs = {ex.doc_id: ex.events for ex in extractions}
    rename, series, links, alternatives = link_events(docs, data["facts"], series_kinds)
    data = apply_renames(data, rename, series)
    extra: list[Path] = [*curated]
    data, weak_links = _resolve_alternatives(data, alternatives, out, extra, options)
    links += weak_links
    with tempfile.TemporaryDirectory(prefix="factcheck-audit-") as tmp:
        if background:
            data, bg_links, bg_used = _link_background(data, extractions, bg_path, out, extra, options)
            links += bg_links
            if bg_used:
                # Only the background events an article refers to (and their facts) take part.
                bg_file = Path(tmp) / BACKGROUND
                bg_file.write_text(dump_factset(bg_used), encoding="utf-8")
                extra.append(bg_file)
        fs = _with_article_origins(load_fact_data(data, out, extra))
        report = check(fs, options)
    links_out = tuple(
        EventLink(event=lk.event, members=lk.members, reason=lk.reason, assumed=lk.assumed, linked=lk.linked)
        for lk in links
    )
    report = report.model_copy(update={"links": links_out, "files": file_account([a for a, _ in read], loaded.skipped)})
    return AuditResult(report, fs, loaded.skipped)


def file_account(audited: list[Article], skipped: list[Skipped]) -> FileAccount:
    """Every input file as audited (with any warning), skipped or failed, each list sorted by path."""
    notes = [FileNote(path=a.path, reason=w.removeprefix(f"{a.path}: ")) for a in audited for w in a.warnings]

    def ordered(items: list[FileNote]) -> tuple[FileNote, ...]:
        return tuple(sorted(items, key=lambda n: (n.path, n.reason)))

    return FileAccount(
        audited=tuple(sorted(a.path for a in audited)),
        warnings=ordered(notes),
        skipped=ordered([FileNote(path=s.path, reason=s.reason) for s in skipped if not s.failed]),
        failed=ordered([FileNote(path=s.path, reason=s.reason) for s in skipped if s.failed]),
    )


def _link_background(
    data: dict[str, Any], extractions: list[Extraction], bg_path: Path, out: Path, extra: list[Path],
    options: CheckOptions,
) -> tuple[dict[str, Any], list[Link], dict[str, Any] | None]:  # fmt: skip
    """Link extracted events to background events; among several candidates, keep the one that fits."""
    bg = yaml.safe_load(bg_path.read_text(encoding="utf-8"))
    texts = {ex.doc_id: ex for ex in extractions}
    quotes: dict[str, str] = {}
    for f in data["facts"]:
        for key in ("subject", "anchor"):
            v = f.get(key)
            if isinstance(v, str) and not v.startswith("doc:") and f.get("doc") in texts:
                quotes[v] = quotes.get(v, "") + " " + _sentence_text(texts[f["doc"]], f["span"])
    cands = background_candidates(data["events"], bg.get("events", []), lambda ev: quotes.get(ev["id"], ""))
    bg_ids = {e["id"] for e in bg.get("events", [])}

    def renamed(d: dict[str, Any], ev_id: str, target: str) -> dict[str, Any]:
        new = apply_renames(d, {ev_id: target}, {})
        new["events"] = [e for e in new["events"] if e["id"] not in bg_ids]  # the background file defines it
        return new

    links: list[Link] = []
    for ev_id, options_ in sorted(cands.items()):
        chosen = options_
        if len(options_) > 1:
            chosen = [c for c in options_ if _consistent(renamed(data, ev_id, c), c, out, [*extra, bg_path], options)]
        if len(chosen) == 1:
            data = renamed(data, ev_id, chosen[0])
            why = "the only background event of its kind and parties named"
            if len(options_) > 1:
                why = f"of {len(options_)} background candidates, the only one consistent with the rest"
            links.append(Link(chosen[0], (chosen[0], ev_id), why, assumed=len(options_) > 1))
    used = {lk.event for lk in links}
    if not used:
        return data, links, None
    bg_used = {
        **{k: v for k, v in bg.items() if k not in ("events", "facts", "documents")},
        "documents": bg.get("documents", []),
        "events": [e for e in bg.get("events", []) if e["id"] in used],
        "facts": [f for f in bg.get("facts", []) if _refs(f) <= used],
    }
    return data, links, bg_used


def _merge(data: dict[str, Any], into: str, others: tuple[str, ...]) -> dict[str, Any]:
    """The fact set with ``others`` merged into the event ``into`` (and their series into its series)."""
    series = {e["id"]: e.get("series") for e in data["events"]}
    target = series.get(into)
    series_map = {s: target for o in others if (s := series.get(o)) and target and s != target}
    return apply_renames(data, dict.fromkeys(others, into), series_map)


def _resolve_alternatives(
    data: dict[str, Any], alternatives: list[Alternative], out: Path, extra: list[Path], options: CheckOptions
) -> tuple[dict[str, Any], list[Link]]:
    """Decide each weak link with the solver: merged only if it is the single candidate consistent with the rest."""
    links: list[Link] = []
    for alt in alternatives:
        if not alt.event:
            why = f"several events match several ({alt.reason})"
            links.append(Link(alt.candidates[0], alt.candidates, why, linked=False))
            continue
        members = (alt.event, *alt.candidates)
        if alt.together:
            trial = _merge(data, alt.event, alt.candidates)
            if _consistent(trial, alt.event, out, extra, options):
                data = trial
                links.append(Link(alt.event, tuple(sorted(members)), f"{alt.reason}; consistent with everything else",
                                  assumed=True))  # fmt: skip
            else:
                why = _why_apart(data, alt.event, out, extra, options, "as one event their dates cannot all be true")
                links.append(Link(alt.event, tuple(sorted(members)), f"{why} ({alt.reason})", linked=False))
            continue
        fit = [c for c in alt.candidates if _consistent(_merge(data, alt.event, (c,)), alt.event, out, extra, options)]
        if len(fit) == 1:
            data = _merge(data, alt.event, (fit[0],))
            why = f"of {len(alt.candidates)} candidates, the only one consistent with the rest"
            links.append(Link(alt.event, tuple(sorted((alt.event, fit[0]))), f"{why} ({alt.reason})", assumed=True))
        else:
            why = (f"{len(fit)} of {len(alt.candidates)} candidates fit equally" if fit else
                   _why_apart(data, alt.event, out, extra, options, "no candidate can be the same event"))  # fmt: skip
            links.append(Link(alt.event, tuple(sorted(members)), f"{why} ({alt.reason})", linked=False))
    return data, links


def _why_apart(data: dict[str, Any], event: str, out: Path, extra: list[Path], options: CheckOptions, why: str) -> str:
    if _consistent(data, event, out, extra, options):
        return why
    return "its facts already conflict without the link, so the solver cannot judge it"


def _refs(fact: dict[str, Any]) -> set[str]:
    return {v for k in ("subject", "anchor") if isinstance(v := fact.get(k), str) and not v.startswith("doc:")}


def _consistent(data: dict[str, Any], event: str, out: Path, extra: list[Path], options: CheckOptions) -> bool:
    """Whether the component holding ``event`` is consistent (the rest cannot be affected by the link)."""
    fs = load_fact_data(data, out, extra, read_articles=False)
    part = next((c for c in split(fs) if any(e.id == event for e in c.events)), None)
    if part is None:
        return True
    # Only consistency matters here: no timeline, and a single conflict settles it.
    quick = dataclasses.replace(options, ranges=False, max_conflicts=1, verify_quotes=False)
    report = check(part, quick)
    return report.stats.get("components_sat", -1) == report.stats.get("components", 0)


def _with_article_origins(fs: FactSet) -> FactSet:
    """Extracted facts are defined by their quotes: their origin is the quote's line in the article."""
    origins = dict(fs.origins)
    for f in fs.facts:
        text, path = fs.texts.get(f.doc or ""), fs.text_paths.get(f.doc or "")
        if text is not None and path and f.span is not None and origins.get(f.id, None) is not None:
            if origins[f.id].path.endswith("extracted.yaml"):
                a = max(0, min(f.span[0], len(text)))
                line = text.count("\n", 0, a) + 1
                origins[f.id] = SourceLocation(path=path, line=line, column=a - text.rfind("\n", 0, a))
    return fs.model_copy(update={"origins": origins})


def _sentence_text(ex: Extraction, span: list[int]) -> str:
    path = ex.document.get("path")
    if not path:
        return ""
    try:
        text = read_article_text(Path(path))
    except OSError:
        return ""
    a, b = span
    lo = max(0, text.rfind(".", 0, a) + 1)
    hi = text.find(".", b)
    return text[lo : hi if hi >= 0 else len(text)]


__all__ = ["AuditResult", "audit", "load_yaml_model"]
