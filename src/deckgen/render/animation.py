"""On-click "appear" animations for paragraphs: the `p:timing` tree PowerPoint writes.

One click per step: the first paragraph of a step is a click effect, the others of the
same step appear with it. Element order and ids follow ISO/IEC 29500 (`p:timing` comes
after `p:clrMapOvr` and `p:transition`; every `p:cTn` id is unique on the slide).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import count
from typing import Any

from lxml import etree
from pptx.oxml.ns import qn

Target = tuple[int, int, int]  # (shape id, paragraph index, step)


def add_appear_animations(slide_element: Any, targets: Sequence[Target]) -> None:
    """Make each target paragraph appear on its step's click."""
    if not targets:
        return
    ids = count(1)
    timing = etree.Element(qn("p:timing"))
    root = _ctn(
        _sub(_sub(timing, "p:tnLst"), "p:par"),
        ids,
        dur="indefinite",
        restart="never",
        nodeType="tmRoot",
    )
    seq = _sub(_sub(root, "p:childTnLst"), "p:seq", concurrent="1", nextAc="seek")
    main = _ctn(seq, ids, dur="indefinite", nodeType="mainSeq")
    clicks = _sub(main, "p:childTnLst")
    for event, evt in (("p:prevCondLst", "onPrev"), ("p:nextCondLst", "onNext")):
        cond = _sub(_sub(seq, event), "p:cond", evt=evt, delay="0")
        _sub(_sub(cond, "p:tgtEl"), "p:sldTgt")
    for step in sorted({t[2] for t in targets}):
        click = _ctn(_sub(clicks, "p:par"), ids, fill="hold")
        _delay(click, "indefinite")
        group = _ctn(_sub(_sub(click, "p:childTnLst"), "p:par"), ids, fill="hold")
        _delay(group, "0")
        effects = _sub(group, "p:childTnLst")
        members = [t for t in targets if t[2] == step]
        for n, (shape_id, paragraph, _) in enumerate(members):
            _appear(effects, ids, shape_id, paragraph, "clickEffect" if n == 0 else "withEffect")
    builds = _sub(timing, "p:bldLst")
    for shape_id in sorted({t[0] for t in targets}):
        _sub(builds, "p:bldP", spid=str(shape_id), grpId="0", build="p")
    ext = slide_element.find(qn("p:extLst"))
    if ext is not None:
        ext.addprevious(timing)
    else:
        slide_element.append(timing)


def _appear(parent: Any, ids: count[int], shape_id: int, paragraph: int, node: str) -> None:
    effect = _ctn(
        _sub(parent, "p:par"),
        ids,
        presetID="1",
        presetClass="entr",
        presetSubtype="0",
        fill="hold",
        grpId="0",
        nodeType=node,
    )
    _delay(effect, "0")
    setter = _sub(_sub(effect, "p:childTnLst"), "p:set")
    behaviour = _sub(setter, "p:cBhvr")
    _delay(_ctn(behaviour, ids, dur="1", fill="hold"), "0")
    target = _sub(_sub(behaviour, "p:tgtEl"), "p:spTgt", spid=str(shape_id))
    _sub(_sub(target, "p:txEl"), "p:pRg", st=str(paragraph), end=str(paragraph))
    _sub(_sub(behaviour, "p:attrNameLst"), "p:attrName").text = "style.visibility"
    _sub(_sub(setter, "p:to"), "p:strVal", val="visible")


def _ctn(parent: Any, ids: count[int], **attrs: str) -> Any:
    return _sub(parent, "p:cTn", id=str(next(ids)), **attrs)


def _delay(ctn: Any, delay: str) -> None:
    _sub(_sub(ctn, "p:stCondLst"), "p:cond", delay=delay)


def _sub(parent: Any, tag: str, **attrs: str) -> Any:
    element = etree.SubElement(parent, qn(tag))
    for key, value in attrs.items():
        element.set(key, value)
    return element
