"""The article reader on real news, side by side with a baseline reader, in one run.

    python benchmarks/events.py [--repo PATH] [--baseline PATH | --baseline-commit REV]
                                [--data ../shared/evaldata] [--limit N] [--no-profile] [--show] [--json OUT]

Two checkouts are measured the same way, each in its own process with that checkout
first on ``sys.path``: the reader under test (the checkout this script lives in, or
``--repo``) and the baseline (``--baseline PATH``, else a ``git archive`` of
``--baseline-commit``, default fe1e221, the reader as it was before it read open-domain
news).  Only the public API is used (``factcheck.auditing.audit(paths, as_of=...)`` and its
report), so the measurement survives any change to the reader's internals.

- MEANTIME (``meantime-dev/``, airbus and gm, 30 Wikinews articles each): each article's
  tokens are joined back into a text (``benchmarks/meantime.py`` keeps every token's span)
  with its date line as ``published``; each topic folder is audited as one corpus; each
  report event's mention spans are mapped back to gold event mentions.  Scores: pairwise
  link precision within and across articles, and recall of the gold cross-article pairs
  among the gold mentions the reader found (and of all gold pairs), on the exhaustively
  annotated sentences (title, date line, four body sentences); the same across articles
  with the later sentences' cross-document mentions; the events dated against the gold
  anchors (exact, contains, inside, overlaps, excludes, unbounded, and "gold disagrees" where
  the dating excludes an instance's time but matches its article's own TLINK anchor: see
  ``benchmarks/meantime.py``); contradictions (FC101).
- TBAQ (``tbaq-cleaned/``, 256 TimeML documents): each document audited alone with its DCT
  as published; documents with a contradiction; throughput in KB/s of the text, wall and
  CPU time (the cores are shared: the load is printed).  Then the folder as one corpus, as
  ``factcheck audit`` runs it (a worker process per core, documents read in parallel and
  linked across articles): its wall and CPU time, the run the budget is about (2,452 wire
  articles within 3 minutes on a 2-core machine: TBAQ's 516 KB within 25 s); the NLP layer's share of the time
  (cumulative time inside ``factcheck/extract/nlp.py``, from a separate cProfile pass;
  ``0 / n.a.`` where the module does not exist).

Targets for the reader under test are printed with PASS/FAIL; ``--show`` lists the errors
behind them (each wrong link with the gold events, each dating that excludes its anchor,
each contradiction with its quotes).  Each part (MEANTIME, TBAQ,
the profiled TBAQ pass) runs in a fresh process per checkout, so each pays the reader's
start-up once.  A full run of two checkouts of the baseline reader takes 2.5 to 3.5 minutes
on a loaded 2-core machine (the profiled pass is about a third of it; ``--no-profile``
skips it); ``--limit N`` takes the first N articles of each MEANTIME topic and the first
N TBAQ documents.  Where the shared data is absent, that part is skipped, saying so.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import functools
import importlib.util
import json
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
REPO = HERE.parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "evaldata"
BASELINE_COMMIT = "fe1e221"
AS_OF = dt.date(2026, 11, 22)
TOPICS = ("corpus_airbus", "corpus_gm")
NLP_MODULE = ("factcheck", "extract", "nlp.py")
BUDGET_KB, BUDGET_S = 516, 25.0


def _meantime() -> Any:
    """The gold reader and scorer, loaded from beside this file (benchmarks/ is no package)."""
    spec = importlib.util.spec_from_file_location("meantime_gold", HERE.with_name("meantime.py"))
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


# --------------------------------------------------------------------------- inputs


def prepare_meantime(data: Path, out: Path, limit: int) -> dict[str, list[Any]]:
    """Write each topic's articles as Markdown with ``published``; the gold documents by topic."""
    mt = _meantime()
    golds: dict[str, list[Any]] = {}
    for topic in TOPICS:
        files = sorted((data / topic).glob("*.xml"))
        if limit:
            files = files[:limit]
        folder = out / topic
        folder.mkdir(parents=True)
        golds[topic] = []
        for f in files:
            g = mt.read_doc(f)
            front = f"---\npublished: {g.published.isoformat()}\n---\n" if g.published else ""
            g.front = len(front)
            (folder / f"{g.doc_id}.md").write_text(front + g.text, encoding="utf-8")
            golds[topic].append(g)
    return golds


def prepare_tbaq(data: Path, out: Path, limit: int, repo: Path) -> int:
    """Write each TBAQ document's TEXT with its DCT as ``published``; the bytes of text written."""
    sys.path.insert(0, str(repo))
    from factcheck.timeml import read_timeml, timeml_files

    files = timeml_files([data])
    if limit:
        files = files[:limit]
    out.mkdir(parents=True)
    size = 0
    for f in files:
        doc = read_timeml(f)
        dct = doc.dct_date()
        front = f"---\npublished: {dct.isoformat()}\n---\n" if dct else ""
        (out / f"{doc.id}.md").write_text(front + doc.text, encoding="utf-8")
        size += len(doc.text.encode("utf-8"))
    return size


# --------------------------------------------------------------------------- the measured side (a subprocess)


PARTS = ("meantime", "tbaq", "folder", "profile")


def worker(repo: Path, inputs: Path, part: str) -> dict[str, Any]:
    """One part of the measurement with the checkout at ``repo``; plain JSON of what the scores need.

    Each part runs in a fresh process, so each pays the reader's start-up (rule packs,
    NLP model) once, as a user's run would.
    """
    sys.path.insert(0, str(repo))
    import factcheck
    from factcheck import auditing

    audit: Any = auditing.audit
    if hasattr(auditing, "ReaderPool"):  # a checkout whose runs own their readers: one pool for the whole part
        audit = functools.partial(auditing.audit, readers=auditing.ReaderPool())
    where = Path(factcheck.__file__).resolve()
    if not where.is_relative_to(repo.resolve()):
        raise SystemExit(f"factcheck imported from {where}, not from {repo}")
    if part == "meantime":
        out: dict[str, Any] = {}
        for topic in TOPICS:
            folder = inputs / "meantime" / topic
            if folder.is_dir():
                out[topic] = _audit_topic(audit, folder)
        return out
    files = sorted((inputs / "tbaq").glob("*.md"))
    if part == "profile":
        return _nlp_share(files, audit)
    if part == "folder":
        return _folder(inputs / "tbaq", auditing.audit)
    contradicted = []
    t0, c0 = time.perf_counter(), time.process_time()
    for f in files:
        r = audit([f], as_of=AS_OF).report
        if any(fd.code == "FC101" for fd in r.findings):
            contradicted.append(f.stem)
    secs, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"documents": len(files), "seconds": secs, "cpu": cpu, "contradicted": contradicted}


def _folder(folder: Path, audit: Any) -> dict[str, Any]:
    """The TBAQ folder as one corpus, audited as ``factcheck audit`` runs it: a worker per core.

    This is the run the budget speaks of (a folder of wire articles on a 2-core machine);
    the CPU time counts the worker processes too (they are reaped when the audit ends).
    """
    jobs = os.cpu_count() or 1
    t0, c0, before = time.perf_counter(), time.process_time(), os.times()
    r = audit([folder], as_of=AS_OF, jobs=jobs).report
    secs, after = time.perf_counter() - t0, os.times()
    children = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return {"jobs": jobs, "seconds": secs, "cpu": time.process_time() - c0 + children, "status": r.status.value}


def _message(finding: Any) -> str:
    """A finding's message: rendered by the checkout's diagnostics, or as a finding of an older checkout holds it."""
    if hasattr(finding, "message"):
        return str(finding.message)
    from factcheck.diagnostics import render as render_message

    return render_message(finding)


def _audit_topic(audit: Any, folder: Path) -> dict[str, Any]:
    """One topic folder audited as one corpus: its events with their mentions and ranges, its findings."""
    t0, c0 = time.perf_counter(), time.process_time()
    r = audit([folder], as_of=AS_OF).report
    secs, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {
        "seconds": secs,
        "cpu": cpu,
        "events": [
            {
                "id": e.id,
                "label": e.label,
                "implicit": e.implicit,
                "earliest": e.earliest.isoformat() if e.earliest else None,
                "latest": e.latest.isoformat() if e.latest else None,
                "mentions": [[m.doc, m.start, m.end, m.text] for m in e.mentions],
            }
            for e in r.events
        ],
        "findings": [f.code for f in r.findings],
        "contradictions": [
            {"message": _message(f), "quotes": [[q.doc, q.quote] for q in f.sources]}
            for f in r.findings
            if f.code == "FC101"
        ],
        "links": sum(1 for lk in r.links if lk.linked),
        "failed": [n.path for n in (r.files.failed if r.files else ())],
        "status": r.status.value,
    }


def _nlp_share(files: list[Path], audit: Any) -> dict[str, Any] | None:
    """Time inside the NLP module over a profiled pass of the TBAQ audit (None if the module is absent).

    A function's time counts from the calls that enter the module from outside it, so time
    spent in spaCy under it is included and nested calls within the module are not
    counted twice.
    """
    prof = cProfile.Profile()
    t0 = time.perf_counter()
    prof.enable()
    for f in files:
        audit([f], as_of=AS_OF)
    prof.disable()
    total = time.perf_counter() - t0
    stats = pstats.Stats(prof).stats  # type: ignore[attr-defined]

    def inside(func: tuple[str, int, str]) -> bool:
        return Path(func[0]).parts[-3:] == NLP_MODULE

    funcs = [fn for fn in stats if inside(fn)]
    if not funcs:
        return {"present": False, "profiled_seconds": total, "nlp_seconds": 0.0}
    nlp = sum(ct for fn in funcs for caller, (_, _, _, ct) in stats[fn][4].items() if not inside(caller))
    return {"present": True, "profiled_seconds": total, "nlp_seconds": nlp}


# --------------------------------------------------------------------------- scoring (in the parent)


def score_meantime(result: dict[str, Any], golds: dict[str, list[Any]], instances: dict[str, Any]) -> dict[str, Any]:
    """Link, dating and contradiction scores of one side's MEANTIME audits."""
    mt = _meantime()
    links, wide = mt.LinkScore(), mt.LinkScore()
    dating = dict.fromkeys(mt.DATING, 0)
    undated_gold = 0
    excluded: list[tuple[str, str, str | None, str | None, Any]] = []
    contradictions = 0
    quote_drift = 0
    events_n = 0
    failed: list[str] = []
    found: list[dict[str, Any]] = []
    for topic, docs in golds.items():
        res = result.get(topic)
        if res is None:
            continue
        by_id = {d.doc_id: d for d in docs}
        contradictions += sum(1 for c in res["findings"] if c == "FC101")
        found += res.get("contradictions", [])
        failed += res["failed"]
        clusters, wide_clusters = [], []
        for ev in res["events"]:
            ms, ws = [], []
            for doc, start, end, text in ev["mentions"]:
                g = by_id.get(doc)
                if g is None:
                    continue
                # Spans may count from the start of the file (front matter included) or of the text.
                if g.text[start:end] != text and g.text[start - g.front : end - g.front] == text:
                    start, end = start - g.front, end - g.front
                elif g.text[start:end] != text:
                    quote_drift += 1
                ms.append(mt.map_mention(g, start, end, ev["label"]))
                ws.append(mt.map_mention(g, start, end, ev["label"], later=True))
            if not ms:
                continue
            events_n += 1
            clusters.append(ms)
            wide_clusters.append(ws)
            # Dated against every gold event its mentions name, later sentences' cross-document mentions included.
            for gold_event in mt.majority_event(ws):
                anchor = mt.anchor_of(gold_event, docs, instances)
                if anchor is None:
                    undated_gold += 1
                    continue
                earliest = dt.date.fromisoformat(ev["earliest"]) if ev["earliest"] else None
                latest = dt.date.fromisoformat(ev["latest"]) if ev["latest"] else None
                verdict = mt.judge(earliest, latest, anchor)
                dating[verdict] += 1
                if verdict in ("excludes", "gold disagrees"):
                    excluded.append((verdict, ev["label"], ev["earliest"], ev["latest"], anchor))
        for total, sc in ((links, mt.score_links(clusters)), (wide, mt.score_links(wide_clusters))):
            for k in vars(total):
                setattr(total, k, getattr(total, k) + getattr(sc, k))
    all_docs = [d for docs in golds.values() for d in docs]
    return {
        "links": links,
        "wide": wide,
        "dating": dating,
        "no_anchor": undated_gold,
        "excluded": excluded,
        "contradiction_list": found,
        "contradictions": contradictions,
        "events": events_n,
        "quote_drift": quote_drift,
        "failed": failed,
        "gold_cross_all": mt.gold_cross_pairs(all_docs),
        "gold_cross_wide": mt.gold_cross_pairs(all_docs, known_only=False),
        "seconds": sum(r["seconds"] for r in result.values()),
        "cpu": sum(r["cpu"] for r in result.values()),
    }


def _fmt(x: float | None, digits: int = 3) -> str:
    return "n.a." if x is None else f"{x:.{digits}f}"


def _div(a: int, b: int) -> float | None:
    return a / b if b else None


def _ratio(right: int, wrong: int) -> str:
    n = right + wrong
    return f"{_fmt(right / n if n else None)} ({right}/{n})"


def render(sides: dict[str, dict[str, Any]], tbaq_kb: float | None) -> list[str]:
    """The side-by-side table: a row per measure, a column per checkout ("failed" where its part failed)."""
    names = list(sides)
    rows: list[tuple[str, ...]] = []

    def row(label: str, part: str, cell: Callable[[dict[str, Any]], str], missing: str = "-") -> None:
        vals = []
        for n in names:
            got = sides[n].get(part)
            vals.append(missing if got is None else "failed" if "error" in got else cell(got))
        rows.append((label, *vals))

    def head(label: str) -> None:
        rows.append((label, *[""] * len(names)))

    def recall(links: Any, gold: int) -> str:
        return f"{_fmt(_div(links.gold_cross_found, gold))} ({links.gold_cross_found}/{gold})"

    if any(s.get("meantime") is not None for s in sides.values()):
        head("MEANTIME (airbus + gm)")
        row("  audit seconds, wall / CPU", "meantime", lambda m: f"{m['seconds']:.1f} / {m['cpu']:.1f}")
        row("  report events with a mention", "meantime", lambda m: str(m["events"]))
        row("  mentions / mapped to a gold mention", "meantime",
            lambda m: f"{m['links'].mentions} / {m['links'].mapped}")  # fmt: skip
        row("  within-article link precision", "meantime",
            lambda m: _ratio(m["links"].within_right, m["links"].within_wrong))  # fmt: skip
        row("  cross-article link precision", "meantime",
            lambda m: _ratio(m["links"].cross_right, m["links"].cross_wrong))  # fmt: skip
        row(
            "  cross-article recall (gold pairs found)", "meantime", lambda m: recall(m["links"], m["links"].gold_cross)
        )
        row("  cross-article recall of all gold pairs", "meantime", lambda m: recall(m["links"], m["gold_cross_all"]))
        row("  pairs with a non-event span", "meantime", lambda m: str(m["links"].nonevent_pairs))
        row("  pairs left unjudged (later sentences)", "meantime", lambda m: str(m["links"].unjudged))
        head("  with later sentences' cross-doc mentions:")
        row("    cross-article link precision", "meantime",
            lambda m: _ratio(m["wide"].cross_right, m["wide"].cross_wrong))  # fmt: skip
        row(
            "    cross-article recall (gold pairs found)", "meantime", lambda m: recall(m["wide"], m["wide"].gold_cross)
        )
        row("    cross-article recall of all gold pairs", "meantime", lambda m: recall(m["wide"], m["gold_cross_wide"]))
        for k in _meantime().DATING:
            row(f"  dated vs gold anchor: {k}", "meantime", lambda m, k=k: str(m["dating"][k]))
        row("  events on gold events with no anchor", "meantime", lambda m: str(m["no_anchor"]))
        row("  contradictions (FC101)", "meantime", lambda m: str(m["contradictions"]))
        row("  files failed", "meantime", lambda m: str(len(m["failed"])))
        row("  mention text not at its span", "meantime", lambda m: str(m["quote_drift"]))
    if tbaq_kb is not None:
        head(f"TBAQ ({tbaq_kb:.0f} KB of text)")
        row("  documents audited", "tbaq", lambda t: str(t["documents"]))
        row("  documents with a contradiction", "tbaq", lambda t: str(len(t["contradicted"])))
        row("  audit seconds, wall / CPU", "tbaq", lambda t: f"{t['seconds']:.1f} / {t['cpu']:.1f}")
        row("  throughput KB/s, wall / CPU", "tbaq",
            lambda t: f"{tbaq_kb / t['seconds']:.1f} / {tbaq_kb / max(t['cpu'], 1e-9):.1f}")  # fmt: skip
        row("  the folder as one audit: workers", "folder", lambda t: str(t["jobs"]), "not run")
        row("    seconds, wall / CPU", "folder", lambda t: f"{t['seconds']:.1f} / {t['cpu']:.1f}", "not run")
        row("    throughput KB/s, wall", "folder", lambda t: f"{tbaq_kb / t['seconds']:.1f}", "not run")

        def nlp(p: dict[str, Any]) -> str:
            if not p["present"]:
                return "0 / n.a."
            share = p["nlp_seconds"] / p["profiled_seconds"] if p["profiled_seconds"] else 0.0
            return f"{p['nlp_seconds']:.1f} of {p['profiled_seconds']:.1f} s ({100 * share:.0f}%)"

        row("  NLP layer share (cProfile)", "profile", nlp, "not profiled")
    header = ("", *names)
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    return ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in [header, *rows]]


def targets(side: dict[str, Any], tbaq_kb: float | None) -> list[str]:
    """PASS/FAIL lines for the reader under test (FAIL where its part failed)."""
    out = []

    def line(ok: bool, text: str) -> None:
        out.append(f"{'PASS' if ok else 'FAIL'}  {text}")

    m = side.get("meantime")
    if m is not None and "error" in m:
        line(False, f"MEANTIME: the audit failed ({m['error']})")
    elif m is not None:
        p, r = m["links"].cross_precision, m["links"].cross_recall
        line(p is not None and r is not None and p >= 0.9 and r >= 0.5,
             f"MEANTIME cross-article link precision >= 0.9 with recall >= 0.5 "
             f"(precision {_fmt(p)}, recall {_fmt(r)})")  # fmt: skip
        line(
            m["dating"]["excludes"] == 0,
            f"MEANTIME no dating that excludes the gold anchor ({m['dating']['excludes']})",
        )
        line(m["contradictions"] == 0, f"MEANTIME no contradiction ({m['contradictions']} FC101)")
    t = side.get("tbaq")
    if t is not None and "error" in t:
        line(False, f"TBAQ: the audit failed ({t['error']})")
    elif t is not None and tbaq_kb is not None:
        n = len(t["contradicted"])
        line(not n, f"TBAQ no document with a contradiction ({n} of {t['documents']})")
    f = side.get("folder")
    if f is not None and "error" in f:
        line(False, f"TBAQ folder: the audit failed ({f['error']})")
    elif f is not None and tbaq_kb is not None:
        budget = BUDGET_S * tbaq_kb / BUDGET_KB
        took = f"{f['seconds']:.1f} s wall, {f['cpu']:.1f} s CPU, {f['jobs']} workers"
        line(f["seconds"] <= budget, f"TBAQ folder audited within {budget:.1f} s for {tbaq_kb:.0f} KB ({took})")
    return out


def show(side: dict[str, Any]) -> list[str]:
    """The errors behind the scores, one by one: wrong links, datings that exclude the anchor, contradictions."""
    m = side.get("meantime")
    if m is None or "error" in m:
        return []
    out = []
    for label, links in (("annotated sentences", m["links"]), ("with later sentences", m["wide"])):
        for a, b in links.wrong_pairs:
            kind = "within" if a.doc == b.doc else "across"
            out.append(f"wrong link {kind} ({label}): {a.doc}/s{a.sentence}:{a.text!r} [{a.event}] ~ "
                       f"{b.doc}/s{b.sentence}:{b.text!r} [{b.event}]")  # fmt: skip
    for verdict, label, earliest, latest, anchor in m["excluded"]:
        what = "dating excludes the anchor" if verdict == "excludes" else "the gold disagrees with itself"
        other = "".join(f"; its article's {a.source} says {a.lo}..{a.hi}" for a in anchor.disputed)
        out.append(f"{what}: {label!r} read {earliest}..{latest}, gold {anchor.lo}..{anchor.hi} "
                   f"({anchor.source}{other})")  # fmt: skip
    for c in m["contradiction_list"]:
        out.append(f"contradiction: {c['message']}")
        out += [f"    {doc}: {quote!r}" for doc, quote in c["quotes"]]
    t = side.get("tbaq")
    if t is not None and "error" not in t and t["contradicted"]:
        out.append("TBAQ documents with a contradiction: " + ", ".join(t["contradicted"]))
    return out


# --------------------------------------------------------------------------- the run


def _run_side(repo: Path, inputs: Path, parts: list[str]) -> dict[str, Any]:
    """Each part in its own process with ``repo`` first on the path; a part that fails is its error message."""
    result: dict[str, Any] = {}
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    for part in parts:
        with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
            out = Path(fh.name)
        try:
            cmd = [sys.executable, str(HERE), "--worker", part, "--repo", str(repo), "--inputs", str(inputs),
                   "--out", str(out)]  # fmt: skip
            done = subprocess.run(cmd, env=env, cwd=str(repo), capture_output=True, text=True)
            if done.returncode == 0:
                result[part] = json.loads(out.read_text(encoding="utf-8"))
            else:
                tail = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]
                result[part] = {"error": tail}
                print(f"{repo}: the {part} part failed (exit {done.returncode}):\n{done.stderr}", file=sys.stderr)
        finally:
            out.unlink(missing_ok=True)
    return result


def _baseline_checkout(repo: Path, rev: str, into: Path) -> Path:
    """The tree of ``rev`` exported to ``into`` (``git archive``: no worktree bookkeeping left behind)."""
    into.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "-C", str(repo), "archive", "--format=tar", rev], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repo", type=Path, default=REPO, help="The checkout under test (default: this one).")
    ap.add_argument("--baseline", type=Path, help="A checkout of the baseline reader.")
    ap.add_argument(
        "--baseline-commit", default=BASELINE_COMMIT, help="Baseline revision when --baseline is not given."
    )
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="The shared evaldata folder.")
    ap.add_argument("--limit", type=int, default=0, help="First N articles of each MEANTIME topic and of TBAQ.")
    ap.add_argument("--no-profile", action="store_true", help="Skip the profiled TBAQ pass (no NLP share).")
    ap.add_argument("--json", type=Path, help="Also write the raw results of both sides here.")
    ap.add_argument("--show", action="store_true", help="List the reader's errors behind the scores (under test).")
    ap.add_argument("--worker", choices=PARTS, help=argparse.SUPPRESS)
    ap.add_argument("--inputs", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        res = worker(args.repo, args.inputs, args.worker)
        args.out.write_text(json.dumps(res), encoding="utf-8")
        return
    started = time.perf_counter()
    mt_data, tb_data = args.data / "meantime-dev", args.data / "tbaq-cleaned"
    have_mt = all((mt_data / t).is_dir() for t in TOPICS) and (mt_data / "list_instances.csv").is_file()
    have_tb = tb_data.is_dir()
    if not have_mt:
        print(f"skipped: MEANTIME data not found at {mt_data} (corpus_airbus/, corpus_gm/, list_instances.csv)")
    if not have_tb:
        print(f"skipped: TBAQ data not found at {tb_data}")
    if not (have_mt or have_tb):
        return
    with tempfile.TemporaryDirectory(prefix="factcheck-events-") as tmp:
        inputs = Path(tmp) / "inputs"
        inputs.mkdir()
        golds = prepare_meantime(mt_data, inputs / "meantime", args.limit) if have_mt else {}
        kb = prepare_tbaq(tb_data, inputs / "tbaq", args.limit, args.repo) / 1024 if have_tb else None
        if args.baseline:
            base, base_name = args.baseline, f"baseline {args.baseline}"
        else:
            base = _baseline_checkout(args.repo, args.baseline_commit, Path(tmp) / "baseline")
            base_name = f"baseline {args.baseline_commit}"
        parts = ([PARTS[0]] if have_mt else []) + (
            list(PARTS[1:] if not args.no_profile else PARTS[1:3]) if have_tb else []
        )
        raw = {base_name: _run_side(base, inputs, parts), "under test": _run_side(args.repo, inputs, parts)}
        if args.json:
            args.json.write_text(json.dumps(raw, indent=1), encoding="utf-8")
        instances = _meantime().read_instances(mt_data / "list_instances.csv") if have_mt else {}
        sides: dict[str, dict[str, Any]] = {}
        for name, res in raw.items():
            got = res.get("meantime")
            sides[name] = {
                "meantime": got if got is None or "error" in got else score_meantime(got, golds, instances),
                "tbaq": res.get("tbaq"),
                "folder": res.get("folder"),
                "profile": res.get("profile"),
            }
        shutil.rmtree(inputs)
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"as of {AS_OF}; limit {args.limit or 'none'}; under test {args.repo}; {os.cpu_count()} cores, load {load}")
    print("\n".join(render(sides, kb)))
    print()
    print("targets (under test):")
    print("\n".join(targets(sides["under test"], kb)))
    if args.show:
        print("\nerrors of the reader under test:")
        print("\n".join(show(sides["under test"])) or "none")
    print(f"\nwhole run: {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
