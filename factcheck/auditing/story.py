"""The audit's second stage: each story (articles that can share an event) linked and checked on its own.

A story's input is plain data (its articles' records); its output is its report as JSON,
which the merge puts in story order.  Background facts are linked in where an article
refers to them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck.auditing.background import background_candidates
from factcheck.auditing.index import CorpusIndex
from factcheck.auditing.info import RunInfo
from factcheck.auditing.lines import LineWriter, finding_counts
from factcheck.auditing.link import Alternative, Link, link_events
from factcheck.auditing.manifest import Manifest
from factcheck.auditing.merge import Merger, reduce_context
from factcheck.auditing.read import DocRead, ReadContext, _apply_manifest, _background, read_one
from factcheck.auditing.records import _build, _origins, record_data
from factcheck.auditing.renames import apply_renames
from factcheck.auditing.stories import CURATED
from factcheck.cache import Cache, content_key
from factcheck.corpus.load import (
    read_article_text,
)
from factcheck.diagnostics import report_json
from factcheck.engine.components import split
from factcheck.engine.solver import Budget
from factcheck.facts.build import fact_origins
from factcheck.facts.load import parse_fact_set_files
from factcheck.model import ArticleText, EventLink, FactSet, FactSetFile, Report, SourceLocation
from factcheck.report.json_format import story_line
from factcheck.runtime.check import check
from factcheck.runtime.executor import Executor
from factcheck.runtime.options import CheckOptions


@dataclass(frozen=True)
class StoryContext:
    """What auditing a story needs besides its articles."""

    options: CheckOptions
    series_kinds: frozenset[str]
    curated: tuple[str, ...] = ()
    reviewed: frozenset[str] = frozenset()
    background: str | None = None  # the background fact set's path
    lines: bool = False  # each story's result as its JSON line (lines.LineWriter), not as parts to merge


@dataclass(frozen=True)
class StoryInput:
    """One story: its articles' extractions (manifest applied) and whether the curated facts belong to it."""

    index: int
    extractions: tuple[dict[str, Any], ...]
    curated: bool = False


def audit_story(ctx: StoryContext, story: StoryInput) -> dict[str, Any]:
    """Link and check one story; its report and the facts its findings cite, as JSON (or its report's line).

    ``paths`` says how many components each decision path decided, the link probes' included.
    """
    paths: Counter[str] = Counter()
    report, fs = _audit_story(ctx, story, paths)
    if ctx.lines:
        return {"index": story.index, "line": story_line(report), "status": report.status.value,
                "stats": report.stats, "counts": finding_counts(report), "paths": dict(paths)}  # fmt: skip
    return {"index": story.index, "report": report_json(report),
            "context": reduce_context(report, fs).model_dump(mode="json"), "paths": dict(paths)}  # fmt: skip


def _audit_story(ctx: StoryContext, story: StoryInput, paths: Counter[str]) -> tuple[Report, FactSet]:
    options = ctx.options
    # one budget for the whole story: the link probes and the check spend it in turn
    budget = Budget(options.story_budget) if options.story_budget else None
    extractions = list(story.extractions)
    # Fact set files are parsed once per story; the probes below only build fact sets in memory.
    curated = parse_fact_set_files(ctx.curated) if story.curated and ctx.curated else []
    data = record_data(extractions)
    origins = _origins(extractions)
    if story.curated and ctx.reviewed:
        data["facts"] = [f for f in data["facts"] if f["id"] not in ctx.reviewed]
    probe = _Probe(origins, curated, options, budget, paths)
    docs = {ex["doc_id"]: ex["events"] for ex in extractions}
    published = {ex["doc_id"]: dt.date.fromisoformat(day) for ex in extractions
                 if (day := (ex["document"].get("published") or {}).get("earliest"))
                 and day == (ex["document"].get("published") or {}).get("latest")}  # fmt: skip
    linked = link_events(docs, data["facts"], set(ctx.series_kinds), published)
    data = apply_renames(data, linked.rename, linked.series, linked.dropped)
    data, weak_links = _resolve_alternatives(data, linked.alternatives, probe)
    links = [*linked.links, *weak_links]
    parts = list(curated)
    # A long file's later windows are documents of their own, linked to nothing (factcheck.auditing.windows).
    if ctx.background and not any(ex.get("window") for ex in extractions):
        bg_path = Path(ctx.background)
        data, bg_links, bg_used = _link_background(data, extractions, bg_path, probe)
        links += bg_links
        if bg_used:
            # Only the background events an article refers to (and their facts) take part.
            parts.append((str(bg_path), FactSetFile.model_validate(bg_used), bg_used))
            origins = {**origins, **_background_origins(str(bg_path))}
    fs = _build(data, origins, parts)
    report = check(fs, options, budget=budget, paths=paths)
    links_out = tuple(
        EventLink(event=lk.event, members=lk.members, reason=lk.reason, assumed=lk.assumed, linked=lk.linked)
        for lk in links
    )
    return report.model_copy(update={"links": links_out}), fs


@dataclass
class _Probe:
    """What trying a link with the solver needs: the facts' places, the parsed fact set files, the limits."""

    origins: dict[str, SourceLocation]
    parts: list[tuple[str, FactSetFile, Any]]
    options: CheckOptions
    budget: Budget | None
    paths: Counter[str]  # the components each decision path decided

    def consistent(self, data: dict[str, Any], event: str, parts: Sequence[tuple[str, FactSetFile, Any]] = (),
                   origins: dict[str, SourceLocation] | None = None) -> bool:  # fmt: skip
        """Whether the component holding ``event`` is shown consistent (the rest cannot be affected by the link).

        A probe the solver gives up on (its limits, or the story's budget) shows nothing: not consistent.
        """
        fs = _build(data, origins or self.origins, [*self.parts, *parts], read_articles=False)
        part = next((c for c in split(fs) if any(e.id == event for e in c.events)), None)
        if part is None:
            return True
        # Only consistency matters here: no timeline, and a single conflict settles it.
        quick = dataclasses.replace(self.options, ranges=False, max_conflicts=1, verify_quotes=False)
        report = check(part, quick, budget=self.budget, paths=self.paths)
        return report.stats.get("components_sat", -1) == report.stats.get("components", 0)


def _story_input(
    i: int, files: list[tuple[str, str]], curated: bool, store: Cache, read_ctx: ReadContext,
    manifests: dict[Path, Manifest],
) -> StoryInput:  # fmt: skip
    """The story's input: its articles' extractions from the store, with their manifest entries applied."""
    exts = []
    for path, key in files:
        value = store.get(key)
        if value is None and "#" in key:
            continue  # a window gone from the store since it was read: its file is read again next time
        # A store entry that went missing or bad since the summary was read: read it again.
        d = (
            DocRead.from_json(value)
            if value is not None
            else read_one(dataclasses.replace(read_ctx, windows=False), path)
        )
        if d.extraction is not None:
            _apply_manifest(path, d.extraction, manifests)  # a fresh copy from the store
            exts.append(d.extraction)
    return StoryInput(i, tuple(exts), curated=curated)


def _story_stage(
    index: CorpusIndex, manifests: dict[Path, Manifest], read_ctx: ReadContext, ctx: StoryContext, ctx_key: str,
    store: Cache, executor: Executor, info: RunInfo, merger: Merger | LineWriter,
    progress: Callable[[str, int, int | None], None] | None = None,
) -> None:  # fmt: skip
    """Audit each story not already in the store; their results go to ``merger`` in story order.

    Stories come from the index one at a time.  A story's key is made of its articles'
    read keys and manifest entries, so a story whose articles did not change is found
    without reading them again.
    """
    keys: dict[int, str] = {}  # the stories in flight
    ready: dict[int, dict[str, Any]] = {}
    turn = 0

    def flush() -> None:
        # Results are folded in story order as soon as their turn comes, then dropped.
        nonlocal turn
        while turn in ready:
            merger.add(ready.pop(turn))
            turn += 1

    def todo() -> Iterator[StoryInput]:
        for i, story in enumerate(index.iter_stories()):
            curated = story[0] == CURATED
            files = [pk for doc in story for pk in index.files_of(doc)]
            parts = [ctx_key, "curated" if curated else ""]
            for path, key in files:
                parts += [key, _manifest_json(path, manifests)]
            key = content_key(*parts)
            cached = store.get(key)
            if cached is None:
                keys[i] = key
                yield _story_input(i, files, curated, store, read_ctx, manifests)
            else:
                ready[i] = cached
                info.stories_cached += 1
                flush()

    for done in executor.map(audit_story, ctx, todo()):
        info.stories_checked += 1
        i = done.pop("index")
        info.paths.update(done.pop("paths"))  # not stored: a story found in the store is not solved again
        status = done["status"] if ctx.lines else done["report"]["status"]
        if status != "inconclusive":  # the solver gave up: try again next time
            store.put(keys[i], done)
        del keys[i]
        ready[i] = done
        flush()
        if progress:
            progress("checking stories", info.stories_checked + info.stories_cached, info.stories)
    flush()
    store.commit()


def _manifest_json(path: str, manifests: dict[Path, Manifest]) -> str:
    if not manifests:
        return ""
    m = manifests.get(Path(path).resolve().parent)
    if m is None:
        return ""
    return m.entry(Path(path).name.split(".")[0]).model_dump_json()


def _link_background(
    data: dict[str, Any], extractions: list[dict[str, Any]], bg_path: Path, probe: _Probe,
) -> tuple[dict[str, Any], list[Link], dict[str, Any] | None]:  # fmt: skip
    """Link extracted events to background events; among several candidates, keep the one that fits."""
    bg = _background(str(bg_path))
    docs = {ex["doc_id"]: ex for ex in extractions}
    texts: dict[str, ArticleText] = {}  # each article's text, read once
    quotes: dict[str, str] = {}
    for f in data["facts"]:
        for key in ("subject", "anchor"):
            v = f.get(key)
            if isinstance(v, str) and not v.startswith("doc:") and f.get("doc") in docs:
                quotes[v] = quotes.get(v, "") + " " + _sentence_text(docs[f["doc"]], f["span"], texts)
    cands = background_candidates(data["events"], bg.get("events", []), lambda ev: quotes.get(ev["id"], ""))
    bg_ids = {e["id"] for e in bg.get("events", [])}
    whole = _background_parts(str(bg_path))
    with_bg = {**probe.origins, **_background_origins(str(bg_path))}

    def renamed(d: dict[str, Any], ev_id: str, target: str) -> dict[str, Any]:
        new = apply_renames(d, {ev_id: target}, {})
        new["events"] = [e for e in new["events"] if e["id"] not in bg_ids]  # the background file defines it
        return new

    links: list[Link] = []
    for ev_id, options_ in sorted(cands.items()):
        chosen = options_
        if len(options_) > 1:
            chosen = [c for c in options_ if probe.consistent(renamed(data, ev_id, c), c, whole, with_bg)]
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


@functools.lru_cache(maxsize=4)
def _background_parts(path: str) -> tuple[tuple[str, FactSetFile, Any], ...]:
    """The background fact set validated, once per process, as the link probes take it."""
    return tuple(parse_fact_set_files([path]))


@functools.lru_cache(maxsize=4)
def _background_origins(path: str) -> dict[str, SourceLocation]:
    """Where each background fact is written in the shipped file."""
    return fact_origins(list(_background_parts(path)))


def _merge(data: dict[str, Any], into: str, others: tuple[str, ...]) -> dict[str, Any]:
    """The fact set with ``others`` merged into the event ``into`` (and their series into its series)."""
    series = {e["id"]: e.get("series") for e in data["events"]}
    target = series.get(into)
    series_map = {s: target for o in others if (s := series.get(o)) and target and s != target}
    return apply_renames(data, dict.fromkeys(others, into), series_map)


def _resolve_alternatives(
    data: dict[str, Any], alternatives: Sequence[Alternative], probe: _Probe
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
            if probe.consistent(trial, alt.event):
                data = trial
                links.append(Link(alt.event, tuple(sorted(members)), f"{alt.reason}; consistent with everything else",
                                  assumed=True))  # fmt: skip
            else:
                why = _why_apart(data, alt.event, probe, "as one event their dates cannot all be true")
                links.append(Link(alt.event, tuple(sorted(members)), f"{why} ({alt.reason})", linked=False))
            continue
        fit = [c for c in alt.candidates if probe.consistent(_merge(data, alt.event, (c,)), alt.event)]
        if len(fit) == 1:
            data = _merge(data, alt.event, (fit[0],))
            why = f"of {len(alt.candidates)} candidates, the only one consistent with the rest"
            links.append(Link(alt.event, tuple(sorted((alt.event, fit[0]))), f"{why} ({alt.reason})", assumed=True))
        else:
            why = (f"{len(fit)} of {len(alt.candidates)} candidates fit equally" if fit else
                   _why_apart(data, alt.event, probe, "no candidate can be the same event"))  # fmt: skip
            links.append(Link(alt.event, tuple(sorted(members)), f"{why} ({alt.reason})", linked=False))
    return data, links


def _why_apart(data: dict[str, Any], event: str, probe: _Probe, why: str) -> str:
    if probe.consistent(data, event):
        return why
    return "its facts already conflict without the link, so the solver cannot judge it"


def _refs(fact: dict[str, Any]) -> set[str]:
    return {v for k in ("subject", "anchor") if isinstance(v := fact.get(k), str) and not v.startswith("doc:")}


def _sentence_text(ex: dict[str, Any], span: list[int], texts: dict[str, ArticleText]) -> str:
    path = ex["document"].get("path")
    if not path:
        return ""
    if path not in texts:
        try:
            texts[path] = read_article_text(Path(path))
        except OSError:
            return ""
    # A sentence of a long file is read around its span (the file is read from disk by offset).
    a, b = span
    base = max(0, a - 4000)
    text = texts[path][base : b + 4000]
    a, b = a - base, b - base
    lo = max(0, text.rfind(".", 0, a) + 1)
    hi = text.find(".", b)
    return text[lo : hi if hi >= 0 else len(text)]
