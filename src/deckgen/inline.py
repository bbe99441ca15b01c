"""The inline Markdown subset: **bold**, *italic*, `code`, [label](url) and bare URLs."""

from __future__ import annotations

import re

from deckgen.record import Record


class Span(Record):
    """A run of text with one style; `url` makes it a clickable link."""

    __slots__ = ("text", "bold", "italic", "code", "url")  # noqa: RUF023 (in order)
    text: str
    bold: bool
    italic: bool
    code: bool
    url: str | None

    def __init__(
        self, text: str, bold: bool = False, italic: bool = False, code: bool = False,
        url: str | None = None,
    ) -> None:  # fmt: skip
        self.text, self.bold, self.italic, self.code, self.url = text, bold, italic, code, url


_TOKEN = re.compile(
    r"""
    \\(?P<escaped>[\\`*\[\]_<>])                      # \* \` \[ ... stand for themselves
    | `(?P<code>[^`]+)`
    | \[(?P<label>[^\]]+)\]\((?P<target>(?:[^()\s]|\([^()\s]*\))+)\)
    | \*\*(?P<bold>[^*]+(?:\*(?!\*)[^*]*)*)\*\*
    | \*(?P<italic>[^*\s](?:[^*]*[^*\s])?)\*
    | <(?P<auto>(?:https?://|mailto:)[^>\s]+)>
    | (?P<bare>https?://[^\s<>]*[^\s<>.,;:!?'"\]])
    """,
    re.VERBOSE,
)
_MARKUP = re.compile(r"[\\`\[*<]|http")  # what every `_TOKEN` starts with
_LINK = re.compile(r"\]\(|http|mailto:")  # what every link token (target, auto, bare) holds


def parse(text: str) -> list[Span]:
    """Split `text` into styled spans; adjacent plain text is merged."""
    if not marked(text):  # most text is plain: the same answer, quicker
        return [Span(text)] if text else []
    return _parse(text)


def marked(text: str) -> bool:
    """False when `text` certainly holds no markup (nor a link): it is one plain span."""
    return _MARKUP.search(text) is not None


def _parse(text: str) -> list[Span]:
    spans: list[Span] = []
    pos = 0
    for match in _TOKEN.finditer(text):
        if match.start() > pos:
            _add(spans, Span(text[pos : match.start()]))
        kind = match.lastgroup
        if kind == "escaped":
            _add(spans, Span(match["escaped"]))
        elif kind == "code":
            spans.append(Span(match["code"], code=True))
        elif kind == "target":
            spans.append(Span(match["label"], url=match["target"]))
        elif kind == "bold":
            spans.extend(_styled(match["bold"], bold=True))
        elif kind == "italic":
            spans.append(Span(match["italic"], italic=True))
        elif kind == "auto":
            spans.append(Span(match["auto"], url=match["auto"]))
        else:  # a bare URL keeps a closing parenthesis only when it opened one
            url, tail = _balanced(match["bare"])
            spans.append(Span(url, url=url))
            if tail:
                _add(spans, Span(tail))
        pos = match.end()
    if pos < len(text):
        _add(spans, Span(text[pos:]))
    return spans


def plain(text: str) -> str:
    """The text a reader sees, without markup."""
    return "".join(span.text for span in parse(text))


def urls(text: str) -> list[str]:
    """Every link target in `text`, in order."""
    if not _LINK.search(text):  # most text holds none: the same answer, quicker
        return []
    return [span.url for span in parse(text) if span.url]


def _balanced(url: str) -> tuple[str, str]:
    """Split unbalanced closing parentheses (and the punctuation before them) off a URL."""
    tail = ""
    while url.endswith(")") and url.count(")") > url.count("("):
        url, tail = url[:-1], ")" + tail
        stripped = url.rstrip(".,;:!?'\"")
        url, tail = stripped, url[len(stripped) :] + tail
    return url, tail


def _styled(inner: str, bold: bool) -> list[Span]:
    """Bold text may hold *italic* parts and links."""
    return [
        Span(s.text, bold=bold or s.bold, italic=s.italic, code=s.code, url=s.url)
        for s in parse(inner)
    ]


def _add(spans: list[Span], span: Span) -> None:
    if spans and spans[-1] == Span(spans[-1].text):
        spans[-1] = Span(spans[-1].text + span.text)
    else:
        spans.append(span)
