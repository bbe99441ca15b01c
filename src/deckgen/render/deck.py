"""Render laid-out pages into .pptx bytes: a themed base from python-pptx, slides
written directly (see package.py for why)."""

from __future__ import annotations

import contextlib
import io
import json
import zipfile
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from deckgen import __version__
from deckgen import cache as disk_cache
from deckgen.errors import Position, Problem
from deckgen.layout.page import Page
from deckgen.model import Recap
from deckgen.render.memo import RenderCache
from deckgen.render.package import Base, assemble, image_files
from deckgen.render.slide_xml import Placeholder
from deckgen.render.xml_text import escape
from deckgen.theme import Theme
from deckgen.versions import version


def render(
    pages: Sequence[Page], recap: Recap, theme: Theme, cache: RenderCache | None = None
) -> tuple[bytes, list[Problem]]:
    """The deck's bytes, and warnings about the theme's template (`cache`: see memo.py)."""
    base, warnings = themed_base(theme, cache)
    parts = {**base.parts, "docProps/core.xml": core_properties(recap)}
    deck = assemble(
        replace(base, parts=parts), pages, image_files(pages), theme.fonts.east_asian, cache
    )
    return deck, warnings


def themed_base(theme: Theme, cache: RenderCache | None = None) -> tuple[Base, list[Problem]]:
    """The package every slide is added to: master, layouts, theme part and notes master.

    Building it takes python-pptx (and a tenth of a second), so it is kept on disk and in
    `cache` (the one it was taken from only), keyed by the content of the theme's files
    and the versions of deckgen and python-pptx (an edited template is a new key, also
    while `deckgen watch` runs).
    """
    files = (f.read_bytes() for f in theme.files)
    name = disk_cache.key(__version__, version("python-pptx"), str(theme), files)
    kept = cache.bases if cache is not None else {}
    found = kept.get(name) or _cached_or_built(theme, name)
    kept.clear()
    kept[name] = found
    return found


def _cached_or_built(theme: Theme, name: str) -> tuple[Base, list[Problem]]:
    stored = disk_cache.load("base", name)
    if stored is not None:
        with contextlib.suppress(ValueError, KeyError, zipfile.BadZipFile):
            return _unpack(stored)
    built = _build_base(theme)
    disk_cache.store("base", name, _pack(*built))
    return built


def _build_base(theme: Theme) -> tuple[Base, list[Problem]]:
    # python-pptx: only when not cached
    from deckgen.render.template import open_base, template_errors

    with template_errors(theme):
        opened = open_base(theme)
        prs = opened.prs
        notes_master = prs.notes_master.part.partname  # created on first use
        layouts = {kind: str(layout.part.partname) for kind, layout in opened.layouts.items()}
        placeholders = {
            kind: dict(p for p in (_placeholder(ph) for ph in list(layout.placeholders)) if p[0])
            for kind, layout in opened.layouts.items()
        }
        raw = io.BytesIO()
        prs.save(raw)
    with zipfile.ZipFile(raw) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    return Base(parts, layouts, placeholders, str(notes_master)), opened.warnings


def _pack(base: Base, warnings: list[Problem]) -> bytes:
    meta = {
        "layouts": base.layouts,
        "placeholders": {
            k: {r: [p.name, p.ph] for r, p in v.items()} for k, v in base.placeholders.items()
        },
        "notes_master": base.notes_master,
        "warnings": [
            [w.position.file, w.position.line, w.position.col, w.message, w.path] for w in warnings
        ],
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("meta.json", json.dumps(meta))
        for name, data in base.parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def _unpack(data: bytes) -> tuple[Base, list[Problem]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        meta = json.loads(archive.read("meta.json"))
        parts = {
            i.filename: archive.read(i) for i in archive.infolist() if i.filename != "meta.json"
        }
    placeholders = {
        k: {r: Placeholder(*p) for r, p in v.items()} for k, v in meta["placeholders"].items()
    }
    warnings = [
        Problem(Position(f, line, col), message, path, "warning")
        for f, line, col, message, path in meta["warnings"]
    ]
    return Base(parts, meta["layouts"], placeholders, meta["notes_master"]), warnings


def _placeholder(ph: Any) -> tuple[str, Placeholder]:
    """The text role a layout placeholder takes (title, subtitle, body) and its p:ph."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    fmt = ph.placeholder_format
    kind, idx = fmt.type, fmt.idx
    element = ph._element.xpath("./p:nvSpPr/p:nvPr/p:ph")[0]
    attrs = " ".join(f'{k}="{v}"' for k, v in element.attrib.items() if k in ("type", "idx"))
    if kind in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE):
        role = "title"
    elif kind == PP_PLACEHOLDER.SUBTITLE:
        role = "subtitle"
    elif kind in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT) and idx == 1:
        role = "body"
    else:
        role = ""
    return role, Placeholder(ph.name, attrs)


def core_properties(recap: Recap) -> bytes:
    """docProps/core.xml with fixed values, so that the same recap gives the same bytes."""
    stamp = f"{recap.date}T00:00:00Z" if recap.date else "2000-01-01T00:00:00Z"
    author = ", ".join(p.name for p in recap.presenters)
    keywords = "deckgen"
    if recap.options.collapse_steps != "collapse":  # the recap's option, read by `import`
        keywords += f" collapse_steps={recap.options.collapse_steps}"
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{_x(recap.title)}</dc:title><dc:subject>{_x(recap.subtitle or '')}</dc:subject>"
        f"<dc:creator>{_x(author)}</dc:creator><cp:keywords>{keywords}</cp:keywords>"
        "<cp:lastModifiedBy>deckgen</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode()


def _x(text: str) -> str:
    return escape(text)
