"""Validate a .pptx package against the ISO/IEC 29500 schemas and the OPC packaging rules.

``validate_pptx(path)`` returns one message per problem, ``"part-name: line N: message"``
(``line 0`` when a problem has no line), and an empty list for a deck PowerPoint should
open without repairing it. It checks:

- the zip: readable, no duplicate member names (also none differing only in case, as
  OPC part names are case-insensitive);
- ``[Content_Types].xml``: its schema, no duplicate ``Default``/``Override`` entries,
  and a content type for every part;
- every XML part: well-formed, document element as its content type requires, and
  valid against the schema for that content type (``KINDS``). An XML part whose content
  type and document element match no schema is a problem, never skipped;
- relationships: every internal target exists, every ``r:`` attribute (``r:id``,
  ``r:embed``, ...) names a relationship of its part;
- core properties: the OPC rules beyond the schema (``xsi:type="dcterms:W3CDTF"`` on
  ``dcterms:created``/``dcterms:modified`` and nowhere else; no markup compatibility).

Before schema validation, markup compatibility (ISO/IEC 29500-3) is applied as PowerPoint
does for namespaces it does not know: ``mc:AlternateContent`` becomes its ``mc:Fallback``
(or a ``mc:Choice`` whose ``Requires`` namespaces the schemas define), and elements and
attributes in ``mc:Ignorable`` namespaces are dropped.

The schemas are shipped in ``tests/support/ooxml-schemas`` (``SCHEMA_DIR``); each is
compiled once per process.
"""

from __future__ import annotations

import os
import posixpath
import re
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from lxml import etree  # type: ignore[import-untyped, unused-ignore]

__all__ = ["KINDS", "SCHEMA_DIR", "PartKind", "SchemaUnavailableError", "validate_pptx"]

SCHEMA_DIR = Path(__file__).resolve().parent / "ooxml-schemas"
"""The folder of the ISO/IEC 29500 schemas: ``transitional/`` and ``opc/``."""

_STUBS = Path(__file__).resolve().parent / "schema_stubs"

NS_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
NS_CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
NS_EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
NS_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
NS_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
NS_DC = "http://purl.org/dc/elements/1.1/"
NS_DCTERMS = "http://purl.org/dc/terms/"
NS_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"
NS_XS = "http://www.w3.org/2001/XMLSchema"
NS_XML = "http://www.w3.org/XML/1998/namespace"

_PREFIXES = {
    NS_P: "p",
    NS_A: "a",
    NS_C: "c",
    NS_R: "r",
    NS_PKG_REL: "rel",
    NS_CT: "ct",
    NS_CP: "cp",
    NS_EP: "ep",
    NS_CUSTOM: "op",
    NS_VT: "vt",
    NS_DC: "dc",
    NS_DCTERMS: "dcterms",
    NS_MC: "mc",
    NS_XSI: "xsi",
    NS_XML: "xml",
}

# Namespaces the transitional schemas define: markup-compatibility content that requires
# only these is kept, anything else falls back (as in a consumer that does not know it).
_UNDERSTOOD = frozenset(
    {
        NS_P,
        NS_A,
        NS_C,
        NS_R,
        NS_VT,
        NS_EP,
        NS_CUSTOM,
        NS_XML,
        "http://schemas.openxmlformats.org/drawingml/2006/picture",
        "http://schemas.openxmlformats.org/drawingml/2006/chartDrawing",
        "http://schemas.openxmlformats.org/drawingml/2006/diagram",
        "http://schemas.openxmlformats.org/drawingml/2006/lockedCanvas",
        "http://schemas.openxmlformats.org/officeDocument/2006/sharedTypes",
    }
)

# Where the core-properties schema's imports of schemas absent here are pointed instead.
_STUB_FOR_NAMESPACE = {NS_DC: "dc.xsd", NS_DCTERMS: "dcterms.xsd", NS_XML: "xml.xsd"}

_CONTENT_TYPES_MEMBER = "[Content_Types].xml"
_RELS_MEMBER = re.compile(r"(?:^|/)_rels/[^/]*\.rels$")


class SchemaUnavailableError(RuntimeError):
    """The schema folder or one of its schemas cannot be found or compiled."""


@dataclass(frozen=True)
class PartKind:
    """A kind of XML part: the schema file that validates it and its document element."""

    name: str
    schema: str
    root: str


def _kind(name: str, schema: str, namespace: str, local: str) -> PartKind:
    return PartKind(name, schema, f"{{{namespace}}}{local}")


_PML = "transitional/pml.xsd"
_PML_CT = "application/vnd.openxmlformats-officedocument.presentationml."
_PRESENTATION = _kind("presentation", _PML, NS_P, "presentation")
CONTENT_TYPES_KIND = _kind("content types", "opc/opc-contentTypes.xsd", NS_CT, "Types")

KINDS: dict[str, PartKind] = {
    _PML_CT + "presentation.main+xml": _PRESENTATION,
    _PML_CT + "slideshow.main+xml": _PRESENTATION,
    _PML_CT + "template.main+xml": _PRESENTATION,
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml": _PRESENTATION,
    "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml": _PRESENTATION,
    "application/vnd.ms-powerpoint.template.macroEnabled.main+xml": _PRESENTATION,
    _PML_CT + "slide+xml": _kind("slide", _PML, NS_P, "sld"),
    _PML_CT + "slideLayout+xml": _kind("slide layout", _PML, NS_P, "sldLayout"),
    _PML_CT + "slideMaster+xml": _kind("slide master", _PML, NS_P, "sldMaster"),
    _PML_CT + "notesSlide+xml": _kind("notes slide", _PML, NS_P, "notes"),
    _PML_CT + "notesMaster+xml": _kind("notes master", _PML, NS_P, "notesMaster"),
    _PML_CT + "handoutMaster+xml": _kind("handout master", _PML, NS_P, "handoutMaster"),
    _PML_CT + "presProps+xml": _kind("presentation properties", _PML, NS_P, "presentationPr"),
    _PML_CT + "viewProps+xml": _kind("view properties", _PML, NS_P, "viewPr"),
    _PML_CT + "tableStyles+xml": _kind("table styles", _PML, NS_A, "tblStyleLst"),
    _PML_CT + "commentAuthors+xml": _kind("comment authors", _PML, NS_P, "cmAuthorLst"),
    _PML_CT + "comments+xml": _kind("comments", _PML, NS_P, "cmLst"),
    _PML_CT + "tags+xml": _kind("tags", _PML, NS_P, "tagLst"),
    _PML_CT + "slideUpdateInfo+xml": _kind("slide update info", _PML, NS_P, "sldSyncPr"),
    "application/vnd.openxmlformats-officedocument.theme+xml": _kind(
        "theme", "transitional/dml-main.xsd", NS_A, "theme"
    ),
    "application/vnd.openxmlformats-officedocument.themeOverride+xml": _kind(
        "theme override", "transitional/dml-main.xsd", NS_A, "themeOverride"
    ),
    "application/vnd.openxmlformats-officedocument.drawingml.chart+xml": _kind(
        "chart", "transitional/dml-chart.xsd", NS_C, "chartSpace"
    ),
    "application/vnd.openxmlformats-package.relationships+xml": _kind(
        "relationships", "opc/opc-relationships.xsd", NS_PKG_REL, "Relationships"
    ),
    "application/vnd.openxmlformats-package.core-properties+xml": _kind(
        "core properties", "opc/opc-coreProperties.xsd", NS_CP, "coreProperties"
    ),
    "application/vnd.openxmlformats-officedocument.extended-properties+xml": _kind(
        "extended properties",
        "transitional/shared-documentPropertiesExtended.xsd",
        NS_EP,
        "Properties",
    ),
    "application/vnd.openxmlformats-officedocument.custom-properties+xml": _kind(
        "custom properties",
        "transitional/shared-documentPropertiesCustom.xsd",
        NS_CUSTOM,
        "Properties",
    ),
}
"""Content type -> kind of part. Parts of other XML content types are reported."""

# Document element -> (first) content type, to validate a part whose content type is wrong.
_CONTENT_TYPE_BY_ROOT: dict[str, str] = {}
for _ct, _k in KINDS.items():
    _CONTENT_TYPE_BY_ROOT.setdefault(_k.root, _ct)

_SCHEMAS: dict[Path, Any] = {}


def _schema(relative: str) -> Any:
    """The compiled schema ``relative`` to ``SCHEMA_DIR``, compiled once per process."""
    path = SCHEMA_DIR / relative
    cached = _SCHEMAS.get(path)
    if cached is not None:
        return cached
    if not path.is_file():
        raise SchemaUnavailableError(f"schema {path} not found (see {SCHEMA_DIR}/README.md)")
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    document = etree.parse(str(path), parser)
    for imported in document.getroot().iterchildren(f"{{{NS_XS}}}import"):
        stub = _STUB_FOR_NAMESPACE.get(imported.get("namespace", ""))
        location = imported.get("schemaLocation", "")
        if stub and (not location or location.startswith(("http:", "https:"))):
            imported.set("schemaLocation", (_STUBS / stub).as_uri())
    try:
        schema = etree.XMLSchema(document)
    except etree.XMLSchemaParseError as exc:
        raise SchemaUnavailableError(f"cannot compile schema {path}: {exc}") from exc
    _SCHEMAS[path] = schema
    return schema


def _short(text: str) -> str:
    """``text`` with ``{namespace}`` URIs of known namespaces written as ``prefix:``."""

    def prefixed(match: re.Match[str]) -> str:
        prefix = _PREFIXES.get(match.group(1))
        return f"{prefix}:" if prefix else match.group(0)

    return re.sub(r"\{([^{}]+)\}", prefixed, text)


def _problem(part: str, line: int | None, message: str) -> str:
    return f"{part}: line {line or 0}: {message}"


def _is_xml_content_type(content_type: str) -> bool:
    return content_type.endswith("+xml") or content_type in ("application/xml", "text/xml")


@dataclass(frozen=True)
class _ContentTypes:
    defaults: dict[str, str]
    overrides: dict[str, str]

    def of(self, member: str) -> str | None:
        """The content type of zip member ``member`` (case-insensitive, OPC rules)."""
        override = self.overrides.get("/" + member.lower())
        if override is not None:
            return override
        _, dot, extension = member.rpartition("/")[2].rpartition(".")
        return self.defaults.get(extension.lower()) if dot else None


def _read_content_types(root: Any) -> tuple[_ContentTypes, list[str]]:
    problems: list[str] = []
    defaults: dict[str, str] = {}
    overrides: dict[str, str] = {}
    for entry in root:
        if entry.tag == f"{{{NS_CT}}}Default":
            key, table, what = entry.get("Extension", "").lower(), defaults, "Default Extension"
        elif entry.tag == f"{{{NS_CT}}}Override":
            key, table, what = entry.get("PartName", "").lower(), overrides, "Override PartName"
        else:
            continue
        if key in table:
            problems.append(
                _problem(
                    _CONTENT_TYPES_MEMBER,
                    entry.sourceline,
                    f"duplicate {what} {key!r} (compared case-insensitively)",
                )
            )
        table.setdefault(key, entry.get("ContentType", ""))
    return _ContentTypes(defaults, overrides), problems


def _parse(part: str, data: bytes) -> tuple[Any | None, list[str]]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    try:
        return etree.fromstring(data, parser), []
    except etree.XMLSyntaxError as exc:
        return None, [_problem(part, exc.lineno, f"not well-formed XML: {exc.msg}")]


def _ignorable(
    element: Any, inherited: frozenset[str], part: str, problems: list[str]
) -> frozenset[str]:
    value = element.get(f"{{{NS_MC}}}Ignorable")
    if value is None:
        return inherited
    namespaces = set(inherited)
    for prefix in value.split():
        namespace = element.nsmap.get(prefix)
        if namespace is None:
            problems.append(
                _problem(
                    part, element.sourceline, f"mc:Ignorable names undeclared prefix {prefix!r}"
                )
            )
        else:
            namespaces.add(namespace)
    return frozenset(namespaces)


def _chosen_branch(alternate: Any, part: str, problems: list[str]) -> list[Any]:
    """The children of the branch of ``mc:AlternateContent`` a consumer of the schemas picks."""
    for branch in alternate.iterchildren(f"{{{NS_MC}}}Choice"):
        required = [branch.nsmap.get(prefix) for prefix in branch.get("Requires", "").split()]
        if not required:
            problems.append(_problem(part, branch.sourceline, "mc:Choice without Requires"))
        elif all(namespace in _UNDERSTOOD for namespace in required):
            return list(branch)
    for branch in alternate.iterchildren(f"{{{NS_MC}}}Fallback"):
        return list(branch)
    return []


def _apply_markup_compatibility(
    element: Any, ignorable: frozenset[str], part: str, problems: list[str]
) -> None:
    """Process ``element`` in place as a consumer understanding only ``_UNDERSTOOD`` would."""
    ignorable = _ignorable(element, ignorable, part, problems)
    for prefix in element.get(f"{{{NS_MC}}}MustUnderstand", "").split():
        if element.nsmap.get(prefix) not in _UNDERSTOOD:
            problems.append(
                _problem(
                    part,
                    element.sourceline,
                    f"mc:MustUnderstand names {prefix!r}, which no schema defines",
                )
            )
    for key in list(element.attrib):
        namespace = etree.QName(key).namespace
        if namespace == NS_MC or (namespace in ignorable and namespace not in _UNDERSTOOD):
            del element.attrib[key]
    index = 0
    while index < len(element):
        child = element[index]
        if not isinstance(child.tag, str):  # comment or processing instruction
            index += 1
            continue
        namespace = etree.QName(child).namespace
        if child.tag == f"{{{NS_MC}}}AlternateContent":
            replacement = _chosen_branch(child, part, problems)
            element.remove(child)
            for offset, grandchild in enumerate(replacement):
                element.insert(index + offset, grandchild)
            continue  # the spliced-in elements are processed next
        if namespace == NS_MC:
            problems.append(
                _problem(
                    part,
                    child.sourceline,
                    f"unexpected markup-compatibility element {_short(child.tag)}",
                )
            )
            element.remove(child)
            continue
        if namespace in ignorable and namespace not in _UNDERSTOOD:
            element.remove(child)
            continue
        _apply_markup_compatibility(child, ignorable, part, problems)
        index += 1


def _check_core_properties(part: str, root: Any) -> list[str]:
    """OPC rules for core properties that the schema cannot express."""
    problems: list[str] = []
    dated = {f"{{{NS_DCTERMS}}}created", f"{{{NS_DCTERMS}}}modified"}
    for element in root.iter(etree.Element):
        where = element.sourceline
        if etree.QName(element).namespace == NS_MC or any(
            etree.QName(key).namespace == NS_MC for key in element.attrib
        ):
            problems.append(
                _problem(part, where, "core properties must not use markup compatibility (OPC)")
            )
        xsi_type = element.get(f"{{{NS_XSI}}}type")
        if element.tag in dated:
            prefix, _, local = (xsi_type or "").rpartition(":")
            if element.nsmap.get(prefix or None) != NS_DCTERMS or local != "W3CDTF":
                problems.append(
                    _problem(
                        part,
                        where,
                        f'{_short(element.tag)} must have xsi:type="dcterms:W3CDTF" (OPC)',
                    )
                )
        elif xsi_type is not None:
            problems.append(
                _problem(
                    part,
                    where,
                    f"xsi:type is not allowed on "
                    f"{_short(element.tag)} (OPC: only dcterms:created and "
                    "dcterms:modified carry it)",
                )
            )
    return problems


def _validate(part: str, root: Any, kind: PartKind) -> list[str]:
    problems: list[str] = []
    if kind.root == f"{{{NS_CP}}}coreProperties":
        problems += _check_core_properties(part, root)
    elif kind is not CONTENT_TYPES_KIND and kind.schema.startswith("transitional/"):
        _apply_markup_compatibility(root, frozenset(), part, problems)
    schema = _schema(kind.schema)
    if not schema.validate(root):
        for error in schema.error_log:
            where = f" [at {error.path}]" if error.path else ""
            problems.append(_problem(part, error.line, _short(error.message) + where))
    return problems


def _kind_of(part: str, root: Any, content_type: str | None) -> tuple[PartKind | None, list[str]]:
    """The kind to validate ``part`` as, and problems with its content type or root."""
    root_name = _short(root.tag)
    if part == _CONTENT_TYPES_MEMBER:
        kind: PartKind | None = CONTENT_TYPES_KIND
    else:
        kind = KINDS.get(content_type or "")
    if kind is not None:
        if root.tag != kind.root:
            return None, [
                _problem(
                    part,
                    root.sourceline,
                    f"document element {root_name} does "
                    f"not match content type {content_type!r} (expected "
                    f"{_short(kind.root)})",
                )
            ]
        return kind, []
    expected = _CONTENT_TYPE_BY_ROOT.get(root.tag)
    if expected is not None and content_type is None:  # already reported as missing
        return KINDS[expected], []
    if expected is not None:
        return KINDS[expected], [
            _problem(
                part,
                root.sourceline,
                f"content type {content_type!r} is wrong for a "
                f"{root_name} part (expected {expected!r})",
            )
        ]
    return None, [
        _problem(
            part,
            root.sourceline,
            f"no schema for this XML part (content type "
            f"{content_type!r}, document element {root_name}); it cannot be "
            "validated",
        )
    ]


def _source_of_rels(rels: str) -> str:
    """The part a ``.rels`` member describes ("" for the package's own ``_rels/.rels``)."""
    folder, _, name = rels.rpartition("/")
    parent = folder.rpartition("/")[0] if "/" in folder else ""
    source = name[: -len(".rels")]
    return f"{parent}/{source}" if parent and source else source


def _rels_of(part: str) -> str:
    folder, _, name = part.rpartition("/")
    return f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"


def _check_relationships(trees: dict[str, Any], names: dict[str, str]) -> list[str]:
    """Internal targets exist; ``r:`` attributes name a relationship of their part."""
    problems: list[str] = []
    ids_by_source: dict[str, set[str]] = {}
    for rels, root in trees.items():
        if not _RELS_MEMBER.search(rels):
            continue
        source = _source_of_rels(rels)
        if source and source.lower() not in names:
            problems.append(_problem(rels, None, f"relationships of a missing part /{source}"))
        ids = ids_by_source.setdefault(source, set())
        folder = posixpath.dirname(source)
        for relationship in root.iterchildren(f"{{{NS_PKG_REL}}}Relationship"):
            ids.add(relationship.get("Id", ""))
            if relationship.get("TargetMode") == "External":
                continue
            target = unquote(relationship.get("Target", "").partition("#")[0])
            if not target:
                continue
            resolved = posixpath.normpath(
                target[1:] if target.startswith("/") else posixpath.join(folder, target)
            )
            if resolved.startswith("../") or resolved.lower() not in names:
                problems.append(
                    _problem(
                        rels,
                        relationship.sourceline,
                        f"relationship {relationship.get('Id')} "
                        f"({relationship.get('Type', '').rpartition('/')[2]}) targets missing part "
                        f"/{resolved}",
                    )
                )
    for part, root in trees.items():
        if _RELS_MEMBER.search(part) or part == _CONTENT_TYPES_MEMBER:
            continue
        ids = ids_by_source.get(part, set())
        for element in root.iter(etree.Element):
            for key, value in element.attrib.items():
                if value and etree.QName(key).namespace == NS_R and value not in ids:
                    problems.append(
                        _problem(
                            part,
                            element.sourceline,
                            f"{_short(element.tag)} "
                            f"r:{etree.QName(key).localname}={value!r} names no relationship in "
                            f"{_rels_of(part)}",
                        )
                    )
    return problems


def _check_member_names(members: list[str]) -> list[str]:
    """Duplicate zip member names, also those differing only in case."""
    problems: list[str] = []
    for name, count in Counter(members).items():
        if count > 1:
            problems.append(_problem(name, None, f"duplicate zip member name ({count} entries)"))
    spellings: dict[str, list[str]] = {}
    for name in dict.fromkeys(members):
        spellings.setdefault(name.lower(), []).append(name)
    for variants in spellings.values():
        for other in variants[1:]:
            problems.append(
                _problem(
                    other,
                    None,
                    f"zip member name differs from {variants[0]} "
                    "only in case (part names are case-insensitive)",
                )
            )
    return problems


def validate_pptx(path: str | os.PathLike[str]) -> list[str]:
    """Every problem in the package at ``path``, one ``"part: line N: message"`` each."""
    path = Path(path)
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        return [_problem(path.name, None, f"not a readable zip file: {exc}")]
    with archive:
        infos = [info for info in archive.infolist() if not info.is_dir()]
        problems = _check_member_names([info.filename for info in infos])
        names = {info.filename.lower(): info.filename for info in reversed(infos)}
        contents = [(info.filename, archive.read(info)) for info in infos]

    trees: dict[str, Any] = {}
    content_types = _ContentTypes({}, {})
    found = [data for name, data in contents if name == _CONTENT_TYPES_MEMBER]
    if not found:
        problems.append(_problem(_CONTENT_TYPES_MEMBER, None, "missing from the package"))
    else:
        root, parse_problems = _parse(_CONTENT_TYPES_MEMBER, found[0])
        problems += parse_problems
        if root is not None:
            content_types, table_problems = _read_content_types(root)
            problems += table_problems

    for name, data in contents:
        content_type = None if name == _CONTENT_TYPES_MEMBER else content_types.of(name)
        if content_type is None and name != _CONTENT_TYPES_MEMBER:
            problems.append(_problem(name, None, "no content type in [Content_Types].xml"))
        looks_xml = name.lower().endswith((".xml", ".rels"))
        if not (_is_xml_content_type(content_type or "") or (content_type is None and looks_xml)):
            continue
        root, parse_problems = _parse(name, data)
        problems += parse_problems
        if root is None:
            continue
        trees.setdefault(name, root)
        kind, kind_problems = _kind_of(name, root, content_type)
        problems += kind_problems
        if kind is not None:
            # Validation edits the tree (markup compatibility): validate a fresh copy.
            problems += _validate(name, _parse(name, data)[0], kind)
    problems += _check_relationships(trees, names)
    return problems
