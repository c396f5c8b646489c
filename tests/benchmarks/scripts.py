"""Load a script of ``benchmarks/`` as a module, so its scoring and reading can be tested."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def load_script(filename: str) -> ModuleType:
    """The module of ``benchmarks/<filename>``, registered under a name of its own."""
    name = "bench_" + filename.removesuffix(".py") + "_under_test"
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / filename)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod
