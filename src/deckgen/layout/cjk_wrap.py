"""East Asian titles wrapped as renderers wrap them, to keep a character from being left
alone on a title's last line ("服务网格在阿里巴巴的实" / "践")."""

from __future__ import annotations

from collections.abc import Iterator

from deckgen.layout.fit import INSET_X, count_lines
from deckgen.layout.fonts import text_width
from deckgen.layout.frame import has_east_asian, is_wide
from deckgen.layout.page import Para, Run


def _pieces(para: Para) -> Iterator[tuple[str, Run]]:
    """The pieces a line may end after: each wide character, and each other word with the
    spaces after it."""
    for run in para.runs:
        piece = ""
        for ch in run.text:
            if piece and (is_wide(ch) or is_wide(piece[-1]) or (piece[-1] == " " != ch)):
                yield piece, run
                piece = ""
            piece += ch
        if piece:
            yield piece, run


def last_line_chars(para: Para, width: float) -> tuple[int, int]:
    """The lines of `para` wrapped greedily into `width` points (no spare width: as a
    renderer fills them) and the characters (not spaces) on the last one."""
    lines, used, last = 1, 0.0, 0
    for piece, run in _pieces(para):
        bare = text_width(piece.rstrip(" "), run.font, run.size, run.bold, run.italic)
        if used and used + bare > width:
            lines, used, last = lines + 1, 0.0, 0
        used += text_width(piece, run.font, run.size, run.bold, run.italic)
        last += len(piece.rstrip(" "))
    return lines, last


def no_lone_last_char(para: Para, box_width: float, most_lines: int) -> float:
    """The width of a box for `para` (an East Asian title) at which its last line holds two
    characters or more: `box_width`, or narrower by half-ems until it does on no more
    lines (a renderer that fits a little more, a quarter em, still leaves two)."""
    inner = box_width - 2 * INSET_X
    lines, last = last_line_chars(para, inner)
    if lines < 2 or last >= 2 or not has_east_asian("".join(r.text for r in para.runs)):
        return box_width
    step = para.runs[-1].size / 2
    for n in range(1, 9):
        narrower = inner - n * step
        wrapped = [last_line_chars(para, narrower + slack) for slack in (0.0, step / 2)]
        kept = all(n_lines == lines and chars >= 2 for n_lines, chars in wrapped)
        if kept and count_lines(para, narrower) <= most_lines:
            return narrower + 2 * INSET_X
    return box_width
