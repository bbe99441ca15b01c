"""Slides of any deck: the title slide, sections, talk cards and content slides."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from deckgen.importer.blocks import BulletLines, bullet_lines, code_source, statement, table
from deckgen.importer.markup import ALL, NOT_BOLD, Keep, escape, para_text, plain
from deckgen.importer.pieces import (
    LooseNotes,
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
from deckgen.importer.reader import (
    Paragraph,
    PictureShape,
    SlideData,
    TableShape,
    TextShape,
    usable_url,
)
from deckgen.links import LinkError, youtube
from deckgen.model import Code, Content, Link, Statement, Video
from deckgen.text_rules import is_iso_date
from deckgen.validate.semantic import MAX_LENGTH

_VIDEO_WORDS = {"", "recording", "video", "youtube", "watch", "watch it", "talk", "the talk"}
_URL = re.compile(r"^(?:https?://|www\.)\S+$")
_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_'’.-]*(?:['’.-][^\W\d_]*)*\.?$")
_TITLE_MAX = MAX_LENGTH["title"]


@dataclass(frozen=True)
class VideoLine:
    """A YouTube link that stands alone on its line (or a picture linking to one)."""

    url: str
    label: str | None


@dataclass(frozen=True)
class Parts:
    """The content of a slide, sorted by what it can become."""

    title: str | None
    paras: tuple[Paragraph, ...]  # text that is neither title, code nor a video line
    shapes: tuple[TextShape, ...]  # the shapes those paragraphs come from
    code: tuple[str, ...]
    tables: tuple[TableShape, ...]
    pictures: tuple[PictureShape, ...]
    videos: tuple[VideoLine, ...]


def interpret(slide: SlideData, reading: Reading, first: bool) -> list[Piece]:
    """What one slide of an ordinary deck becomes."""
    parts = sort_parts(slide, reading)
    if first and _is_title_slide(slide, parts):
        info, rest = _title_info(slide, parts, reading)
        return [info, *rest, *_picture_slides(slide, parts, reading)]
    if parts.videos and _is_card(parts):
        return _card(slide, parts)
    if parts.title and _is_section(slide, parts):
        return [_section(slide, parts, reading), *_picture_slides(slide, parts, reading)]
    pieces = content(slide, parts, reading)
    if not pieces and parts.title:  # what it held was left out: keep its title as a topic
        return [TopicMark(slide.number, parts.title, notes=slide.notes)]
    if not pieces and slide.notes:
        return [LooseNotes(slide.number, slide.notes)]
    return pieces or [Note(slide.number, "empty slide left out")]


def sort_parts(slide: SlideData, reading: Reading) -> Parts:
    """Title, text, code, tables, pictures and video links of a slide."""
    shapes = [t for t in slide.texts if not reading.is_footer(t)]
    title_shape = next((t for t in shapes if t.role == "title"), None)
    if title_shape is None:
        top = min(shapes, key=lambda t: (t.top, t.left), default=None)
        lines = [p for p in top.paras if p.text.strip()] if top else []
        if top is not None and len(lines) == 1 and len(lines[0].text) <= _TITLE_MAX:
            title_shape = top
    title = title_text(title_shape) if title_shape else None
    paras: list[Paragraph] = []
    kept: list[TextShape] = []
    code: list[str] = []
    videos: list[VideoLine] = []
    for shape in shapes:
        if shape is title_shape:
            continue
        visible = [p for p in shape.paras if p.text.strip()]
        if visible and all(p.mono for p in visible):
            code.append(code_source(shape.paras))
            continue
        kept.append(shape)
        for para in shape.paras:
            line = _video_line(para)
            if line is not None:
                videos.append(line)
            elif para.text.strip():
                paras.append(para)
    pictures = []
    for picture in slide.pictures:
        if reading.is_decoration(picture):
            continue
        tube = _youtube(picture.url) if picture.url else None
        if tube:
            videos.append(VideoLine(tube, None))
        else:
            pictures.append(picture)
    return Parts(
        title or None,
        tuple(paras),
        tuple(kept),
        tuple(code),
        tuple(slide.tables),
        tuple(pictures),
        tuple(videos),
    )


def _youtube(url: str) -> str | None:
    """The normalised YouTube link, or None when `url` is no (valid) YouTube link."""
    try:
        tube = youtube(url)
    except (LinkError, ValueError):
        return None
    return tube.url if tube else None


def _video_line(para: Paragraph) -> VideoLine | None:
    """A paragraph that is only a YouTube link (maybe after "Recording:" or "►")."""
    urls = {r.url for r in para.runs if r.url and r.text.strip()}
    rest = "".join(r.text for r in para.runs if not r.url)
    if len(urls) == 1:
        url = urls.pop()
        label = plain([r for r in para.runs if r.url])
    else:
        words = para.text.split()
        candidates = [w for w in words if _URL.match(w)]
        if urls or len(candidates) != 1:
            return None
        url = candidates[0] if candidates[0].startswith("http") else f"https://{candidates[0]}"
        rest = para.text.replace(candidates[0], "")
        label = None
    tube = _youtube(url) if usable_url(url) else None
    if tube is None or rest.strip(" \t:►▶•-–—|").lower() not in _VIDEO_WORDS:
        return None
    if label and (label.lower() in _VIDEO_WORDS or _URL.match(label) or "youtu" in label):
        label = None
    return VideoLine(tube, escape(label) if label else None)


def _title_layout(slide: SlideData, section: bool = False) -> bool:
    """Title or section slide by its layout's name, its subtitle or its title's position."""
    layout = slide.layout.lower()
    return (
        "title slide" in layout
        or (section and "section" in layout)
        or slide.low_title
        or any(t.role == "subtitle" for t in slide.texts)
    )


def _is_title_slide(slide: SlideData, parts: Parts) -> bool:
    """The deck's first slide as its title slide (a logo on it does not matter)."""
    if not parts.title or parts.tables or parts.code:
        return False
    if _title_layout(slide):
        return True
    plain_lines = not any(p.bulleted for p in parts.paras)
    return not parts.pictures and _small(parts.paras, 3) and plain_lines


def _picture_slides(slide: SlideData, parts: Parts, reading: Reading) -> list[Piece]:
    """The pictures of a title or section slide, as image slides after it."""
    out: list[Piece] = []
    for picture in parts.pictures:
        extracted = reading.picture(slide, picture)
        if extracted is not None:
            alt = useful_alt(picture.descr, plain_text(parts.title or ""))
            image = extracted.picture(None, alt)
            out.append(SlidePiece(slide.number, parts.title, image))
    return out


def _title_info(slide: SlideData, parts: Parts, reading: Reading) -> tuple[TitleInfo, list[Piece]]:
    """The title slide; lines too many for a subtitle follow it as a text slide."""
    lines = []
    for para in parts.paras:
        lines += [s.strip() for s in plain_lines(para) if s.strip()]
    dates = [t.text for t in slide.texts if t.role == "date" and is_iso_date(t.text)]
    authors = {a.casefold() for a in reading.authors}
    kept = []
    for line in lines:
        if is_iso_date(line):
            dates.append(line)
        elif line.casefold() not in authors:
            kept.append(line)
    subtitle = escape(" · ".join(kept)) if kept else None
    rest: list[Piece] = []
    if subtitle and len(subtitle) > MAX_LENGTH["subtitle"]:
        subtitle = escape(kept[0]) if len(escape(kept[0])) <= MAX_LENGTH["subtitle"] else None
        more = kept[1:] if subtitle else kept
        rest.append(SlidePiece(slide.number, parts.title, Statement(escape("\n\n".join(more)))))
    info = TitleInfo(
        slide.number,
        parts.title or "",
        subtitle,
        date=dates[0] if dates else None,
        notes=slide.notes,
    )
    return info, rest


def plain_lines(para: Paragraph) -> list[str]:
    """A paragraph's text split at its line breaks."""
    return para.text.split("\n")


def _small(paras: Sequence[Paragraph], count: int, chars: int = 200) -> bool:
    return len(paras) <= count and sum(len(p.text.strip()) for p in paras) <= chars


def _is_section(slide: SlideData, parts: Parts) -> bool:
    """A section divider: only a title, or a section layout with a line or two (and a picture)."""
    if parts.tables or parts.code or parts.videos:
        return False
    if not parts.paras and not parts.pictures:
        return True
    return _title_layout(slide, section=True) and _small(parts.paras, 3)


def _section(slide: SlideData, parts: Parts, reading: Reading) -> Piece:
    title = parts.title or ""
    sub = " ".join(para_text(p, NOT_BOLD) for p in parts.paras) or None
    if _is_person(plain_text(title), bool(sub), reading.authors):
        return PresenterMark(slide.number, title, tagline=sub, notes=slide.notes)
    return TopicMark(slide.number, title, summary=sub, notes=slide.notes)


def plain_text(text: str) -> str:
    """Inline text without its escapes (titles are plain apart from them)."""
    return re.sub(r"\\(.)", r"\1", text)


def _is_person(title: str, has_subtitle: bool, authors: Sequence[str]) -> bool:
    """A personal name: a deck author's, or 2-3 capitalised words over a subtitle."""
    folded = title.casefold()
    for author in authors:
        if folded in (author.casefold(), author.split()[0].casefold()):
            return True
    words = title.split()
    return (
        has_subtitle
        and 2 <= len(words) <= 3
        and len(title) <= 40
        and all(w[0].isupper() and _NAME_WORD.match(w) for w in words)
    )


def _is_card(parts: Parts) -> bool:
    """A talk card: a YouTube link with a few short lines (speakers, a summary)."""
    return (
        not parts.tables
        and not parts.pictures
        and not parts.code
        and _small(parts.paras, 4, 800)
        and all(not p.mono for p in parts.paras)
    )


def _card(slide: SlideData, parts: Parts) -> list[Piece]:
    speakers: list[str] = []
    summary: list[str] = []
    slides_url = None
    for para in parts.paras:
        links = {r.url for r in para.runs if r.url}
        text = para.text.strip()
        if len(links) == 1 and not "".join(r.text for r in para.runs if not r.url).strip():
            slides_url = slides_url or links.pop()
        elif not summary and len(text) <= 100 and not text.endswith(".") and not links:
            speakers.append(para_text(para, NOT_BOLD))
        else:
            summary.append(para_text(para))
    first, *more = parts.videos
    title = parts.title or first.label or "Talk"
    mark = TopicMark(
        slide.number,
        title,
        tuple(speakers),
        first.url,
        slides_url,
        " ".join(summary) or None,
        notes=slide.notes,
        talk=True,
    )
    return [mark, *(_video_piece(slide, parts, v) for v in more)]


def _video_piece(slide: SlideData, parts: Parts, line: VideoLine) -> SlidePiece:
    link = Link.of(line.url)
    return SlidePiece(slide.number, parts.title, Video(link, line.label))


def content(slide: SlideData, parts: Parts, reading: Reading) -> list[Piece]:
    """An ordinary slide's recap slides: text, code, tables, pictures, then videos."""
    contents: list[Content | BulletLines] = []
    paras = list(parts.paras)
    caption = None
    if (
        len(parts.pictures) == 1
        and len(paras) == 1
        and not paras[0].bulleted
        and len(paras[0].text) <= MAX_LENGTH["caption"]
    ):
        caption = para_text(paras[0], _keep(paras))
        paras = []
    steps = False
    if paras:
        if not any(p.bulleted or p.mono for p in paras) and _small(paras, 3, 600):
            contents.append(_statement(paras))
        else:
            lines = bullet_lines(paras)
            if lines.lines:
                contents.append(lines)
                steps = any(s.shape_id in slide.builds for s in parts.shapes)
    contents += [Code(source) for source in parts.code if source.strip()]
    for shape in parts.tables:
        grid = table(shape)
        if grid is not None:
            contents.append(grid)
    for picture in parts.pictures:
        extracted = reading.picture(slide, picture)
        if extracted is not None:
            alt = useful_alt(picture.descr, caption, plain_text(parts.title or ""))
            contents.append(extracted.picture(caption, alt))
    pieces: list[Piece] = []
    title, part = split_part(parts.title) if parts.title else (None, None)
    for n, item in enumerate(contents):
        pieces.append(
            SlidePiece(
                slide.number,
                title,
                item,
                notes=slide.notes if n == 0 else None,
                steps=steps and n == 0,
                part=part,
            )
        )
    pieces += [_video_piece(slide, parts, v) for v in parts.videos]
    if pieces and not contents and slide.notes:
        first = pieces[0]
        assert isinstance(first, SlidePiece)
        pieces[0] = SlidePiece(first.number, first.title, first.content, notes=slide.notes)
    return pieces


def _statement(paras: Sequence[Paragraph]) -> Statement:
    return Statement(statement(paras, _keep(paras)))


def _keep(paras: Sequence[Paragraph]) -> Keep:
    """Bold all over is the slide's style, not emphasis."""
    runs = [r for p in paras for r in p.runs if r.text.strip()]
    return NOT_BOLD if runs and all(r.bold for r in runs) else ALL


def cards_as_videos(pieces: Sequence[Piece]) -> list[Piece]:
    """Talk cards in a row under one title ("Other sessions", a talk each) are no talks of
    that title: they become one topic of video slides, the first line of each its title."""
    out: list[Piece] = []
    i = 0
    while i < len(pieces):
        run = _same_title_cards(pieces, i)
        if len(run) < 2:
            out.append(pieces[i])
            i += 1
            continue
        first = run[0]
        out.append(TopicMark(first.number, first.title, notes=first.notes))
        for card in run:
            assert card.video is not None
            title, *speakers = card.speakers or (None,)
            video = Video(Link.of(card.video), title, tuple(speakers), card.summary)
            notes = card.notes if card is not first else None
            out.append(SlidePiece(card.number, card.title, video, notes=notes))
        i += len(run)
    return out


def _same_title_cards(pieces: Sequence[Piece], start: int) -> list[TopicMark]:
    run: list[TopicMark] = []
    for piece in pieces[start:]:
        if not (
            isinstance(piece, TopicMark)
            and piece.talk
            and piece.video
            and not piece.slides_url
            and (not run or plain_text(piece.title) == plain_text(run[0].title))
        ):
            break
        run.append(piece)
    return run
