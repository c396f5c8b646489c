"""Start-up: `factcheck --help` and `--version` import no solver, NLP pipeline or report model.

Each command's module is imported only when that command runs; the command list in the
top-level help comes from a table in `factcheck.cli`, checked here against the commands' help.
"""

import importlib
import inspect
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from factcheck import cli as cli_module

# Run in a fresh interpreter: the command line's arguments, then the top-level packages imported.
_PROBE = """
import json, sys
from factcheck.cli import main
sys.argv = ["factcheck", *json.loads(sys.argv[1])]
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""

# What no command needs before it runs: the solver, the NLP stack, the models and their
# validation, the reports and the readers.
HEAVY = ("z3", "spacy", "pydantic", "rich", "yaml", "regex", "thinc", "numpy")
HEAVY_OURS = ("factcheck.model", "factcheck.report", "factcheck.engine", "factcheck.extract", "factcheck.dates",
              "factcheck.auditing", "factcheck.api", "factcheck.facts")  # fmt: skip


def imported(*args: str) -> list[str]:
    p = subprocess.run([sys.executable, "-c", _PROBE, json.dumps(list(args))], capture_output=True, text=True,
                       timeout=120, check=True)  # fmt: skip
    return json.loads(p.stderr.strip().splitlines()[-1])  # type: ignore[no-any-return]


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["-h"]])
def test_top_level_help_and_version_import_nothing_heavy(args: list[str]) -> None:
    modules = imported(*args)
    heavy = [m for m in modules if m.split(".")[0] in HEAVY or m.startswith(HEAVY_OURS)]
    assert heavy == []
    assert not [m for m in modules if m.startswith("factcheck.cli.")]  # no command module either


def test_a_command_imports_its_own_module_only() -> None:
    modules = imported("timeml", "--help")
    assert "factcheck.cli.timeml" in modules
    assert not {"factcheck.cli.audit", "factcheck.cli.check", "factcheck.cli.extract"} & set(modules)
    assert not [m for m in modules if m.split(".")[0] in ("z3", "spacy")]


def test_the_command_table_matches_each_commands_help() -> None:
    table = cli_module._COMMANDS
    for name, (module, summary) in table.items():
        command = cli_module.cli.get_command(click.Context(cli_module.cli), name)
        assert command is not None and command is getattr(importlib.import_module(module), name)
        assert command.help is not None
        first = inspect.cleandoc(command.help).split("\n\n")[0]
        assert " ".join(first.split()) == summary, name
        for limit in (20, 45, 74, 200):
            assert cli_module._short_help(summary, limit) == command.get_short_help_str(limit)
    assert set(cli_module.cli.commands) == set(table)  # every command is in the table


def test_top_level_help_lists_every_command_with_its_summary() -> None:
    r = CliRunner().invoke(cli_module.cli, ["--help"], terminal_width=200)
    assert r.exit_code == 0
    for name, (_, summary) in cli_module._COMMANDS.items():
        assert f"  {name}" in r.output and summary in r.output


def test_the_console_script_help_is_the_same_with_commands_loaded_or_not() -> None:
    exe = shutil.which("factcheck")
    assert exe, "the console script is installed with the package"
    env = {**os.environ, "COLUMNS": "80"}
    lazy = subprocess.run([exe, "--help"], capture_output=True, text=True, timeout=120, check=True, env=env).stdout
    load = "from factcheck.cli import cli\nfor name in cli.list_commands(None): cli.get_command(None, name)\n"
    loaded = subprocess.run([sys.executable, "-c", load + "from factcheck.cli import main\nmain()", "--help"],
                            capture_output=True, text=True, timeout=120, check=True, env=env).stdout  # fmt: skip
    assert lazy == loaded.replace("Usage: -c ", "Usage: factcheck ")


def test_timeml_tag_imports_the_date_reader_but_no_solver_report_or_model(tmp_path: Path) -> None:
    doc = tmp_path / "a.tml"
    doc.write_text(
        '<?xml version="1.0" ?>\n<TimeML>\n<DOCID>a</DOCID>\n<DCT><TIMEX3 tid="t0" type="DATE" value="2025-03-05"'
        ' temporalFunction="false" functionInDocument="CREATION_TIME">2025-03-05</TIMEX3></DCT>\n'
        "<TEXT>The talks resumed on Feb. 27, two days after the vote.</TEXT>\n</TimeML>\n",
        encoding="utf-8",
    )
    modules = imported("timeml", "tag", str(doc), "--out", str(tmp_path / "out"))
    assert "factcheck.dates.tagger" in modules
    assert 'value="2025-02-27">Feb. 27</TIMEX3>' in (tmp_path / "out" / "a.tml").read_text(encoding="utf-8")
    assert not [m for m in modules if m.split(".")[0] in ("z3", "spacy", "rich")]
    assert not [m for m in modules if m.startswith(("factcheck.model", "factcheck.report", "factcheck.engine"))]
    # One file is tagged in this process, read with expat alone: no worker pool, no element tree.
    assert not [m for m in modules if m.startswith(("multiprocessing", "concurrent", "xml.etree"))]


def test_timeml_check_of_consistent_links_loads_no_solver(tmp_path: Path) -> None:
    from tests.timeml.test_audit import tml

    modules = imported("timeml", "check", str(tml(tmp_path, "d", [("BEFORE", "ei1", "ei2"), ("BEFORE", "ei2", "t2")])))
    assert "factcheck.timeml.audit" in modules
    assert not [m for m in modules if m.split(".")[0] in ("z3", "spacy")]
    assert not {"factcheck.runtime.check", "factcheck.engine.diagnose", "multiprocessing"} & set(modules)
