"""Assemble the pieces into presenters and topics, join continued slides, collapse steps."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from deckgen import inline
from deckgen.errors import Position
from deckgen.importer.blocks import BulletLines, nest
from deckgen.importer.pieces import (
    AgendaInfo,
    ClosingInfo,
    LooseNotes,
    Note,
    Piece,
    PresenterMark,
    Reading,
    SlidePiece,
    TitleInfo,
    TopicMark,
)
from deckgen.layout.agenda import names_deck
from deckgen.model import (
    Code,
    Content,
    Link,
    Links,
    Origin,
    Quote,
    Slide,
    Statement,
    Stats,
    Table,
    Video,
)
from deckgen.steps import merge, step_runs


@dataclass
class DraftSlide:
    """A recap slide and the deck slides it comes from."""

    slide: Slide
    first: int
    last: int
    joined: int = 1  # deck slides joined as continuations
    steps: int = 1  # step slides collapsed into this one
    comments: list[str] = field(default_factory=list)


@dataclass
class DraftTopic:
    """A topic being assembled."""

    title: str
    number: int | None
    speakers: tuple[str, ...] = ()
    video: str | None = None
    slides_url: str | None = None
    summary: str | None = None
    slides: list[DraftSlide] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    open: bool = True  # a section or an implicit topic: a talk card may still fill it
    one_link: bool = False  # `video` is the card's only link: maybe the slides' instead


@dataclass
class DraftPresenter:
    """A presenter being assembled."""

    name: str
    number: int | None
    affiliation: str | None = None
    tagline: str | None = None
    topics: list[DraftTopic] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)


@dataclass
class Draft:
    """The whole recap, ready to be written."""

    title: str
    subtitle: str | None = None
    event: dict[str, str] = field(default_factory=dict)
    date: str | None = None
    footer: str | None = None
    options: dict[str, bool | str] = field(default_factory=dict)
    presenters: list[DraftPresenter] = field(default_factory=list)
    closing_title: str | None = None
    closing_links: list[Link] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    collapsed: list[str] = field(default_factory=list)


def assemble(
    pieces: Sequence[Piece], reading: Reading, fallback_title: str, collapse: bool = True
) -> Draft:
    """The recap: title, presenters with their topics and slides, closing; steps collapsed
    (in decks deckgen made, kept apart unless `collapse` is false: `collapse_steps: off`)."""
    pieces = join_parts(pieces)
    builder = _Builder(reading, pieces, fallback_title)
    for piece in pieces:
        builder.add(piece)
    draft = builder.finish()
    topics = [t for p in draft.presenters for t in p.topics]
    shared = Counter(d.first for t in topics for d in t.slides)  # deck slide -> recap slides
    for topic in topics:
        if reading.deck.by_deckgen:
            _keep_apart(topic, collapse)
        else:
            topic.slides = _collapse(topic, draft.collapsed, shared)
    return draft


# --- continued slides ("Title (2/3)") ------------------------------------------------------


def join_parts(pieces: Sequence[Piece]) -> list[Piece]:
    """Join the parts of a continued slide (and of the closing slide) into one."""
    out: list[Piece] = []
    for piece in pieces:
        prev = out[-1] if out else None
        if (
            isinstance(piece, SlidePiece)
            and isinstance(prev, SlidePiece)
            and piece.part
            and prev.part
            and piece.part == (prev.part[0] + 1, prev.part[1])
            and piece.title == prev.title
        ):
            joined = _join(prev.content, piece.content)
            if joined is not None:
                out[-1] = replace(prev, content=joined, part=piece.part)
                continue
        if (
            isinstance(piece, ClosingInfo)
            and isinstance(prev, ClosingInfo)
            and piece.part
            and prev.part
            and piece.part[0] == prev.part[0] + 1
        ):
            out[-1] = replace(prev, links=prev.links + piece.links, part=piece.part)
            continue
        out.append(piece)
    return out


def _join(a: Content | BulletLines, b: Content | BulletLines) -> Content | BulletLines | None:
    if isinstance(a, BulletLines) and isinstance(b, BulletLines):
        return BulletLines(a.lines + b.lines)
    if isinstance(a, Table) and isinstance(b, Table) and a.columns == b.columns:
        return Table(a.columns, a.rows + b.rows)
    if isinstance(a, Code) and isinstance(b, Code):
        return Code(f"{a.source}\n{b.source}", a.language, a.caption)
    if isinstance(a, Links) and isinstance(b, Links):
        return Links(a.items + b.items)
    if isinstance(a, Stats) and isinstance(b, Stats):
        return Stats(a.items + b.items)
    if isinstance(a, Statement) and isinstance(b, Statement):
        return Statement(f"{a.text}\n\n{b.text}")
    if isinstance(a, Quote) and isinstance(b, Quote):
        return Quote(f"{a.text}\n\n{b.text}", b.source or a.source)
    if isinstance(a, Video) and isinstance(b, Video) and a.link == b.link:  # a card continued
        summary = " ".join(s for s in (a.summary, b.summary) if s) or None
        return Video(a.link, a.title or b.title, a.speakers + b.speakers, summary)
    return None


# --- presenters and topics -----------------------------------------------------------------


def _plain(text: str) -> str:
    return " ".join(inline.plain(text).split()).casefold()


_STOP = frozenset(
    {"about", "after", "also", "from", "have", "into", "more", "than", "that", "their"}
    | {"there", "this", "what", "when", "where", "which", "with", "your"}
)


def _words(text: str) -> set[str]:
    """Significant words, singular: "Operators" and "operator?" are one word."""
    words = {w.strip(".,:;!?()'\"’").removesuffix("s") for w in _plain(text).split()}
    return {w for w in words if len(w) >= 4 and w not in _STOP}


def _matches(slide_title: str | None, topic_title: str, loose: bool) -> bool:
    """The slide opens the topic: same title, starts like it, or (`loose`) shares a word."""
    if not slide_title:
        return False
    a, b = _plain(slide_title), _plain(topic_title)
    if a == b or a.startswith(b):
        return True
    return loose and bool(_words(slide_title) & _words(topic_title))


@dataclass
class _Expected:
    title: str
    marked: bool  # opened by a talk card or topic slide (else by its first slide)


class _Builder:
    def __init__(self, reading: Reading, pieces: Sequence[Piece], fallback: str) -> None:
        self.reading = reading
        self.deck = reading.deck
        self.by_deckgen = reading.deck.by_deckgen
        self.draft = Draft(fallback)
        self.presenter: DraftPresenter | None = None
        self.topic: DraftTopic | None = None
        self.pending: list[str] = []  # comments for the next item
        self.has_title = False
        self.expected = _expected(pieces) if self.by_deckgen else []
        self.queue: list[_Expected] = []
        self.presenter_count = 0
        self.carried: list[tuple[int, str, str]] = []  # notes for the next slide
        self.only_presenter: Sequence[str | None] | None = None  # named on the title slide
        self.last: DraftSlide | None = None  # the slide added last

    # -- pieces --

    def add(self, piece: Piece) -> None:
        if isinstance(piece, TitleInfo):
            self.title(piece)
        elif isinstance(piece, PresenterMark):
            self.new_presenter(piece)
        elif isinstance(piece, TopicMark):
            self.topic_mark(piece)
        elif isinstance(piece, SlidePiece):
            self.slide(piece)
        elif isinstance(piece, ClosingInfo):
            if self.draft.closing_title is None:  # not the "Links" slide after it
                self.draft.closing_title = piece.title
            self.draft.closing_links += piece.links
        elif isinstance(piece, Note):
            self.pending.append(f"slide {piece.number}: {piece.message}")
        elif isinstance(piece, LooseNotes):
            self.loose_notes(piece)
        elif isinstance(piece, AgendaInfo):
            pass  # read ahead in `_expected`

    def title(self, info: TitleInfo) -> None:
        if self.has_title:
            return
        self.has_title = True
        d = self.draft
        d.title = info.title or d.title
        d.subtitle = info.subtitle
        d.event = dict(info.event)
        d.date = info.date
        self.only_presenter = info.presenter
        self.note(info.number, info.notes, "title slide")
        d.comments += self.pending
        self.pending = []

    def note(self, number: int, notes: str | None, what: str) -> None:
        """Speaker notes of a slide the recap has no slide for go on the next slide."""
        if notes:
            self.carried.append((number, what, notes))

    def loose_notes(self, piece: LooseNotes) -> None:
        """A slide with nothing but notes: they join the notes of the slide before it."""
        if self.last is None:
            self.note(piece.number, piece.notes, "a slide with only notes")
            return
        slide = self.last.slide
        self.last.slide = replace(
            slide, notes="\n\n".join(filter(None, [slide.notes, piece.notes]))
        )
        self.last.comments.append(
            f"slide {piece.number} had only notes: they end the notes of this slide"
        )

    def flush_notes(self) -> None:
        """Notes carried from the mark of a topic that got no slide: a slide of their own,
        its statement the topic's title (as on the section slide they come from)."""
        topic = self.topic
        if not self.carried or topic is None or topic.slides or topic.number is None:
            return
        origin = Origin(Position(self.deck.shown, topic.number), f"slide {topic.number}")
        slide, comments = self.take_carried(Slide(topic.title, Statement(topic.title), origin))
        self.last = DraftSlide(slide, topic.number, topic.number, comments=comments)
        topic.slides.append(self.last)

    def take_carried(self, slide: Slide) -> tuple[Slide, list[str]]:
        """`slide` with the notes carried to it first, and comments that say so."""
        if not self.carried:
            return slide, []
        notes = [n for _, _, n in self.carried]
        comments = [
            f"the notes of slide {number} ({what}) begin the notes of this slide"
            for number, what, _ in self.carried
        ]
        self.carried = []
        return replace(slide, notes="\n\n".join([*notes, *filter(None, [slide.notes])])), comments

    def new_presenter(self, mark: PresenterMark) -> None:
        self.flush_notes()
        self.close_queue()
        self.presenter = DraftPresenter(mark.name, mark.number, mark.affiliation, mark.tagline)
        self.draft.presenters.append(self.presenter)
        self.topic = None
        self.note(mark.number, mark.notes, "presenter divider")
        self.presenter.comments += [f"slide {mark.number}: presenter divider", *self.pending]
        self.pending = []
        index = self.presenter_count
        self.presenter_count += 1
        self.queue = list(self.expected[index]) if index < len(self.expected) else []

    def ensure_presenter(self) -> DraftPresenter:
        if self.presenter is None:
            name, affiliation, tagline = self.only_presenter or (None, None, None)
            name = name or self.deck.author or "Presenter"
            self.presenter = DraftPresenter(name, None, affiliation, tagline)
            self.draft.presenters.append(self.presenter)
            self.queue = list(self.expected[0]) if self.expected else []
            self.presenter_count = 1
        return self.presenter

    def topic_mark(self, mark: TopicMark) -> None:
        self.flush_notes()
        presenter = self.ensure_presenter()
        current = self.topic
        if (
            mark.talk
            and not self.by_deckgen  # deckgen opens a talk with its card only
            and current is not None
            and current.open
            and not current.slides
            and not current.video
            and _plain(current.title) == _plain(mark.title)
        ):
            current.speakers, current.video = mark.speakers, mark.video
            current.slides_url, current.one_link = mark.slides_url, mark.one_link
            current.summary = current.summary or mark.summary
            current.open = False
            current.comments.append(f"slide {mark.number}: talk card")
            self.note(mark.number, mark.notes, "talk card")
            current.comments += self.pending
            self.pending = []
            return
        self.skip_to(mark.title)
        what = "talk card" if mark.talk else "topic" if mark.quiet else "section"
        topic = DraftTopic(
            mark.title,
            mark.number,
            mark.speakers,
            mark.video,
            mark.slides_url,
            mark.summary,
            open=not mark.talk,
            one_link=mark.one_link,
        )
        topic.comments.append(f"slide {mark.number}: {what}")
        self.note(mark.number, mark.notes, what)
        topic.comments += self.pending
        self.pending = []
        presenter.topics.append(topic)
        self.topic = topic

    def skip_to(self, title: str) -> None:
        """Pass the agenda's topics up to `title`; unmarked ones skipped were not found."""
        for i, entry in enumerate(self.queue):
            if entry.marked and _plain(entry.title) == _plain(title):
                for missed in self.queue[:i]:
                    self.missed(missed)
                del self.queue[: i + 1]
                return

    def missed(self, entry: _Expected) -> None:
        if not entry.marked and self.topic is not None:
            self.topic.comments.append(
                f'The agenda lists the topic "{inline.plain(entry.title)}" next; its slides'
                " are among this topic's (check where it starts)."
            )

    def locate(self, title: str | None, force: bool) -> _Expected | None:
        """The agenda topic a slide opens: the next (loose match or `force`), or a later one."""
        unmarked = []
        for entry in self.queue:
            if entry.marked:
                break
            unmarked.append(entry)
        if not unmarked:
            return None
        for i, entry in enumerate(unmarked):
            if (i == 0 and (force or _matches(title, entry.title, loose=True))) or (
                i > 0 and _matches(title, entry.title, loose=False)
            ):
                for missed in unmarked[:i]:
                    self.missed(missed)
                del self.queue[: i + 1]
                return entry
        return None

    def close_queue(self) -> None:
        for entry in self.queue:
            self.missed(entry)
        self.queue = []

    def slide(self, piece: SlidePiece) -> None:
        presenter = self.ensure_presenter()
        topic = self.topic
        found = None
        if self.by_deckgen and topic is not None and topic.video and piece.recording != topic.video:
            # deckgen gives every slide of a talk its recording in the footer: a card's only
            # link that the next slide does not carry was the speakers' slides (unless the
            # agenda says the slide opens the next topic)
            found = self.locate(piece.title, force=False)
            if found is None and topic.one_link and not topic.slides and not piece.recording:
                topic.video, topic.slides_url, topic.one_link = None, topic.video, False
            else:
                topic = None
        found = found or self.locate(piece.title, force=topic is None)
        if found is not None:
            topic = DraftTopic(found.title, None)
            presenter.topics.append(topic)
        elif topic is None:
            title = piece.title or self.draft.title
            topic = DraftTopic(title, None)
            presenter.topics.append(topic)
        self.topic = topic
        content = (
            nest(piece.content.lines) if isinstance(piece.content, BulletLines) else (piece.content)
        )
        slide = Slide(
            piece.title or topic.title,
            content,
            Origin(Position(self.deck.shown, piece.number), f"slide {piece.number}"),
            notes=piece.notes,
            steps=piece.steps,
            keep=piece.keep,
        )
        count = piece.part[1] if piece.part else 1
        first = piece.number - (count - 1) if piece.part else piece.number
        slide, carried = self.take_carried(slide)
        self.last = DraftSlide(
            slide, first, piece.number, joined=count, comments=[*self.pending, *carried]
        )
        topic.slides.append(self.last)
        self.pending = []

    def finish(self) -> Draft:
        self.flush_notes()
        self.close_queue()
        presenter = self.ensure_presenter()
        if self.carried and self.last is not None:
            slide, comments = self.take_carried(replace(self.last.slide, notes=None))
            notes = "\n\n".join(filter(None, [self.last.slide.notes, slide.notes]))
            self.last.slide = replace(slide, notes=notes)
            self.last.comments += [c.replace("begin", "end") for c in comments]
        if self.carried:  # a deck of no content slide: the notes get a slide of the title
            number = self.carried[0][0]
            if self.topic is None:
                self.topic = DraftTopic(self.draft.title, number)
                presenter.topics.append(self.topic)
            self.topic.number = self.topic.number or number
            self.flush_notes()
        if self.pending:
            target = presenter.topics[-1].comments if presenter.topics else presenter.comments
            target += self.pending
        for p in self.draft.presenters:
            if not p.topics:
                p.topics.append(DraftTopic(p.tagline or p.name, None))
        return self.draft


def _expected(pieces: Sequence[Piece]) -> list[list[_Expected]]:
    """The topics deckgen's agenda lists, per presenter, and which are opened by a slide."""
    entries = [e for p in pieces if isinstance(p, AgendaInfo) for e in p.entries]
    if not entries:
        return []
    several = any(isinstance(p, PresenterMark) for p in pieces)
    groups: list[list[str]] = []
    for level, text, bold in entries:
        if several and level == 0 and bold:
            groups.append([])
        elif several and groups:
            groups[-1].append(text)
        elif not several:
            groups = groups or [[]]
            groups[0].append(text)
    deck = next((p.title for p in pieces if isinstance(p, TitleInfo)), "")
    marks: list[list[str]] = [[]]
    for piece in pieces:
        if isinstance(piece, PresenterMark):
            marks.append([])
        elif isinstance(piece, TopicMark) and not names_deck(piece.title, deck):
            marks[-1].append(piece.title)  # the agenda leaves out a topic named like the deck
    if several:
        marks = marks[1:]
    out: list[list[_Expected]] = []
    for i, titles in enumerate(groups):
        opened = list(marks[i]) if i < len(marks) else []
        row = []
        for title in titles:
            marked = bool(opened) and _plain(opened[0]) == _plain(title)
            if marked:
                opened.pop(0)
            row.append(_Expected(title, marked))
        out.append(row)
    return out


# --- step slides ---------------------------------------------------------------------------


def _keep_apart(topic: DraftTopic, collapse: bool) -> None:
    """deckgen collapsed the steps of its deck already: slides of it that look like steps
    were kept apart (`keep: true`, `--steps off`, or two topics of one title). They stay
    apart, with `keep: true` (not needed when the recap says `collapse_steps: off`)."""
    if not collapse:
        return
    for run in step_runs([d.slide for d in topic.slides]):
        for i in run[1:]:
            topic.slides[i].slide = replace(topic.slides[i].slide, keep=True)


def _collapse(topic: DraftTopic, report: list[str], shared: Counter[int]) -> list[DraftSlide]:
    """Runs of step slides become their last state, with every step's notes. A deck slide
    that gave several recap slides (text and a table) is no step of its neighbours: its
    parts stay apart (`keep: true`) even when one of them repeats a neighbour's."""
    runs = [[topic.slides[i] for i in run] for run in step_runs([d.slide for d in topic.slides])]
    out = []
    for run in runs:
        if len(run) > 1 and any(shared[d.first] > 1 for d in run):
            for d in run[1:]:
                d.slide = replace(d.slide, keep=True)
            out += run
            continue
        if len(run) == 1:
            out.append(run[0])
            continue
        merged = merge([d.slide for d in run], "collapse")
        title = inline.plain(run[0].slide.title)
        report.append(f'slide {run[0].first}: collapsed {len(run)} step slides "{title}" into 1')
        comments = [c for d in run for c in d.comments]
        out.append(
            DraftSlide(
                merged,
                run[0].first,
                run[-1].last,
                joined=sum(d.joined for d in run),
                steps=len(run),
                comments=comments,
            )
        )
    return out
