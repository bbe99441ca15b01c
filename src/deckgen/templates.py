"""A theme's `template.pptx`, checked when the theme loads (so `validate` finds what a
build would trip on): a bounded zip (`deckgen.safezip`), well-formed XML without a
DTD (no entities to expand), a presentation with a slide master, and layouts."""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree

from deckgen.safezip import NotAZip, ZipRefused, opened

# python-pptx's own parser does not resolve entities either; nothing is fetched
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"


class TemplateProblem(ValueError):
    """A template deckgen cannot build on; the message says why."""


def check_template(path: Path, shown: str) -> None:
    """Raise `TemplateProblem` unless `path` is a usable template (`shown` names it)."""
    try:
        with opened(path) as stream, zipfile.ZipFile(stream) as archive:
            parts = _parse_all(archive)
    except NotAZip:
        raise TemplateProblem(f"`{shown}` is not a .pptx file") from None
    except ZipRefused as exc:
        raise TemplateProblem(f"`{shown}` is not a usable .pptx file: {exc}") from None
    reason = _structure(parts)
    if reason:
        raise TemplateProblem(f"`{shown}` is not a usable template: {reason}")


def _parse_all(archive: zipfile.ZipFile) -> dict[str, etree._Element]:
    """Every XML part, parsed; a part that does not parse or declares a DTD is refused."""
    parts = {}
    for name in archive.namelist():
        if not name.endswith((".xml", ".rels")):
            continue
        data = archive.read(name)
        dtd = ZipRefused(f"part `{name}` declares a DTD (a .pptx may not)")
        if b"<!DOCTYPE" in data:
            raise dtd  # before parsing: libxml2 reads a DTD's entities even unresolved
        try:
            root = etree.fromstring(data, PARSER)
        except etree.XMLSyntaxError as exc:
            raise ZipRefused(f"part `{name}` is not well-formed XML ({exc.msg})") from None
        docinfo: Any = root.getroottree().docinfo  # lxml's stubs lack `doctype`
        if docinfo.doctype:  # in an encoding the test above does not see
            raise dtd
        parts[name] = root
    return parts


def _structure(parts: dict[str, etree._Element]) -> str:
    """What keeps python-pptx from opening the package as a presentation, or ''."""
    presentation = "ppt/presentation.xml"
    if presentation not in parts or "[Content_Types].xml" not in parts:
        return f"it has no `{presentation}` (not a presentation)"
    masters = _targets(parts, presentation, "sldMasterIdLst", "sldMasterId")
    if isinstance(masters, str):
        return masters
    if not masters:
        return "it has no slide master"
    for master in masters:
        layouts = _targets(parts, master, "sldLayoutIdLst", "sldLayoutId")
        if isinstance(layouts, str):
            return layouts
        if not layouts:
            return f"its slide master `{master}` has no layouts"
        if not any(t.endswith("/theme") for t, _ in _relationships(parts, master).values()):
            return f"its slide master `{master}` has no theme"
    return ""


def _targets(parts: dict[str, etree._Element], name: str, lst: str, item: str) -> list[str] | str:
    """The parts the id list `lst` of part `name` points at, or what is wrong with it."""
    rels = _relationships(parts, name)
    found = []
    for entry in parts[name].iterfind(f"{{{_P}}}{lst}/{{{_P}}}{item}"):
        rid = entry.get(f"{{{_R}}}id")
        _, target = rels.get(rid or "", ("", ""))
        if target not in parts:
            return f"`{name}` names a part it does not hold ({rid})"
        found.append(target)
    return found


def _relationships(parts: dict[str, etree._Element], name: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type, target part name) of part `name`."""
    folder, base = posixpath.split(name)
    rels = parts.get(posixpath.join(folder, "_rels", base + ".rels"))
    found: dict[str, tuple[str, str]] = {}
    for rel in rels.iterfind(f"{{{_RELS}}}Relationship") if rels is not None else ():
        target = str(rel.get("Target", ""))
        if rel.get("TargetMode") == "External":
            continue
        path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        found[str(rel.get("Id"))] = (str(rel.get("Type", "")), posixpath.normpath(path))
    return found
