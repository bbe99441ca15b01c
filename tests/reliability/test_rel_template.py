"""Hostile theme templates: a `template.pptx` that is cut short, damaged, encrypted,
bombed, without a slide master, layouts or theme, with broken XML or an entity-expanding
DTD is refused at the theme's `template:` line, by `validate` and `build` alike (exit 1),
never a crash (exit 3). Each is a variant of the corporate theme's template."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree
from rel_common import REPO, run_many
from rel_zips import (
    BZIP2,
    Raw,
    billion_laughs,
    changed,
    edited,
    members_of,
    raw_zip,
    with_member,
    zeros,
)

from deckgen import api
from deckgen.errors import DeckgenError
from deckgen.theme import Theme

CORPORATE = REPO / "themes" / "corporate"
MASTER = "ppt/slideMasters/slideMaster1.xml"
MASTER_RELS = "ppt/slideMasters/_rels/slideMaster1.xml.rels"
PRESENTATION = "ppt/presentation.xml"
LINE = "theme.yaml:9:11: error: template: `template.pptx`"  # the `template:` value
UNUSABLE = f"{LINE} is not a usable .pptx file:"
NO_TEMPLATE = f"{LINE} is not a usable template:"
Change = Callable[[list[Raw]], bytes]


def _zip(change: Callable[[list[Raw]], list[Raw]]) -> Change:
    return lambda members: raw_zip(change(members))


def _cut(members: list[Raw]) -> bytes:
    data = raw_zip(members)
    return data[: len(data) // 2]


def _corrupt(members: list[Raw]) -> bytes:
    [m] = [m for m in members if m.name == MASTER]
    packed = bytearray(m.packed)
    packed[len(packed) // 2 : len(packed) // 2 + 8] = b"\xff" * 8
    return raw_zip(with_member(members, MASTER, Raw(MASTER, bytes(packed), m.size, m.crc)))


CASES: dict[str, tuple[Change, str]] = {
    "not a zip": (lambda ms: b"PowerPoint? no", f"{LINE} is not a .pptx file"),
    "cut short": (_cut, f"{UNUSABLE} it is cut short (its zip directory is missing)"),
    "corrupt deflate data": (
        _corrupt,
        f"{UNUSABLE} member `{MASTER}` is damaged"
        " (Error -3 while decompressing data: invalid distance too far back)",
    ),
    "encrypted": (
        _zip(lambda ms: changed(ms, MASTER, flags=1)),
        f"{UNUSABLE} member `{MASTER}` is encrypted",
    ),
    "bzip2": (
        _zip(lambda ms: changed(ms, MASTER, method=BZIP2)),
        f"{UNUSABLE} member `{MASTER}` is compressed with bzip2;"
        " only stored and deflate are supported",
    ),
    "a bomb": (
        _zip(lambda ms: [*ms, zeros("ppt/media/big.bin", 300 << 20)]),
        f"{UNUSABLE} member `ppt/media/big.bin` unpacks to 315 MB (at most 250 MB)",
    ),
    "corrupt XML": (
        _zip(lambda ms: edited(ms, MASTER, rb"<p:cSld", b"<p:cSld <")),
        f"{UNUSABLE} part `{MASTER}` is not well-formed XML"
        " (error parsing attribute name, line 2, column 233)",
    ),
    "billion laughs in the theme part": (
        _zip(lambda ms: billion_laughs(ms, "ppt/theme/theme1.xml")),
        f"{UNUSABLE} part `ppt/theme/theme1.xml` declares a DTD (a .pptx may not)",
    ),
    "no presentation part": (
        _zip(lambda ms: with_member(ms, PRESENTATION, None)),
        f"{NO_TEMPLATE} it has no `{PRESENTATION}` (not a presentation)",
    ),
    "no slide master": (
        _zip(
            lambda ms: edited(ms, PRESENTATION, rb"<p:sldMasterIdLst>.*?</p:sldMasterIdLst>", b"")
        ),
        f"{NO_TEMPLATE} it has no slide master",
    ),
    "a slide master that is not there": (
        _zip(lambda ms: with_member(ms, MASTER, None)),
        f"{NO_TEMPLATE} `{PRESENTATION}` names a part it does not hold (rId1)",
    ),
    "no layouts": (
        _zip(lambda ms: edited(ms, MASTER, rb"<p:sldLayoutIdLst>.*?</p:sldLayoutIdLst>", b"")),
        f"{NO_TEMPLATE} its slide master `{MASTER}` has no layouts",
    ),
    "a layout that is not there": (
        _zip(lambda ms: with_member(ms, "ppt/slideLayouts/slideLayout3.xml", None)),
        f"{NO_TEMPLATE} `{MASTER}` names a part it does not hold (rId3)",
    ),
    "no theme": (
        _zip(lambda ms: edited(ms, MASTER_RELS, rb'<Relationship Id="rId12"[^>]*/>', b"")),
        f"{NO_TEMPLATE} its slide master `{MASTER}` has no theme",
    ),
}


def _theme(folder: Path, template: bytes) -> Path:
    theme = folder / "corp"
    shutil.copytree(CORPORATE, theme, ignore=shutil.ignore_patterns("*.py"))
    (theme / "template.pptx").write_bytes(template)
    recap = folder / "recap.yaml"
    recap.write_text(
        "title: T\ntheme: ./corp\npresenters:\n  - name: A\n    topics:\n"
        "      - title: X\n        slides:\n          - bullets: [one]\n",
        encoding="utf-8",
    )
    return recap


@pytest.fixture(scope="module")
def corporate() -> list[Raw]:
    return members_of(CORPORATE / "template.pptx")


def test_the_line_is_the_template_line():
    assert (CORPORATE / "theme.yaml").read_text().splitlines()[8] == "template: template.pptx"


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_hostile_template_is_refused_at_its_line(tmp_path: Path, corporate: list[Raw], case: str):
    change, message = CASES[case]
    recap = _theme(tmp_path, change(list(corporate)))
    shown = f"{(tmp_path / 'corp').as_posix()}/{message}"
    with pytest.raises(DeckgenError) as caught:
        api.check(recap)
    assert [str(p) for p in caught.value.problems] == [shown]


def test_validate_and_build_exit_1_for_every_hostile_template(tmp_path: Path, corporate: list[Raw]):
    jobs = {}
    for n, (change, _) in enumerate(CASES.values()):
        _theme(tmp_path / str(n), change(list(corporate)))
        jobs[f"{n} validate"] = (["validate", "recap.yaml"], tmp_path / str(n))
        jobs[f"{n} build"] = (["build", "recap.yaml", "-o", "out"], tmp_path / str(n))
    runs = run_many(jobs, timeout=60, parallel=2)
    for n, (case, (_, message)) in enumerate(CASES.items()):
        for command in ("validate", "build"):
            run = runs[f"{n} {command}"]
            shown = f"{(tmp_path / str(n) / 'corp').as_posix()}/{message}"
            assert (run.returncode, run.stderr.splitlines()) == (1, [shown]), (case, command)
        assert not (tmp_path / str(n) / "out").exists()


LAYOUT = "ppt/slideLayouts/slideLayout2.xml"
PPTX_CASES = {
    "a slide width that is not a number": (
        PRESENTATION,
        rb'<p:sldSz cx="\d+"',
        b'<p:sldSz cx="wide"',
        "ValueError: invalid literal for int() with base 10: 'wide'",
    ),
    "a layout shape without its properties": (  # python-pptx reads it as the base is saved
        LAYOUT,
        rb'<p:cNvPr id="2" name="Title 1"/>',
        b"",
        "InvalidXmlError: required ``<p:cNvPr>`` child element not present",
    ),
}


@pytest.mark.parametrize("case", sorted(PPTX_CASES))
def test_what_python_pptx_trips_on_is_refused_at_the_template_line(
    tmp_path: Path, corporate: list[Raw], case: str
):
    """A template that passes the package checks but that python-pptx cannot use."""
    part, pattern, new, detail = PPTX_CASES[case]
    recap = _theme(tmp_path, raw_zip(edited(corporate, part, pattern, new)))
    with pytest.raises(DeckgenError) as caught:
        api.build(recap, tmp_path / "out.pptx")
    shown = f"{(tmp_path / 'corp').as_posix()}/{LINE}"
    assert [str(p) for p in caught.value.problems] == [
        f"{shown} cannot be used as a template ({detail})"
    ]
    assert not (tmp_path / "out.pptx").exists()


def test_the_real_template_still_builds(tmp_path: Path, corporate: list[Raw]):
    recap = _theme(tmp_path, raw_zip(corporate))
    result = api.build(recap, tmp_path / "out.pptx")
    assert isinstance(api.check(recap).theme, Theme)
    assert result.slides > 0 and result.warnings == []


@pytest.mark.parametrize("parser", ["python-pptx", "deckgen"])
def test_the_xml_parsers_expand_no_entity_and_fetch_nothing(tmp_path: Path, parser: str):
    """python-pptx's parser and deckgen's (`templates.PARSER`, used for the theme part)
    leave entities unexpanded: neither a local file nor nested entities get in."""
    from pptx.oxml import oxml_parser

    from deckgen.templates import PARSER

    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    xml = (
        f'<!DOCTYPE r [<!ENTITY file SYSTEM "{secret.as_uri()}"> <!ENTITY e "entity">]>'
        "<r><a>&file;</a><b>&e;</b></r>"
    ).encode()
    root = etree.fromstring(xml, oxml_parser if parser == "python-pptx" else PARSER)
    assert etree.tostring(root) == b"<r><a>&file;</a><b>&e;</b></r>"
    assert "SECRET" not in "".join(root.itertext())
