"""A deck's zip package, opened once: .pptx, .ppsx, .potx and their macro-enabled kinds.

python-pptx opens only packages whose main part is a presentation (.pptx); slide shows
and templates hold the same parts under another content type. The package is read here
and handed to python-pptx as an in-memory copy whose main part says "presentation"."""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from pptx.oxml.ns import qn

from deckgen.safezip import NotAZip, ZipRefused, opened

_PRESENTATION = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
MAIN_TYPES = {
    _PRESENTATION: "presentation",
    "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml": "slide show",
    "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml": "template",
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml": "presentation",
    "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml": "slide show",
    "application/vnd.ms-powerpoint.template.macroEnabled.main+xml": "template",
}
_OTHER_TYPES = {
    "wordprocessingml": "a Word document",
    "spreadsheetml": "an Excel workbook",
    "ms-word": "a Word document",
    "ms-excel": "an Excel workbook",
    "opendocument.presentation": "an OpenDocument presentation (.odp); save it as .pptx",
    "opendocument": "an OpenDocument file",
}
_CONTENT_TYPES = "[Content_Types].xml"
_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file: .ppt, or an encrypted deck
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


class NotADeck(ValueError):
    """The file is no PowerPoint deck; the message says what it is instead."""


@dataclass(frozen=True)
class Package:
    """The members of a deck's package; `stream` is what python-pptx opens."""

    members: dict[str, bytes]
    main: str  # the main part's name, e.g. "ppt/presentation.xml"
    macros: bool  # a VBA project (ignored: a recap holds no code that runs)

    @property
    def stream(self) -> io.BytesIO:
        """The package as a .pptx in memory (stored, not compressed again)."""
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
            for name, data in self.members.items():
                archive.writestr(name, data)
        out.seek(0)
        return out


def read_package(path: Path) -> Package:
    """The package at `path`; raise `NotADeck` (with the reason) when it holds no deck.
    The zip is opened here only, through `deckgen.safezip` (bounded unpacking)."""
    with path.open("rb") as raw:
        head = raw.read(8)
    if head == _CFB:
        raise NotADeck(
            "it is an old PowerPoint 97-2003 (.ppt) file or an encrypted deck;"
            " save it as .pptx without a password"
        )
    try:
        with opened(path) as stream, zipfile.ZipFile(stream) as archive:
            infos = [info for info in archive.infolist() if not info.is_dir()]
            members = {info.filename: archive.read(info) for info in infos}
    except NotAZip:
        raise NotADeck("it is not a zip package, as .pptx files are") from None
    except ZipRefused as exc:
        raise NotADeck(str(exc)) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
        raise NotADeck(f"it is a damaged zip package ({exc})") from None
    return _as_presentation(members)


def _as_presentation(members: dict[str, bytes]) -> Package:
    if _CONTENT_TYPES not in members:
        raise NotADeck("it is a zip file without [Content_Types].xml, so no Office document")
    try:
        types = etree.fromstring(members[_CONTENT_TYPES], _PARSER)
    except etree.XMLSyntaxError as exc:
        raise NotADeck(f"its [Content_Types].xml does not parse ({exc})") from None
    overrides = {
        str(o.get("PartName", "")).lstrip("/"): o
        for o in types
        if isinstance(o.tag, str) and o.tag.endswith("}Override")
    }
    main = next((n for n, o in overrides.items() if o.get("ContentType") in MAIN_TYPES), None)
    if main is None:
        kinds = " ".join(str(o.get("ContentType", "")) for o in overrides.values())
        what = next((v for k, v in _OTHER_TYPES.items() if k in kinds), None)
        raise NotADeck(f"it is {what or 'a zip file with no presentation part'}")
    macros = any("macroEnabled" in str(o.get("ContentType")) for o in overrides.values())
    macros = macros or any(n.lower().endswith("vbaproject.bin") for n in members)
    overrides[main].set("ContentType", _PRESENTATION)
    members = dict(members)
    members[_CONTENT_TYPES] = etree.tostring(types, xml_declaration=True, encoding="UTF-8")
    return Package(members, main, macros)


def broken_part(package: Package) -> str:
    """`slide N: ` (or `PART: `) for the first XML part that does not parse, else ''."""
    for name, data in package.members.items():
        if not name.endswith((".xml", ".rels")):
            continue
        try:
            etree.fromstring(data, _PARSER)
        except etree.XMLSyntaxError:
            return f"{_slide_of(package, name) or name}: "
    return ""


def _slide_of(package: Package, name: str) -> str | None:
    """`slide N` when `name` is the part of the N-th slide (in the deck's order)."""
    folder, _, base = package.main.rpartition("/")
    try:
        rels = etree.fromstring(package.members[f"{folder}/_rels/{base}.rels"], _PARSER)
        deck = etree.fromstring(package.members[package.main], _PARSER)
    except (KeyError, etree.XMLSyntaxError):
        return None
    targets = {r.get("Id"): _target(folder, str(r.get("Target", ""))) for r in rels}
    order = deck.iterfind(f"{qn('p:sldIdLst')}/{qn('p:sldId')}")
    for number, entry in enumerate(order, start=1):
        if targets.get(entry.get(qn("r:id"))) == name:
            return f"slide {number}"
    return None


def _target(folder: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    parts = [*folder.split("/"), *target.split("/")]
    out: list[str] = []
    for part in parts:
        if part == "..":
            out = out[:-1]
        elif part and part != ".":
            out.append(part)
    return "/".join(out)
