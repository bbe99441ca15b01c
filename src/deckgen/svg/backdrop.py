"""What a slide shows behind its own shapes: the background and the art of its master
and layout (a template's strips and rules, the theme's logo), read from the same themed
package the deck is built on, so the SVG shows what the deck shows."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from deckgen.layout.page import Rect
from deckgen.render.deck import themed_base
from deckgen.render.package import Base
from deckgen.templates import PARSER
from deckgen.theme import Theme

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS = {"a": _A, "p": _P, "r": _R}
_EMU = 12700  # per point


@dataclass(frozen=True)
class Art:
    """A shape of a master or layout: a filled rectangle, or a picture (`data`)."""

    rect: Rect
    fill: str | None = None
    data: bytes | None = None
    extension: str = "png"


@dataclass(frozen=True)
class Backdrop:
    """A layout's background (a colour, or a picture stretched over the slide) and art."""

    color: str | None
    picture: tuple[bytes, str] | None
    art: tuple[Art, ...]


def backdrops(theme: Theme) -> dict[str, Backdrop]:
    """The backdrop of each kind of page (title, section, content) in `theme`."""
    base, _ = themed_base(theme)
    return {kind: _backdrop(base, name.lstrip("/")) for kind, name in base.layouts.items()}


def _backdrop(base: Base, layout_name: str) -> Backdrop:
    layout = _Part(base, layout_name)
    master = _Part(base, layout.target("slideMaster"))
    colors = _scheme(base, master)
    background = layout.background(colors) or master.background(colors)
    art = list(master.art(colors)) if layout.root.get("showMasterSp") != "0" else []
    art += layout.art(colors)
    if background is not None and isinstance(background, tuple):
        return Backdrop(None, background, tuple(art))
    return Backdrop(background, None, tuple(art))


class _Part:
    """A master or layout part and its relationships."""

    def __init__(self, base: Base, name: str) -> None:
        self.base = base
        self.name = name
        self.root = etree.fromstring(base.parts[name], PARSER)
        folder, file = posixpath.split(name)
        rels = base.parts.get(f"{folder}/_rels/{file}.rels")
        self.rels: dict[str, tuple[str, str]] = {}
        if rels is not None:
            for rel in etree.fromstring(rels, PARSER):
                kind = rel.get("Type", "").rsplit("/", 1)[-1]
                self.rels[rel.get("Id", "")] = (kind, rel.get("Target", ""))

    def target(self, kind: str) -> str:
        """The part name of the first relationship of `kind`."""
        found = next(t for k, t in self.rels.values() if k == kind)
        return self._resolve(found)

    def _resolve(self, target: str) -> str:
        return posixpath.normpath(posixpath.join(posixpath.dirname(self.name), target))

    def picture(self, rid: str | None) -> tuple[bytes, str] | None:
        """The bytes and extension of the image relationship `rid`."""
        if rid is None or rid not in self.rels:
            return None
        name = self._resolve(self.rels[rid][1])
        data = self.base.parts.get(name)
        return None if data is None else (data, name.rsplit(".", 1)[-1].lower())

    def background(self, colors: dict[str, str]) -> str | tuple[bytes, str] | None:
        """The part's background: a colour, a picture, or None (inherited)."""
        bg = self.root.find("p:cSld/p:bg", _NS)
        if bg is None:
            return None
        blip = bg.find(".//a:blip", _NS)
        if blip is not None:
            return self.picture(blip.get(f"{{{_R}}}embed"))
        return _color(bg, colors)

    def art(self, colors: dict[str, str]) -> Iterator[Art]:
        """The shapes of the part that are not placeholders, in drawing order."""
        tree = self.root.find("p:cSld/p:spTree", _NS)
        for shape in tree if tree is not None else ():
            if shape.find("*/p:nvPr/p:ph", _NS) is not None:
                continue
            rect = _rect(shape)
            if rect is None:
                continue
            if shape.tag == f"{{{_P}}}sp" and _plain_rect(shape):
                fill = shape.find("p:spPr/a:solidFill", _NS)
                if fill is not None and (color := _color(fill, colors)):
                    yield Art(rect, fill=color)
            elif shape.tag == f"{{{_P}}}pic":
                blip = shape.find("p:blipFill/a:blip", _NS)
                found = self.picture(None if blip is None else blip.get(f"{{{_R}}}embed"))
                if found is not None:
                    yield Art(rect, data=found[0], extension=found[1])


def _plain_rect(shape: etree._Element) -> bool:
    geometry = shape.find("p:spPr/a:prstGeom", _NS)
    return geometry is not None and geometry.get("prst") == "rect"


def _rect(shape: etree._Element) -> Rect | None:
    off = shape.find("p:spPr/a:xfrm/a:off", _NS)
    ext = shape.find("p:spPr/a:xfrm/a:ext", _NS)
    if off is None or ext is None:
        return None
    x, y = (int(off.get(k, "0")) / _EMU for k in ("x", "y"))
    w, h = (int(ext.get(k, "0")) / _EMU for k in ("cx", "cy"))
    return Rect(x, y, w, h)


def _scheme(base: Base, master: _Part) -> dict[str, str]:
    """Scheme colour names (bg1, tx1, accent1, ...) to RRGGBB, through the master's map."""
    theme = etree.fromstring(base.parts[master.target("theme")], PARSER)
    slots: dict[str, str] = {}
    for slot in theme.iterfind(".//a:clrScheme/*", _NS):
        value = slot.find("a:srgbClr", _NS)
        system = slot.find("a:sysClr", _NS)
        name = etree.QName(slot).localname
        if value is not None:
            slots[name] = value.get("val", "000000")
        elif system is not None:
            slots[name] = system.get("lastClr", "000000")
    mapping = master.root.find("p:clrMap", _NS)
    aliases = dict(mapping.attrib) if mapping is not None else {}
    return {**slots, **{alias: slots[name] for alias, name in aliases.items() if name in slots}}


def _color(parent: etree._Element, colors: dict[str, str]) -> str | None:
    """The first srgbClr or schemeClr below `parent`, as RRGGBB."""
    for found in parent.iter(f"{{{_A}}}srgbClr", f"{{{_A}}}schemeClr"):
        value = found.get("val", "")
        if etree.QName(found).localname == "srgbClr":
            return value.upper()
        return colors.get(value)
    return None
