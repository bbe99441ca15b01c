"""Read a .pptx into plain data: each slide's text, tables, pictures and notes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.oxml.ns import qn

from deckgen.errors import BuildError, Position, Problem
from deckgen.importer.package import NotADeck, broken_part, read_package
from deckgen.links import LinkError, check_url, youtube
from deckgen.render.slide_xml import KEEP_URI
from deckgen.roles import Role, role_of
from deckgen.text_rules import without_forbidden

# the slide kinds deckgen writes into `p:cSld/@name`
KINDS = frozenset(
    {
        "title",
        "agenda",
        "divider",
        "talk",
        "topic",
        "bullets",
        "text",
        "quote",
        "code",
        "table",
        "image",
        "video",
        "links",
        "stats",
        "video-index",
        "closing",
    }
)
_MONO_FONTS = frozenset(
    {
        "courier new",
        "consolas",
        "liberation mono",
        "dejavu sans mono",
        "menlo",
        "monaco",
        "source code pro",
        "lucida console",
    }
)
_MONO_WORDS = ("mono", "code", "courier")
_ROLES = {
    "title": "title",
    "ctrTitle": "title",
    "subTitle": "subtitle",
    "body": "body",
    "obj": "body",
    "dt": "date",
    "ftr": "footer",
    "sldNum": "footer",
    "hdr": "footer",
}
MAX_URL = 2_000  # characters: longer links are left out (their text stays)
_BAND = 0.9  # text boxes below this share of the slide height are footers
_FRAME_KINDS = {"chart": "a chart", "diagram": "a SmartArt diagram", "ole": "an embedded object"}


@dataclass(frozen=True)
class TextRun:
    """A run of text with its formatting (`code`: in a monospace font) and its size; `url`
    is a checked http(s)/mailto link (what a `Span` holds, and the size)."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    url: str | None = None
    size: float | None = None


@dataclass(frozen=True)
class Paragraph:
    """One paragraph: its runs, outline level, left margin and whether it has a bullet."""

    runs: tuple[TextRun, ...]
    level: int = 0
    indent: int | None = None
    bulleted: bool = False

    @property
    def text(self) -> str:
        """The paragraph's text, line breaks included."""
        return "".join(r.text for r in self.runs)

    @property
    def mono(self) -> bool:
        """True when every visible run is in a monospace font."""
        visible = [r for r in self.runs if r.text.strip()]
        return bool(visible) and all(r.code for r in visible)

    @property
    def size(self) -> float | None:
        """The largest explicit font size of the paragraph's runs."""
        return max((r.size for r in self.runs if r.size), default=None)


@dataclass(frozen=True)
class TextShape:
    """A shape holding text; `role` is title, subtitle, body, date, footer, band or other."""

    paras: tuple[Paragraph, ...]
    role: str
    name: str
    shape_id: int
    top: int
    left: int
    descr: str = ""  # the shape's description (deckgen's code listings name their language)

    @property
    def made_as(self) -> Role | None:
        """The role deckgen wrote into the shape's name (None: another name)."""
        return role_of(self.name)

    @property
    def text(self) -> str:
        """All paragraphs, one a line."""
        return "\n".join(p.text for p in self.paras).strip()


@dataclass(frozen=True)
class PictureShape:
    """An embedded picture with its description and click link."""

    blob: bytes
    name: str
    descr: str
    url: str | None
    top: int
    left: int

    @property
    def made_as(self) -> Role | None:
        """The role deckgen wrote into the shape's name (None: another name)."""
        return role_of(self.name)


@dataclass(frozen=True)
class TableShape:
    """A native table: rows of cells, each cell a tuple of paragraphs."""

    rows: tuple[tuple[tuple[Paragraph, ...], ...], ...]
    top: int
    left: int


@dataclass(frozen=True)
class SlideData:
    """Everything the importer uses of one slide."""

    number: int
    kind: str | None  # what deckgen wrote into p:cSld/@name, when it names a known kind
    layout: str
    texts: tuple[TextShape, ...]
    pictures: tuple[PictureShape, ...]
    tables: tuple[TableShape, ...]
    notes: str | None
    left_out: tuple[str, ...]  # what the recap cannot hold, e.g. "a chart"
    builds: frozenset[int]  # shapes whose paragraphs appear one click each
    height: int = 6858000  # of the slide, in EMU
    keep: bool = False  # deckgen recorded the recap slide's `keep: true`

    @property
    def low_title(self) -> bool:
        """The title stands well below the top, as on title and section slides."""
        title = next((t for t in self.texts if t.role == "title"), None)
        return title is not None and title.top >= 0.2 * self.height


@dataclass(frozen=True)
class DeckData:
    """A whole deck: its slides and document properties."""

    shown: str
    slides: tuple[SlideData, ...]
    author: str
    title: str
    subject: str
    keywords: str
    macros: bool = False  # the package holds a VBA project (ignored)

    @property
    def by_deckgen(self) -> bool:
        """Made by deckgen (maybe edited): its title slide and most slides name their kind."""
        named = sum(1 for s in self.slides if s.kind)
        return bool(self.slides) and self.slides[0].kind == "title" and named * 2 > len(self.slides)


def read_deck(path: Path) -> DeckData:
    """Read `path`; raise `BuildError` when it is not a readable PowerPoint deck."""
    shown = path.as_posix()
    if not path.is_file():
        raise _error(shown, "no such file" if not path.exists() else "is not a file")
    try:
        package = read_package(path)
    except NotADeck as exc:
        raise _error(shown, f"is not a PowerPoint deck: {exc}") from None
    except OSError as exc:
        raise _error(shown, f"cannot read it: {exc.strerror or exc}") from None
    try:
        prs = Presentation(package.stream)
        height = int(prs.slide_height or 6858000)
        slides = tuple(_read_slide(s, n, height, shown) for n, s in enumerate(prs.slides, 1))
        props = prs.core_properties
        deck = DeckData(
            shown,
            slides,
            clean(props.author or "").strip(),
            clean(props.title or "").strip(),
            clean(props.subject or "").strip(),
            clean(props.keywords or "").strip(),
            package.macros,
        )
    except BuildError:
        raise
    except Exception as exc:  # python-pptx raises many kinds for a broken package
        raise _error(shown, f"{broken_part(package)}cannot read it: {exc}") from None
    if not slides:
        raise _error(shown, "has no slides")
    return deck


def _read_slide(slide: Any, number: int, height: int, shown: str) -> SlideData:
    try:
        return _slide(slide, number, height)
    except Exception as exc:  # a broken slide part: name the slide
        raise _error(shown, f"slide {number}: cannot read it: {exc}") from None


def _error(shown: str, message: str) -> BuildError:
    return BuildError([Problem(Position(shown), message)])


def clean(text: str) -> str:
    """Drop characters a recap cannot hold (`text_rules.FORBIDDEN`); line and paragraph
    separators (U+2028, U+2029) become line breaks."""
    return without_forbidden(text.replace("\u2028", "\n").replace("\u2029", "\n"))


def one_line(text: str) -> str:
    """A name on one line: what `clean` keeps, line and paragraph separators as spaces."""
    return " ".join(clean(text).split())


def _slide(slide: Any, number: int, height: int) -> SlideData:
    texts: list[TextShape] = []
    pictures: list[PictureShape] = []
    tables: list[TableShape] = []
    left_out: list[str] = []
    part = slide.part
    for shape, top, left in _shapes(slide.shapes, None):
        element = shape._element
        tag = element.tag
        if tag == qn("p:pic"):
            picture = _picture(shape, part, top, left, left_out)
            if picture is not None:
                pictures.append(picture)
        elif tag == qn("p:graphicFrame"):
            if element.xpath(".//a:tbl"):
                tables.append(_table(shape, part, top, left))
            else:
                uri = str(next(iter(element.xpath(".//a:graphicData/@uri")), ""))
                left_out += [what for key, what in _FRAME_KINDS.items() if key in uri.lower()][:1]
        elif tag == qn("p:sp") and shape.has_text_frame:
            role = _role(element)
            if role == "other" and top >= _BAND * height:
                role = "band"
            paras = tuple(_paragraph(p, part, role == "body") for p in _paras(element))
            descr = clean(str(element.xpath("string(./p:nvSpPr/p:cNvPr/@descr)")))
            if any(p.text.strip() for p in paras) and role_of(shape.name) != Role.TOPIC_LABEL:
                texts.append(
                    TextShape(paras, role, str(shape.name), int(shape.shape_id), top, left, descr)
                )
    long = [r for r in part.rels.values() if r.is_external and len(r.target_ref) > MAX_URL]
    if long:
        left_out.append(f"a link longer than {MAX_URL:,} characters")
    kind = slide._element.cSld.get("name")
    notes = None
    if slide.has_notes_slide and slide.notes_slide.notes_text_frame is not None:
        notes = clean(slide.notes_slide.notes_text_frame.text.replace("\v", "\n")).strip()
    builds = frozenset(int(i) for i in slide._element.xpath(".//p:bldP[@build='p']/@spid"))
    texts.sort(key=lambda t: (t.role != "title", t.role != "body", t.top, t.left))
    pictures.sort(key=lambda p: (p.top, p.left))
    tables.sort(key=lambda t: (t.top, t.left))
    return SlideData(
        number,
        kind if kind in KINDS else None,
        str(slide.slide_layout.name or ""),
        tuple(texts),
        tuple(pictures),
        tuple(tables),
        notes or None,
        tuple(left_out),
        builds,
        height,
        bool(slide._element.xpath(f"./p:cSld/p:extLst/p:ext[@uri='{KEEP_URI}']")),
    )


def _shapes(shapes: Any, at: tuple[int, int] | None) -> Iterator[tuple[Any, int, int]]:
    """Every shape, group members included (with their group's position)."""
    for shape in shapes:
        top = at[0] if at else int(shape.top or 0)
        left = at[1] if at else int(shape.left or 0)
        if shape._element.tag == qn("p:grpSp"):
            yield from _shapes(shape.shapes, (top, left))
        else:
            yield shape, top, left


def _role(element: Any) -> str:
    ph = element.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}")
    if ph is None:
        return "other"
    return _ROLES.get(ph.get("type", "obj"), "other")


def _paras(element: Any) -> list[Any]:
    body = element.find(qn("p:txBody"))
    return [] if body is None else list(body.iterfind(qn("a:p")))


def _picture(
    shape: Any, part: Any, top: int, left: int, left_out: list[str]
) -> PictureShape | None:
    element = shape._element
    media = element.xpath(
        "./p:nvPicPr/p:nvPr/a:videoFile | ./p:nvPicPr/p:nvPr/a:audioFile"
        " | ./p:nvPicPr/p:nvPr/a:quickTimeFile"
    )
    media += [e for e in element.iter() if str(e.tag).endswith("}media")]
    if media:
        left_out.append("an embedded video or sound")
        return None
    try:
        blob = bytes(shape.image.blob)
    except Exception:  # a linked (not embedded) picture, or a broken relationship
        left_out.append(f"the picture `{one_line(str(shape.name))}` (not embedded in the deck)")
        return None
    c_nv_pr = element.find(f"{qn('p:nvPicPr')}/{qn('p:cNvPr')}")
    descr = clean(c_nv_pr.get("descr", "") if c_nv_pr is not None else "").strip()
    link = c_nv_pr.find(qn("a:hlinkClick")) if c_nv_pr is not None else None
    url = _link(link, part) if link is not None else None
    return PictureShape(blob, one_line(str(shape.name)), descr, url, top, left)


def _table(shape: Any, part: Any, top: int, left: int) -> TableShape:
    rows = []
    for tr in shape._element.iter(qn("a:tr")):
        cells: list[tuple[Paragraph, ...]] = []
        for tc in tr.iterfind(qn("a:tc")):
            if tc.get("hMerge") in ("1", "true") or tc.get("vMerge") in ("1", "true"):
                cells.append(())
                continue
            cells.append(tuple(_paragraph(p, part, False) for p in _paras_of_cell(tc)))
        rows.append(tuple(cells))
    return TableShape(tuple(rows), top, left)


def _paras_of_cell(tc: Any) -> list[Any]:
    body = tc.find(qn("a:txBody"))
    return [] if body is None else list(body.iterfind(qn("a:p")))


def _paragraph(p: Any, part: Any, in_body: bool) -> Paragraph:
    runs: list[TextRun] = []
    for child in p:
        if child.tag in (qn("a:r"), qn("a:fld")):
            t = child.find(qn("a:t"))
            text = clean(t.text or "") if t is not None else ""
            if text:
                runs.append(_run(text, child.find(qn("a:rPr")), part))
        elif child.tag == qn("a:br"):
            runs.append(TextRun("\n"))
    ppr = p.find(qn("a:pPr"))
    level, indent, bulleted = 0, None, in_body
    if ppr is not None:
        level = _int(ppr.get("lvl"))
        indent = _int(ppr.get("marL")) if ppr.get("marL") is not None else None
        if ppr.find(qn("a:buNone")) is not None:
            bulleted = False
        elif any(ppr.find(qn(t)) is not None for t in ("a:buChar", "a:buAutoNum", "a:buBlip")):
            bulleted = True
    return Paragraph(tuple(runs), level, indent, bulleted)


def _run(text: str, rpr: Any, part: Any) -> TextRun:
    if rpr is None:
        return TextRun(text)
    latin = rpr.find(qn("a:latin"))
    font = str(latin.get("typeface", "")) if latin is not None else ""
    link = rpr.find(qn("a:hlinkClick"))
    size = rpr.get("sz")
    return TextRun(
        text,
        bold=rpr.get("b") in ("1", "true"),
        italic=rpr.get("i") in ("1", "true"),
        code=is_mono(font),
        url=_link(link, part) if link is not None else None,
        size=int(size) / 100 if size and size.isdigit() else None,
    )


def is_mono(font: str) -> bool:
    """True for the names of monospace fonts (Courier New, Consolas, "... Mono", ...)."""
    name = font.strip().lower()
    return name in _MONO_FONTS or any(word in name for word in _MONO_WORDS)


def _link(link: Any, part: Any) -> str | None:
    """The target of a click link when deckgen accepts it (http, https, mailto)."""
    rid = link.get(qn("r:id"))
    if not rid or rid not in part.rels:
        return None
    rel = part.rels[rid]
    if not rel.is_external:
        return None
    return usable_url(str(rel.target_ref).strip())


def usable_url(url: str) -> str | None:
    """`url` when deckgen accepts it as a link (and it is not too long to be one), else None."""
    if len(url) > MAX_URL:
        return None
    try:
        check_url(url)
        youtube(url)
    except (LinkError, ValueError):
        return None
    return url


def _int(value: str | None) -> int:
    return int(value) if value and re.fullmatch(r"-?\d+", value) else 0
