"""The engine: facts to z3, minimal conflicts, retractions, ranges and gaps."""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from factcheck.engine.check import CheckOptions, check

__all__ = ["CheckOptions", "check"]


class _Engine(types.ModuleType):
    """The package, whose ``check`` and ``CheckOptions`` load the fact-set engine on first use.

    A caller of one part (``factcheck.engine.tlinks`` for TimeML) then loads no more than
    that part.  ``check`` names the function, as it did when this package imported it
    eagerly: binding the submodule of the same name here, as the import system does once
    it has loaded it, is ignored.
    """

    @property
    def check(self) -> Any:
        """``factcheck.engine.check.check``."""
        return importlib.import_module("factcheck.engine.check").check

    @check.setter
    def check(self, value: Any) -> None:
        pass

    @property
    def CheckOptions(self) -> Any:
        """``factcheck.engine.check.CheckOptions``."""
        return importlib.import_module("factcheck.engine.check").CheckOptions


sys.modules[__name__].__class__ = _Engine
