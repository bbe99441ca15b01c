"""Slides deckgen made: each names its kind in `p:cSld/@name`, so it is read back exactly."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from deckgen import inline
from deckgen.importer import generic
from deckgen.importer.blocks import BulletLines, bullet_lines, code_source, statement
from deckgen.importer.markup import (
    ALL,
    NOT_BOLD,
    NOT_ITALIC,
    Keep,
    escape,
    para_text,
    plain,
    to_inline,
)
from deckgen.importer.pieces import (
    AgendaInfo,
    ClosingInfo,
    Note,
    Piece,
    PresenterMark,
    Reading,
    SlidePiece,
    TitleInfo,
    TopicMark,
    split_part,
    title_text,
    useful_alt,
)
from deckgen.importer.reader import Paragraph, SlideData, TextRun, TextShape
from deckgen.layout.closing import CLOSING_DESCR
from deckgen.layout.code import CODE_DESCR
from deckgen.layout.generated import DIVIDER_DESCR, TITLE_DESCR
from deckgen.layout.links import BREAK
from deckgen.layout.section import OPENS_TOPIC
from deckgen.layout.typography import iso_date, without_address_notes
from deckgen.links import shown, youtube
from deckgen.model import (
    Code,
    Content,
    Link,
    Links,
    Picture,
    Quote,
    Stat,
    Statement,
    Stats,
    Video,
)
from deckgen.roles import Role, lines_of
from deckgen.text_rules import is_iso_date

_PRESENTED_BY = "presented by "
_UNTITLED = {"divider": "Presenter", "talk": "Talk", "topic": "Topic"}
_LINKS = (Role.RECORDING_LINK, Role.SLIDES_LINK, Role.LINK)
_LABEL = Keep(bold=False, links=False)  # a link's label that is the link itself
Line = tuple[Role, Paragraph]
Pair = tuple[str, str]  # an event field and its value


def interpret(slide: SlideData, reading: Reading) -> list[Piece]:
    """What one deckgen slide becomes; generated slides (agenda, video index) only inform.
    A slide whose title opens a topic without a page of its own starts that topic."""
    pieces = _interpret(slide, reading)
    described = [t.descr for t in slide.texts if t.role == "title"]
    topic = described[0].removeprefix(OPENS_TOPIC) if described else ""
    if not described or topic == described[0] or not topic.strip():
        return pieces
    return [TopicMark(slide.number, topic, quiet=True), *pieces]


def _interpret(slide: SlideData, reading: Reading) -> list[Piece]:
    kind = slide.kind
    title_shape = next((t for t in slide.texts if t.role == "title"), None)
    raw_title = title_text(title_shape) if title_shape else ""
    title, part = split_part(raw_title)
    shapes = [
        t
        for t in slide.texts
        if t is not title_shape
        and not reading.is_footer(t)
        and t.made_as not in (Role.QR_LABEL, Role.MOMENT)
    ]
    n = slide.number
    if not raw_title.strip() and kind in _UNTITLED:  # an edited deck: a name is required
        raw_title = _UNTITLED[kind]
        others = [t for t in slide.texts if t is not title_shape]
        note = Note(n, f'the slide has no title; the recap calls it "{raw_title}"')
        return [
            note,
            *_interpret(replace(slide, texts=(_title_shape(raw_title), *others)), reading),
        ]
    if kind == "title":
        return [_title(slide, raw_title, shapes, reading)]
    if kind == "agenda":
        entries = tuple(
            (p.level, escape(plain(p.runs)), _all_bold(p)) for p in _paras(shapes) if p.text.strip()
        )
        return [AgendaInfo(n, entries)]
    if kind == "video-index":
        return []
    if kind == "divider":
        return [_divider(slide, raw_title, shapes)]
    if kind == "talk":
        return [_talk(slide, raw_title, shapes, reading)]
    if kind == "topic":
        return [_topic(slide, raw_title, shapes)]
    if kind == "closing":
        named = title_shape.descr if title_shape else ""  # the thank-you slide names it
        title = named.removeprefix(CLOSING_DESCR) if named.startswith(CLOSING_DESCR) else title
        return [ClosingInfo(n, title, tuple(_links(shapes)), part)]
    recording = _recording(slide)
    content = _content(slide, kind, title, shapes, reading)
    if content is None:
        parts = generic.sort_parts(slide, reading)
        pieces = generic.content(slide, parts, reading)
        return [
            SlidePiece(p.number, title, p.content, p.notes, p.steps, part, recording, slide.keep)
            if isinstance(p, SlidePiece)
            else p
            for p in pieces
        ] or [Note(n, "empty slide left out")]
    if isinstance(content, Note):
        return [content]
    steps = kind == "bullets" and any(s.shape_id in slide.builds for s in shapes)
    notes = slide.notes
    if isinstance(content, Links):  # deckgen's list of the addresses: not the presenter's
        notes = without_address_notes(notes, content.items)
    return [SlidePiece(n, title, content, notes, steps, part, recording, slide.keep)]


def _topic(slide: SlideData, title: str, shapes: Sequence[TextShape]) -> TopicMark:
    """A topic's page: its summary and slides link."""
    lines = _lines(shapes, Role.TOPIC)
    slides_url = next((_url(p) for r, p in lines if r in _LINKS), None)
    summary = " ".join(para_text(p) for r, p in lines if r not in _LINKS) or None
    return TopicMark(slide.number, title, slides_url=slides_url, summary=summary, notes=slide.notes)


def _divider(slide: SlideData, title: str, shapes: Sequence[TextShape]) -> PresenterMark:
    """A presenter's name over the tagline and affiliation (the text box names which)."""
    lines = [para_text(p) for p in _paras(shapes) if p.text.strip()]
    described = next((s.descr for s in shapes if s.descr.startswith(DIVIDER_DESCR)), "")
    keys = described.removeprefix(DIVIDER_DESCR).split(", ") if described else ["tagline"]
    fields = dict(zip(keys, lines, strict=True)) if len(keys) == len(lines) else {}
    if not fields:  # an edited deck: the tagline first, then the affiliation
        fields = dict(zip(["tagline", "affiliation"], lines[:2], strict=False))
    return PresenterMark(
        slide.number,
        title,
        affiliation=fields.get("affiliation"),
        tagline=fields.get("tagline"),
        notes=slide.notes,
    )


def _title_shape(text: str) -> TextShape:
    return TextShape((Paragraph((TextRun(text),)),), "title", "Title", 0, 0, 0)


def _paras(shapes: Sequence[TextShape]) -> list[Paragraph]:
    return [p for s in shapes for p in s.paras]


def _all_bold(para: Paragraph) -> bool:
    runs = [r for r in para.runs if r.text.strip()]
    return bool(runs) and all(r.bold for r in runs)


def _title(
    slide: SlideData, title: str, shapes: Sequence[TextShape], reading: Reading
) -> TitleInfo:
    """Title slide: subtitle, presenter, event, date; deckgen names its lines in the box's
    description (an edited deck is read by the lines' look)."""
    lines = [p for p in _paras(shapes) if p.text.strip()]
    described = next((s.descr for s in shapes if s.descr.startswith(TITLE_DESCR)), None)
    keys = described.removeprefix(TITLE_DESCR).split(", ") if described else []
    if len(keys) != len(lines):
        keys = []
        for para in lines:
            key = _title_key(para, "" if "subtitle" in keys else reading.deck.subject)
            if keys[-1:] == ["presenter"] and all(r.italic for r in para.runs if r.text.strip()):
                key = "tagline"  # in italics under the presenter's name
            keys.append(key)
    found = TitleInfo(slide.number, title, notes=slide.notes)
    event: list[tuple[str, str]] = []
    presenter: list[str | None] = [None, None, None]
    for key, para in zip(keys, lines, strict=True):
        if key == "subtitle":
            found = replace(found, subtitle=para_text(para))
        elif key == "date":
            found = replace(found, date=iso_date(plain(para.runs)))  # "13 June 2019"
        elif key == "presenter":
            name, _, affiliation = para_text(para, NOT_BOLD).partition(" · ")
            presenter[:2] = [name.removeprefix(_PRESENTED_BY), affiliation or None]
        elif key == "tagline":
            presenter[2] = para_text(para, NOT_ITALIC)
        elif key == "event url":  # decks of older deckgens: a line of its own
            event.append(("url", _url(para)))
        else:
            found, parts = _event_line(found, key, para)
            event += parts
    who = presenter if presenter[0] else None
    return replace(found, event=tuple((k, v) for k, v in event if v), presenter=who)


def _event_line(
    found: TitleInfo, key: str, para: Paragraph
) -> tuple[TitleInfo, list[tuple[str, str]]]:
    """The event line's parts as its key names them (`event name/location/dates/date/url`,
    ` linked`: the name is the event's link); the date goes to `found`."""
    linked = key.endswith(" linked")
    names = key.removeprefix("event ").removesuffix(" linked").split("/")
    keep = Keep(links=not linked)
    values = para_text(para, keep).split(" · ")
    if len(names) != len(values):
        names, values = ["name"], [" · ".join(values)]
    parts = [(k, v) for k, v in zip(names, values, strict=True) if k not in ("date", "url")]
    if "date" in names:
        found = replace(found, date=iso_date(inline.plain(values[names.index("date")])))
    urls = [r.url for r in para.runs if r.url]
    if urls and ("url" in names or linked):
        parts.append(("url", urls[-1] if "url" in names else urls[0]))
    return found, parts


def _title_key(para: Paragraph, subject: str) -> str:
    """What a line under the title is, by its text."""
    text = plain(para.runs)
    link = _link_para(para)
    if subject and text == " ".join(subject.split()):
        return "subtitle"
    if is_iso_date(iso_date(text)):
        return "date"
    if text.startswith(_PRESENTED_BY):
        return "presenter"
    if link:
        return "event url"
    parts = text.split(" · ")
    return "event name/location/dates" if len(parts) == 3 else "event name"


def _link_para(para: Paragraph) -> str | None:
    """The URL of a labelled link line (`Label: address`, the address a link), by its look:
    how an edited card's lines are read."""
    visible = [r for r in para.runs if r.text.strip()]
    if len(visible) < 2 or not visible[-1].url or any(r.url for r in visible[:-1]):
        return None
    return visible[-1].url if plain(visible[:-1]).rstrip().endswith(":") else None


def _url(para: Paragraph) -> str:
    return next((r.url for r in para.runs if r.url), "")


def _lines(shapes: Sequence[TextShape], role: Role) -> list[Line]:
    """The paragraphs of `shapes` with their roles: as a box of `role` names them, or (an
    edited deck) guessed from their look: labelled links, bold speakers, the summary."""
    out: list[Line] = []
    for shape in shapes:
        paras = [p for p in shape.paras if p.text.strip()]
        named = lines_of(shape.descr, role) if shape.made_as is role else None
        if named is not None and len(named) == len(paras):
            out += zip(named, paras, strict=True)
            continue
        for para in paras:
            if _link_para(para):
                out.append((Role.LINK, para))
            elif _all_bold(para) and not any(r is Role.SUMMARY for r, _ in out):
                out.append((Role.SPEAKER, para))
            else:
                out.append((Role.SUMMARY, para))
    return out


def _joined(lines: Sequence[Line], role: Role, keep: Keep = ALL) -> str | None:
    """The paragraphs of `role` as one inline text (None: there are none)."""
    return " ".join(para_text(p, keep) for r, p in lines if r is role) or None


def _talk(slide: SlideData, title: str, shapes: Sequence[TextShape], reading: Reading) -> TopicMark:
    lines = _lines(shapes, Role.CARD)
    links = [(r, _url(p)) for r, p in lines if r in _LINKS]
    video = next((url for r, url in links if r is Role.RECORDING_LINK), None)
    slides_url = next((url for r, url in links if r is Role.SLIDES_LINK), None)
    guessed = [url for r, url in links if r is Role.LINK]  # an edited card's link lines
    video = video or next((u for u in guessed if youtube(u) or reading.is_video(u)), None)
    slides_url = slides_url or next((u for u in guessed if u != video), None)
    return TopicMark(
        slide.number,
        title,
        tuple(para_text(p, NOT_BOLD) for r, p in lines if r is Role.SPEAKER),
        video,
        slides_url,
        _joined(lines, Role.SUMMARY),
        notes=slide.notes,
        talk=True,
        one_link=len(guessed) == 1 and len(links) == 1 and video is not None,
    )


def _video(shapes: Sequence[TextShape]) -> Video | None:
    lines = _lines(shapes, Role.CARD)
    url = next((_url(p) for r, p in lines if r in _LINKS), None)
    if url is None:
        return None
    return Video(
        Link.of(url),
        _joined(lines, Role.CARD_TITLE, NOT_BOLD),
        tuple(para_text(p, NOT_BOLD) for r, p in lines if r is Role.SPEAKER),
        _joined(lines, Role.SUMMARY),
    )


def _only_link(para: Paragraph) -> str | None:
    """The URL of a paragraph that is nothing but one link."""
    urls = {r.url for r in para.runs if r.text.strip() and r.url}
    rest = "".join(r.text for r in para.runs if not r.url).replace(BREAK, "").strip()
    return urls.pop() if len(urls) == 1 and not rest else None


def _links(shapes: Sequence[TextShape]) -> list[Link]:
    """A list of links (each its label or its address; from older decks, label line then
    address line) or link tiles."""
    out: list[Link] = []
    pending: list[Paragraph] = []
    for para in _paras(shapes):
        if not para.text.strip():
            continue
        url = _only_link(para)
        groups = _link_groups(para)
        if url is None and groups:  # a line of links ("More: A · B")
            out += [Link.of(u, _label(runs)) for u, runs in groups]
            pending = []
            continue
        if url is None:
            pending.append(para)
            continue
        label = para_text(pending[0], NOT_BOLD) if pending else None
        if label is not None and plain(pending[0].runs) in (url, shown(url)):
            label = None
        if not pending:
            label = _label(para.runs) or label  # a label that is the link (bold)
        out.append(Link.of(url, label))
        pending = []
    return out


def _link_groups(para: Paragraph) -> list[tuple[str, list[TextRun]]]:
    """The paragraph's links: each run of consecutive runs of one URL."""
    groups: list[tuple[str, list[TextRun]]] = []
    previous: str | None = None
    for r in para.runs:
        if not r.url and not r.text.replace(BREAK, "").strip():
            continue  # where the address may wrap: it goes on
        if r.url and r.url == previous:
            groups[-1][1].append(r)
        elif r.url:
            groups.append((r.url, [r]))
        previous = r.url
    return groups


def _label(runs: Sequence[TextRun]) -> str | None:
    """A link's label: its text when bold (deckgen sets labels bold, addresses not)."""
    linked = [r for r in runs if r.url]  # not the zero-width space that ends a link
    return to_inline(linked, _LABEL) if all(r.bold for r in linked if r.text.strip()) else None


def _recording(slide: SlideData) -> str | None:
    """The recording link in a deckgen footer."""
    for shape in slide.texts:
        if shape.made_as is Role.FOOTER_LINK:
            return next((_url(p) for p in shape.paras if _url(p)), None)
    return None


def _content(
    slide: SlideData, kind: str | None, title: str, shapes: Sequence[TextShape], reading: Reading
) -> Content | BulletLines | Note | None:
    """The content of a slide of a known kind; None to read it as an ordinary slide."""
    if kind == "text":
        return _statement(shapes)
    if kind == "quote":
        return _quote(shapes)
    if kind == "stats":
        return _stats(shapes)
    if kind == "links":
        links = _links(shapes)
        return Links(tuple(links)) if links else None
    if kind == "video":
        return _video(shapes)
    if kind == "code":
        return _code(shapes)
    if kind == "image":
        return _image(slide, title, shapes, reading)
    if kind == "bullets":
        body = [s for s in shapes if s.role == "body" or s.made_as is Role.BODY] or list(shapes)
        lines = bullet_lines(_paras(body))
        return lines if lines.lines else None
    return None


def _statement(shapes: Sequence[TextShape]) -> Statement | None:
    text = statement([p for p in _paras(shapes) if p.text.strip()], NOT_BOLD)
    return Statement(text) if text else None


def _quote(shapes: Sequence[TextShape]) -> Quote | None:
    source = None
    paras: list[Paragraph] = []
    for shape in shapes:
        if shape.text == "“":
            continue
        if shape.text.startswith("— "):
            source = para_text(shape.paras[0], NOT_ITALIC).removeprefix("— ").strip()
            continue
        paras += [p for p in shape.paras if p.text.strip()]
    text = statement(paras, NOT_ITALIC)
    return Quote(text, source or None) if text else None


def _stats(shapes: Sequence[TextShape]) -> Stats | None:
    """Figures (bold) each over its label (the same left edge, lower down)."""
    values = [s for s in shapes if all(_all_bold(p) for p in s.paras if p.text.strip())]
    labels = [s for s in shapes if s not in values]
    items = []
    for value in sorted(values, key=lambda s: (s.top, s.left)):
        below = [s for s in labels if abs(s.left - value.left) < 12700 and s.top > value.top]
        label = min(below, key=lambda s: s.top, default=None)
        if label is None:
            continue
        labels.remove(label)
        text = " ".join(para_text(p) for p in label.paras if p.text.strip())
        items.append(Stat(plain([r for p in value.paras for r in p.runs]), text))
    return Stats(tuple(items)) if items else None


def _code(shapes: Sequence[TextShape]) -> Code | None:
    mono = [s for s in shapes if all(p.mono for p in s.paras if p.text.strip())]
    if not mono:
        return None
    source = code_source([p for s in mono for p in s.paras])
    captions = [s for s in shapes if s not in mono]
    caption = (
        " ".join(para_text(p, NOT_ITALIC) for p in captions[0].paras if p.text.strip())
        if captions
        else None
    )
    descr = mono[0].descr
    language = descr.removeprefix(CODE_DESCR) if descr.startswith(CODE_DESCR) else None
    return Code(source, language, caption or None) if source.strip() else None


def _image(
    slide: SlideData, title: str, shapes: Sequence[TextShape], reading: Reading
) -> Picture | Note | None:
    pictures = [p for p in slide.pictures if not reading.is_decoration(p)]
    if not pictures:
        return None
    extracted = reading.picture(slide, pictures[0])
    if extracted is None:
        return Note(slide.number, "the slide's picture could not be used; slide left out")
    caption = " ".join(para_text(p, NOT_ITALIC) for p in _paras(shapes) if p.text.strip()) or None
    alt = useful_alt(pictures[0].descr, caption, generic.plain_text(title))
    return extracted.picture(caption, alt)


def join_talk_parts(pieces: Sequence[Piece]) -> list[Piece]:
    """A talk card continued on more slides ("Title (2/3)": its speakers and summary did
    not fit one) read back as the one talk it is."""
    out: list[Piece] = []
    for piece in pieces:
        title, part = split_part(piece.title) if isinstance(piece, TopicMark) else ("", None)
        last = out[-1] if out else None
        if (
            isinstance(piece, TopicMark)
            and piece.talk
            and part is not None
            and part[0] > 1
            and isinstance(last, TopicMark)
            and last.talk
            and split_part(last.title)[0] == title
        ):
            summary = " ".join(s for s in (last.summary, piece.summary) if s) or None
            out[-1] = replace(
                last,
                speakers=(*last.speakers, *piece.speakers),
                video=last.video or piece.video,
                slides_url=last.slides_url or piece.slides_url,
                summary=summary,
            )
            continue
        out.append(piece)
    return out
