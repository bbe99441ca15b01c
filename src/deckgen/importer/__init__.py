"""`deckgen import`: an existing .pptx deck to a commented recap that deckgen builds."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from deckgen import api
from deckgen.errors import BuildError, DeckgenError, Position, Problem, printable
from deckgen.importer import generic, kinds
from deckgen.importer.document import recap_tree
from deckgen.importer.limits import fit_limits
from deckgen.importer.pictures import Pictures
from deckgen.importer.pieces import Note, Piece, Reading
from deckgen.importer.reader import DeckData, read_deck
from deckgen.importer.structure import Draft, assemble
from deckgen.importer.yaml_out import data, dump, loads
from deckgen.model import Video
from deckgen.roles import Role
from deckgen.starter import schema_reference
from deckgen.write import write_together

__all__ = ["ImportBug", "ImportReport", "import_deck"]

MACROS = "the deck's macros (VBA) ignored: a recap holds no code that runs"
_DEFAULT_TITLES = {"", "powerpoint presentation", "presentation"}


@dataclass(frozen=True)
class ImportReport:
    """What one import did."""

    deck: Path
    recap: Path
    slides_read: int
    slides_written: int  # slides of the recap (after joining and collapsing)
    collapsed: list[str] = field(default_factory=list)  # 'slide 12: collapsed 9 step ...'
    pictures: int = 0  # image files written next to the recap
    videos: int = 0  # YouTube recordings: topic videos and video slides
    left_out: list[str] = field(default_factory=list)  # 'slide 7: a chart left out'

    def __str__(self) -> str:
        return (
            f"{printable(self.recap.as_posix())}: {self.slides_read} slides read, "
            f"{self.slides_written} written, {len(self.collapsed)} step runs collapsed, "
            f"{self.pictures} pictures, {self.videos} videos"
        )


class ImportBug(RuntimeError):
    """The recap an import wrote does not validate: a bug in deckgen, not in the deck."""


def import_deck(deck: Path, recap: Path) -> ImportReport:
    """Import `deck` into `recap` and its pictures into `<recap stem>-images/`; say what it did."""
    # Raises BuildError when the deck cannot be read or the recap cannot be written, and
    # ImportBug when the written recap does not pass deckgen.api.check.
    if recap.exists() and recap.resolve() == deck.resolve():
        raise BuildError([Problem(Position(deck.as_posix()), "the recap would replace the deck")])
    deck_data = read_deck(deck)
    pictures = Pictures(f"{_safe_name(recap.stem)}-images")
    reading = Reading.of(deck_data, pictures)
    pieces: list[Piece] = []
    for index, slide in enumerate(deck_data.slides):
        if deck_data.by_deckgen and slide.kind:
            found = kinds.interpret(slide, reading)
        else:
            found = generic.interpret(slide, reading, first=index == 0)
        pieces += [*_left_out(slide.number, slide.left_out), *reading.notes, *found]
        reading.notes = []
    if not deck_data.by_deckgen:
        pieces = generic.cards_as_videos(pieces)
    else:
        pieces = kinds.join_talk_parts(pieces)
    options = _options(deck_data)
    collapse = options["collapse_steps"] != "off"
    draft = assemble(pieces, reading, _fallback_title(deck_data, deck), collapse)
    draft.footer = reading.footer
    draft.options = options
    fitted = fit_limits(draft)
    tree = recap_tree(draft)
    header = [
        f"yaml-language-server: $schema={schema_reference(recap)[0]}",
        f"Imported from {deck.name} by deckgen import; check it and edit freely.",
        '"slide N" comments name the slides of the deck each part comes from.',
        *([MACROS] if deck_data.macros else []),
    ]
    text = dump(tree, header)
    if loads(text) != data(tree):  # pragma: no cover - the writer checks each value
        raise ImportBug(f"bug: the YAML written for {deck.as_posix()} does not read back")
    # the pictures and the recap are written together, or none of them (nor their folder)
    files = [(blob, recap.parent / path) for path, blob in sorted(pictures.files.items())]
    write_together([*files, (text.encode("utf-8"), recap)])
    _check(recap, deck)
    left_out = [printable(f"slide {p.number}: {p.message}") for p in pieces if isinstance(p, Note)]
    left_out += fitted
    if deck_data.macros:
        left_out.insert(0, MACROS)
    read = ImportReport(deck, recap, len(deck_data.slides), 0, pictures=len(pictures.files))
    return _report(read, draft, left_out)


def _safe_name(stem: str) -> str:
    """A recap's name as a folder name a recap may name (no controls, no odd marks)."""
    return re.sub(r"[^\w.+-]", "_", stem) or "recap"


def _left_out(number: int, what: tuple[str, ...]) -> list[Piece]:
    return [Note(number, f"{item} left out") for item in what]


def _fallback_title(deck_data: DeckData, deck: Path) -> str:
    if deck_data.title.casefold() not in _DEFAULT_TITLES:
        return deck_data.title
    return deck.stem


def _options(deck: DeckData) -> dict[str, bool | str]:
    """deckgen's options; for a deck deckgen made, the ones it was built with."""
    options: dict[str, bool | str] = {
        "agenda": True,
        "qr_codes": "youtube",
        "collapse_steps": "collapse",
        "slide_numbers": True,
        "video_index": True,
    }
    if deck.by_deckgen:
        mode = re.search(r"\bcollapse_steps=(off|animate)\b", deck.keywords)
        if mode:  # the recap's own option (not a --steps of one build)
            options["collapse_steps"] = mode[1]
        kinds_seen = {s.kind for s in deck.slides}
        options["agenda"] = "agenda" in kinds_seen
        options["video_index"] = "video-index" in kinds_seen
        options["slide_numbers"] = any(
            t.made_as is Role.SLIDE_NUMBER for s in deck.slides for t in s.texts
        )
        qr = [(s.kind, p) for s in deck.slides for p in s.pictures if p.made_as is Role.QR_CODE]
        # the closing's first links get codes unless `none`: they tell nothing of the rest
        if any(p.url and "youtu" not in p.url for kind, p in qr if kind != "closing"):
            options["qr_codes"] = "all"
        elif not qr and {"talk", "video", "links", "closing"} & kinds_seen:
            options["qr_codes"] = "none"
    return options


def _check(recap: Path, deck: Path) -> None:
    try:
        api.check(recap)
    except DeckgenError as exc:
        problems = "\n".join(str(p) for p in exc.problems)
        raise ImportBug(
            f"bug: the recap imported from {deck.as_posix()} does not validate"
            f" (left as written for a bug report):\n{problems}"
        ) from None


def _report(read: ImportReport, draft: Draft, left_out: list[str]) -> ImportReport:
    """`read` (the deck, the recap, what was read) with what the recap holds."""
    slides = [s for p in draft.presenters for t in p.topics for s in t.slides]
    videos = sum(1 for p in draft.presenters for t in p.topics if t.video)
    videos += sum(1 for s in slides if isinstance(s.slide.content, Video))
    collapsed = list(draft.collapsed)
    return replace(
        read, slides_written=len(slides), collapsed=collapsed, videos=videos, left_out=left_out
    )
