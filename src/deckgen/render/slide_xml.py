"""Slide XML written directly from laid-out pages (PresentationML, ISO/IEC 29500).

python-pptx builds every run through its element classes, which costs milliseconds a
slide; decks of hundreds of slides are written here as strings instead, in the element
order the schemas require. Relationships a slide needs (layout, pictures, hyperlinks,
notes) are collected for the package writer.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from deckgen.layout.agenda import NUMBER_HANG
from deckgen.layout.fit import INSET_X, INSET_Y
from deckgen.layout.fonts import font_segments
from deckgen.layout.frame import hides_art
from deckgen.layout.page import Element, Grid, Image, Page, Para, Rect, Shape, TextBox
from deckgen.render.xml_text import escape, quoteattr
from deckgen.roles import Role, describe_lines
from deckgen.text_rules import without_forbidden

NS = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
)
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
EMU = 12700  # per point
_HANG = 0.32 * 72  # room for a bullet character, in points
_ALIGN = {"left": "l", "center": "ctr", "right": "r"}
_ANCHOR = {"top": "t", "middle": "ctr", "bottom": "b"}
_NO_GRID_STYLE = "{2D5ABB26-0587-4C30-8999-92F81FD0307C}"  # "No Style, No Grid"
# `keep: true` of the recap slide, recorded so that `deckgen import` reads it back
KEEP_URI = "{6F1C3E2A-5B7D-4E21-9A43-DEC0E6E0C0DE}"
KEEP_EXT = (
    f'<p:extLst><p:ext uri="{KEEP_URI}"><dg:keep xmlns:dg="urn:deckgen:slide"/></p:ext></p:extLst>'
)
# the text roles that go into a layout placeholder of that kind, when it has one
_PLACEHOLDER = {Role.TITLE: "title", Role.SUBTITLE: "subtitle", Role.BODY: "body"}


@dataclass(frozen=True)
class Placeholder:
    """A layout placeholder a slide fills: the `p:ph` attributes to copy."""

    name: str
    ph: str  # e.g. 'type="title"' or 'idx="1"'


@dataclass
class SlideRels:
    """The relationships of one slide part; rId1 is always its layout."""

    layout: str  # target, relative to the slide part
    items: list[tuple[str, str, str, bool]] = field(default_factory=list)  # id, type, target, ext
    _by_target: dict[tuple[str, str], str] = field(default_factory=dict)

    def add(self, kind: str, target: str, external: bool = False) -> str:
        """The id of a relationship to `target`, added once per slide."""
        key = (kind, target)
        if key not in self._by_target:
            rid = f"rId{len(self.items) + 2}"
            self.items.append((rid, kind, target, external))
            self._by_target[key] = rid
        return self._by_target[key]

    def xml(self) -> str:
        rows = [f'<Relationship Id="rId1" Type="{REL}/slideLayout" Target="{self.layout}"/>']
        for rid, kind, target, external in self.items:
            mode = ' TargetMode="External"' if external else ""
            rows.append(
                f'<Relationship Id="{rid}" Type="{REL}/{kind}" Target={quoteattr(target)}{mode}/>'
            )
        return _rels(rows)


class MediaStore:
    """Images of the deck, stored once each (by content), named media/imageN.ext; names
    in `taken` (the template's own pictures, its logo) are never used. `files` are the
    picture files the pages show: path -> (bytes, extension)."""

    def __init__(
        self, taken: Collection[str] = (), files: dict[str, tuple[bytes, str]] | None = None
    ) -> None:
        self.files = files or {}
        self.parts: dict[str, bytes] = {}  # part name -> bytes
        self._names: dict[bytes, str] = {}
        self._taken = {name.lower() for name in taken}
        self._next = 1

    def add(self, data: bytes, extension: str) -> str:
        """The part name (`/ppt/media/imageN.ext`) holding `data`."""
        name = self._names.get(data)
        if name is None:
            name = f"/ppt/media/image{self._next}.{extension}"
            while name.lower() in self._taken:
                self._next += 1
                name = f"/ppt/media/image{self._next}.{extension}"
            self._next += 1
            self._names[data] = name
            self.parts[name] = data
        return name


def slide_xml(
    page: Page,
    placeholders: dict[str, Placeholder],
    rels: SlideRels,
    media: MediaStore,
    east_asian: str,
) -> str:
    """The XML of one slide, its pictures stored in `media`; every run names `east_asian`
    as its East Asian font (a:ea: what Chinese, Japanese and Korean characters are drawn
    with)."""
    writer = _Writer(placeholders, rels, media, east_asian)
    shapes = "".join(writer.element(e) for e in page.elements)
    background = ""
    show = ""
    if page.background:
        background = f"<p:bg><p:bgPr>{_fill(page.background)}<a:effectLst/></p:bgPr></p:bg>"
    if hides_art(page):  # no logo or master art on a coloured slide, nor on the closing
        show = ' showMasterSp="0"'
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<p:sld {NS}{show}>'
        f"<p:cSld name={quoteattr(page.kind)}>{background}<p:spTree>"
        '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
        f"<p:grpSpPr/>{shapes}</p:spTree>{KEEP_EXT if page.keep else ''}</p:cSld>"
        f"<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr>{timing_xml(writer.steps)}</p:sld>"
    )


def notes_xml(text: str) -> str:
    """A notes page: the slide image and the notes, one paragraph a line."""
    paras = "".join(
        f'<a:p><a:r><a:rPr lang="en-US" dirty="0"/><a:t>{_text(line)}</a:t></a:r></a:p>'
        if line
        else '<a:p><a:endParaRPr lang="en-US" dirty="0"/></a:p>'
        for line in text.split("\n")
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<p:notes {NS}>'
        '<p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/>'
        "</p:nvGrpSpPr><p:grpSpPr/>"
        '<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image Placeholder 1"/><p:cNvSpPr>'
        '<a:spLocks noGrp="1" noRot="1" noChangeAspect="1"/></p:cNvSpPr>'
        '<p:nvPr><p:ph type="sldImg" idx="2"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>'
        '<p:sp><p:nvSpPr><p:cNvPr id="3" name="Notes Placeholder 2"/><p:cNvSpPr>'
        '<a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" idx="3" sz="quarter"/>'
        f"</p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>{paras}</p:txBody>"
        "</p:sp></p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>"
    )


def notes_rels(slide_target: str, master_target: str) -> str:
    return _rels(
        [
            f'<Relationship Id="rId1" Type="{REL}/notesMaster" Target="{master_target}"/>',
            f'<Relationship Id="rId2" Type="{REL}/slide" Target="{slide_target}"/>',
        ]
    )


def _rels(rows: list[str]) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
        'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(rows)
        + "</Relationships>"
    )


class _Writer:
    """Writes the shapes of one slide, numbering them and collecting their relationships."""

    def __init__(
        self,
        placeholders: dict[str, Placeholder],
        rels: SlideRels,
        media: MediaStore,
        east_asian: str,
    ) -> None:
        self.placeholders = dict(placeholders)
        self.east_asian = east_asian
        self.rels = rels
        self.media = media
        self.next_id = 2
        self.steps: list[tuple[int, int, int]] = []  # (shape id, paragraph, click)

    def element(self, element: Element) -> str:
        shape_id = self.next_id
        self.next_id += 1
        if isinstance(element, TextBox):
            self.steps += [(shape_id, i, p.step) for i, p in enumerate(element.paras) if p.step]
            return self.text_box(shape_id, element)
        if isinstance(element, Shape):
            return self.shape(shape_id, element)
        if isinstance(element, Image):
            return self.picture(shape_id, element)
        return self.table(shape_id, element)

    def text_box(self, shape_id: int, box: TextBox) -> str:
        key = _PLACEHOLDER.get(box.role)
        placeholder = self.placeholders.pop(key, None) if key else None
        described = box.descr or (describe_lines(box.role, box.lines) if box.lines else "")
        descr = f" descr={quoteattr(_clean(described))}" if described else ""
        if placeholder is not None:
            nv = (
                f'<p:nvSpPr><p:cNvPr id="{shape_id}" name={quoteattr(placeholder.name)}{descr}/>'
                '<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
                f"<p:nvPr><p:ph {placeholder.ph}/></p:nvPr></p:nvSpPr>"
            )
            geometry = ""
        else:
            nv = (
                f'<p:nvSpPr><p:cNvPr id="{shape_id}" name="{box.role.value}"{descr}/>'
                '<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>'
            )
            geometry = '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/>'
        return (
            f"<p:sp>{nv}<p:spPr>{_xfrm(box.rect)}{geometry}</p:spPr>"
            f"<p:txBody>{_body_props(box.wrap, box.anchor)}{self.paragraphs(box.paras)}"
            "</p:txBody></p:sp>"
        )

    def paragraphs(self, paras: Sequence[Para]) -> str:
        return (
            "".join(self.paragraph(p) for p in paras) or '<a:p><a:endParaRPr lang="en-US"/></a:p>'
        )

    def paragraph(self, para: Para) -> str:
        marker = (para.number, para.bullet, para.bullet_color)
        spacing = (para.line_spacing, para.space_before)
        ppr = _paragraph_props(marker, para.indent, para.level, para.align, spacing)
        east_asian = self.east_asian
        runs = []
        for run in para.runs:
            link = ""
            if run.url:
                rid = self.rels.add("hyperlink", run.url, external=True)
                link = f'<a:hlinkClick r:id="{rid}"/>'
            # characters the run's font lacks go in the symbol font (layout/glyphs.py)
            runs += [
                f"<a:r>{_run_props(run.size, run.bold, run.italic, run.color, font, east_asian)}"
                f"{link}</a:rPr><a:t>{_text(text)}</a:t></a:r>"
                for text, font in font_segments(run.text, run.font)
            ]
        if not runs:
            runs.append('<a:endParaRPr lang="en-US" sz="1200" dirty="0"/>')
        return f"<a:p>{ppr}{''.join(runs)}</a:p>"

    def shape(self, shape_id: int, shape: Shape) -> str:
        r = shape.rect
        if shape.rounded:
            adjust = round(min(0.08, 8 / max(1.0, min(r.w, r.h))) * 100000)
            geometry = (
                f'<a:prstGeom prst="roundRect"><a:avLst><a:gd name="adj" fmla="val {adjust}"/>'
                "</a:avLst></a:prstGeom>"
            )
        else:
            geometry = '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        line = (
            f'<a:ln w="{_emu(0.75)}">{_fill(shape.line)}</a:ln>'
            if shape.line
            else "<a:ln><a:noFill/></a:ln>"
        )
        return (
            f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{shape.role.value}"/><p:cNvSpPr/>'
            "<p:nvPr/>"
            f"</p:nvSpPr><p:spPr>{_xfrm(r)}{geometry}{_fill(shape.fill)}{line}<a:effectLst/>"
            "</p:spPr></p:sp>"
        )

    def picture(self, shape_id: int, image: Image) -> str:
        if image.data is not None:
            part = self.media.add(image.data, "png")
        else:
            data, extension = self.media.files[str(image.path)]
            part = self.media.add(data, extension)
        embed = self.rels.add("image", ".." + part.removeprefix("/ppt"))
        link = ""
        if image.url:
            link = f'<a:hlinkClick r:id="{self.rels.add("hyperlink", image.url, True)}"/>'
        return (
            f'<p:pic><p:nvPicPr><p:cNvPr id="{shape_id}" '
            f"name={quoteattr(image.name or image.role.value)} "
            f"descr={quoteattr(_clean(image.alt))}>{link}</p:cNvPr>"
            '<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>'
            f'<p:blipFill><a:blip r:embed="{embed}"/><a:stretch><a:fillRect/></a:stretch>'
            f'</p:blipFill><p:spPr>{_xfrm(image.rect)}<a:prstGeom prst="rect"><a:avLst/>'
            "</a:prstGeom></p:spPr></p:pic>"
        )

    def table(self, shape_id: int, grid: Grid) -> str:
        r = grid.rect
        columns = "".join(f'<a:gridCol w="{_emu(w)}"/>' for w in grid.widths)
        rows = []
        for height, row in zip(grid.heights, grid.cells, strict=True):
            cells = "".join(
                f"<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>{self.paragraphs(cell.paras)}"
                f'</a:txBody><a:tcPr marL="{_emu(INSET_X)}" marR="{_emu(INSET_X)}" '
                f'marT="{_emu(INSET_Y)}" marB="{_emu(INSET_Y)}" anchor="ctr">{_fill(cell.fill)}'
                "</a:tcPr></a:tc>"
                for cell in row
            )
            rows.append(f'<a:tr h="{_emu(height)}">{cells}</a:tr>')
        return (
            "<p:graphicFrame><p:nvGraphicFramePr>"
            f'<p:cNvPr id="{shape_id}" name="{grid.role.value}"/>'
            '<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr>'
            f'<p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x="{_emu(r.x)}" y="{_emu(r.y)}"/>'
            f'<a:ext cx="{_emu(r.w)}" cy="{_emu(r.h)}"/></p:xfrm><a:graphic>'
            '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table">'
            f'<a:tbl><a:tblPr firstRow="1"><a:tableStyleId>{_NO_GRID_STYLE}</a:tableStyleId>'
            f"</a:tblPr><a:tblGrid>{columns}</a:tblGrid>{''.join(rows)}</a:tbl>"
            "</a:graphicData></a:graphic></p:graphicFrame>"
        )


def timing_xml(steps: Sequence[tuple[int, int, int]]) -> str:
    """On-click "appear" effects, one click per step (the p:timing tree PowerPoint
    writes): the first paragraph of a step is the click effect, the others appear with
    it. Every p:cTn id is unique on the slide."""
    if not steps:
        return ""
    ids = iter(range(1, 100_000))

    def ctn(attrs: str, inner: str) -> str:
        return f'<p:cTn id="{next(ids)}" {attrs}>{inner}</p:cTn>'

    def delay(value: str) -> str:
        return f'<p:stCondLst><p:cond delay="{value}"/></p:stCondLst>'

    # ids are taken in document order, so build the tree from the outside in
    root_id, main_id = next(ids), next(ids)
    clicks = []
    for click in sorted({s[2] for s in steps}):
        outer_id, inner_id = next(ids), next(ids)
        effects = []
        members = [s for s in steps if s[2] == click]
        for n, (shape_id, paragraph, _) in enumerate(members):
            node = "clickEffect" if n == 0 else "withEffect"
            effect_id, set_id = next(ids), next(ids)
            effects.append(
                f'<p:par><p:cTn id="{effect_id}" presetID="1" presetClass="entr" '
                f'presetSubtype="0" fill="hold" grpId="0" nodeType="{node}">{delay("0")}'
                f'<p:childTnLst><p:set><p:cBhvr><p:cTn id="{set_id}" dur="1" fill="hold">'
                f'{delay("0")}</p:cTn><p:tgtEl><p:spTgt spid="{shape_id}"><p:txEl>'
                f'<p:pRg st="{paragraph}" end="{paragraph}"/></p:txEl></p:spTgt></p:tgtEl>'
                "<p:attrNameLst><p:attrName>style.visibility</p:attrName></p:attrNameLst>"
                '</p:cBhvr><p:to><p:strVal val="visible"/></p:to></p:set></p:childTnLst>'
                "</p:cTn></p:par>"
            )
        clicks.append(
            f'<p:par><p:cTn id="{outer_id}" fill="hold">{delay("indefinite")}<p:childTnLst>'
            f'<p:par><p:cTn id="{inner_id}" fill="hold">{delay("0")}<p:childTnLst>'
            f"{''.join(effects)}</p:childTnLst></p:cTn></p:par></p:childTnLst></p:cTn></p:par>"
        )
    conditions = "".join(
        f'<p:{kind}CondLst><p:cond evt="{evt}" delay="0"><p:tgtEl><p:sldTgt/></p:tgtEl>'
        f"</p:cond></p:{kind}CondLst>"
        for kind, evt in (("prev", "onPrev"), ("next", "onNext"))
    )
    builds = "".join(
        f'<p:bldP spid="{shape_id}" grpId="0" build="p"/>'
        for shape_id in sorted({s[0] for s in steps})
    )
    return (
        f'<p:timing><p:tnLst><p:par><p:cTn id="{root_id}" dur="indefinite" restart="never" '
        f'nodeType="tmRoot"><p:childTnLst><p:seq concurrent="1" nextAc="seek">'
        f'<p:cTn id="{main_id}" dur="indefinite" nodeType="mainSeq"><p:childTnLst>'
        f"{''.join(clicks)}</p:childTnLst></p:cTn>{conditions}</p:seq></p:childTnLst>"
        f"</p:cTn></p:par></p:tnLst><p:bldLst>{builds}</p:bldLst></p:timing>"
    )


def _xfrm(r: Rect) -> str:
    return (
        f'<a:xfrm><a:off x="{_emu(r.x)}" y="{_emu(r.y)}"/>'
        f'<a:ext cx="{_emu(r.w)}" cy="{_emu(r.h)}"/></a:xfrm>'
    )


@lru_cache(maxsize=1024)  # a deck has few paragraph and run styles, written thousands of times
def _paragraph_props(
    marker: tuple[int | None, str | None, str | None],  # number, bullet, bullet colour
    indent: float,
    level: int,
    align: str,
    spacing: tuple[float, float],  # line spacing, space before
) -> str:
    """The `<a:pPr>` of a paragraph."""
    (number, bullet, bullet_color), (line_spacing, space_before) = marker, spacing
    if number is not None:  # the number hangs where a bullet would
        bullets = (
            f"<a:buClr>{_color(bullet_color or '000000')}</a:buClr>"
            f'<a:buFontTx/><a:buAutoNum type="arabicPeriod" startAt="{number}"/>'
        )
        hang = -_emu(NUMBER_HANG)
    elif bullet:
        bullets = (
            f"<a:buClr>{_color(bullet_color or '000000')}</a:buClr>"
            f'<a:buFont typeface="Arial"/><a:buChar char={quoteattr(bullet)}/>'
        )
        hang = -_emu(_HANG)
    else:
        bullets, hang = "<a:buNone/>", 0
    return (
        f'<a:pPr marL="{_emu(indent)}" lvl="{level}" indent="{hang}" '
        f'algn="{_ALIGN[align]}"><a:lnSpc><a:spcPct '
        f'val="{round(line_spacing * 100000)}"/></a:lnSpc>'
        f'<a:spcBef><a:spcPts val="{round(space_before * 100)}"/></a:spcBef>'
        f"{bullets}</a:pPr>"
    )


@lru_cache(maxsize=1024)
def _run_props(size: float, bold: bool, italic: bool, color: str, font: str, ea: str) -> str:
    """The `<a:rPr>` of a run up to its hyperlink, `ea` its East Asian font."""
    return (
        f'<a:rPr lang="en-US" sz="{round(size * 100)}" b="{int(bold)}" '
        f'i="{int(italic)}" cap="none" dirty="0">{_fill(color)}'
        f"<a:latin typeface={quoteattr(font)}/><a:ea typeface={quoteattr(ea)}/>"
    )


@lru_cache(maxsize=64)
def _body_props(wrap: bool, anchor: str) -> str:
    """The `<a:bodyPr>` and `<a:lstStyle>` of a text box."""
    return (
        f'<a:bodyPr wrap="{"square" if wrap else "none"}" lIns="{_emu(INSET_X)}" '
        f'tIns="{_emu(INSET_Y)}" rIns="{_emu(INSET_X)}" bIns="{_emu(INSET_Y)}" '
        f'anchor="{_ANCHOR[anchor]}"><a:noAutofit/></a:bodyPr><a:lstStyle/>'
    )


def _emu(points: float) -> int:
    return round(points * EMU)


def _color(rgb: str) -> str:
    return f'<a:srgbClr val="{rgb}"/>'


def _fill(rgb: str) -> str:
    return f"<a:solidFill>{_color(rgb)}</a:solidFill>"


def _clean(text: str) -> str:
    """Tabs as spaces, one line, and none of the characters a recap cannot hold (XML 1.0
    cannot hold some of them; validation rejects them earlier, this is the guard)."""
    return without_forbidden(text.replace("\t", "    ").replace("\n", " "))


def _text(text: str) -> str:
    # printable text holds no tab, line break or forbidden character: nothing to clean
    return escape(text if text.isprintable() else _clean(text))
