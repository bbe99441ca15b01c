"""The fidelity checker: everything a presenter wrote reaches the deck, as written.

It walks the *loaded document* (`deckgen.load.load_recap`: the YAML as read, includes
grafted in), never the model, and collects

- every text: each string or number the recap holds, except file paths, lexer names,
  theme names, option values and `include:` (numbers, booleans and dates by their
  source text: `1.10`, `0x1F`, `007`, `true` as typed, read back from the YAML node
  at the position the loader recorded); code is checked line by line;
- every URL: the values of `url`, `video` and `slides_url`, and the inline and bare
  links of every text that deckgen renders inline (all but code, notes and alt texts,
  which are plain text).

Then it reads the built deck with python-pptx and checks that each text appears on a
slide, in a slide's notes or in a picture's alt text (`descr`), and that each URL is
the target of a clickable hyperlink (`a:hlinkClick`) on some slide.

How texts are compared:

- inline Markdown is resolved with deckgen's own parser (`deckgen.inline.plain`); the
  raw text is accepted too (code is always compared raw);
- whitespace is normalised (runs of spaces, line breaks, `\\v`, U+2028 become one
  space; ends are stripped): text is wrapped, split into runs and paragraphs;
- typographic quotes and dashes count as their straight forms, on both sides;
- a text must match whole words (`7` is not found inside `007`);
- a text too long for one slide may continue on the next slides (continuation slides
  of a split bullet or listing): each piece, cut at a word boundary, on consecutive
  slides;
- `date: 2019-06-12` is found as typed or as the deck writes dates for people
  (`12 June 2019`, `June 12, 2019`, `12 Jun 2019`, with or without a weekday).

URLs are compared after percent-decoding and IDNA-decoding the host (a URL encoded
as a URI is the same link); a YouTube link must arrive in deckgen's normalised form
(`deckgen.links.youtube`), as the recap format promises.

The one exception: the bullets of an earlier step slide that a collapse replaced may
be missing. The steps come from the build's report (`BuildResult.collapsed`: the
first slide's data path and how many slides the run held), never guessed.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml
from pptx import Presentation

from deckgen import inline
from deckgen.links import LinkError, youtube
from deckgen.load import DataPath, Document, format_path
from deckgen.steps import Collapse

URL_KEYS = frozenset({"url", "video", "slides_url"})  # a string under these keys is a link
SKIPPED_KEYS = frozenset({"path", "language", "theme", "include", "options", "keep", "steps"})
CODE_KEYS = frozenset({"code"})  # a string, or a mapping whose `source` is the listing
PLAIN_KEYS = frozenset({"notes", "alt"})  # plain text: no inline links

_TYPOGRAPHIC = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-", "\u2026": "...", "\u2192": "->",
    }
)  # fmt: skip
_SPACE = re.compile(r"\s+")
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_RID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def normal(text: str) -> str:
    """`text` as compared: straight quotes and dashes, whitespace runs as one space."""
    return _SPACE.sub(" ", text.translate(_TYPOGRAPHIC)).strip()


# --- what the presenter wrote -----------------------------------------------------------


@dataclass(frozen=True)
class Expected:
    """One text or URL of the recap, where it was written and the forms that count."""

    path: DataPath
    kind: str  # "text", "code", "date" or "url"
    written: str  # as the presenter wrote it (a code line: one line)
    forms: tuple[str, ...]  # normalised texts that count as present (a URL: its target)

    def __str__(self) -> str:
        return f"{format_path(self.path)}: {self.written!r}"


def expected_items(doc: Document, presenter: int | None = None) -> list[Expected]:
    """Every text and URL of `doc`; with `presenter`, only the recap-wide ones and
    that presenter's (what a `--split presenters` deck holds)."""
    out: list[Expected] = []
    for path, key, value in _leaves(doc.data, ()):
        if presenter is not None and path[:1] == ("presenters",) and path[1] != presenter:
            continue
        out.extend(_expect(doc, path, key, value))
    return out


def _leaves(data: Any, path: DataPath, key: str = "") -> Iterator[tuple[DataPath, str, Any]]:
    """(path, the key that names the value, value) of every scalar, skipping keys that
    hold no presenter text; a code mapping yields its `source` under the key `code`."""
    if isinstance(data, dict):
        for k, v in data.items():
            if k in SKIPPED_KEYS:
                continue
            if key in CODE_KEYS and k == "source":
                yield (*path, k), "code", v
            else:
                yield from _leaves(v, (*path, k), k)
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _leaves(v, (*path, i), key)
    else:
        yield path, key, data


def _expect(doc: Document, path: DataPath, key: str, value: Any) -> list[Expected]:
    if value is None or value == "":
        return []  # an empty cell: nothing written
    written = value if isinstance(value, str) else source_text(doc, path)
    if key in URL_KEYS and isinstance(value, str):
        return [_url(path, value)]
    if key in CODE_KEYS:
        lines = written.expandtabs(4).split("\n")
        return [Expected(path, "code", x, (normal(x),)) for x in lines if normal(x)]
    if path == ("date",):
        return [Expected(path, "date", written, _date_forms(written))]
    if not normal(written):
        return []
    forms = tuple(dict.fromkeys((normal(inline.plain(written)), normal(written))))
    items = [Expected(path, "text", written, tuple(f for f in forms if f))]
    if key not in PLAIN_KEYS:
        items.extend(_url(path, url) for url in inline.urls(written))
    return items


def _url(path: DataPath, url: str) -> Expected:
    try:
        tube = youtube(url)
    except LinkError:
        tube = None
    return Expected(path, "url", url, (canonical_url(tube.url if tube else url),))


def canonical_url(url: str) -> str:
    """`url` percent-decoded, with its scheme and host in lower case and the host in
    Unicode (`xn--` labels decoded): the forms of one link compare equal."""
    parts = urlsplit(unquote(url.strip()))
    host = parts.netloc
    with contextlib.suppress(UnicodeError, ValueError):  # not IDNA: kept as written
        host = host.encode("ascii").decode("idna")
    return parts._replace(scheme=parts.scheme.lower(), netloc=host.lower()).geturl()


def source_text(doc: Document, path: DataPath) -> str:
    """The characters of the scalar at `path` as typed in its file (`1.10`, `0x1F`)."""
    pos = doc.values[path]
    text = doc.sources[pos.file].read_text(encoding="utf-8-sig")
    return _scalars(text)[(pos.line, pos.col)]


@cache
def _scalars(text: str) -> dict[tuple[int, int], str]:
    """Source value of every scalar node of YAML `text`, by 1-based line and column."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    out: dict[tuple[int, int], str] = {}
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            out[(node.start_mark.line + 1, node.start_mark.column + 1)] = node.value
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend(v for pair in node.value for v in pair)
    return out


def _date_forms(written: str) -> tuple[str, ...]:
    """The typed date, and how a deck may write it for people."""
    try:
        day = dt.date.fromisoformat(written)
    except ValueError:
        return (normal(written),)
    forms = [written]
    for month in (calendar.month_name[day.month], calendar.month_abbr[day.month]):
        forms += [f"{day.day} {month} {day.year}", f"{month} {day.day}, {day.year}"]
        forms += [f"{day.day}. {month} {day.year}", f"{day.day} {month}, {day.year}"]
    return tuple(normal(f) for f in forms)


# --- what the deck holds ----------------------------------------------------------------


@dataclass
class Deck:
    """The texts of a built deck: per slide the text of each shape (a table: of each
    cell), the notes and alt texts, and the target of every hyperlink on a slide."""

    slides: list[list[str]] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)  # notes and alt texts
    links: set[str] = field(default_factory=set)

    @property
    def everything(self) -> str:
        """All texts, slides and shapes apart (no text matches across two)."""
        return "\x00".join([*(t for slide in self.slides for t in slide), *self.extras])


def read_deck(path: Path) -> Deck:
    deck = Deck()
    for slide in Presentation(str(path)).slides:
        tree = slide.shapes._spTree
        texts = (normal(_body_text(body)) for body in tree.iter(_P + "txBody", _A + "txBody"))
        deck.slides.append([t for t in texts if t])
        deck.extras.extend(
            normal(c.get("descr")) for c in tree.iter(_P + "cNvPr") if c.get("descr")
        )
        if slide.has_notes_slide:
            deck.extras.append(normal(slide.notes_slide.notes_text_frame.text))
        rels = slide.part.rels
        for element in slide._element.iter(_A + "hlinkClick"):
            rid = element.get(_RID)
            if rid and rid in rels and rels[rid].is_external:
                deck.links.add(canonical_url(rels[rid].target_ref))
    return deck


def _body_text(body: Any) -> str:
    """The text of a shape's or a table cell's text body: paragraphs on lines, a line
    break as a space."""
    return "\n".join(
        "".join(
            " " if node.tag == _A + "br" else node.text or ""
            for node in para.iter(_A + "t", _A + "br")
        )
        for para in body.iter(_A + "p")
    )


# --- comparing --------------------------------------------------------------------------


@dataclass
class Report:
    """The outcome of one deck's check."""

    texts: int = 0
    urls: int = 0
    missing: list[Expected] = field(default_factory=list)
    excused: list[Expected] = field(default_factory=list)  # earlier wordings of steps

    def problems(self) -> str:
        return "\n".join(f"lost {e.kind} {e}" for e in self.missing)


def check_deck(
    doc: Document,
    deck_path: Path,
    collapsed: Sequence[Collapse] = (),
    presenter: int | None = None,
) -> Report:
    """Check the deck at `deck_path`, built from `doc` (a `--split presenters` part
    when `presenter` is given); `collapsed` is what the build reported."""
    deck = read_deck(deck_path)
    everything = deck.everything
    replaced = _replaced_steps(collapsed)
    report = Report()
    for item in expected_items(doc, presenter):
        if item.kind == "url":
            report.urls += 1
            found = item.forms[0] in deck.links
        else:
            report.texts += 1
            found = any(_present(form, everything, deck.slides) for form in item.forms)
        if not found:
            step = _in_replaced_step(item.path, replaced)
            (report.excused if step else report.missing).append(item)
    return report


def _present(text: str, everything: str, slides: list[list[str]]) -> bool:
    if has_words(text, everything):
        return True
    return continued(text, slides)


def has_words(text: str, hay: str) -> bool:
    """`text` occurs in `hay` as whole words at its word-character ends (`7` is not
    found in `007`, `Helm` not in `Helmfile`)."""
    at = hay.find(text)
    while at >= 0:
        end = at + len(text)
        if not (_wordy(text[0]) and at and _wordy(hay[at - 1])) and not (
            _wordy(text[-1]) and end < len(hay) and _wordy(hay[end])
        ):
            return True
        at = hay.find(text, at + 1)
    return False


def _wordy(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def continued(text: str, slides: list[list[str]]) -> bool:
    """`text` cut at spaces into pieces on consecutive slides, as continuation slides
    show a long bullet or line: the first piece ends a shape's text, the last begins
    one on the next slide, a piece between is a shape's whole text."""
    words = text.split(" ")
    for first, shapes in enumerate(slides):
        for cut in range(len(words) - 1, 0, -1):
            if any(_ends(shape, " ".join(words[:cut])) for shape in shapes) and _rest(
                words[cut:], slides, first + 1
            ):
                return True
    return False


def _rest(words: list[str], slides: list[list[str]], at: int) -> bool:
    if at >= len(slides):
        return False
    whole = " ".join(words)
    if any(_starts(shape, whole) for shape in slides[at]):
        return True
    return any(
        " ".join(words[:cut]) in slides[at] and _rest(words[cut:], slides, at + 1)
        for cut in range(len(words) - 1, 0, -1)
    )


def _ends(shape: str, piece: str) -> bool:
    return shape.endswith(piece) and (len(shape) == len(piece) or shape[-len(piece) - 1] == " ")


def _starts(shape: str, piece: str) -> bool:
    return shape.startswith(piece) and (len(shape) == len(piece) or shape[len(piece)] == " ")


_STEP = re.compile(r"^presenters\[(\d+)\]\.topics\[(\d+)\]\.slides\[(\d+)\]$")


def _replaced_steps(collapsed: Sequence[Collapse]) -> set[tuple[int, int, int]]:
    """(presenter, topic, slide) of every step slide that a later step replaced."""
    out: set[tuple[int, int, int]] = set()
    for run in collapsed:
        match = _STEP.match(run.origin.path)
        assert match, f"a collapse at an unexpected path: {run.origin.path}"
        p, t, s = map(int, match.groups())
        out.update((p, t, s + k) for k in range(run.count - 1))
    return out


def _in_replaced_step(path: DataPath, replaced: set[tuple[int, int, int]]) -> bool:
    """A bullet (its text or code) of a step slide that a collapse replaced."""
    if (
        len(path) < 7
        or path[6] != "bullets"
        or path[0::2][:3] != ("presenters", "topics", "slides")
    ):
        return False
    return (path[1], path[3], path[5]) in replaced
