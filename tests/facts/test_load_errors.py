"""Bad fact sets: every problem reported at once, at file:line:col, exit 2, no traceback."""

from pathlib import Path

from click.testing import CliRunner

from factcheck.cli import cli

BAD = """version: 1
documents:
  - {id: A}
  - {id: A}
events:
  - {id: e1, label: one}
facts:
  - {id: f1, kind: date, subject: e1, value: 2025-02-30}
  - {id: f2, kind: date, subject: nope, value: 2025-02-03}
  - {id: f3, kind: order, subject: e1, relation: sideways, anchor: e1}
  - {id: f4, kind: date, subject: e1, value: 2025-02-03, colour: red}
  - {id: f1, kind: date, subject: e1, value: 2025-02-04}
"""


def run(tmp_path: Path, text: str) -> tuple[int, str]:
    p = tmp_path / "facts.yaml"
    p.write_text(text, encoding="utf-8")
    r = CliRunner().invoke(cli, ["check", str(p)])
    return r.exit_code, r.output


def test_schema_errors_all_at_once_with_places(tmp_path: Path) -> None:
    code, out = run(tmp_path, BAD)
    assert code == 2
    assert "Traceback" not in out
    p = tmp_path / "facts.yaml"
    assert f"{p}:8:" in out and "day 30 does not exist in month 2" in out
    assert f"{p}:10:" in out and "relation" in out
    assert f"{p}:11:" in out and "unknown key 'colour'" in out


def test_reference_errors_all_at_once(tmp_path: Path) -> None:
    text = BAD.replace("value: 2025-02-30", "value: 2025-02-28").replace("relation: sideways", "relation: after")
    text = text.replace(", colour: red", "")
    code, out = run(tmp_path, text)
    assert code == 2
    p = tmp_path / "facts.yaml"
    assert f"{p}:4:" in out and "duplicate document id 'A'" in out
    assert f"{p}:9:" in out and "unknown event 'nope'" in out
    assert f"{p}:12:" in out and "duplicate fact id 'f1'" in out


def test_yaml_syntax_error_and_unsafe_tags(tmp_path: Path) -> None:
    code, out = run(tmp_path, "version: 1\nfacts: [\n  - {id: x\n")
    assert code == 2 and "YAML syntax" in out and "Traceback" not in out
    code, out = run(tmp_path, "version: 1\nfacts: !!python/object/apply:os.system ['echo pwned']\n")
    assert code == 2 and "pwned" not in out


def test_missing_path(tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["check", str(tmp_path / "nope.yaml")])
    assert r.exit_code == 2 and "no such file or folder" in r.output


def test_end_before_start(tmp_path: Path) -> None:
    code, out = run(
        tmp_path, "version: 1\ndocuments:\n  - id: A\n    published: {earliest: 2025-03-01, latest: 2025-02-01}\n"
    )
    assert code == 2 and ":4:" in out and "before earliest" in out


def test_schema_command_emits_json_schema() -> None:
    import json

    r = CliRunner().invoke(cli, ["schema", "facts"])
    assert r.exit_code == 0
    data = json.loads(r.output)
    assert data["additionalProperties"] is False
    assert "DateFact" in data["$defs"]
