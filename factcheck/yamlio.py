"""Safe YAML loading that remembers where every value was written.

Validation errors from pydantic carry a path of keys (``facts.3.value``); the loader keeps
each mapping's and sequence's marks so such a path becomes ``file:line:col``.  Timestamps
stay strings (pydantic parses them), so ``2025-02-27`` reads the same in every field.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from factcheck.errors import Diagnostic, UserError

if TYPE_CHECKING:
    import yaml
    from pydantic import BaseModel, ValidationError

# Pydantic is imported where a document is validated: reading a date pack from the cache
# (factcheck.dates.pack) parses and validates nothing, and so never imports it.
M = TypeVar("M", bound="BaseModel")


class MarkedDict(dict[Any, Any]):
    """A mapping with the line and column of itself and of each key's value."""

    mark: tuple[int, int] = (1, 1)
    marks: dict[Any, tuple[int, int]]


class MarkedList(list[Any]):
    """A sequence with the line and column of itself and of each item."""

    mark: tuple[int, int] = (1, 1)
    marks: list[tuple[int, int]]


def _pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _map(loader: yaml.SafeLoader, node: yaml.MappingNode) -> MarkedDict:
    import yaml

    out = MarkedDict()
    out.mark = _pos(node)
    out.marks = {}
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be a plain value", key_node.start_mark
            ) from None
        if key in out:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        out[key] = loader.construct_object(value_node, deep=True)
        out.marks[key] = _pos(value_node)
    return out


def _seq(loader: yaml.SafeLoader, node: yaml.SequenceNode) -> MarkedList:
    out = MarkedList(loader.construct_object(child, deep=True) for child in node.value)
    out.mark = _pos(node)
    out.marks = [_pos(child) for child in node.value]
    return out


@functools.cache
def _loaders() -> tuple[type[Any], type[Any]]:
    """The loaders: libyaml's parser where there is one, and the pure-Python one, with the same constructors.

    Made on first use, so that a run whose YAML files all come from a cache (the rule packs,
    ``factcheck.dates.pack``) does not import ``yaml``.
    """
    import yaml

    class _Loader(yaml.SafeLoader):
        """SafeLoader (no arbitrary tags) that records marks and leaves timestamps as text."""

    _Loader.yaml_implicit_resolvers = {
        k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
        for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    _Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _map)
    _Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _seq)
    if not getattr(yaml, "__with_libyaml__", False):
        return _Loader, _Loader

    # The same constructors and resolvers over libyaml's parser, about ten times as fast;
    # its nodes carry the same marks.
    class _CLoader(yaml.CSafeLoader):
        """libyaml's parser with the constructors and resolvers of ``_Loader``."""

    _CLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers
    _CLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _map)
    _CLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _seq)
    return _CLoader, _Loader


def parse_yaml(text: str, path: str) -> Any:
    """Parse YAML text safely; a syntax error becomes a UserError at its line and column."""
    import yaml

    fast, plain = _loaders()
    try:
        try:
            return yaml.load(text, Loader=fast)
        except yaml.YAMLError:
            if fast is plain:
                raise
        # Errors are reported as the pure-Python parser words them (the same on every machine).
        return yaml.load(text, Loader=plain)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        msg = " ".join(p for p in (exc.context, exc.problem) if p) or "invalid YAML"
        raise UserError(Diagnostic(path, line, col, f"YAML syntax: {msg}")) from None
    except yaml.YAMLError as exc:
        raise UserError(Diagnostic(path, 1, 1, f"YAML: {exc}")) from None


def read_text(path: Path) -> str:
    """Read a user file as UTF-8; an unreadable or undecodable file is a UserError."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise UserError(Diagnostic(str(path), 1, 1, f"not UTF-8 text ({exc.reason} at byte {exc.start})")) from None
    except OSError as exc:
        raise UserError(Diagnostic(str(path), 1, 1, f"cannot read: {exc.strerror or exc}")) from None


def locate(data: Any, loc: tuple[int | str, ...]) -> tuple[int, int, list[str]]:
    """Line, column and key path of the deepest value along a pydantic error location.

    Keys that are not in the file (union tags, model names) are left out of the path.
    """
    best = getattr(data, "mark", (1, 1))
    cur = data
    keys: list[str] = []
    for key in loc:
        if isinstance(cur, MarkedDict) and key in cur:
            best = cur.marks.get(key, best)
            cur = cur[key]
            keys.append(str(key))
        elif isinstance(cur, MarkedList) and isinstance(key, int) and 0 <= key < len(cur):
            best = cur.marks[key]
            cur = cur[key]
            keys.append(str(key))
    return best[0], best[1], keys


def diagnostics_from(exc: ValidationError, data: Any, path: str) -> list[Diagnostic]:
    """Every validation error of a document as a Diagnostic at its place."""
    out = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        line, col, keys = locate(data, loc)
        msg = err["msg"]
        if msg.startswith("Value error, "):
            msg = msg[len("Value error, ") :]
        if err["type"] == "extra_forbidden":
            msg = f"unknown key {loc[-1]!r}"
            keys = keys[:-1]
        elif err["type"] == "missing":
            msg = f"missing key {loc[-1]!r}"
        where = ".".join(keys)
        out.append(Diagnostic(path, line, col, f"{where}: {msg}" if where else msg))
    return out


def validate_data(data: Any, model: type[M], path: str) -> M:
    """Validate parsed YAML against a model, raising a UserError with every problem's place."""
    from pydantic import ValidationError

    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise UserError(diagnostics_from(exc, data, path)) from None


def load_yaml_model(path: Path, model: type[M]) -> M:
    """Read, parse and validate one YAML file."""
    text = read_text(path)
    data = parse_yaml(text, str(path))
    if data is None:
        data = {}
    return validate_data(data, model, str(path))
