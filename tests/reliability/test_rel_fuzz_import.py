"""Fuzzing the importer and the templates: a mutated deck either imports or is refused
with a `DeckgenError`; a theme with a mutated `template.pptx` either builds or is
refused the same way. Never another exception (exit 3), never a traceback, nothing
written outside the output folder.

Seeds: the decks deckgen builds from `recaps/` (default and corporate themes) and the
corporate theme's template. Mutations:

(a) of the zip: a byte overwritten, the file cut short, a member's method, flags, zip
    version, declared sizes, checksum or offset changed;
(b) of an XML part: an element deleted, duplicated or moved, an attribute deleted or set
    to a hostile value, text replaced, an entity declared and used (also nested ones).

The `ci` Hypothesis profile runs 90 derandomized cases (every tenth also through
`python -m deckgen`); `DECKGEN_FUZZ=thorough` runs 1,500 per test (see `rel_common`);
`pytest -s` prints how the cases ended.
"""

from __future__ import annotations

import copy
import re
import shutil
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree
from rel_common import RECAPS, REPO, fuzz_settings, run_deckgen
from rel_zips import LAUGHS, Raw, changed, content, member, members_of, raw_zip, with_member

from deckgen import api
from deckgen.errors import DeckgenError
from deckgen.importer import ImportBug, import_deck
from deckgen.options import BuildOptions
from deckgen.templates import PARSER

CORPORATE = REPO / "themes" / "corporate"
CLI_EVERY = 10  # every so many cases also run the command line for the exit status
# Messages of importer bugs the fuzz has met and tolerates (counted) while they are fixed: none
KNOWN_BUGS: tuple[str, ...] = ()
COUNTS: Counter[str] = Counter()
SEEDS: dict[str, list[Raw]] = {}  # seed name -> its members (filled by the `seeds` fixture)
RECAP = (
    "title: T\ntheme: ./corp\npresenters:\n  - name: A\n    topics:\n      - title: X\n"
    "        slides:\n          - bullets: [one, two]\n          - code: 'x = 1'\n"
)


@pytest.fixture(scope="module", autouse=True)
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Build the seed decks once; print how the cases ended (shown with `pytest -s`)."""
    out = tmp_path_factory.mktemp("seeds")
    for recap, theme in (("eu2019", "default"), ("kubecon2019-team", "corporate")):
        api.build(RECAPS / f"{recap}.yaml", out / f"{recap}.pptx", BuildOptions(theme=theme))
        SEEDS[recap] = members_of(out / f"{recap}.pptx")
    SEEDS["template"] = members_of(CORPORATE / "template.pptx")
    COUNTS.clear()
    yield
    print(f"\nimport/template fuzz cases: {dict(sorted(COUNTS.items()))}")


# --- mutations ------------------------------------------------------------------------------

HEADER_FIELDS = ("method", "flags", "version", "size", "crc", "offset")
HEADER_VALUES = (0, 1, 2, 8, 9, 12, 14, 20, 45, 63, 64, 99, 255, 0x41, 0x800, 0x2000,
                 1000, 1 << 20, 1 << 31, (1 << 32) - 2, 8 << 30)  # fmt: skip
VALUES = ("", "0", "-1", "1.5", "2147483648", "99999999999999999999", "-99999999999",
          "1e400", "NaN", "abc", "rId1", "rId999", "#FF0000", "../../../../etc/passwd",
          "/ppt/media/image1.png", "http://example.com/x", "javascript:alert(1)",
          "x" * 5_000, "\u2028", "\u202e", "日本語", "true", "none", "{}")  # fmt: skip
ATTRIBUTES = ("id", "name", "r:id", "r:embed", "x", "y", "cx", "cy", "sz", "val", "typeface",
              "type", "idx", "Target", "TargetMode", "Type", "descr", "rot", "w", "h")  # fmt: skip
XML_KINDS = ("delete", "duplicate", "move", "drop attribute", "set attribute", "text",
             "entity", "laughs")  # fmt: skip
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@dataclass(frozen=True)
class ZipChange:
    """A zip-level change of a seed (small, so Hypothesis prints it short)."""

    seed: str
    kind: str  # "flip", "truncate", or a header field of member number `at`
    at: int
    value: int

    def apply(self) -> bytes:
        members = SEEDS[self.seed]
        if self.kind in ("flip", "truncate"):
            data = bytearray(raw_zip(members))
            at = self.at % len(data)
            if self.kind == "truncate":
                return bytes(data[:at])
            data[at] = self.value % 256
            return bytes(data)
        target = members[self.at % len(members)].name
        width = 1 << (16 if self.kind in ("method", "flags", "version") else 32)
        value = self.value if self.kind == "size" else self.value % width
        return raw_zip(changed(members, target, **{self.kind: value}))


@dataclass(frozen=True)
class XmlChange:
    """A change to XML part number `part` of a seed, at its element number `at`."""

    seed: str
    part: int
    kind: str
    at: int
    value: int  # picks a value, an attribute or a place

    def apply(self) -> bytes:
        members = SEEDS[self.seed]
        parts = [m.name for m in members if m.name.endswith((".xml", ".rels"))]
        name = parts[self.part % len(parts)]
        data = self.mutated(etree.fromstring(content(members, name), PARSER))
        return raw_zip(with_member(members, name, member(name, data)))

    def mutated(self, root: etree._Element) -> bytes:
        elements = list(root.iter(tag=etree.Element))
        element = elements[self.at % len(elements)]
        parent = element.getparent()
        value = VALUES[self.value % len(VALUES)]
        if self.kind == "delete" and parent is not None:
            parent.remove(element)
        elif self.kind == "duplicate" and parent is not None:
            element.addnext(copy.deepcopy(element))
        elif self.kind == "move" and parent is not None:
            place = elements[self.value % len(elements)]
            if place is not element and element not in place.iterancestors():
                place.append(element)
        elif self.kind == "drop attribute" and element.attrib:
            del element.attrib[sorted(element.attrib)[self.value % len(element.attrib)]]
        elif self.kind == "set attribute":
            key = ATTRIBUTES[self.value % len(ATTRIBUTES)]
            key = f"{{{_R}}}{key[2:]}" if key.startswith("r:") else key
            element.set(key, value)
        elif self.kind == "text":
            element.text = value
        text = etree.tostring(root, encoding="UTF-8")
        if self.kind in ("entity", "laughs"):
            head = LAUGHS if self.kind == "laughs" else b'<!DOCTYPE r [<!ENTITY e "entity">]>\n'
            ref = b"&l9;" if self.kind == "laughs" else b"&e;"
            text = head + text.replace(b'="', b'="' + ref, 1)
        return b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n" + text


def zip_changes(seeds: list[str]) -> st.SearchStrategy[ZipChange]:
    return st.builds(
        ZipChange,
        seed=st.sampled_from(seeds),
        kind=st.sampled_from(["flip", "flip", "truncate", *HEADER_FIELDS]),
        at=st.one_of(st.integers(0, 200), st.integers(0, 1 << 20)),
        value=st.one_of(st.sampled_from(HEADER_VALUES), st.integers(0, 255)),
    )


def xml_changes(seeds: list[str]) -> st.SearchStrategy[XmlChange]:
    return st.builds(
        XmlChange,
        seed=st.sampled_from(seeds),
        part=st.integers(0, 500),
        kind=st.sampled_from(XML_KINDS),
        at=st.integers(0, 2_000),
        value=st.integers(0, 1_000),
    )


DECK_SEEDS = ["eu2019", "kubecon2019-team"]
DECK_CHANGES = st.one_of(zip_changes(DECK_SEEDS), xml_changes(DECK_SEEDS))
TEMPLATE_CHANGES = st.one_of(zip_changes(["template"]), xml_changes(["template"]))


# --- checking the outcome -------------------------------------------------------------------


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")
            if p.is_file()}  # fmt: skip


def _refused(exc: DeckgenError) -> None:
    text = str(exc)
    assert text.strip(), "an error without a message"
    text.encode("utf-8")  # printable: no lone surrogates reach the terminal
    for problem in exc.problems:
        assert "\n" not in str(problem) and "\x1b" not in str(problem), str(problem)


def check_import(data: bytes, folder: Path) -> str:
    """Import `data` as a deck into `folder/out`; it imports or is refused cleanly, and
    writes nothing but the recap, its pictures folder and the schema it names; the outcome."""
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "in").mkdir(parents=True)
    (folder / "out").mkdir()
    deck = folder / "in" / "deck.pptx"
    deck.write_bytes(data)
    try:
        import_deck(deck, folder / "out" / "deck.yaml")
        outcome = "imported"
    except DeckgenError as exc:
        _refused(exc)
        outcome = "refused"
    except ImportBug as exc:
        if not any(re.match(known, str(exc)) for known in KNOWN_BUGS):
            raise
        outcome = "known bug"
    assert sorted(p.name for p in folder.iterdir()) == ["in", "out"]
    assert _tree(folder / "in") == {"deck.pptx": data}
    written = {"deck.yaml", "deck-images", "schema"}  # schema: for the recap's modeline
    assert {p.name for p in (folder / "out").iterdir()} <= written
    _tally("import", outcome)
    if COUNTS["cases"] % CLI_EVERY == 1:
        done = run_deckgen("import", deck, "-o", "again.yaml", cwd=folder / "out", timeout=60)
        assert "Traceback" not in done.stderr
        assert done.returncode == {"imported": 0, "refused": 1, "known bug": 3}[outcome]
        COUNTS["cli"] += 1
    return outcome


def check_template(data: bytes, folder: Path) -> str:
    """Build a small recap on the corporate theme with `data` as its template; it builds
    or is refused cleanly, and writes nothing but the deck in `folder/out`."""
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(CORPORATE, folder / "corp", ignore=shutil.ignore_patterns("*.py"))
    (folder / "corp" / "template.pptx").write_bytes(data)
    recap = folder / "recap.yaml"
    recap.write_text(RECAP, encoding="utf-8")
    before = _tree(folder)
    try:
        api.build(recap, folder / "out" / "recap.pptx")
        outcome = "built"
    except DeckgenError as exc:
        _refused(exc)
        outcome = "refused"
    after = _tree(folder)
    assert set(after) - set(before) <= {"out/recap.pptx"}
    assert all(after.get(name) == old for name, old in before.items())
    _tally("template", outcome)
    if COUNTS["cases"] % CLI_EVERY == 1:
        done = run_deckgen("build", recap, "-o", "again", cwd=folder, timeout=60)
        assert "Traceback" not in done.stderr
        assert done.returncode == (0 if outcome == "built" else 1), done.stderr
        COUNTS["cli"] += 1
    return outcome


def _tally(what: str, outcome: str) -> None:
    COUNTS[f"{what} {outcome}"] += 1
    COUNTS["cases"] += 1


# --- the fuzz tests -------------------------------------------------------------------------


@fuzz_settings(ci_examples=50)
@given(change=DECK_CHANGES)
def test_mutated_decks_import_or_fail_cleanly(tmp_path_factory, change):
    check_import(change.apply(), tmp_path_factory.getbasetemp() / "fuzz-import")


@fuzz_settings(ci_examples=40)
@given(change=TEMPLATE_CHANGES)
def test_mutated_templates_build_or_fail_cleanly(tmp_path_factory, change):
    check_template(change.apply(), tmp_path_factory.getbasetemp() / "fuzz-template")
