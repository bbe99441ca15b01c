"""A strict, safe YAML reader that records the position of every key and value.

PyYAML composes the node graph (which carries marks); we build plain data from
it ourselves so that we can refuse tags, duplicate keys and alias bombs, and keep
positions that the JSON-schema stage maps its errors back to.
"""

from __future__ import annotations

import hashlib
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from deckgen.errors import Position, Problem, RecapError
from deckgen.load.document import DataPath, Document
from deckgen.text_rules import YAML_12_BOOL, YAML_12_FLOAT, YAML_12_INT, forbidden_kind

MAX_FILE_BYTES = 16_000_000  # a long team recap is ~50 KB
MAX_VALUES = 200_000  # bounds alias expansion ("billion laughs")
# bounds alias expansion of long strings (one long anchored string named many times),
# which MAX_VALUES does not: the characters of all strings, each alias counted again
MAX_CHARACTERS = 10_000_000
MAX_DEPTH = 64
MAX_DIGITS = 100  # a whole number longer than this is a mistake (Python refuses > 4300)

_YAML = "tag:yaml.org,2002:"
_STR, _SEQ, _MAP = _YAML + "str", _YAML + "seq", _YAML + "map"
_PLAIN_TAGS = {_YAML + t for t in ("str", "int", "float", "bool", "null", "timestamp")}


_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml parses 10x faster


# whether composing cannot overflow the C stack (see `_compose`)
_BOUNDED = hasattr(yaml, "CSafeLoader") and yaml._yaml.get_version() >= (0, 2, 5)


class _Loader(_Base):  # type: ignore[misc]
    """SafeLoader with YAML 1.2 core-schema scalars: only true/false are booleans (`off`
    and `NO` stay text) and numbers are plain decimals (`10:30` stays text, not 630)."""

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: tuple[bool, bool]) -> str:
        """The tag of a node written without one: `BaseResolver.resolve` for a loader with
        implicit resolvers by first character only and no path resolvers (this one), in a
        third of its time (libyaml's composer asks it for every node)."""
        if kind is not yaml.ScalarNode:
            return _MAP if kind is yaml.MappingNode else _SEQ
        if implicit[0]:  # a plain scalar: `true`, `12` and `~` are not text
            resolvers: list[tuple[str, re.Pattern[str]]] = self.yaml_implicit_resolvers.get(
                value[:1], []
            )
            for tag, pattern in resolvers:
                if pattern.match(value):
                    return tag
        return _STR


_YAML_12 = {
    "bool": (f"^(?:{YAML_12_BOOL})$", "tTfF"),
    "int": (f"^(?:{YAML_12_INT})$", "-+0123456789"),
    "float": (f"^(?:{YAML_12_FLOAT})$", "-+0123456789."),
}
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag[len(_YAML) :] not in _YAML_12]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _name, (_pattern, _first) in _YAML_12.items():
    _Loader.add_implicit_resolver(_YAML + _name, re.compile(_pattern), list(_first))


def read_yaml(path: Path, display: str | None = None) -> Document:
    """Read one YAML file into a `Document`; raise `RecapError` for any problem."""
    name = display or path.as_posix()
    text, digest = _read_text(path, name)
    try:
        node = _compose(text, name)
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow in a file
        pos = _char_pos(name, text, exc.position)
        raise RecapError([Problem(pos, f"{_character(chr(exc.character))}; remove it")]) from None
    except yaml.MarkedYAMLError as exc:
        raise RecapError([_syntax_problem(name, text, exc)]) from None
    except yaml.YAMLError as exc:
        raise RecapError([Problem(Position(name, 1, 1), f"invalid YAML: {exc}")]) from None
    except RecursionError:
        raise RecapError([Problem(Position(name, 1, 1), "nesting is too deep")]) from None
    if node is None:
        raise RecapError([Problem(Position(name, 1, 1), "the file is empty; expected a mapping")])
    builder = _Builder(name)
    resolved = path.resolve()
    doc = Document(None)
    doc.files.append(resolved)
    doc.sources[name], doc.digests[resolved] = resolved, digest
    try:
        doc.data = builder.build(node, (), doc, depth=0)
    except RecapError:
        _check_depth(text, name)  # too deep nesting is reported first, as when checked first
        raise
    if builder.problems or builder.deep:
        _check_depth(text, name)
    if builder.problems:
        raise RecapError(builder.problems)
    if not isinstance(doc.data, dict):
        raise RecapError([Problem(_pos(name, node.start_mark), "expected a mapping at the top")])
    return doc


def _compose(text: str, name: str) -> yaml.Node | None:
    """The node graph of `text`, or the error that checking its depth first would give.

    libyaml 0.2.5+ refuses nesting deeper than 1,000 levels, so its composer cannot
    overflow: the text is composed at once, and the depth pass (a second parse) runs only
    when something is wrong (an error, or a collection at deckgen's limit; see
    `read_yaml`), which gives every error as checking the depth first would."""
    if _BOUNDED:
        try:
            return yaml.compose(text, Loader=_Loader)
        except (yaml.YAMLError, RecursionError):
            pass
    _check_depth(text, name)
    return yaml.compose(text, Loader=_Loader)


def _check_depth(text: str, name: str) -> None:
    """Refuse deep nesting, at the first collection past the limit. Events come one at a
    time, so this pass cannot overflow; composing can, before libyaml 0.2.5 (its composer
    recurses in C and would crash the process on a file of a million `[`)."""
    try:
        _refuse_deep(yaml.parse(text, Loader=_Loader), name)
    except yaml.MarkedYAMLError as exc:
        if "nesting depth" not in (exc.problem or ""):
            raise
        # libyaml 0.2.5+ has a limit of its own (1,000 levels), which its scanner reaches
        # while it reads ahead of the events: find where deckgen's is passed with PyYAML's
        # own parser, which reads no further than that.
        _refuse_deep(yaml.parse(text, Loader=yaml.SafeLoader), name)
        raise


def _refuse_deep(events: Iterator[yaml.Event], name: str) -> None:
    """Raise at the first collection nested deeper than `MAX_DEPTH` among `events`."""
    depth = 0
    for event in events:
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                message = f"nesting deeper than {MAX_DEPTH} levels"
                raise RecapError([Problem(_pos(name, event.start_mark), message)])
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1


def _read_text(path: Path, name: str) -> tuple[str, str]:
    """The text of `path` and the SHA-256 (hex) of the bytes read."""
    try:
        mode = path.stat().st_mode
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):  # opening a pipe could block
            raise RecapError([Problem(Position(name), "is not a regular file")])
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise RecapError([Problem(Position(name), "no such file")]) from None
    except IsADirectoryError:
        raise RecapError([Problem(Position(name), "is a folder, not a file")]) from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
        reason = exc.strerror if isinstance(exc, OSError) else "not a valid file name"
        raise RecapError([Problem(Position(name), f"cannot read: {reason}")]) from None
    if len(raw) > MAX_FILE_BYTES:
        limit = f"{MAX_FILE_BYTES // 1_000_000} MB"
        raise RecapError([Problem(Position(name), f"file is larger than {limit}")])
    digest = hashlib.sha256(raw).hexdigest()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if b"\x00" in raw:
        raise RecapError([Problem(_byte_pos(name, raw, raw.index(b"\x00")), "binary file")])
    try:
        return raw.decode("utf-8"), digest
    except UnicodeDecodeError as exc:
        pos = _byte_pos(name, raw, exc.start)
        raise RecapError([Problem(pos, "not UTF-8 text")]) from None


def _byte_pos(name: str, raw: bytes, offset: int) -> Position:
    line = raw.count(b"\n", 0, offset) + 1
    start = raw.rfind(b"\n", 0, offset) + 1
    col = len(raw[start:offset].decode("utf-8", errors="replace")) + 1
    return Position(name, line, col)


def _char_pos(name: str, text: str, offset: int) -> Position:
    line = text.count("\n", 0, offset) + 1
    return Position(name, line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


def _character(ch: str) -> str:
    """`contains the control character U+0001` and the like, for a character that no
    recap text may hold."""
    return f"contains the {forbidden_kind(ch)} U+{ord(ch):04X}"


def _pos(name: str, mark: Any) -> Position:
    return Position(name, mark.line + 1, mark.column + 1)


def _syntax_problem(name: str, text: str, exc: yaml.MarkedYAMLError) -> Problem:
    """The mistake in plain words at the line that holds it, when it is one people make;
    otherwise the parser's words where parsing failed."""
    from deckgen.load.yaml_hints import explain  # only for a file that does not parse

    hint = explain(text, exc, _Loader)
    if hint:
        return Problem(Position(name, hint.line + 1, hint.col + 1), f"invalid YAML: {hint.message}")
    mark = exc.problem_mark or exc.context_mark
    pos = _pos(name, mark) if mark else Position(name, 1, 1)
    return Problem(pos, f"invalid YAML: {_yaml_message(exc)}")


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    parts = [p for p in (exc.context, exc.problem) if p]
    return " ".join(parts) or "cannot parse"


class _Builder:
    """Turns a composed node graph into plain data, checking what PyYAML allows."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []
        self.count = 0
        self.characters = 0
        self.deep = False  # a collection at the nesting limit was built
        self.scalars = yaml.SafeLoader("")  # only its scalar constructors are used

    def build(self, node: yaml.Node, path: DataPath, doc: Document, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise RecapError(
                [Problem(self._at(node), f"more than {MAX_VALUES} values (alias expansion?)")]
            )
        if depth > MAX_DEPTH:
            raise RecapError([Problem(self._at(node), f"nesting deeper than {MAX_DEPTH} levels")])
        doc.values[path] = self._at(node)
        if isinstance(node, yaml.ScalarNode):  # the most common node first
            return self._scalar_value(node, path, doc)
        if depth == MAX_DEPTH:
            self.deep = True
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, doc, depth)
        if node.tag != _SEQ:
            return self._bad_tag(node)
        return [self.build(n, (*path, i), doc, depth + 1) for i, n in enumerate(node.value)]

    def _scalar_value(self, node: yaml.ScalarNode, path: DataPath, doc: Document) -> Any:
        text = node.value
        self.characters += len(text)
        if self.characters > MAX_CHARACTERS:
            limit = f"{MAX_CHARACTERS // 1_000_000} million"
            raise RecapError(
                [Problem(self._at(node), f"more than {limit} characters (alias expansion?)")]
            )
        if node.tag == _STR:
            return text
        value = self._scalar(node)
        if not isinstance(value, str):
            doc.texts[path] = text
        return value

    def _mapping(self, node: yaml.MappingNode, path: DataPath, doc: Document, depth: int) -> Any:
        if node.tag != _MAP:
            return self._bad_tag(node)
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = self._scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str):
                self.problems.append(Problem(self._at(key_node), "keys must be plain strings"))
                continue
            key_path = (*path, key)
            if key in out:
                first = doc.keys[key_path]
                self.problems.append(
                    Problem(
                        self._at(key_node), f"duplicate key `{key}` (first at line {first.line})"
                    )
                )
                continue
            doc.keys[key_path] = self._at(key_node)
            out[key] = self.build(value_node, key_path, doc, depth + 1)
        return out

    def _scalar(self, node: yaml.Node) -> Any:
        if node.tag in (_STR, _YAML + "timestamp"):  # text, the most common, first
            return node.value  # dates stay text; the validator checks them
        if node.tag not in _PLAIN_TAGS:
            return self._bad_tag(node)
        if node.tag == _YAML + "int":
            text = node.value.lower()
            base = 16 if text.startswith("0x") else 8 if text.startswith("0o") else 10
            if len(text) > MAX_DIGITS:
                self.problems.append(
                    Problem(self._at(node), f"a number of more than {MAX_DIGITS} digits")
                )
                return None
            return int(text[2:] if base != 10 else text, base)
        try:
            return self.scalars.construct_object(node)
        except (ValueError, yaml.YAMLError):
            return node.value

    def _bad_tag(self, node: yaml.Node) -> None:
        tag = node.tag.replace(_YAML, "!!")
        message = f"tag `{tag}` is not allowed: recaps are plain YAML"
        if isinstance(node, yaml.ScalarNode) and tag.startswith("!") and tag[1:2] != "!":
            text = f"{tag} {node.value}".strip()  # `!important` meant as text
            message += f"; if `{text}` is text, put it in quotes"
        self.problems.append(Problem(self._at(node), message))

    def _at(self, node: yaml.Node) -> Position:
        mark = node.start_mark
        return Position(self.name, mark.line + 1, mark.column + 1)
