"""The typed, immutable recap that rendering works from."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, Literal

from deckgen.errors import Position
from deckgen.links import youtube
from deckgen.load.document import DEFAULT_THEME

QrMode = Literal["youtube", "all", "none"]
StepMode = Literal["collapse", "animate", "off"]


@dataclass(frozen=True)
class Origin:
    """Where an item was written: its position and data path, for messages."""

    position: Position
    path: str


@dataclass(frozen=True)
class Link:
    """A checked URL; YouTube links are normalised (`https://youtu.be/ID`)."""

    label: str
    url: str
    is_youtube: bool = False

    @classmethod
    def of(cls, url: str, label: str | None = None) -> Link:
        """A link to a checked `url`, a YouTube link in its short form; the label defaults
        to the link."""
        tube = youtube(url)
        final = tube.url if tube else url
        return cls(label or final, final, tube is not None)


@dataclass(frozen=True)
class Code:
    """A code listing; `language` is a Pygments lexer name (guessed when None)."""

    kind: ClassVar[str] = "code"
    source: str
    language: str | None = None
    caption: str | None = None


@dataclass(frozen=True)
class Bullet:
    """One bullet with optional sub-bullets and an optional code snippet."""

    text: str
    children: tuple[Bullet, ...] = ()
    code: Code | None = None


@dataclass(frozen=True)
class Bullets:
    kind: ClassVar[str] = "bullets"
    items: tuple[Bullet, ...]


@dataclass(frozen=True)
class Statement:
    kind: ClassVar[str] = "text"
    text: str


@dataclass(frozen=True)
class Quote:
    kind: ClassVar[str] = "quote"
    text: str
    source: str | None = None


@dataclass(frozen=True)
class Table:
    kind: ClassVar[str] = "table"
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Picture:
    kind: ClassVar[str] = "image"
    path: Path
    width: int
    height: int
    extension: str  # the file's format, as a deck stores it: png, jpg, gif, bmp, tiff
    caption: str | None = None
    alt: str | None = None


@dataclass(frozen=True)
class Video:
    kind: ClassVar[str] = "video"
    link: Link
    title: str | None = None
    speakers: tuple[str, ...] = ()
    summary: str | None = None


@dataclass(frozen=True)
class Links:
    kind: ClassVar[str] = "links"
    items: tuple[Link, ...]


@dataclass(frozen=True)
class Stat:
    value: str
    label: str


@dataclass(frozen=True)
class Stats:
    kind: ClassVar[str] = "stats"
    items: tuple[Stat, ...]


Content = Bullets | Statement | Quote | Code | Table | Picture | Video | Links | Stats


@dataclass(frozen=True)
class Slide:
    """A slide as written; `reveal` lists bullet indexes that appear one click each."""

    title: str
    content: Content
    origin: Origin
    notes: str | None = None
    keep: bool = False
    steps: bool = False
    reveal: tuple[int, ...] = ()


@dataclass(frozen=True)
class Topic:
    title: str
    origin: Origin
    speakers: tuple[str, ...] = ()
    video: Link | None = None
    slides_url: Link | None = None
    summary: str | None = None
    slides: tuple[Slide, ...] = ()

    @property
    def is_talk(self) -> bool:
        """A talk opens with a talk card."""
        return self.video is not None or bool(self.speakers)


@dataclass(frozen=True)
class Presenter:
    name: str
    topics: tuple[Topic, ...]
    origin: Origin
    affiliation: str | None = None
    tagline: str | None = None


@dataclass(frozen=True)
class Event:
    name: str | None = None
    location: str | None = None
    dates: str | None = None
    url: Link | None = None


@dataclass(frozen=True)
class Options:
    agenda: bool = True
    qr_codes: QrMode = "youtube"
    collapse_steps: StepMode = "collapse"
    slide_numbers: bool = True
    video_index: bool = True


@dataclass(frozen=True)
class Closing:
    title: str = "Links"
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class Recap:
    """A whole, validated recap."""

    title: str
    presenters: tuple[Presenter, ...]
    source: Path
    subtitle: str | None = None
    event: Event = field(default_factory=Event)
    date: str | None = None
    theme: str = DEFAULT_THEME
    footer: str | None = None
    options: Options = field(default_factory=Options)
    closing: Closing | None = None

    @property
    def topics(self) -> tuple[Topic, ...]:
        """Every topic, presenter by presenter."""
        return tuple(t for p in self.presenters for t in p.topics)
