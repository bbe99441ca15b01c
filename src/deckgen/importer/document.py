"""The recap as a commented YAML tree: keys in the format's order, texts within their limits."""

from __future__ import annotations

from deckgen import inline
from deckgen.importer.markup import escape
from deckgen.importer.structure import Draft, DraftPresenter, DraftSlide, DraftTopic
from deckgen.importer.yaml_out import Item, Mapping, Sequence, Value
from deckgen.model import (
    Bullet,
    Bullets,
    Code,
    Content,
    Link,
    Links,
    Picture,
    Quote,
    Statement,
    Stats,
    Table,
    Video,
)
from deckgen.validate.semantic import MAX_LENGTH

_OPTION_NOTES = {
    "agenda": "a slide listing presenters and topics",
    "qr_codes": "youtube | all | none",
    "collapse_steps": "collapse | animate | off",
    "slide_numbers": "slide numbers on content slides",
    "video_index": "a closing slide with every video's QR code",
}


class _Writer:
    def __init__(self) -> None:
        self.where = ""  # the slide being written, for comments about shortened text
        self.shortened: list[str] = []

    def fit(self, key: str, text: str | None, limit: int | None = None) -> str | None:
        """`text` within the length deckgen accepts for `key` (shortened, with a comment)."""
        if text is None:
            return None
        limit = limit or MAX_LENGTH.get(key)
        if limit is None or len(text) <= limit:
            return text
        full = inline.plain(text)
        cut = limit - 1
        while True:
            short = escape(full[:cut].rstrip()) + "…"
            if len(short) <= limit:
                break
            cut -= 5
        self.shortened.append(f"{self.where}{key} shortened to {limit} characters")
        return short

    def recap(self, draft: Draft) -> Mapping:
        root = Mapping()
        root.add("title", self.fit("title", draft.title) or "Imported deck")
        root.add("subtitle", self.fit("subtitle", draft.subtitle))
        event = Mapping()
        for key in ("name", "location", "dates"):
            event.add(key, self.fit(key, draft.event.get(key)))
        event.add("url", draft.event.get("url"))
        root.add("event", event)
        root.add("date", draft.date)
        root.add("footer", self.fit("footer", draft.footer))
        options = Mapping()
        for key, value in draft.options.items():
            options.add(key, value, comment=_OPTION_NOTES.get(key))
        root.add("options", options, blank=True)
        presenters = Sequence([self.presenter(p) for p in draft.presenters])
        root.add("presenters", presenters, blank=True)
        if draft.closing_title is not None or draft.closing_links:
            closing = Mapping()
            closing.add("title", self.fit("title", draft.closing_title))
            closing.add("links", Sequence([Item(self.link(x)) for x in draft.closing_links]))
            root.add("closing", closing, blank=True, before=["the deck's closing slide"])
        return root

    def presenter(self, p: DraftPresenter) -> Item:
        m = Mapping()
        m.add("name", self.fit("name", p.name))
        m.add("affiliation", self.fit("affiliation", p.affiliation))
        m.add("tagline", self.fit("tagline", p.tagline))
        m.add("topics", Sequence([self.topic(t) for t in p.topics]))
        return Item(m, list(p.comments))

    def topic(self, t: DraftTopic) -> Item:
        self.where = f"slide {t.number}: " if t.number else ""
        m = Mapping()
        m.add("title", self.fit("title", t.title))
        m.add("speakers", _texts(t.speakers))
        m.add("video", t.video)
        m.add("slides_url", t.slides_url)
        m.add("summary", self.fit("summary", t.summary))
        m.add("slides", Sequence([self.slide(s, t.title) for s in t.slides]))
        return Item(m, [*t.comments, *self.take()])

    def take(self) -> list[str]:
        out, self.shortened = self.shortened, []
        return out

    def slide(self, d: DraftSlide, topic_title: str) -> Item:
        slide = d.slide
        self.where = f"slide {d.first}: "
        m = Mapping()
        if slide.title != topic_title:
            m.add("title", self.fit("title", slide.title))
        key, value = self.content(slide.content)
        m.add(key, value)
        m.add("notes", slide.notes)
        m.add("steps", True if slide.steps else None)
        m.add("keep", True if slide.keep else None)
        return Item(m, [_origin(d), *d.comments, *self.take()])

    def content(self, content: Content) -> tuple[str, Value]:
        if isinstance(content, Bullets):
            return "bullets", Sequence([Item(_bullet(b)) for b in content.items])
        if isinstance(content, Statement):
            return "text", content.text
        if isinstance(content, Quote):
            q = Mapping()
            q.add("text", content.text)
            q.add("source", self.fit("source", content.source))
            return "quote", q
        if isinstance(content, Code):
            return "code", _code(content)
        if isinstance(content, Table):
            t = Mapping()
            t.add("columns", Sequence([Item(c) for c in content.columns], flow=True))
            rows = [Item(Sequence([Item(c) for c in r], flow=True)) for r in content.rows]
            t.add("rows", Sequence(rows))
            return "table", t
        if isinstance(content, Picture):
            i = Mapping()
            i.add("path", content.path.as_posix())
            i.add("caption", self.fit("caption", content.caption))
            i.add("alt", content.alt)
            return "image", i
        if isinstance(content, Video):
            v = Mapping()
            v.add("url", content.link.url)
            v.add("title", self.fit("title", content.title))
            v.add("speakers", _texts(content.speakers))
            v.add("summary", self.fit("summary", content.summary))
            return "video", v
        if isinstance(content, Links):
            return "links", Sequence([Item(self.link(x)) for x in content.items])
        assert isinstance(content, Stats)
        stats = []
        for stat in content.items:
            s = Mapping()
            s.add("value", self.fit("value", stat.value) or "?")
            s.add("label", self.fit("label", stat.label, 120) or "?")
            stats.append(Item(s))
        return "stats", Sequence(stats)

    def link(self, link: Link) -> Mapping:
        m = Mapping()
        if link.label != link.url:
            m.add("label", self.fit("label", link.label))
        m.add("url", link.url)
        return m


def recap_tree(draft: Draft) -> Mapping:
    """The YAML tree of a draft recap."""
    return _Writer().recap(draft)


def _texts(values: tuple[str, ...]) -> Sequence | None:
    return Sequence([Item(v) for v in values], flow=True) if values else None


def _bullet(bullet: Bullet) -> Value:
    if not bullet.children and bullet.code is None:
        return bullet.text
    m = Mapping()
    if bullet.text:
        m.add("text", bullet.text)
    m.add("bullets", Sequence([Item(_bullet(b)) for b in bullet.children]))
    if bullet.code is not None:
        m.add("code", _code(bullet.code))
    return m


def _code(code: Code) -> Value:
    # a listing ends with a line break, as typed listings do (`|`): some lexers drop a last
    # line that has none
    source = code.source if code.source.endswith("\n") else f"{code.source}\n"
    if code.language is None and code.caption is None:
        return source
    m = Mapping()
    m.add("source", source)
    m.add("language", code.language)
    m.add("caption", code.caption)
    return m


def _origin(d: DraftSlide) -> str:
    if d.steps > 1:
        return f"slides {d.first}-{d.last}: {d.steps} step slides, collapsed into their last state"
    if d.joined > 1:
        return f"slides {d.first}-{d.last}: one slide continued over {d.joined}"
    return f"slide {d.first}"
