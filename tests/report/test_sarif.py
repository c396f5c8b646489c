"""SARIF 2.1.0: schema-valid, every code a rule, locations from spans, stable fingerprints."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from factcheck.api import check
from factcheck.diagnostics import BY_CODE
from factcheck.report import render_sarif
from factcheck.report.locate import line_col
from tests.report.conftest import AS_OF, PERTURBED_MAX_CONFLICTS, ROOT, Case, copy_facts

SCHEMA_NAME = "sarif-schema-2.1.0.json"


def sarif_schema() -> dict[str, Any]:
    # ../shared/schemas/ next to the repository (or next to the main checkout of a worktree)
    for base in (ROOT, *ROOT.parents):
        path = base / ".." / "shared" / "schemas" / SCHEMA_NAME
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]
    pytest.skip(f"SARIF schema {SCHEMA_NAME} not found in ../shared/schemas/ above {ROOT}")


def validate(log: dict[str, Any]) -> None:
    import jsonschema

    schema = sarif_schema()
    cls = jsonschema.validators.validator_for(schema)
    errors = sorted(cls(schema).iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


@pytest.mark.parametrize("case", ["bundled", "perturbed"])
def test_sarif_is_schema_valid(case: str, request: pytest.FixtureRequest) -> None:
    c: Case = request.getfixturevalue(case)
    validate(json.loads(render_sarif(c.report, c.fs, cwd=c.cwd)))


def test_rules_list_every_finding_code(bundled: Case) -> None:
    log = json.loads(render_sarif(bundled.report, bundled.fs, cwd=bundled.cwd))
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(BY_CODE)
    for r in rules:
        c = BY_CODE[r["id"]]
        assert r["name"] == c.name
        assert r["shortDescription"]["text"] == c.short
        assert r["fullDescription"]["text"] == c.full
        assert r["help"]["text"] == c.help


def test_contradiction_results_point_at_their_quotes(perturbed: Case) -> None:
    log = json.loads(render_sarif(perturbed.report, perturbed.fs, cwd=perturbed.cwd))
    results = [r for r in log["runs"][0]["results"] if r["ruleId"] == "FC101"]
    assert results
    findings = [f for f in perturbed.report.findings if f.code == "FC101"]
    for res, f in zip(results, findings, strict=True):
        assert res["level"] == "error"
        locs = [res["locations"][0], *res.get("relatedLocations", [])]
        assert len(locs) == len(f.sources) >= 2
        # The result sits on the claim to retract; the other claims are related locations, in order.
        first = next(i for i, s in enumerate(f.sources) if s.fact in f.retract)
        ordered = [f.sources[first], *f.sources[:first], *f.sources[first + 1 :]]
        assert res["locations"][0]["message"]["text"].startswith(f"fact {ordered[0].fact}")
        assert ordered[0].fact in res["properties"]["retract"]
        assert [r["message"]["text"].split(":")[0] for r in res.get("relatedLocations", [])] == [
            f"fact {s.fact}" for s in ordered[1:]
        ]
        for loc, src in zip(locs, ordered, strict=True):
            phys = loc["physicalLocation"]
            uri = phys["artifactLocation"]["uri"]
            assert not uri.startswith("/") and uri.startswith("corpus/istanbul-2025/")
            text = perturbed.fs.texts[src.doc or ""]
            assert src.start is not None and src.end is not None
            line, col = line_col(text, src.start)
            end_line, end_col = line_col(text, src.end)
            assert phys["region"] == {"startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_col}
            # the region, read back from the file, is the quote
            lines = (perturbed.cwd / uri).read_text(encoding="utf-8").split("\n")
            if line == end_line:
                assert lines[line - 1][col - 1 : end_col - 1] == text[src.start : src.end]


def test_facts_without_text_point_at_their_fact_set_line(tmp_path: Path) -> None:
    (tmp_path / "f.yaml").write_text(
        "version: 1\nevents:\n  - {id: e, label: e}\nfacts:\n"
        "  - {id: a, kind: date, subject: e, value: '2025-01-01'}\n"
        "  - {id: b, kind: date, subject: e, value: '2025-01-02'}\n",
        encoding="utf-8",
    )
    report, fs = check([tmp_path / "f.yaml"], as_of=AS_OF)
    log = json.loads(render_sarif(report, fs, cwd=tmp_path))
    validate(log)
    (res,) = log["runs"][0]["results"]
    lines = sorted(
        loc["physicalLocation"]["region"]["startLine"] for loc in [*res["locations"], *res["relatedLocations"]]
    )
    assert lines == [5, 6]
    assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "f.yaml"


def test_fingerprints_do_not_depend_on_lines_or_places(perturbed: Case, tmp_path: Path) -> None:
    # the same facts moved down three lines and copied elsewhere: same fingerprints
    dest = copy_facts(tmp_path, perturb=True)
    yaml_path = dest / "facts" / "istanbul-2025.yaml"
    yaml_path.write_text("# moved\n# down\n# three lines\n" + yaml_path.read_text(encoding="utf-8"), encoding="utf-8")
    report, fs = check([dest / "facts"], as_of=AS_OF, max_conflicts=PERTURBED_MAX_CONFLICTS)
    a = json.loads(render_sarif(perturbed.report, perturbed.fs, cwd=perturbed.cwd))
    b = json.loads(render_sarif(report, fs, cwd=dest))
    fa = [r["partialFingerprints"] for r in a["runs"][0]["results"]]
    fb = [r["partialFingerprints"] for r in b["runs"][0]["results"]]
    assert fa == fb
    assert len({next(iter(x.values())) for x in fa}) == len(fa)  # and distinct per result


def test_uris_are_relative_to_cwd(bundled: Case) -> None:
    log = json.loads(render_sarif(bundled.report, bundled.fs, cwd=ROOT))
    for r in log["runs"][0]["results"]:
        for loc in [*r.get("locations", []), *r.get("relatedLocations", [])]:
            uri = loc["physicalLocation"]["artifactLocation"]["uri"]
            assert not Path(uri).is_absolute() and (ROOT / uri).is_file()


def test_artifact_uris_are_encoded() -> None:
    from factcheck.report.sarif import artifact_uri

    assert artifact_uri("corpus/a b#1.txt") == "corpus/a%20b%231.txt"
    assert artifact_uri("/abs/x.txt") == "file:///abs/x.txt"
