"""The YAML form of records: reading it with lines for errors, and writing it.

Loading checks the file fully and raises :class:`~plangraph.errors.RecordsError` naming the
file, line and field of the first problem; nothing downstream ever sees half-valid records.

Records files come from people and other programs, so the reader takes plain YAML only: no
anchors or aliases (one alias can multiply a file's work many times over), no merge keys, no
tags beyond YAML's own, nesting at most :data:`MAX_DEPTH` deep, whole numbers of at most 18
digits, decimals within 10^±24, text without NUL characters or lone surrogates. Whatever else
is wrong is still an error naming the file and line, never a traceback.
"""

from __future__ import annotations

import types
import typing
from dataclasses import MISSING, fields
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal, TypeVar, get_args, get_origin

import yaml

from plangraph.errors import RecordsError
from plangraph.records.model import FORMAT, Records, Span, type_hints

__all__ = ["MAX_BYTES", "MAX_DEPTH", "dump_records", "load_records", "parse_records"]

T = TypeVar("T")

MAX_BYTES = 20 * 1024 * 1024
"""A records file is a few hundred kilobytes; one past this is refused while it is read."""

MAX_DEPTH = 32
"""Records nest five levels deep; a file nested deeper than this is refused as it is read."""

_MAX_INT = 10**18
_MAX_EXPONENT = 24
_MERGE = "tag:yaml.org,2002:merge"


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader, composing bounded documents only (see the module's description)."""

    def __init__(self, text: str, path: str) -> None:
        self.path = path
        self.depth = 0
        super().__init__(text)

    def refuse(self, mark: Any, message: str) -> typing.NoReturn:
        line = mark.line + 1 if mark is not None else None
        column = mark.column + 1 if mark is not None else None
        raise RecordsError(message, path=self.path, line=line, column=column)

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            self.refuse(event.start_mark, f"an alias (*{event.anchor}); write the value out")
        if getattr(event, "anchor", None) is not None:
            anchor = event.anchor
            self.refuse(event.start_mark, f"an anchor (&{anchor}); records take plain YAML")
        self.depth += 1
        if self.depth > MAX_DEPTH:
            self.refuse(event.start_mark, f"nested more than {MAX_DEPTH} levels deep")
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _Reader:
    """Turns composed YAML nodes into dataclasses, keeping each node's line for errors."""

    def __init__(self, path: str, loader: yaml.SafeLoader) -> None:
        self.path = path
        self.loader = loader

    def fail(self, node: yaml.Node | None, where: str, message: str) -> typing.NoReturn:
        line = node.start_mark.line + 1 if node is not None else None
        column = node.start_mark.column + 1 if node is not None else None
        raise RecordsError(message, path=self.path, line=line, column=column, field=where or None)

    def construct(self, node: yaml.Node, where: str) -> Any:
        """The value of a scalar node, or an error at its line for one YAML cannot make."""
        if node.tag == _MERGE:
            self.fail(node, where, "a merge key (<<); records take plain YAML")
        try:
            value = self.loader.construct_object(node)
        except yaml.MarkedYAMLError as exc:
            self.fail(node, where, f"cannot read this value: {exc.problem or exc.context}")
        except (ValueError, OverflowError) as exc:  # e.g. a whole number of 5000 digits
            reason = str(exc).split(";")[0][:120]
            self.fail(node, where, f"cannot read this value: {reason}")
        if isinstance(value, str):
            bad = next((c for c in value if c == "\x00" or "\ud800" <= c <= "\udfff"), None)
            if bad is not None:
                what = "a NUL character" if bad == "\x00" else f"a lone surrogate U+{ord(bad):04X}"
                self.fail(node, where, f"{what} in the text; expected Unicode characters")
        elif isinstance(value, int) and not isinstance(value, bool) and abs(value) >= _MAX_INT:
            self.fail(node, where, "a whole number of more than 18 digits")
        return value

    def scalar(self, node: yaml.Node, where: str) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            self.fail(node, where, "expected a single value, found a list or mapping")
        return self.construct(node, where)

    def convert(self, node: yaml.Node, hint: Any, where: str) -> Any:
        origin = get_origin(hint)
        if origin in (typing.Union, types.UnionType):
            options = [a for a in get_args(hint) if a is not type(None)]
            if isinstance(node, yaml.ScalarNode) and self.construct(node, where) is None:
                return None
            return self.convert(node, options[0], where)
        if origin is list:
            if not isinstance(node, yaml.SequenceNode):
                self.fail(node, where, "expected a list")
            (item,) = get_args(hint)
            return [self.convert(n, item, f"{where}[{i}]") for i, n in enumerate(node.value)]
        if origin is Literal:
            value = self.scalar(node, where)
            if value not in get_args(hint):
                allowed = ", ".join(map(str, get_args(hint)))
                self.fail(node, where, f"expected one of {allowed}, found {value!r}")
            return value
        if hint is Span and isinstance(node, yaml.SequenceNode):
            # [start, end, quote] is accepted as a short form of {start, end, quote}
            values = [self.scalar(n, where) for n in node.value]
            if len(values) != 3:
                self.fail(node, where, "expected {start, end, quote} or [start, end, quote]")
            return self.instance(
                Span, node, where, dict(zip(("start", "end", "quote"), values, strict=True))
            )
        if isinstance(hint, type) and hasattr(hint, "__dataclass_fields__"):
            return self.dataclass(node, hint, where)
        value = self.scalar(node, where)
        return self.check_scalar(node, hint, value, where)

    def check_scalar(self, node: yaml.Node, hint: Any, value: Any, where: str) -> Any:
        if hint is bool:
            if not isinstance(value, bool):
                self.fail(node, where, f"expected true or false, found {value!r}")
            return value
        if hint is int:
            if isinstance(value, bool) or not isinstance(value, int):
                self.fail(node, where, f"expected a whole number, found {value!r}")
            return value
        if hint is Decimal:
            if isinstance(value, bool) or not isinstance(value, int | float | str):
                self.fail(node, where, f"expected a number, found {value!r}")
            try:
                number = Decimal(str(value))
            except InvalidOperation:
                self.fail(node, where, f"expected a number, found {value!r}")
            if not number.is_finite():
                self.fail(node, where, f"expected a finite number, found {value!r}")
            shape = number.as_tuple()
            if (
                (number and abs(number.adjusted()) > _MAX_EXPONENT)
                or abs(int(shape.exponent)) > 2 * _MAX_EXPONENT
                or len(shape.digits) > 40
            ):
                self.fail(
                    node, where, f"expected a number within 10^±{_MAX_EXPONENT}, found {value!r}"
                )
            return number
        if hint is str:
            if not isinstance(value, str):
                hint_text = " (quote it)" if isinstance(value, int | float) else ""
                self.fail(node, where, f"expected text, found {value!r}{hint_text}")
            return value
        raise TypeError(f"no conversion for {hint!r}")  # a bug in the model, not in the input

    def dataclass(self, node: yaml.Node, cls: type[T], where: str) -> T:
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, where, f"expected a mapping of {cls.__name__} fields")
        values: dict[str, Any] = {}
        hints = type_hints(cls)
        for key_node, value_node in node.value:
            key = self.scalar(key_node, where)
            name = f"{where}.{key}" if where else str(key)
            if key not in hints:
                known = ", ".join(f.name for f in fields(cls))  # type: ignore[arg-type]
                self.fail(key_node, name, f"unknown field (expected one of: {known})")
            if key in values:
                self.fail(key_node, name, "field given twice")
            values[key] = (self.convert(value_node, hints[key], name), value_node)
        return self.instance(cls, node, where, values, nodes=True)

    def instance(
        self, cls: type[T], node: yaml.Node, where: str, values: dict[str, Any], nodes: bool = False
    ) -> T:
        plain = {k: v[0] for k, v in values.items()} if nodes else values
        for f in fields(cls):  # type: ignore[arg-type]
            required = f.default is MISSING and f.default_factory is MISSING
            if required and f.name not in plain:
                prefix = f"{where}." if where else ""
                self.fail(node, f"{prefix}{f.name}", "missing field")
        if cls is Span:
            for key, kind in (("start", int), ("end", int), ("quote", str)):
                if not isinstance(plain.get(key), kind) or isinstance(plain.get(key), bool):
                    self.fail(node, f"{where}.{key}", f"expected {kind.__name__}")
        obj = cls(**plain)
        # Kept outside the fields so that it never reaches the YAML or equality.
        object.__setattr__(obj, "_line", node.start_mark.line + 1)
        return obj


def parse_records(text: str, path: str = "<records>") -> Records:
    """Records from YAML text. Only the form is checked here; see :func:`load_records`."""
    try:
        loader = _Loader(text, path)
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (a NUL, a C0 code)
        at_line = text.count("\n", 0, exc.position) + 1
        at_column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        character = exc.character
        raise RecordsError(
            f"the character U+{character:04X} is not allowed in YAML"
            if isinstance(character, int)
            else "a character not allowed in YAML",
            path=path,
            line=at_line,
            column=at_column,
        ) from None
    try:
        try:
            root = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else None
            column = mark.column + 1 if mark else None
            problem = exc.problem or exc.context or "not valid YAML"
            raise RecordsError(
                f"YAML syntax error: {problem}", path=path, line=line, column=column
            ) from None
        except yaml.YAMLError as exc:
            raise RecordsError(f"YAML syntax error: {exc}", path=path) from None
        if root is None:
            raise RecordsError("the file is empty; expected a records mapping", path=path, line=1)
        reader = _Reader(path, loader)
        records = reader.dataclass(root, Records, "")
    finally:
        loader.dispose()
    if records.format != FORMAT:
        raise RecordsError(
            f"expected {FORMAT!r}, found {records.format!r}", path=path, line=1, field="format"
        )
    return records


def load_records(
    path: str | Path, *, source_dirs: typing.Sequence[str | Path] = (), strict_source: bool = False
) -> Records:
    """Read and fully check a records file.

    Besides the form, checks references between records, region codes against the gazetteer,
    units and industries against the vocabularies, and evidence spans against the source text
    when it is found (beside the records file or in one of ``source_dirs``); with
    ``strict_source`` a missing source text is an error too.
    """
    from plangraph._files import read_limited
    from plangraph.records.checks import check_records

    path = Path(path)
    raw = read_limited(path, MAX_BYTES, error=RecordsError, what="records file (.yaml)")
    if not raw.strip():
        raise RecordsError("the file is empty; expected a records mapping", path=path, line=1)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RecordsError(
            f"not UTF-8 at byte {exc.start}; records files are UTF-8", path=path
        ) from None
    records = parse_records(text, str(path))
    check_records(records, str(path), [path.parent, *map(Path, source_dirs)], strict_source)
    return records


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True  # the reader takes no aliases: a value used twice is written twice


def _represent_span(dumper: yaml.SafeDumper, span: Span) -> yaml.Node:
    items = {"start": span.start, "end": span.end, "quote": span.quote}
    return dumper.represent_mapping("tag:yaml.org,2002:map", items, flow_style=True)


def _represent_decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.Node:
    if value == value.to_integral_value():
        return dumper.represent_int(int(value))
    return dumper.represent_float(float(value))


_Dumper.add_representer(Span, _represent_span)


_Dumper.add_representer(Decimal, _represent_decimal)


def _plain(obj: Any) -> Any:
    """A dataclass as a dict without fields left at their defaults (keeps files short)."""
    if isinstance(obj, Span):
        return obj
    if hasattr(obj, "__dataclass_fields__"):
        out: dict[str, Any] = {}
        for f in fields(obj):
            value = getattr(obj, f.name)
            default = f.default_factory() if f.default_factory is not MISSING else f.default
            if f.default is MISSING and f.default_factory is MISSING or value != default:
                out[f.name] = _plain(value)
        return out
    if isinstance(obj, list):
        return [_plain(v) for v in obj]
    return obj


def dump_records(records: Records) -> str:
    """The YAML form of ``records``; :func:`parse_records` reads it back to equal records."""
    return yaml.dump(
        _plain(records), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100
    )
