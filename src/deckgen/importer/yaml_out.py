"""A block-style YAML writer with comments; every scalar is checked to read back as itself."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml

from deckgen.errors import printable
from deckgen.text_rules import YAML_12_BOOL, YAML_12_FLOAT, YAML_12_INT, YAML_12_NULL

WIDTH = 92  # folded text wraps here
_FLOW_WIDTH = 100


@dataclass
class Entry:
    """`key: value` in a mapping, with comment lines before it and an optional end comment."""

    key: str
    value: Value
    before: list[str] = field(default_factory=list)
    comment: str | None = None
    blank: bool = False  # an empty line before the entry


@dataclass
class Mapping:
    entries: list[Entry] = field(default_factory=list)

    def add(self, key: str, value: Value | None, **extra: Any) -> None:
        """Add `key` unless `value` is None (or an empty collection)."""
        if value is None or (isinstance(value, (Mapping, Sequence)) and value.empty):
            return
        self.entries.append(Entry(key, value, **extra))

    @property
    def empty(self) -> bool:
        return not self.entries


@dataclass
class Item:
    """One item of a sequence, with comment lines before it."""

    value: Value
    before: list[str] = field(default_factory=list)


@dataclass
class Sequence:
    items: list[Item] = field(default_factory=list)
    flow: bool = False  # `[a, b]` on one line when it fits

    @property
    def empty(self) -> bool:
        return not self.items


Value = Mapping | Sequence | str | bool | int


def dump(root: Mapping, header: list[str]) -> str:
    """The YAML text of `root`, after `header` comment lines."""
    lines = [_comment(c, "") for c in header]
    _mapping(root, 0, lines)
    return "\n".join(lines) + "\n"


def data(value: Value) -> Any:
    """The plain data `value` stands for (to check the written text against)."""
    if isinstance(value, Mapping):
        return {e.key: data(e.value) for e in value.entries}
    if isinstance(value, Sequence):
        return [data(i.value) for i in value.items]
    return value


def _comment(text: str, pad: str) -> str:
    # one line of printable text: YAML reads U+2028, U+0085 ... as line breaks
    text = printable(" ".join(text.replace("\r", " ").split("\n")))
    return f"{pad}# {text}".rstrip() if text.strip() else f"{pad}#"


def _mapping(m: Mapping, indent: int, out: list[str]) -> None:
    pad = " " * indent
    for entry in m.entries:
        if entry.blank:
            out.append("")
        out += [_comment(c, pad) for c in entry.before]
        head = f"{pad}{entry.key}:"
        end = f"  # {entry.comment}" if entry.comment else ""
        value = entry.value
        if isinstance(value, Mapping):
            out.append(head + end)
            _mapping(value, indent + 2, out)
        elif isinstance(value, Sequence):
            flow = _flow(value) if value.flow else None
            if flow is not None and len(head) + 1 + len(flow) <= _FLOW_WIDTH:
                out.append(f"{head} {flow}{end}")
            else:
                out.append(head + end)
                _sequence(value, indent + 2, out)
        else:
            lines = _scalar(value, indent, len(head) + 1)
            out.append(f"{head} {lines[0]}{end}")
            out += lines[1:]


def _sequence(s: Sequence, indent: int, out: list[str]) -> None:
    pad = " " * indent
    for item in s.items:
        out += [_comment(c, pad) for c in item.before]
        value = item.value
        if isinstance(value, Mapping):
            inner: list[str] = []
            _mapping(value, indent + 2, inner)
            out.append(f"{pad}- {inner[0][indent + 2 :]}")
            out += inner[1:]
        elif isinstance(value, Sequence):
            flow = _flow(value) if value.flow else None
            if flow is not None and indent + 2 + len(flow) <= _FLOW_WIDTH:
                out.append(f"{pad}- {flow}")
            else:
                inner = []
                _sequence(value, indent + 2, inner)
                out.append(f"{pad}- {inner[0][indent + 2 :]}")
                out += inner[1:]
        else:
            lines = _scalar(value, indent, indent + 2)
            out.append(f"{pad}- {lines[0]}")
            out += lines[1:]


def _flow(s: Sequence) -> str | None:
    """`[a, b, c]` when every item is a one-line scalar and the whole reads back."""
    parts = []
    for item in s.items:
        v = item.value
        if isinstance(v, (Mapping, Sequence)) or item.before:
            return None
        if isinstance(v, str):
            text = v if not _CORE_12.fullmatch(v) and _reads_back(f"[{v}]", [v]) else _quoted(v)
        else:
            text = _scalar(v, 0, 0)[0]
        parts.append(text)
    flow = f"[{', '.join(parts)}]"
    return flow if _reads_back(flow, data(s)) else None


def _scalar(value: str | bool | int, indent: int, column: int) -> list[str]:
    """The lines of a scalar; the first follows `key: ` or `- ` (at `column`)."""
    if isinstance(value, bool):
        return ["true" if value else "false"]
    if isinstance(value, int):
        return [str(value)]
    return list(_text(value, indent, column))


@lru_cache(maxsize=8192)
def _text(value: str, indent: int, column: int) -> tuple[str, ...]:
    pad = " " * (indent + 2)
    if "\n" in value:
        block = _literal(value)
        if block is not None:
            head, lines = block
            return (head, *(f"{pad}{line}" if line else "" for line in lines))
        return (_quoted(value),)
    if column + len(value) > WIDTH and " " in value:
        folded = _folded(value, WIDTH - len(pad))
        if folded is not None:
            return (">-", *(f"{pad}{line}" for line in folded))
    if _plain_ok(value):
        return (value,)
    return (_quoted(value),)


def _literal(value: str) -> tuple[str, list[str]] | None:
    """`|` block: the text's lines as they are (None when YAML cannot keep them so)."""
    body = value.rstrip("\n")
    ending = len(value) - len(body)
    if ending > 1:
        return None  # kept blank lines at the end would swallow what follows
    chomp = "-" if ending == 0 else ""
    lines = body.split("\n")
    indicator = "2" if lines and lines[0].startswith(" ") else ""
    head = f"|{indicator}{chomp}"
    text = "k: " + head + "\n" + "".join(f"  {line}\n" if line else "\n" for line in lines)
    if any(line != line.rstrip(" ") and not line.strip() for line in lines):
        return None  # lines of only spaces do not survive
    return (head, lines) if loads(text) == {"k": value} else None


def _folded(value: str, width: int) -> list[str] | None:
    """`>-` block: the text wrapped at single spaces (None when it would not read back)."""
    if value != value.strip() or "\t" in value or max(map(len, value.split())) > width // 2:
        return None
    lines: list[str] = []
    current = ""
    for word in re.split(r"(?<=\S) (?=\S)", value):
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    if len(lines) < 2:
        return None
    text = "k: >-\n" + "\n".join(f"  {line}" for line in lines)
    return lines if loads(text) == {"k": value} else None


def _quoted(value: str) -> str:
    if '"' in value and "'" not in value and "\n" not in value:
        single = f"'{value}'"
        if _reads_back(single, value):
            return single
    text = '"' + "".join(_ESCAPES.get(ch) or _escape(ch) for ch in value) + '"'
    if _reads_back(text, value):
        return text
    raise AssertionError(f"cannot write {value!r} as YAML")  # pragma: no cover


_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\x85": "\\N",
    "\u2028": "\\L",
    "\u2029": "\\P",
    "\ufeff": "\\uFEFF",
}
# what YAML lets stand in a double-quoted scalar (PyYAML's printable characters)
_PRINTABLE = re.compile("[\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _escape(ch: str) -> str:
    if _PRINTABLE.match(ch):
        return ch
    code = ord(ch)
    return (
        f"\\x{code:02X}"
        if code < 0x100
        else f"\\u{code:04X}"
        if code < 0x10000
        else (f"\\U{code:08X}")
    )


# scalars the YAML 1.2 core schema (which deckgen reads) takes for null, booleans and numbers
_CORE_12 = re.compile("|".join((YAML_12_NULL, YAML_12_BOOL, YAML_12_INT, YAML_12_FLOAT)))


def _plain_ok(value: str) -> bool:
    """True when `value` may stand unquoted: text under YAML 1.1 and the 1.2 core schema."""
    return not _CORE_12.fullmatch(value) and _reads_back(value, value)


def _reads_back(text: str, expected: Any) -> bool:
    """True when `k: TEXT` loads as `expected` with PyYAML's (YAML 1.1) rules."""
    return bool(loads(f"k: {text}") == {"k": expected})


# deckgen reads with libyaml when PyYAML has it: what is written must read the same in both
_LOADERS: tuple[Any, ...] = tuple({yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)})


def loads(text: str) -> Any:
    """`text` as PyYAML and libyaml read it; None when either refuses it or they differ."""
    results = []
    for loader in _LOADERS:
        try:
            results.append(yaml.load(text, Loader=loader))  # safe loaders only
        except yaml.YAMLError:
            return None
    return results[0] if all(r == results[0] for r in results) else None
