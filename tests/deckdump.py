"""A normalised, readable dump of a .pptx: what the golden tests compare (never raw bytes)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Emu

_TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
_PLACEHOLDERS = {PP_PLACEHOLDER.SUBTITLE: "Subtitle", PP_PLACEHOLDER.BODY: "Body"}


def _name(shape: Any) -> str:
    """A shape's name; a placeholder's by its kind (templates name them as they like)."""
    if not shape.is_placeholder:
        return str(shape.name)
    return _PLACEHOLDERS.get(shape.placeholder_format.type, "Body")


def _pt(value: int | None) -> float | None:
    return None if value is None else round(Emu(value).pt, 1)


def _paragraphs(frame: Any) -> list[dict[str, Any]]:
    out = []
    for p in frame.paragraphs:
        ppr = p._p.pPr
        runs = [
            {
                "text": r.text,
                "font": r.font.name,
                "size": r.font.size.pt if r.font.size else None,
                "bold": bool(r.font.bold),
                "italic": bool(r.font.italic),
                "link": r.hyperlink.address,
            }
            for r in p.runs
        ]
        out.append(
            {
                "marL": _pt(int(ppr.get("marL"))) if ppr is not None and ppr.get("marL") else 0,
                "runs": runs,
            }
        )
    return out


def dump(path: Path) -> list[dict[str, Any]]:
    """Every slide: its kind, notes and shapes (kind, position, text, fonts, image hash)."""
    slides = []
    for slide in Presentation(str(path)).slides:
        shapes = []
        for shape in slide.shapes:
            item: dict[str, Any] = {
                "name": shape.name,
                "box": [_pt(shape.left), _pt(shape.top), _pt(shape.width), _pt(shape.height)],
            }
            if shape.shape_type is not None and shape.shape_type == 13:  # picture
                item["sha1"] = hashlib.sha1(shape.image.blob).hexdigest()
                item["link"] = shape.click_action.hyperlink.address
            if shape.has_text_frame and shape.text_frame.text:
                item["paragraphs"] = _paragraphs(shape.text_frame)
            if getattr(shape, "has_table", False) and shape.has_table:
                item["cells"] = [[c.text for c in row.cells] for row in shape.table.rows]
                item["size"] = _first_size(shape.table.cell(0, 0).text_frame)
            shapes.append(item)
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else None
        slides.append({"kind": slide._element.cSld.get("name"), "notes": notes, "shapes": shapes})
    return slides


def _first_size(frame: Any) -> float | None:
    for p in frame.paragraphs:
        for r in p.runs:
            if r.font.size:
                return float(r.font.size.pt)
    return None


def excerpt(path: Path) -> list[dict[str, Any]]:
    """What a person checks of a deck, without sizes or positions: each slide's kind, its
    title, the lines of its other shapes (`Shape name: text`, in reading order), its links
    and its notes."""
    slides = []
    for slide in Presentation(str(path)).slides:
        title, lines, links = "", [], []
        for shape in slide.shapes:
            is_title = shape.is_placeholder and shape.placeholder_format.type in _TITLES
            if shape.has_text_frame:
                for p in shape.text_frame.paragraphs:
                    text = " ".join(p.text.split())
                    if text and is_title:
                        title = f"{title} {text}".strip()
                    elif text:
                        lines.append(f"{_name(shape)}: {text}")
                    links += [r.hyperlink.address for r in p.runs if r.hyperlink.address]
            if getattr(shape, "has_table", False) and shape.has_table:
                lines += [" | ".join(c.text for c in row.cells) for row in shape.table.rows]
            if shape.shape_type == 13:  # a picture: its name and alt text
                alt = shape._element.xpath("string(./p:nvPicPr/p:cNvPr/@descr)")
                lines.append(f"{shape.name}: [{alt}]")
                if shape.click_action.hyperlink.address:
                    links.append(shape.click_action.hyperlink.address)
        item: dict[str, Any] = {"kind": slide._element.cSld.get("name"), "title": title}
        item["lines"] = lines
        item["links"] = sorted(set(links))
        if slide.has_notes_slide and slide.notes_slide.notes_text_frame.text:
            item["notes"] = slide.notes_slide.notes_text_frame.text
        slides.append(item)
    return slides
