"""Word recall of `deckgen import` over a folder of decks made by other programs.

    .venv/bin/python tools/import_recall.py DECKS_FOLDER [--show-missing N] [--deck NAME]

Each .pptx/.ppsx/.potx/.pptm under DECKS_FOLDER is imported into a temporary folder,
the recap validated and built, and the words of the deck's slides (every text run of
the slide part: text boxes, placeholders, groups, tables) and notes compared with the
words of the built deck: recall = the share of the deck's words (counted with their
repeats) that the built deck holds. Prints a line per deck and the total; exits 1 when
a deck fails to import, validate or build. The decks are not part of deckgen: collect
them from other projects' test data (python-pptx, pandoc, Apache POI).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from deckgen import api
from deckgen.errors import DeckgenError
from deckgen.importer import ImportBug, import_deck

SUFFIXES = (".pptx", ".ppsx", ".potx", ".pptm", ".potm", ".ppsm")
_WORD = re.compile(r"\w+")
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


@dataclass
class Outcome:
    deck: Path
    words: Counter[str]
    kept: Counter[str]
    error: str | None = None
    refused: bool = False  # no deck at all (encrypted, broken, no slides): refused clearly

    @property
    def recall(self) -> float:
        total = sum(self.words.values())
        return 1.0 if not total else sum((self.words & self.kept).values()) / total


def words_of(deck: Path) -> Counter[str]:
    """The words of every slide (in the deck's order) and of its notes, casefolded."""
    counts: Counter[str] = Counter()
    with zipfile.ZipFile(deck) as package:
        names = set(package.namelist())
        for slide in _slide_parts(package, names):
            counts.update(_words(package.read(slide)))
            folder, _, base = slide.rpartition("/")
            rels = f"{folder}/_rels/{base}.rels"
            if rels in names:
                for target in _targets(package.read(rels), folder, "notesSlide"):
                    if target in names:
                        counts.update(_notes_words(package.read(target)))
    return counts


def _slide_parts(package: zipfile.ZipFile, names: set[str]) -> list[str]:
    rels = etree.fromstring(package.read("ppt/_rels/presentation.xml.rels"), _PARSER)
    targets = {r.get("Id"): _join("ppt", str(r.get("Target"))) for r in rels}
    deck = etree.fromstring(package.read("ppt/presentation.xml"), _PARSER)
    ids = deck.iterfind(f"{{{_P}}}sldIdLst/{{{_P}}}sldId")
    return [t for t in (targets.get(e.get(f"{{{_R}}}id")) for e in ids) if t and t in names]


def _targets(data: bytes, folder: str, kind: str) -> list[str]:
    rels = etree.fromstring(data, _PARSER)
    return [_join(folder, str(r.get("Target"))) for r in rels if str(r.get("Type")).endswith(kind)]


def _join(folder: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    parts: list[str] = []
    for part in [*folder.split("/"), *target.split("/")]:
        if part == "..":
            parts = parts[:-1]
        elif part and part != ".":
            parts.append(part)
    return "/".join(parts)


def _words(data: bytes) -> Counter[str]:
    root = etree.fromstring(data, _PARSER)
    text = " ".join(_text(p) for p in root.iter(f"{{{_A}}}p"))
    return Counter(w.casefold() for w in _WORD.findall(text))


def _text(para: etree._Element) -> str:
    """A paragraph's text: its runs joined as shown (a line break is a space)."""
    return "".join(
        " " if e.tag == f"{{{_A}}}br" else (e.text or "")
        for e in para.iter(f"{{{_A}}}t", f"{{{_A}}}br")
    )


def _notes_words(data: bytes) -> Counter[str]:
    """The words of a notes page's body placeholder (not its slide number or header)."""
    root = etree.fromstring(data, _PARSER)
    counts: Counter[str] = Counter()
    for shape in root.iter(f"{{{_P}}}sp"):
        ph = shape.find(f"{{{_P}}}nvSpPr/{{{_P}}}nvPr/{{{_P}}}ph")
        if ph is not None and ph.get("type", "body") == "body":
            counts.update(_words(etree.tostring(shape)))
    return counts


def measure(deck: Path, work: Path) -> Outcome:
    """Import, validate and build `deck` in `work`; the words before and after. A file
    that is no deck (an encrypted or broken one, a deck without slides) must be refused
    with a message at the file, and counts as refused."""
    try:
        words = words_of(deck)
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, OSError) as exc:
        words, unreadable = Counter(), f"{type(exc).__name__}: {exc}"
    else:
        unreadable = None
    recap = work / f"{deck.stem}.yaml"
    built = work / f"{deck.stem}.pptx"
    try:
        import_deck(deck, recap)
        api.check(recap)
        api.build(recap, built)
    except (DeckgenError, ImportBug) as exc:
        message = f"{type(exc).__name__}: {exc}"
        refused = isinstance(exc, DeckgenError) and (unreadable or _refusal(exc))
        return Outcome(deck, words, Counter(), message, refused=bool(refused))
    if unreadable:
        return Outcome(deck, words, Counter(), f"imported, yet {unreadable}")
    return Outcome(deck, words, words_of(built))


def _refusal(exc: DeckgenError) -> bool:
    """deckgen refused the file as a whole, in plain words (not a failure of the import)."""
    messages = [p.message for p in exc.problems]
    return bool(messages) and all(
        m.startswith(("is not a PowerPoint deck", "has no slides")) for m in messages
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--show-missing", type=int, default=0, metavar="N")
    parser.add_argument("--deck", help="only decks whose path contains this")
    args = parser.parse_args(argv)
    decks = sorted(p for p in args.folder.rglob("*") if p.suffix.lower() in SUFFIXES)
    if args.deck:
        decks = [d for d in decks if args.deck in d.as_posix()]
    outcomes = []
    for deck in decks:
        with tempfile.TemporaryDirectory() as work:
            outcome = measure(deck, Path(work))
        outcomes.append(outcome)
        name = deck.relative_to(args.folder).as_posix()
        total = sum(outcome.words.values())
        if outcome.error:
            what = "refused" if outcome.refused else "FAILED "
            print(f"{what} {name}: {outcome.error.splitlines()[0][:300]}")
            continue
        print(f"{outcome.recall:8.2%} {total:6d} words  {name}")
        if args.show_missing and outcome.recall < 1:
            missing = outcome.words - outcome.kept
            print("         missing:", ", ".join(f"{w}×{n}" for w, n in missing.most_common(10)))
    counted = [o for o in outcomes if not o.refused]
    words = sum((o.words for o in counted), Counter())
    kept = sum((o.words & o.kept for o in counted), Counter())
    failed = [o for o in outcomes if o.error and not o.refused]
    refused = [o for o in outcomes if o.refused]
    done = len(outcomes) - len(failed) - len(refused)
    share = sum(kept.values()) / max(1, sum(words.values()))
    print(
        f"total: {share:.2%} of {sum(words.values())} words in {done} decks imported,"
        f" validated and built; {len(refused)} files refused as no deck; {len(failed)} failed"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
