"""Render laid-out pages into .pptx bytes: a themed base from python-pptx, slides
written directly (see package.py for why)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import Any

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.presentation import Presentation as PresentationType

from deckgen.errors import Problem
from deckgen.layout.page import Page
from deckgen.model import Recap
from deckgen.render.package import Base, assemble, image_files
from deckgen.render.slide_xml import Placeholder
from deckgen.render.template import open_base
from deckgen.theme import Theme


def render(pages: Sequence[Page], recap: Recap, theme: Theme) -> tuple[bytes, list[Problem]]:
    """The deck's bytes, and warnings about the theme's template."""
    base, warnings = themed_base(theme, recap)
    return assemble(base, pages, image_files(pages)), warnings


def themed_base(theme: Theme, recap: Recap) -> tuple[Base, list[Problem]]:
    """The package every slide is added to: master, layouts, theme part, notes master and
    fixed document properties (so that the same recap gives the same bytes)."""
    opened = open_base(theme)
    prs = opened.prs
    notes_master = prs.notes_master.part.partname  # created on first use
    _properties(prs, recap)
    layouts = {kind: str(layout.part.partname) for kind, layout in opened.layouts.items()}
    placeholders = {
        kind: {
            role: placeholder
            for role, placeholder in (_placeholder(ph) for ph in _shapes(layout.placeholders))
            if role
        }
        for kind, layout in opened.layouts.items()
    }
    raw = io.BytesIO()
    prs.save(raw)
    with zipfile.ZipFile(raw) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    return Base(parts, layouts, placeholders, str(notes_master)), opened.warnings


def _shapes(collection: Any) -> list[Any]:
    return list(collection)


def _placeholder(ph: Any) -> tuple[str, Placeholder]:
    """The text role a layout placeholder takes (title, subtitle, body) and its p:ph."""
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


def _properties(prs: PresentationType, recap: Recap) -> None:
    props = prs.core_properties
    props.title = recap.title
    props.subject = recap.subtitle or ""
    props.author = ", ".join(p.name for p in recap.presenters)
    props.last_modified_by = "deckgen"
    props.revision = 1
    stamp = datetime(2000, 1, 1, tzinfo=timezone.utc)
    if recap.date:
        stamp = datetime.fromisoformat(recap.date).replace(tzinfo=timezone.utc)
    props.created = props.modified = stamp.replace(tzinfo=None)
    props.comments = ""
    props.keywords = "deckgen"
