"""What the slides of a deck become, in slide order, before they are assembled into a recap."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from deckgen.importer.blocks import BulletLines
from deckgen.importer.markup import LINKS_ONLY, escape, para_text
from deckgen.importer.pictures import Extracted, LeftOut, Pictures, digest
from deckgen.importer.reader import DeckData, PictureShape, SlideData, TextShape
from deckgen.model import Content, Link
from deckgen.roles import Role
from deckgen.text_rules import is_iso_date

_PART = re.compile(r"^(?P<base>.*\S) \((?P<i>\d+)/(?P<n>\d+)\)$")
_NUMBER = re.compile(r"^\d{1,4}$")
_FOOTERS = (Role.FOOTER, Role.FOOTER_LINK, Role.SLIDE_NUMBER)  # deckgen's footer boxes
_FILENAME = re.compile(r"^[\w\-. ]+\.(png|jpe?g|gif|bmp|tiff?|emf|wmf|svg|webp)$", re.IGNORECASE)


@dataclass(frozen=True)
class TitleInfo:
    """The deck's title slide."""

    number: int
    title: str
    subtitle: str | None = None
    event: tuple[tuple[str, str], ...] = ()
    date: str | None = None
    notes: str | None = None
    presenter: Sequence[str | None] | None = None  # name, affiliation, tagline of the only one


@dataclass(frozen=True)
class PresenterMark:
    """A presenter's divider: a new presenter starts."""

    number: int
    name: str
    affiliation: str | None = None
    tagline: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class TopicMark:
    """A section divider or a talk card: a new topic starts."""

    number: int
    title: str
    speakers: tuple[str, ...] = ()
    video: str | None = None
    slides_url: str | None = None
    summary: str | None = None
    notes: str | None = None
    talk: bool = False
    one_link: bool = False  # a deckgen card's only link: the recording, or else the slides
    quiet: bool = False  # named by the title of its first slide (deckgen gave it no page)


@dataclass(frozen=True)
class SlidePiece:
    """One recap slide; `title` None takes the topic's title."""

    number: int
    title: str | None
    content: Content | BulletLines
    notes: str | None = None
    steps: bool = False
    part: tuple[int, int] | None = None  # this is part i of n of a continued slide
    recording: str | None = None  # the talk recording a deckgen footer links to
    keep: bool = False  # never a step of its neighbours (`keep: true`)


@dataclass(frozen=True)
class ClosingInfo:
    """deckgen's closing slide (or one part of it)."""

    number: int
    title: str
    links: tuple[Link, ...]
    part: tuple[int, int] | None = None


@dataclass(frozen=True)
class AgendaInfo:
    """deckgen's agenda: (level, text, bold) entries."""

    number: int
    entries: tuple[tuple[int, str, bool], ...]


@dataclass(frozen=True)
class Note:
    """Something of the deck the recap cannot hold, said in a comment."""

    number: int
    message: str


@dataclass(frozen=True)
class LooseNotes:
    """The notes of a slide that holds nothing else."""

    number: int
    notes: str


Piece = (
    TitleInfo
    | PresenterMark
    | TopicMark
    | SlidePiece
    | ClosingInfo
    | AgendaInfo
    | Note
    | LooseNotes
)


@dataclass
class Reading:
    """The deck being imported and what interpreting its slides needs."""

    deck: DeckData
    pictures: Pictures
    decorative: frozenset[str] = frozenset()  # SHA-1 of pictures on most slides (logos)
    footer: str | None = None  # the text of the footer most content slides carry
    footer_key: str | None = None
    authors: tuple[str, ...] = ()
    notes: list[Note] = field(default_factory=list)
    videos: frozenset[str] | None = None  # the links of deckgen's video index, if it has one

    @classmethod
    def of(cls, deck: DeckData, pictures: Pictures) -> Reading:
        """Look at the whole deck once: logos, the common footer, the authors."""
        seen: Counter[str] = Counter()
        for slide in deck.slides:
            seen.update({digest(p.blob) for p in slide.pictures})
        total = len(deck.slides)
        decorative = frozenset(k for k, n in seen.items() if n >= 3 and n * 2 >= total)
        footers: Counter[str] = Counter()
        shapes: dict[str, TextShape] = {}
        for slide in deck.slides:
            for shape in slide.texts:
                if _footer_candidate(shape, deck.by_deckgen):
                    footers[shape.text] += 1
                    shapes.setdefault(shape.text, shape)
        footer = footer_key = None
        if footers:
            key, count = footers.most_common(1)[0]
            # deckgen writes the recap's footer on every content slide, at the left
            if deck.by_deckgen or count * 10 >= total * 3:
                footer_key = key
                footer = " ".join(para_text(p) for p in shapes[key].paras if p.text.strip())
        dates = Counter(t.text for s in deck.slides for t in s.texts if t.role == "date" and t.text)
        if dates and not deck.by_deckgen:  # a date shown in the footer: part of the footer
            shown, count = dates.most_common(1)[0]
            if count * 10 >= total * 3 and not is_iso_date(shown):
                footer = " · ".join(filter(None, [footer, escape(" ".join(shown.split()))]))
        authors = tuple(a.strip() for a in re.split(r"[,;&]| and ", deck.author) if a.strip())
        index = [s for s in deck.slides if s.kind == "video-index"]
        videos = frozenset(
            r.url for s in index for t in s.texts for p in t.paras for r in p.runs if r.url
        ) | frozenset(p.url for s in index for p in s.pictures if p.url)  # cards' QR codes
        reading = cls(deck, pictures, decorative, footer or None, footer_key, authors)
        reading.videos = videos if index else None
        return reading

    def is_video(self, url: str) -> bool:
        """A link deckgen showed as a recording: in its video index (all, without one)."""
        return self.videos is None or url in self.videos

    def is_footer(self, shape: TextShape) -> bool:
        """Footers, slide numbers, dates and deckgen's recording links are not content."""
        if shape.role in ("footer", "date"):
            return True
        if self.deck.by_deckgen and shape.made_as in _FOOTERS:
            return True
        if shape.role != "band":
            return False
        text = shape.text
        return text == self.footer_key or bool(_NUMBER.match(text) or is_iso_date(text))

    def picture(self, slide: SlideData, shape: PictureShape) -> Extracted | None:
        """The extracted file of a picture, or None (with a note) when it cannot be used."""
        index = slide.pictures.index(shape) + 1
        try:
            return self.pictures.add(shape.blob, slide.number, index)
        except LeftOut as exc:
            self.notes.append(Note(slide.number, f"picture `{shape.name}` left out: {exc}"))
            return None

    def is_decoration(self, shape: PictureShape) -> bool:
        """Logos repeated on most slides, and QR codes."""
        qr = shape.name.lower().startswith("qr code") or shape.descr.lower().startswith("qr code")
        return qr or digest(shape.blob) in self.decorative


def _footer_candidate(shape: TextShape, by_deckgen: bool) -> bool:
    text = shape.text
    if by_deckgen:
        return shape.made_as is Role.FOOTER and bool(text)
    if shape.role not in ("footer", "band") or not text:
        return False
    return not (_NUMBER.match(text) or is_iso_date(text))


def split_part(title: str) -> tuple[str, tuple[int, int] | None]:
    """`Title (2/3)` -> ("Title", (2, 3)); other titles have no part."""
    match = _PART.match(title)
    if match and 1 <= int(match["i"]) <= int(match["n"]) and int(match["n"]) > 1:
        return match["base"], (int(match["i"]), int(match["n"]))
    return title, None


def title_text(shape: TextShape) -> str:
    """A title as inline text on one line, with its links; styles dropped (titles have their
    own)."""
    return " ".join(para_text(p, LINKS_ONLY) for p in shape.paras if p.text.strip())


def useful_alt(descr: str, *others: str | None) -> str | None:
    """A picture description worth keeping: not a file name, not the caption or title again."""
    if not descr or _FILENAME.match(descr) or descr in others:
        return None
    return descr
