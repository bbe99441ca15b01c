"""Everything deckgen asks of Pygments, in one place (imported only when needed: a deck
without code never loads it)."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pygments.lexer import Lexer
    from pygments.token import _TokenType

Line = list[tuple[str, str | None]]  # (text, colour or None for the default colour)


def language_known(name: str) -> bool:
    """True when Pygments has a built-in lexer of that name or alias.

    Only Pygments' own lexers count: plugins from other installed packages would make the
    same recap build differently on another machine."""
    return name.lower() in _aliases()


@cache
def language_names() -> list[str]:
    """Every lexer alias, for "did you mean" suggestions."""
    return sorted(_aliases())


@cache
def _aliases() -> frozenset[str]:
    from pygments.lexers import get_all_lexers

    return frozenset(a for _, aliases, _, _ in get_all_lexers(plugins=False) for a in aliases)


def style_known(name: str) -> bool:
    """True when Pygments has a style of that name (the plugins' styles are looked up,
    which reads every installed package's metadata, only for a name not built in)."""
    from pygments.styles import STYLE_MAP, get_all_styles

    return name in STYLE_MAP or name in set(get_all_styles())


def highlight_lines(source: str, language: str | None, style: str) -> list[Line]:
    """The source, line by line, as runs of text with their colours in `style`.

    Every character of the source comes back (one final newline aside): session lexers
    (console, psql, iex, ...) only emit lines that end with a newline, so the text is lexed
    with one; a lexer that still alters the text (robotframework expands tabs) is not
    used and the listing stays plain."""
    text = source if source.endswith("\n") else source + "\n"
    tokens = list(_lexer(language, source).get_tokens(text))
    if "".join(part for _, part in tokens) not in (text, text[:-1]):
        from pygments.token import Text

        tokens = [(Text, text)]
    colors = _colors(style)
    lines: list[Line] = [[]]
    for token, part in tokens:
        color = _color_of(token, colors)
        for i, piece in enumerate(part.split("\n")):
            if i:
                lines.append([])
            if piece:
                lines[-1].append((piece, color))
    if lines and not lines[-1]:
        lines.pop()  # the newline that ends the text
    return lines


def _lexer(language: str | None, source: str) -> Lexer:
    from pygments.lexers import TextLexer, find_lexer_class_by_name

    if language:
        return _named_lexer(language)
    # Pygments' guess_lexer, over the built-in lexers only (see language_known)
    best, score = TextLexer, 0.0
    for alias in sorted(_first_aliases()):
        cls = find_lexer_class_by_name(alias)
        rating = cls.analyse_text(source)
        if rating > score:
            best, score = cls, rating
        if score >= 1.0:
            break
    lexer: Lexer = best(stripnl=False, ensurenl=False)
    return lexer


@cache
def _first_aliases() -> list[str]:
    from pygments.lexers import get_all_lexers

    return [aliases[0] for _, aliases, _, _ in get_all_lexers(plugins=False) if aliases]


@cache
def _named_lexer(language: str) -> Lexer:
    from pygments.lexers import get_lexer_by_name

    lexer: Lexer = get_lexer_by_name(language, stripnl=False, ensurenl=False)
    return lexer


@cache
def _colors(style: str) -> dict[_TokenType, str]:
    from pygments.styles import get_style_by_name

    return {token: spec["color"] for token, spec in get_style_by_name(style) if spec["color"]}


def _color_of(token: _TokenType, colors: dict[_TokenType, str]) -> str | None:
    """The colour of `token` in a style; a console session's output is set in the plain
    code colour (styles grey it out, too faint on a projector)."""
    from pygments.token import Generic, Token

    if token is Generic.Output:
        return None
    current: _TokenType | None = token
    while current is not None and current is not Token:
        if current in colors:
            return colors[current]
        current = current.parent
    return colors.get(Token)
