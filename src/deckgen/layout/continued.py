"""Card text too long for its box even at the smallest size: continued, in order, in more
boxes of the same size (a paragraph cut at a word where a box ends), so that every word
stays on a slide; or, for text the deck shows whole elsewhere (a video-index card's title,
a QR code's label), clamped to a few lines."""

from __future__ import annotations

import re
from dataclasses import replace

from deckgen.layout.fit import INSET_X, INSET_Y, count_lines, text_height
from deckgen.layout.page import Para, Rect, Run, TextBox
from deckgen.roles import Role

_WORD = re.compile(r"\S+\s*|\s+")
_LINKS = (Role.RECORDING_LINK, Role.SLIDES_LINK, Role.LINK)
_Line = tuple[Para, Role | None]  # a paragraph and its role in a card (None: no roles)


def fits(box: TextBox) -> bool:
    """Whether the box's text fits its height."""
    return text_height(box.paras, box.rect.w) <= box.rect.h + 0.01


def continued(box: TextBox) -> list[TextBox]:
    """`box`'s paragraphs over as few boxes of its size as they need; the roles of its
    `lines` follow their paragraphs. Of a card's lines only the summary is cut (a
    speaker or a link moves whole to the next box), so that `import` reads them back."""
    roles: list[Role | None] = list(box.lines) if box.lines else [None] * len(box.paras)
    queue: list[_Line] = list(zip(box.paras, roles, strict=True))
    pages: list[list[_Line]] = [[]]
    while queue:
        para, role = queue.pop(0)
        if _fit(box, [*pages[-1], (para, role)]):
            pages[-1].append((para, role))
            continue
        whole = role is not None and role is not Role.SUMMARY and bool(pages[-1])
        head, tail = (None, para) if whole else _split(box, pages[-1], para)
        if head is None and not pages[-1]:  # not one word fits a box: it goes alone
            head, tail = para, None
        if head is not None:
            pages[-1].append((head, role))
        if tail is not None or head is None:
            queue.insert(0, (tail or para, role))
        pages.append([])
    return [_box(box, page) for page in pages if page]


def continued_card(box: TextBox) -> list[TextBox]:
    """`continued`, with a card's link lines ending every box: each box reads (and
    imports) as the same card, its recording a click away on every slide."""
    links = [i for i, role in enumerate(box.lines) if role in _LINKS]
    if not links or fits(box):
        return continued(box)
    tail = tuple(box.paras[i] for i in links)
    tail_lines = tuple(box.lines[i] for i in links)
    rest = [i for i in range(len(box.paras)) if i not in links]
    room = box.rect.h - (text_height(tail, box.rect.w) - 2 * INSET_Y)
    shorter = replace(
        box,
        rect=Rect(box.rect.x, box.rect.y, box.rect.w, room),
        paras=tuple(box.paras[i] for i in rest),
        lines=tuple(box.lines[i] for i in rest),
    )
    return [
        replace(page, rect=box.rect, paras=page.paras + tail, lines=page.lines + tail_lines)
        for page in continued(shorter)
    ]


def _box(box: TextBox, page: list[_Line]) -> TextBox:
    first = replace(page[0][0], space_before=0)  # a box's first line starts at its top
    paras = (first, *(p for p, _ in page[1:]))
    lines = tuple(r for _, r in page if r is not None)
    return replace(box, paras=paras, lines=lines)


def _fit(box: TextBox, page: list[_Line]) -> bool:
    return fits(_box(box, page)) if page else True


def _split(box: TextBox, page: list[_Line], para: Para) -> tuple[Para | None, Para | None]:
    """`para` cut after the most words that still fit under `page` (None: not one)."""
    words = [(run, w) for run in para.runs for w in _WORD.findall(run.text)]
    low, high = 0, len(words) - 1
    while low < high:  # the most words that fit, fewer than all
        middle = (low + high + 1) // 2
        if _fit(box, [*page, (_join(para, words[:middle]), None)]):
            low = middle
        else:
            high = middle - 1
    if low == 0:
        return None, para
    return _join(para, words[:low]), replace(_join(para, words[low:]), space_before=0)


def _join(para: Para, words: list[tuple[Run, str]]) -> Para:
    """`para` holding only `words`, each in its run's style (the last one's space off)."""
    runs: list[Run] = []
    for run, word in words:
        if runs and replace(runs[-1], text="") == replace(run, text=""):
            runs[-1] = replace(runs[-1], text=runs[-1].text + word)
        else:
            runs.append(replace(run, text=word))
    if runs:
        runs[-1] = replace(runs[-1], text=runs[-1].text.rstrip())
    return replace(para, runs=tuple(runs))


def clamped(para: Para, width: float, lines: int) -> Para:
    """`para` cut at a word and ended with an ellipsis to take at most `lines` lines in a
    box `width` points wide (a card's title: the full title is on the talk card)."""
    inner = width - 2 * INSET_X
    if count_lines(para, inner) <= lines:
        return para
    words = "".join(r.text for r in para.runs).split()
    first = para.runs[0]
    while len(words) > 1:
        words.pop()
        candidate = replace(para, runs=(replace(first, text=" ".join(words) + "…"),))
        if count_lines(candidate, inner) <= lines:
            return candidate
    return replace(para, runs=(replace(first, text=words[0][:12] + "…"),))
