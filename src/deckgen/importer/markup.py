"""Formatted runs to deckgen's inline Markdown, escaped so that deckgen shows the same text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from deckgen import inline
from deckgen.importer.reader import Paragraph, TextRun, usable_url
from deckgen.inline import Span

# candidates for the bare URLs deckgen.inline links (it decides; see `_bare_url`)
_BARE = re.compile(r"https?://[^\s<>]*[^\s<>.,;:!?'\"\]]")
_SPECIAL = re.compile(r"([\\`*\[])")
_AUTOLINK = re.compile(r"<(?=https?://|mailto:)")
_ZWSP = "\u200b"


@dataclass(frozen=True)
class Keep:
    """Which run formatting becomes markup (the rest is the slide's own style)."""

    bold: bool = True
    italic: bool = True
    code: bool = True
    links: bool = True


ALL = Keep()
NOT_BOLD = Keep(bold=False)
NOT_ITALIC = Keep(italic=False)
LINKS_ONLY = Keep(bold=False, italic=False, code=False)


def neutralise(text: str) -> str:
    """Break bare URLs deckgen would refuse (e.g. a malformed YouTube ID) so that they stay text."""
    return _BARE.sub(lambda m: m[0] if _bare_url(m[0]) else _broken(m[0]), text)


def _broken(url: str) -> str:
    return url.replace("://", f":{_ZWSP}//")


def _bare_url(candidate: str) -> bool:
    """True when deckgen links the URL(s) it finds in `candidate` and accepts them."""
    found = inline.urls(candidate)
    return bool(found) and all(usable_url(u) for u in found)


def escape(text: str) -> str:
    """Plain text as inline Markdown that shows literally; usable bare URLs stay links."""
    text = neutralise(text)
    out, pos = [], 0
    for match in _BARE.finditer(text):
        before = _escape_plain(text[pos : match.start()])
        if before.endswith("<"):  # "<https://..." would be an autolink
            before = before[:-1] + "\\<"
        out.append(before)
        out.append(match[0])
        pos = match.end()
    out.append(_escape_plain(text[pos:]))
    escaped = "".join(out)
    if shows(escaped, text):
        return escaped
    return _escape_plain(_broken(text))  # no URL at all: escaping must not make new ones


def shows(markdown: str, text: str) -> bool:
    """True when deckgen shows `markdown` as `text` (zero-width spaces aside) with usable links."""
    seen = inline.plain(markdown).replace(_ZWSP, "")
    return seen == text.replace(_ZWSP, "") and all(usable_url(u) for u in inline.urls(markdown))


def _escape_plain(text: str) -> str:
    return _AUTOLINK.sub(r"\\<", _SPECIAL.sub(r"\\\1", text))


def plain(runs: Sequence[TextRun]) -> str:
    """The runs' text on one line, whitespace runs collapsed."""
    return " ".join("".join(r.text for r in runs).split())


def para_text(para: Paragraph, keep: Keep = ALL) -> str:
    """One paragraph as inline Markdown (line breaks become spaces)."""
    return to_inline(para.runs, keep)


def to_inline(runs: Sequence[TextRun], keep: Keep = ALL) -> str:
    """Runs as inline Markdown; falls back to less formatting when markup would not read back."""
    spans = _spans(runs, keep)
    expected = neutralise("".join(s.text for s in spans))  # a URL may run over several runs
    for attempt in (spans, [Span(s.text, url=s.url) for s in spans], [Span(expected)]):
        text = "".join(_render(s) for s in _merge(attempt))
        if shows(text, expected):
            return text
    raise AssertionError(f"cannot write {expected!r} as inline Markdown")  # pragma: no cover


def _spans(runs: Sequence[TextRun], keep: Keep) -> list[Span]:
    spans = [
        Span(
            r.text.replace("\n", " ").replace("\t", " "),
            bold=r.bold and keep.bold,
            italic=r.italic and keep.italic,
            code=r.code and keep.code,
            url=r.url if keep.links else None,
        )
        for r in runs
    ]
    merged = _merge(spans)
    # strip the paragraph's edges and neutralise bare URLs deckgen would refuse
    while merged and not merged[0].text.strip():
        merged.pop(0)
    while merged and not merged[-1].text.strip():
        merged.pop()
    if merged:
        merged[0] = Span(merged[0].text.lstrip(), *_style(merged[0]))
        merged[-1] = Span(merged[-1].text.rstrip(), *_style(merged[-1]))
    return [Span(s.text if s.url else neutralise(s.text), *_style(s)) for s in merged if s.text]


def _style(span: Span) -> tuple[bool, bool, bool, str | None]:
    return span.bold, span.italic, span.code, span.url


def _merge(spans: Sequence[Span]) -> list[Span]:
    """Join neighbours of one style; whitespace joins its left neighbour (it looks the same)."""
    out: list[Span] = []
    for span in spans:
        if not span.text:
            continue
        if out and (_style(out[-1]) == _style(span) or (not span.text.strip() and not span.url)):
            out[-1] = Span(out[-1].text + span.text, *_style(out[-1]))
        else:
            out.append(span)
    return out


def _render(span: Span) -> str:
    text = span.text
    core = text.strip()
    if not core:
        return _escape_plain(text)
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
    if span.url:
        body = _link(core, span.url)
    elif span.code and "`" not in core:
        return f"{lead}`{core}`{trail}"
    elif span.bold:
        body = f"**{escape(core)}**"
        return f"{_escape_plain(lead)}{body}{_escape_plain(trail)}"
    elif span.italic and "*" not in core:
        body = f"*{core}*"
    else:
        return escape(text)
    if span.bold:
        body = f"**{body}**"
    return f"{_escape_plain(lead)}{body}{_escape_plain(trail)}"


def _link(label: str, url: str) -> str:
    if label == url and inline.urls(url) == [url]:
        return url
    if "]" in label:
        return escape(label)
    for target in (url, url.replace("(", "%28").replace(")", "%29")):
        link = f"[{label}]({target})"
        if inline.urls(link) == [target]:
            return link
    return escape(label)
