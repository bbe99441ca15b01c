"""Assemble the .pptx package: the themed base (master, layouts, theme, notes master,
properties) from python-pptx, plus slides, notes pages and pictures written directly.

Why not python-pptx for the slides: it names each new part by walking every part of
the package and looks relationships up by scanning lists, so a deck gets
quadratically slower as it grows (scanny/python-pptx#644). Here every part name, slide
id and relationship id is assigned once, in order, in linear time; pictures are stored
once per content. The zip is deterministic: fixed dates, fixed order.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

from deckgen.layout.page import Image, Page
from deckgen.render import archive
from deckgen.render.memo import Drawn, RenderCache
from deckgen.render.slide_xml import (
    REL,
    MediaStore,
    Placeholder,
    SlideRels,
    notes_rels,
    notes_xml,
    slide_xml,
)
from deckgen.render.xml_text import quoteattr

_EPOCH = (1980, 1, 1, 0, 0, 0)
_CT = "application/vnd.openxmlformats-officedocument.presentationml"
_IMAGE_TYPES = {
    "png": "image/png",
    "jpg": "image/jpeg",
    "gif": "image/gif",
    "bmp": "image/bmp",
    "tiff": "image/tiff",
}


@dataclass(frozen=True)
class Base:
    """The themed starting package and what slides need to know of its layouts."""

    parts: dict[str, bytes]  # zip member name -> bytes, in the base's order
    layouts: dict[str, str]  # page layout kind -> layout part name (/ppt/slideLayouts/...)
    placeholders: dict[str, dict[str, Placeholder]]  # layout kind -> role -> placeholder
    notes_master: str  # part name of the notes master


def assemble(
    base: Base,
    pages: Sequence[Page],
    images: dict[str, tuple[bytes, str]],
    east_asian: str,
    cache: RenderCache | None = None,
) -> bytes:
    """The bytes of the whole deck: `base` plus one slide part per page, whose runs name
    `east_asian` as their East Asian font. With a `cache`, slides and zip members the
    previous build made from the same content are reused (the bytes are the same), and
    the cache is left holding this build's."""
    media = MediaStore([f"/{name}" for name in base.parts], images)  # part names are unique
    slides = _Slides(base, media, east_asian, cache)
    new: dict[str, bytes] = {}
    overrides: list[tuple[str, str]] = []
    slide_ids: list[str] = []
    for n, page in enumerate(pages, start=1):
        slide = f"ppt/slides/slide{n}.xml"
        rels = SlideRels(layout=".." + base.layouts[page.layout].removeprefix("/ppt"))
        xml = slides.xml(page, rels)
        if page.notes:
            notes = f"ppt/notesSlides/notesSlide{n}.xml"
            rels.add("notesSlide", f"../notesSlides/notesSlide{n}.xml")
            new[notes] = notes_xml(page.notes).encode("utf-8")
            new[f"ppt/notesSlides/_rels/notesSlide{n}.xml.rels"] = notes_rels(
                f"../slides/slide{n}.xml", ".." + base.notes_master.removeprefix("/ppt")
            ).encode("utf-8")
            overrides.append((f"/{notes}", f"{_CT}.notesSlide+xml"))
        new[slide] = xml.encode("utf-8")
        new[f"ppt/slides/_rels/slide{n}.xml.rels"] = rels.xml().encode("utf-8")
        overrides.append((f"/{slide}", f"{_CT}.slide+xml"))
        slide_ids.append(f"slides/slide{n}.xml")
    for name, data in media.parts.items():
        new[name.lstrip("/")] = data
    parts = dict(base.parts)
    parts["[Content_Types].xml"] = _content_types(parts["[Content_Types].xml"], overrides, media)
    presentation, relationships = _presentation(
        parts["ppt/presentation.xml"], parts["ppt/_rels/presentation.xml.rels"], slide_ids
    )
    parts["ppt/presentation.xml"] = presentation
    parts["ppt/_rels/presentation.xml.rels"] = relationships
    parts.update(new)
    if not archive.fits(parts):
        return _zip(parts)
    members = archive.compress_all(parts, cache.members if cache else None)
    if cache is not None:
        cache.hits += sum(1 for key in parts.items() if key in cache.members)
        cache.slides, cache.members = slides.drawn, members
    return archive.zip_bytes(parts, members)


@dataclass
class _Slides:
    """Draws the slides of one deck, reusing what `cache` holds of an earlier build;
    `drawn` collects this build's slides for the cache."""

    base: Base
    media: MediaStore
    east_asian: str
    cache: RenderCache | None
    drawn: dict[Hashable, Drawn] = field(default_factory=dict)

    def xml(self, page: Page, rels: SlideRels) -> str:
        """The XML of one slide, from the cache when an earlier build drew the same content."""
        placeholders, media, cache = self.base.placeholders[page.layout], self.media, self.cache
        if cache is None:
            return slide_xml(page, placeholders, rels, media, self.east_asian)
        pictures = tuple(
            media.files[str(e.path)]
            for e in page.elements
            if isinstance(e, Image) and e.path is not None
        )
        layout = (rels.layout, tuple(sorted(placeholders.items())))
        key = (layout, self.east_asian, page.kind, page.background, page.elements, pictures)
        known = cache.slides.get(key)
        if known is not None and all(media.add(data, ext) == name for name, data, ext in known[2]):
            cache.hits += 1
            for kind, target, external in known[1]:
                rels.add(kind, target, external)
            self.drawn[key] = known
            return known[0]
        xml = slide_xml(page, placeholders, rels, media, self.east_asian)
        stored = [("/ppt" + t.removeprefix(".."), t) for _, k, t, _ in rels.items if k == "image"]
        used = tuple((name, media.parts[name], name.rsplit(".", 1)[1]) for name, _ in stored)
        self.drawn[key] = (xml, tuple((k, t, x) for _, k, t, x in rels.items), used)
        return xml


def _content_types(xml: bytes, overrides: list[tuple[str, str]], media: MediaStore) -> bytes:
    text = xml.decode("utf-8")
    present = set(re.findall(r'Default Extension="([^"]+)"', text))
    extensions = sorted({name.rsplit(".", 1)[1] for name in media.parts})
    defaults = "".join(
        f'<Default Extension="{ext}" ContentType="{_IMAGE_TYPES[ext]}"/>'
        for ext in extensions
        if ext not in present
    )
    rows = "".join(
        f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in overrides
    )
    text = text.replace("</Types>", f"{defaults}{rows}</Types>")
    # (the content-types schema allows Defaults and Overrides in any order)
    return text.encode("utf-8")


def _presentation(xml: bytes, rels: bytes, slides: list[str]) -> tuple[bytes, bytes]:
    """presentation.xml with the slide id list, and its relationships with the slides."""
    rel_text = rels.decode("utf-8")
    used = [int(x) for x in re.findall(r'Id="rId(\d+)"', rel_text)]
    first = max(used, default=0) + 1
    rows = "".join(
        f'<Relationship Id="rId{first + i}" Type="{REL}/slide" Target={quoteattr(target)}/>'
        for i, target in enumerate(slides)
    )
    rel_text = rel_text.replace("</Relationships>", f"{rows}</Relationships>")
    ids = "".join(f'<p:sldId id="{256 + i}" r:id="rId{first + i}"/>' for i in range(len(slides)))
    text = xml.decode("utf-8")
    text = re.sub(r"<p:sldIdLst\s*/>|<p:sldIdLst>.*?</p:sldIdLst>", "", text, flags=re.S)
    if slides:
        anchor = re.search(r"<p:sldSz\b", text)
        assert anchor is not None, "presentation.xml has no p:sldSz"
        text = f"{text[: anchor.start()]}<p:sldIdLst>{ids}</p:sldIdLst>{text[anchor.start() :]}"
    return text.encode("utf-8"), rel_text.encode("utf-8")


def _zip(parts: dict[str, bytes]) -> bytes:
    """The zip through `zipfile` (with zip64 records: decks beyond `archive.fits`)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in parts.items():
            entry = zipfile.ZipInfo(name, date_time=_EPOCH)
            entry.external_attr = 0o644 << 16
            is_media = name.startswith("ppt/media/")
            entry.compress_type = zipfile.ZIP_STORED if is_media else zipfile.ZIP_DEFLATED
            archive.writestr(entry, data, compresslevel=None if is_media else 6)
    return out.getvalue()


def image_files(pages: Sequence[Page]) -> dict[str, tuple[bytes, str]]:
    """Each picture file the pages show, read once: path -> (bytes, extension)."""
    out: dict[str, tuple[bytes, str]] = {}
    for page in pages:
        for element in page.elements:
            if isinstance(element, Image) and element.path is not None:
                key = str(element.path)
                if key not in out:
                    out[key] = (element.path.read_bytes(), element.extension)
    return out
