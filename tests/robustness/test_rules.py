"""Rule packs: catastrophic patterns are refused on load; matching time per article is bounded."""

from __future__ import annotations

import json
import multiprocessing
import shutil
from pathlib import Path

from click.testing import CliRunner

from factcheck.cli import cli
from tests.robustness.mutations import CORPUS, USER_PACK

AS_OF = "2026-11-22"
GOOD = sorted(CORPUS.glob("*.txt"))[4]
# Passes the load-time probe (it only starts at a rare word) yet takes exponential time on "zzslow xxxx…!".
SLOW = USER_PACK.replace(r"the\s+(?P<feast>Ides)\s+of\s+(?P<month>{Month})", r"zzslow(?:\s*(?:x|xx)+)+\.")
assert "zzslow" in SLOW
SLOW = SLOW.replace('value: "{near_year(month, feast)}-{month:02}-{feast:02}"', 'value: "2025-03-15"')


def test_a_user_pack_that_backtracks_is_refused(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    body = USER_PACK.replace(r"the\s+(?P<feast>Ides)", r"(?:a+)+b(?P<feast>Ides)")
    assert body != USER_PACK
    (rules / "p.yaml").write_text(body, encoding="utf-8")
    shutil.copy(GOOD, tmp_path / "a.txt")
    r = CliRunner().invoke(cli, ["audit", str(tmp_path / "a.txt"), "--no-background", "--rules", str(rules)])
    assert r.exit_code == 2, r.output
    assert f"{rules / 'p.yaml'}:6:5: rule date-ides: pattern backtracks catastrophically" in r.output
    assert "Traceback" not in r.output


def test_an_article_over_its_matching_budget_fails_and_the_rest_go_on(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "p.yaml").write_text(SLOW, encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(GOOD, corpus / "good.txt")
    (corpus / "slow.txt").write_text("It began on March 3, 2025: zzslow " + "x" * 80 + "!\n", encoding="utf-8")
    cfg = tmp_path / "factcheck.toml"
    cfg.write_text("match_timeout = 0.5\n", encoding="utf-8")
    args = ["audit", str(corpus), "--no-background", "--as-of", AS_OF, "--format", "json", "--rules", str(rules)]
    r = CliRunner().invoke(cli, [*args, "--config", str(cfg)])
    assert r.exit_code == 0, r.output
    files = json.loads(r.stdout)["files"]
    assert files["audited"] == [str(corpus / "good.txt")]
    assert files["failed"] == [
        {
            "path": str(corpus / "slow.txt"),
            "reason": "matching took longer than 0.5s (match_timeout); document not read",
        }
    ]
    assert f"{corpus / 'slow.txt'}: failed: matching took longer than 0.5s" in r.stderr
    # the flag wins over the configuration
    r = CliRunner().invoke(cli, [*args, "--config", str(cfg), "--match-timeout", "0.25"])
    assert "longer than 0.25s" in json.loads(r.stdout)["files"]["failed"][0]["reason"]


def test_extract_reports_the_article_over_budget(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "p.yaml").write_text(SLOW, encoding="utf-8")
    (tmp_path / "factcheck.toml").write_text("match_timeout = 0.25\n", encoding="utf-8")
    slow = tmp_path / "slow.txt"
    slow.write_text("zzslow " + "x" * 80 + "!\n", encoding="utf-8")
    shutil.copy(GOOD, tmp_path / "good.txt")
    import os

    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        r = CliRunner().invoke(cli, ["extract", "slow.txt", "good.txt", "--rules", "rules"])
    finally:
        os.chdir(cwd)
    assert r.exit_code == 0, r.output
    assert "slow.txt: failed: matching took longer than 0.25s" in r.stderr
    assert "from 1 articles" in r.stderr and "doc: good" in r.stdout


def _probe_in_daemon(out: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    from factcheck.dates.lint import backtracks

    out.put((backtracks(r"(a|aa)+$", 0), backtracks(r"(?:\d+\s+)?days", 0)))


def test_the_backtracking_probe_works_inside_a_daemonic_worker() -> None:
    # a pool's workers may not start processes; the probe then times out in-process
    ctx = multiprocessing.get_context("fork")
    q = ctx.Queue()
    p = ctx.Process(target=_probe_in_daemon, args=(q,), daemon=True)
    p.start()
    slow, fast = q.get(timeout=60)
    p.join()
    assert slow is not None and fast is None


def test_a_template_calling_a_function_with_too_many_arguments_skips_the_match(tmp_path: Path) -> None:
    # found by benchmarks/fuzz.py: this crashed with a TypeError
    rules = tmp_path / "rules"
    rules.mkdir()
    pack = USER_PACK.replace('value: "{weekday(weekday)}"', 'value: "{weekday(weekday, weekday)}"')
    assert pack != USER_PACK
    (rules / "p.yaml").write_text(pack, encoding="utf-8")
    (tmp_path / "a.txt").write_text("A Monday feast was held.\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["extract", str(tmp_path / "a.txt"), "--rules", str(rules)])
    assert r.exit_code == 0 and "Traceback" not in r.output
