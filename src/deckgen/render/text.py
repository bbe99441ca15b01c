"""Write paragraphs and runs into a python-pptx text frame, with explicit formatting."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.text.text import TextFrame
from pptx.util import Pt

from deckgen.layout.fit import INSET_X, INSET_Y
from deckgen.layout.page import Para, TextBox

_ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}
_ANCHOR = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}
_HANG = 0.32 * 72


def fill_text_frame(frame: TextFrame, box: TextBox) -> None:
    """Replace the frame's text with `box`'s paragraphs; no autofit, fixed insets."""
    frame.word_wrap = box.wrap
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = _ANCHOR[box.anchor]
    frame.margin_left = frame.margin_right = Pt(INSET_X)
    frame.margin_top = frame.margin_bottom = Pt(INSET_Y)
    write_paras(frame, box.paras)


def write_paras(frame: TextFrame, paras: Sequence[Para]) -> None:
    """Write `paras` into `frame` (which keeps one empty paragraph to start from)."""
    frame.clear()
    for i, para in enumerate(paras):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        p.alignment = _ALIGN[para.align]
        p.level = para.level  # outline level: PowerPoint's outline view and importers read it
        # explicit spacing: placeholders would otherwise inherit the master's
        p.space_before = Pt(round(para.space_before, 1))
        p.line_spacing = para.line_spacing
        _bullet(p._p, para)
        for item in para.runs:
            r = p.add_run()
            r.text = _clean(item.text)
            font = r.font
            font.name = item.font
            font.size = Pt(item.size)
            font.bold = item.bold
            font.italic = item.italic
            font.color.rgb = RGBColor.from_string(item.color)
            r._r.get_or_add_rPr().set("cap", "none")  # layouts may set all-caps titles
            if item.url:
                r.hyperlink.address = item.url
        if not para.runs:
            p.font.size = Pt(12)


def _bullet(p: Any, para: Para) -> None:
    """Paragraph indents and the bullet character (or none), written explicitly."""
    ppr = p.get_or_add_pPr()
    emu = 12700  # per point
    if para.bullet:
        ppr.set("marL", str(int(para.indent * emu)))
        ppr.set("indent", str(int(-_HANG * emu)))
        color = etree.SubElement(ppr, qn("a:buClr"))
        srgb = etree.SubElement(color, qn("a:srgbClr"))
        srgb.set("val", para.bullet_color or "000000")
        font = etree.SubElement(ppr, qn("a:buFont"))
        font.set("typeface", "Arial")
        char = etree.SubElement(ppr, qn("a:buChar"))
        char.set("char", para.bullet)
    else:
        ppr.set("marL", str(int(para.indent * emu)))
        ppr.set("indent", "0")
        etree.SubElement(ppr, qn("a:buNone"))


def _clean(text: str) -> str:
    """Characters XML 1.0 cannot hold are dropped; tabs become spaces."""
    return "".join(
        ch
        for ch in text.replace("\t", "    ").replace("\n", " ")
        if (ord(ch) >= 32 and not 0xD800 <= ord(ch) <= 0xDFFF and ch not in "\ufffe\uffff")
    )
