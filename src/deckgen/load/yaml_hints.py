"""Plain words for the YAML mistakes people make, instead of libyaml's parser terms.

`explain` looks at the source around a syntax error and, when it recognises the mistake
(a tab indenting a line, a key indented too far or too little, text holding `: `, text
starting with a character YAML reserves, an unclosed quote), says what it is and where
it is: on the line that holds the mistake, which is not always where parsing failed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

# a line's indentation and list dashes, then an optional `key:` (the first `: ` ends it)
_LEAD = re.compile(r"[ ]*(?:-[ ]+)*")
_KEY = re.compile(r"([^\s#'\"\[\]{},?*&!|>%@`][^#]*?|\"[^\"]*\"|'[^']*'):(?=[ ]|$)[ ]*")
_TAB_INDENT = re.compile(r"[ ]*\t")
_KEY_LINE = re.compile(r"[ ]*(?:-[ ]+)*[\w-]+:(?:[ ]|$)")
_RESERVED = {
    "*": "which YAML reads as an alias",
    "&": "which YAML reads as an anchor",
    "!": "which YAML reads as a tag",
    "@": "which YAML reserves",
    "`": "which YAML reserves",
    "%": "which YAML reads as a directive",
}
_QUOTE_HINT = "put the text in quotes"


@dataclass(frozen=True)
class Hint:
    """A mistake found: 0-based line and column, and what to say."""

    line: int
    col: int
    message: str


def explain(text: str, exc: yaml.MarkedYAMLError, loader: Any) -> Hint | None:
    """Plain words for the mistake behind `exc` in `text`, or None when it is not one we
    recognise (the caller then shows the parser's own words)."""
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return None
    lines = text.split("\n")
    problem = exc.problem or ""
    for finder in (_tab, _unclosed_quote):
        hint = finder(lines, exc)
        if hint:
            return hint
    tokens = _tokens(text, loader)
    line = lines[mark.line] if mark.line < len(lines) else ""
    return (
        _quote_running_on(lines, tokens)
        or _missing_colon(lines, exc)
        or _reserved_start(line, mark)
        or _colon_in_text(line, mark, problem)
        or _indentation(lines, mark, problem, tokens)
    )


def _tab(lines: list[str], exc: yaml.MarkedYAMLError) -> Hint | None:
    for mark in (exc.problem_mark, exc.context_mark):
        if mark is not None and mark.line < len(lines):
            found = _TAB_INDENT.match(lines[mark.line])
            if found:
                return Hint(
                    mark.line, found.end() - 1, "a tab indents this line; indent with spaces"
                )
    return None


def _unclosed_quote(lines: list[str], exc: yaml.MarkedYAMLError) -> Hint | None:
    start = exc.context_mark
    if start is None or "quoted scalar" not in (exc.context or ""):
        return None
    if "end of stream" not in (exc.problem or ""):
        return None
    quote = lines[start.line][start.column]
    message = f"the quote `{quote}` that opens this text is never closed; add the closing `{quote}`"
    return Hint(start.line, start.column, message)


def _quote_running_on(lines: list[str], tokens: list[Any]) -> Hint | None:
    """A quoted text that runs over lines that look like keys: its quote was not closed on
    its line, and a later quote closed it."""
    for token in reversed(tokens):
        if not isinstance(token, yaml.ScalarToken) or token.style not in ('"', "'"):
            continue
        first, last = token.start_mark.line, token.end_mark.line
        if any(_KEY_LINE.match(lines[n]) for n in range(first + 1, last + 1)):
            return Hint(
                first,
                token.start_mark.column,
                f"the quote `{token.style}` that opens this text is not closed on its line"
                f" (the text runs on into line {first + 2}); add the closing `{token.style}`",
            )
    return None


def _missing_colon(lines: list[str], exc: yaml.MarkedYAMLError) -> Hint | None:
    """A line of a mapping that holds text but no `key:`."""
    start = exc.context_mark
    if start is None or "simple key" not in (exc.context or "") or start.line >= len(lines):
        return None
    text = _shown(lines[start.line][start.column :])
    message = f"`{text}` is missing the `:` after its key (or the `- ` of a list item)"
    return Hint(start.line, start.column, message)


def _value_starts(line: str) -> list[int]:
    """Where values may start on `line`: after the indentation and dashes, and after the
    first `key: `."""
    lead = _LEAD.match(line)
    starts = [lead.end() if lead else 0]
    key = _KEY.match(line, starts[0])
    if key and key.end() < len(line):
        starts.append(key.end())
    return starts


def _reserved_start(line: str, mark: Any) -> Hint | None:
    starts = [s for s in _value_starts(line) if s <= mark.column]
    if not starts:
        return None
    start = starts[-1]
    char = line[start : start + 1]
    if char not in _RESERVED:
        return None
    value = _shown(line[start:])
    quoted, named = (f'"{value}"', "a backtick") if char == "`" else (f"`{value}`", f"`{char}`")
    message = f"{quoted} starts with {named}, {_RESERVED[char]}; {_QUOTE_HINT}"
    return Hint(mark.line, start, message)


def _colon_in_text(line: str, mark: Any, problem: str) -> Hint | None:
    if "mapping values are not allowed" not in problem:
        return None
    starts = _value_starts(line)
    if len(starts) < 2 or mark.column < starts[1]:
        return None  # the colon ends the line's first key: an indentation mistake
    value = _shown(line[starts[1] :])
    return Hint(mark.line, starts[1], f"`{value}` reads as a key and a value; {_QUOTE_HINT}")


def _indentation(lines: list[str], mark: Any, problem: str, tokens: list[Any]) -> Hint | None:
    """A line whose indentation lines it up with nothing above it."""
    line = lines[mark.line] if mark.line < len(lines) else ""
    col = len(line) - len(line.lstrip(" "))
    if not (line[col:].startswith("- ") or _KEY.match(line, col)):
        return None  # not a key or a list item: some other mistake
    levels = _levels(lines, tokens, mark.line)
    if not levels or col in [c for c, _, _ in levels]:
        return None
    name = _label(line, col)
    nearest = levels[0]
    if "mapping values are not allowed" in problem and col > nearest[0]:
        return Hint(
            mark.line,
            col,
            f"`{name}` is indented more than `{nearest[2]}` on line {nearest[1] + 1}; line them up",
        )
    above = [level for level in levels if level[0] > col]
    if "mapping values are not allowed" in problem or not above:
        return None
    _, n, other = above[-1]
    return Hint(
        mark.line, col, f"`{name}` is indented less than `{other}` on line {n + 1}; line them up"
    )


def _levels(lines: list[str], tokens: list[Any], before: int) -> list[tuple[int, int, str]]:
    """The keys and list dashes that enclose line `before`, nearest first: (column, line,
    label), each further up standing further left."""
    out: list[tuple[int, int, str]] = []
    marks = sorted(
        (t.start_mark.line, t.start_mark.column)
        for t in tokens
        if isinstance(t, (yaml.KeyToken, yaml.BlockEntryToken)) and t.start_mark.line < before
    )
    for n, c in reversed(marks):
        if not out or c < out[-1][0]:
            out.append((c, n, _label(lines[n], c)))
    return out


def _label(line: str, col: int) -> str:
    """What stands at `col`: a key's name, or the text of a list item."""
    key = _KEY.match(line, col)
    if key and not line[col:].startswith("- "):
        return key.group(1).strip("'\"")
    return _shown(line[col:], 20)


def _tokens(text: str, loader: Any) -> list[Any]:
    """The tokens libyaml scans before the mistake (it stops at a scanning error)."""
    out: list[Any] = []
    try:
        for token in yaml.scan(text, Loader=loader):
            out.append(token)
    except yaml.YAMLError:
        pass
    return out


def _shown(text: str, limit: int = 40) -> str:
    text = text.split(" #")[0].rstrip()
    return text if len(text) <= limit else text[: limit - 3] + "..."
