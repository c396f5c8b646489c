"""Scale: stories audited independently, executors, the incremental cache, bounded streaming."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.auditing import audit
from factcheck.auditing.stories import CURATED, doc_keys
from factcheck.cli import cli
from factcheck.report import Format, render
from factcheck.report.json_format import finding_data
from factcheck.runtime.executor import BATCH, InProcess, ProcessPool, _windowed
from tests.auditing.reference import index_stories as partition

AS_OF = dt.date(2025, 12, 31)
PAIRS = [("Russia", "Ukraine", "Istanbul"), ("China", "India", "Geneva"), ("France", "Germany", "Vienna"),
         ("Japan", "South Korea", "Doha")]  # fmt: skip


def _story(a: str, b: str, city: str, first: dt.date, gap: int, wrong: int = 0) -> list[str]:
    second = first + dt.timedelta(days=gap)
    told = second + dt.timedelta(days=wrong)

    def d(x: dt.date) -> str:
        return f"{x:%B} {x.day}, {x.year}"

    return [
        f"{a} and {b} hold talks\n\n{a} and {b} met in {city} on {d(first)} for a first round of talks on trade, "
        "officials said.\n",
        f"Second round\n\n{a} and {b} met in {city} on {d(second)} for a second round of talks on trade.\n\n"
        f"The two sides last met in {city} on {first:%B} {first.day} to discuss trade.\n",
        f"Analysis\n\nThe second round of talks between {a} and {b} in {city} on {d(told)} ended without a deal "
        "on trade, officials said.\n",
    ]


def write_corpus(folder: Path, wrong: dict[int, int] | None = None) -> Path:
    """Four independent stories of three articles each; ``wrong`` misdates story i's third article."""
    folder.mkdir(parents=True, exist_ok=True)
    for i, (a, b, city) in enumerate(PAIRS):
        texts = _story(a, b, city, dt.date(2019 + i, 3, 4 + i), 20 + i, (wrong or {}).get(i, 0))
        for k, text in enumerate(texts):
            (folder / f"s{i}-{k}.txt").write_text(text, encoding="utf-8")
    return folder


def _json(result: object) -> str:
    return render(result.report, Format.JSON)  # type: ignore[attr-defined]


def test_each_story_is_a_story_of_its_own(tmp_path: Path) -> None:
    r = audit([write_corpus(tmp_path / "c", {2: 3})], as_of=AS_OF, background=False)
    assert r.report.stats["stories"] == 4 and r.info.stories == 4
    flagged = {s.doc for f in r.report.findings if f.kind == "contradiction" for s in f.sources}
    assert flagged and all(d.startswith("s2-") for d in flagged), flagged


def test_stories_audited_apart_give_the_findings_of_one_audit(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c", {1: -2})
    whole = audit([corpus], as_of=AS_OF, background=False).report
    apart = [audit(sorted(corpus.glob(f"s{i}-*.txt")), as_of=AS_OF, background=False).report for i in range(4)]

    def strip(f: object) -> str:
        return f.model_copy(update={"component": None}).model_dump_json()  # type: ignore[attr-defined]

    assert sorted(strip(f) for f in whole.findings if f.kind != "inconclusive") == sorted(
        strip(f) for r in apart for f in r.findings
    )
    assert [e.id for e in whole.events] == sorted(e.id for r in apart for e in r.events)
    assert whole.status.value == "contradiction"


def test_same_report_bytes_in_process_and_in_a_pool(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c", {0: 4})
    one = audit([corpus], as_of=AS_OF, executor=InProcess())
    pool = ProcessPool(2)
    two = audit([corpus], as_of=AS_OF, executor=pool)
    assert _json(one) == _json(two)
    assert render(one.report, Format.SARIF, one.factset) == render(two.report, Format.SARIF, two.factset)


def test_dask_local_cluster_gives_the_same_report(tmp_path: Path) -> None:
    pytest.importorskip("distributed", reason="the Dask executor needs the 'dask' extra")
    from factcheck.runtime.executor import DaskExecutor

    corpus = write_corpus(tmp_path / "c", {3: -1})
    local = audit([corpus], as_of=AS_OF, background=False)
    dask = DaskExecutor(local_workers=2)
    try:
        remote = audit([corpus], as_of=AS_OF, background=False, executor=dask)
    finally:
        dask.close()
    assert remote.info.executor == "dask"
    assert _json(local) == _json(remote)
    dask = DaskExecutor(local_workers=2)
    try:
        lines, _ = _stream([corpus], background=False, executor=dask)
    finally:
        dask.close()
    assert lines == _stream([corpus], background=False)[0]


def test_cli_dask_local_and_jobs_agree(tmp_path: Path) -> None:
    pytest.importorskip("distributed", reason="the Dask executor needs the 'dask' extra")
    corpus = write_corpus(tmp_path / "c", {1: 5})
    exe = Path(sys.executable).parent / "factcheck"
    base = [str(exe), "audit", str(corpus), "--as-of", str(AS_OF), "--format", "json",
            "--isolated"]  # fmt: skip
    pool = subprocess.run([*base, "-j", "2"], capture_output=True, text=True, timeout=300)
    dask = subprocess.run([*base, "--dask-local", "2"], capture_output=True, text=True, timeout=300)
    assert pool.returncode == dask.returncode == 1, (pool.stderr, dask.stderr)
    assert pool.stdout == dask.stdout


def test_unreachable_scheduler_is_bad_input(tmp_path: Path) -> None:
    pytest.importorskip("distributed", reason="the Dask executor needs the 'dask' extra")
    corpus = write_corpus(tmp_path / "c")
    r = CliRunner().invoke(cli, ["audit", str(corpus), "--scheduler", "tcp://127.0.0.1:9", "--isolated"])
    assert r.exit_code == 2, r.output
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in r.output


def test_re_audit_after_one_change_redoes_only_that_story(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c")
    cache = tmp_path / "cache"
    first = audit([corpus], as_of=AS_OF, cache_dir=cache)
    assert first.info.articles_read == 12 and first.info.stories_checked == 4
    again = audit([corpus], as_of=AS_OF, cache_dir=cache)
    assert again.info.articles_read == 0 and again.info.stories_checked == 0
    assert _json(again) == _json(first)
    write_corpus(corpus, {2: 6})  # story 2's third article now misdates the second round
    changed = audit([corpus], as_of=AS_OF, cache_dir=cache)
    assert changed.info.articles_read == 1 and changed.info.stories_checked == 1
    fresh = audit([corpus], as_of=AS_OF)
    assert _json(changed) == _json(fresh)
    assert changed.report.status.value == "contradiction"


def test_a_corrupt_cache_is_rebuilt_and_never_changes_the_result(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c", {0: 2})
    cache = tmp_path / "cache"
    expected = _json(audit([corpus], as_of=AS_OF))
    audit([corpus], as_of=AS_OF, cache_dir=cache)
    # A value tampered with behind the cache's back fails its checksum: recomputed.
    db = sqlite3.connect(cache / "cache.sqlite")
    rows = db.execute("SELECT key, value FROM entries").fetchall()
    for key, value in rows:
        data = json.loads(value)
        if isinstance(data, dict) and "report" in data:
            data["report"]["findings"] = []
            db.execute("UPDATE entries SET value=? WHERE key=?", (json.dumps(data), key))
    db.commit()
    db.close()
    tampered = audit([corpus], as_of=AS_OF, cache_dir=cache)
    assert tampered.info.stories_checked == 4
    assert _json(tampered) == expected
    # A file that is not a database at all is discarded and rebuilt.
    (cache / "cache.sqlite").write_bytes(b"not a database" * 100)
    rebuilt = audit([corpus], as_of=AS_OF, cache_dir=cache)
    assert rebuilt.info.cache_rebuilt and _json(rebuilt) == expected


def test_a_changed_rule_pack_invalidates_cached_reads(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c")
    cache = tmp_path / "cache"
    audit([corpus], as_of=AS_OF, cache_dir=cache)
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "extra.yaml").write_text(
        "pack: extra\nrules:\n  - id: duration-fortnight\n    pattern: a\\s+fortnight\n    type: DURATION\n"
        "    value: P2W\n    examples:\n      - text: 'It took a fortnight.'\n"
        "        expect: {text: 'a fortnight', value: P2W}\n    negatives:\n      - 'It took a week.'\n",
        encoding="utf-8",
    )
    r = audit([corpus], as_of=AS_OF, cache_dir=cache, rules=[rules])
    assert r.info.articles_read == 12


def test_partition_follows_the_linker_keys() -> None:
    kinds = {"talks"}
    ev = lambda i, parts, loc=None: {"id": i, "kind": "talks", "participants": parts,  # noqa: E731
                                     **({"location": loc} if loc else {})}  # fmt: skip
    keys = {
        "a": doc_keys([ev("a:talks", ["Russia", "Ukraine"], "Istanbul")], kinds, []),
        "b": doc_keys([ev("b:talks", ["Russia", "Turkey", "Ukraine"], "Istanbul")], kinds, []),
        "c": doc_keys([ev("c:talks", ["Russia", "Ukraine"], "Geneva")], kinds, []),
        "d": doc_keys([ev("d:talks", ["China", "India"], "Geneva")], kinds, []),
        "e": doc_keys([], kinds, []),
    }
    assert partition(keys) == [["a", "b"], ["c"], ["d"], ["e"]]
    # An event naming no place may be any of the pair's meetings: it joins them all.
    keys["f"] = doc_keys([ev("f:talks", ["Russia", "Ukraine"])], kinds, [])
    assert partition(keys) == [["a", "b", "c", "f"], ["d"], ["e"]]
    # Articles that may refer to one background event are one story.
    bg = [{"id": "bg-x", "kind": "talks", "participants": ["China"]}]
    keys["g"] = doc_keys([ev("g:talks", ["China"], "Doha")], kinds, bg)
    keys["d"] = doc_keys([ev("d:talks", ["China", "India"], "Geneva")], kinds, bg)
    assert ["d", "g"] in partition(keys)
    # Curated facts tie the articles they name into the curated story, which comes first.
    assert partition(keys, {"e"})[0] == [CURATED, "e"]
    assert partition({"x": []}, set()) == [[CURATED], ["x"]]


def test_windowed_keeps_a_bounded_number_of_batches_in_flight() -> None:
    taken = itertools.count()
    submitted: list[int] = []

    def items() -> itertools.count[int]:
        return taken

    def submit(batch: list[int]) -> list[int]:
        submitted.append(batch[-1])
        return batch

    gen = _windowed(submit, lambda b: b, itertools.islice(items(), 10_000), window=3)
    assert next(gen) == 0
    assert len(submitted) == 3 and submitted[-1] < 3 * BATCH
    assert sum(1 for _ in gen) == 9_999


def test_cli_cache_and_jobs_give_the_same_bytes(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c", {0: 3})
    args = ["audit", str(corpus), "--as-of", str(AS_OF), "--format", "json", "--isolated"]
    plain = CliRunner().invoke(cli, [*args, "-j", "1"])
    cached = [CliRunner().invoke(cli, [*args, "-j", "2", "--cache", str(tmp_path / "cache")]) for _ in range(2)]
    assert plain.exit_code == 1 and all(r.exit_code == 1 for r in cached), plain.output
    assert plain.stdout == cached[0].stdout == cached[1].stdout
    assert (tmp_path / "cache" / "cache.sqlite").is_file()
    both = CliRunner().invoke(cli, [*args, "--dask-local", "2", "--scheduler", "tcp://127.0.0.1:9"])
    assert both.exit_code == 2 and "exclude each other" in both.output


def _stream(paths: list[Path], **kw: object) -> tuple[str, object]:
    lines: list[str] = []
    result = audit(paths, as_of=AS_OF, sink=lines.append, **kw)  # type: ignore[arg-type]
    return "".join(lines), result


def test_json_lines_hold_what_the_merged_report_holds(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c", {1: 4, 3: -2})
    merged = audit([corpus], as_of=AS_OF).report
    text, result = _stream([corpus])
    *stories, last = [json.loads(line) for line in text.splitlines()]
    assert last["summary"]["status"] == merged.status.value and last["summary"]["stats"] == merged.stats
    assert last["summary"]["files"] == {"audited": 12, "warnings": 0, "skipped": 0, "failed": 0}
    assert [s["story"] for s in stories] == list(range(len(stories))) == list(range(merged.stats["stories"]))
    summary = result.report  # type: ignore[attr-defined]
    assert summary.status == merged.status and summary.stats == merged.stats
    assert not summary.findings and not summary.events and not summary.documents

    def key(f: dict[str, object]) -> str:  # components are numbered within a story in the lines
        return json.dumps({k: v for k, v in f.items() if k != "component"}, sort_keys=True)

    ours = sorted(key(f) for s in stories for f in s["findings"] if f["kind"] != "inconclusive")
    theirs = sorted(key(finding_data(f)) for f in merged.findings if f.kind != "inconclusive")  # with its message
    assert ours == theirs and any('"contradiction"' in k for k in ours)
    assert sorted({e["id"] for s in stories for e in s["events"]}) == [e.id for e in merged.events]
    assert sorted({d["id"] for s in stories for d in s["documents"]}) == [d.id for d in merged.documents]
    flagged = {
        src["doc"] for s in stories for f in s["findings"] if f["kind"] == "contradiction" for src in f["sources"]
    }
    assert flagged and all(d.startswith(("s1-", "s3-")) for d in flagged), flagged


def test_json_lines_are_the_same_bytes_whatever_runs_them_and_from_the_cache(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c", {2: 5})
    cache = tmp_path / "cache"
    one, _ = _stream([corpus], executor=InProcess())
    two, _ = _stream([corpus], executor=ProcessPool(2), cache_dir=cache)
    again, r = _stream([corpus], executor=ProcessPool(2), cache_dir=cache)
    assert one == two == again
    assert r.info.stories_checked == 0 and r.info.articles_read == 0  # type: ignore[attr-defined]
    write_corpus(corpus, {2: 5, 0: 3})
    changed, r = _stream([corpus], cache_dir=cache)
    assert r.info.stories_checked == 1 and r.info.articles_read == 1  # type: ignore[attr-defined]
    assert changed == _stream([corpus])[0] != one


def test_the_line_writer_keeps_only_sums() -> None:
    from factcheck.auditing.lines import LineWriter

    out: list[str] = []
    w = LineWriter(out.append)
    for status in ("consistent", "contradiction", "inconclusive"):
        w.add({"line": f'{{"status":"{status}","findings":[1,2,3]}}', "status": status, "stats": {"facts": 2}})
    report, fs = w.finish(AS_OF)
    assert out == ['{"story":0,"status":"consistent","findings":[1,2,3]}\n',
                   '{"story":1,"status":"contradiction","findings":[1,2,3]}\n',
                   '{"story":2,"status":"inconclusive","findings":[1,2,3]}\n']  # fmt: skip
    assert report.status.value == "contradiction" and report.stats == {"facts": 6, "stories": 3}
    assert not fs.facts and set(vars(w)) == {"write", "status", "stats", "counts", "parts"}


def test_cli_json_lines_stream_to_a_file_and_exit_by_status(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c", {0: 3})
    out = tmp_path / "out" / "audit.jsonl"
    args = ["audit", str(corpus), "--as-of", str(AS_OF), "--format", "jsonl", "--isolated", "-j", "2"]
    r = CliRunner().invoke(cli, [*args, "-o", str(out)])
    assert r.exit_code == 1, r.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(x).get("story") for x in lines[:-1]] == [0, 1, 2, 3]
    summary = json.loads(lines[-1])["summary"]
    assert summary["status"] == "contradiction" and summary["stats"]["stories"] == 4
    assert summary["files"] == {"audited": 12, "warnings": 0, "skipped": 0, "failed": 0}
    assert [p.name for p in out.parent.iterdir()] == ["audit.jsonl"]  # no temporary file left
    fine = write_corpus(tmp_path / "ok")
    ok = CliRunner().invoke(cli, ["audit", str(fine), "--as-of", str(AS_OF), "--format", "jsonl", "--isolated"])
    assert ok.exit_code == 0 and json.loads(ok.stdout.splitlines()[-1])["summary"]["status"] == "consistent"
