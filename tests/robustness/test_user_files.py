"""User-written files: every problem at ``path:line:col``, all at once, exit 2, never a traceback; a bug exits 70."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli
from tests.robustness.mutations import CORPUS, USER_PACK

AS_OF = "2026-11-22"


def corpus(tmp_path: Path) -> Path:
    d = tmp_path / "corpus"
    d.mkdir()
    shutil.copy(sorted(CORPUS.glob("*.txt"))[4], d / "a.txt")
    return d


def invoke(args: list[str]) -> tuple[int, str]:
    r = CliRunner().invoke(cli, args)
    assert "Traceback" not in r.output
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    return r.exit_code, r.output


def test_manifest_errors_all_at_once_at_their_places(tmp_path: Path) -> None:
    d = corpus(tmp_path)
    (d / "corpus.yaml").write_text(
        "version: 1\n"
        "defaults:\n"
        "  published: 2025-02-30\n"
        "documents:\n"
        "  a:\n"
        "    retrieved: {earliest: 2025-05-01, latest: 2025-04-01}\n"
        "    colour: red\n",
        encoding="utf-8",
    )
    code, out = invoke(["audit", str(d), "--no-background", "--as-of", AS_OF])
    m = d / "corpus.yaml"
    assert code == 2, out
    assert f"{m}:3:14: defaults.published" in out and "day value is outside" in out
    assert f"{m}:6:16: documents.a.retrieved" in out and "before earliest" in out
    assert f"{m}:7:13: documents.a: unknown key 'colour'" in out


def test_manifest_yaml_syntax_error(tmp_path: Path) -> None:
    d = corpus(tmp_path)
    (d / "corpus.yaml").write_text("version: 1\ndocuments:\n  a: {title: [x\n", encoding="utf-8")
    code, out = invoke(["audit", str(d), "--no-background", "--as-of", AS_OF])
    assert code == 2 and f"{d / 'corpus.yaml'}:4:1: YAML syntax" in out, out


def test_rule_pack_errors_at_their_places(tmp_path: Path) -> None:
    d = corpus(tmp_path)
    rules = tmp_path / "rules"
    rules.mkdir()
    bad = USER_PACK.replace("    type: DATE\n", "    type: DAY\n", 1).replace(
        "    tense: past-unless-future\n", "    tense: someday\n"
    )
    (rules / "p.yaml").write_text(bad, encoding="utf-8")
    code, out = invoke(["audit", str(d), "--no-background", "--as-of", AS_OF, "--rules", str(rules)])
    assert code == 2, out
    assert f"{rules / 'p.yaml'}:9:11: rules.0.type" in out
    assert f"{rules / 'p.yaml'}:21:12: rules.1.tense" in out
    (rules / "p.yaml").write_text("pack: x\nrules:\n  - id: a\n   pattern: b\n", encoding="utf-8")
    code, out = invoke(["audit", str(d), "--no-background", "--as-of", AS_OF, "--rules", str(rules)])
    assert code == 2 and f"{rules / 'p.yaml'}:4:" in out and "YAML syntax" in out, out


def test_audit_reads_the_configuration_and_reports_its_errors(tmp_path: Path) -> None:
    d = corpus(tmp_path)
    cfg = tmp_path / "factcheck.toml"
    cfg.write_text("timeout = 0\nrlimitt = 5\nmatch_timeout = -1\n", encoding="utf-8")
    code, out = invoke(["audit", str(d), "--no-background", "--as-of", AS_OF, "--config", str(cfg)])
    assert code == 2, out
    assert f"{cfg}:1:1: timeout:" in out and f"{cfg}:2:1: unknown key 'rlimitt'" in out
    assert f"{cfg}:3:1: match_timeout:" in out
    pp = tmp_path / "pyproject.toml"
    pp.write_text('[project]\nname = "x"\n\n[tool.factcheck]\nrlimit = "lots"\n', encoding="utf-8")
    code, out = invoke(["audit", str(d), "--no-background", "--as-of", AS_OF, "--config", str(pp)])
    assert code == 2 and f"{pp}:5:1: rlimit:" in out, out


@pytest.mark.parametrize("target", ["fact set", "rule pack", "manifest"])
def test_python_tags_are_refused_and_never_run(tmp_path: Path, target: str) -> None:
    sentinel = tmp_path / "pwned"
    tag = f"!!python/object/apply:os.system ['touch {sentinel}']"
    d = corpus(tmp_path)
    if target == "fact set":
        f = tmp_path / "facts.yaml"
        f.write_text(f"version: 1\nfacts: {tag}\n", encoding="utf-8")
        args = ["check", "--isolated", str(f)]
    elif target == "rule pack":
        (tmp_path / "rules").mkdir()
        f = tmp_path / "rules" / "p.yaml"
        f.write_text(f"pack: x\nrules: {tag}\n", encoding="utf-8")
        args = ["audit", str(d), "--no-background", "--rules", str(tmp_path / "rules")]
    else:
        f = d / "corpus.yaml"
        f.write_text(f"version: 1\ndefaults: {tag}\n", encoding="utf-8")
        args = ["audit", str(d), "--no-background"]
    code, out = invoke(args)
    assert code == 2 and f"{f}:2:" in out and "python/object" in out, out
    assert not sentinel.exists()


def test_internal_bug_prints_a_short_crash_report_and_exits_70(monkeypatch: pytest.MonkeyPatch) -> None:
    import factcheck.cli.check as check_cli

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("an internal invariant failed")

    monkeypatch.setattr(check_cli, "api_check", broken)
    code, out = invoke(["check", "--isolated", "facts/background.yaml"])
    assert code == 70
    assert "factcheck 0.1.0 crashed: RuntimeError: an internal invariant failed" in out
    assert "command:" in out and "where:" in out and "in broken" in out
    assert len(out.splitlines()) <= 5
