"""Render decks with LibreOffice and inspect the PDF with poppler and zbar.

Coordinates are PDF points (1/72 inch) from the top-left corner of the page, y downwards.

What the tools do, and what these helpers do about it:

- LibreOffice keeps text that overflows its slide in the PDF (a text box partly off the
  slide, or too much text for its box flowing below the slide), but ``pdftotext`` drops
  every character whose origin lies outside the page's MediaBox, and cuts words in two
  at the edge ("overflowing" becomes "overflo"). ``words_with_boxes`` therefore reads a
  copy of the PDF whose page boxes are enlarged on every side (an incremental update of
  the page objects; the drawing is unchanged) and maps the coordinates back, so text
  past an edge is reported with coordinates outside the page.
- In its default and ``-layout`` modes ``pdftotext`` removes a word drawn on top of an
  identical word (its fix for fake-bold text drawn twice), so two stacked text boxes
  with the same text look like one. ``-raw`` keeps every word as drawn; the word
  helpers use ``-raw -bbox``. LibreOffice draws text effects (shadow, glow, outline,
  synthetic bold) without drawing the text twice, so a word reported twice at the same
  place is really on the slide twice.
- ``pdftotext`` boxes span the font's full ascent to descent (about 1.3 em for Carlito),
  more than the line pitch at line spacing below about 1.1, so consecutive lines of one
  paragraph overlap slightly (26% of the box height at 80% spacing).
  ``overlapping_words`` compares boxes trimmed by 15% at the top and bottom.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree  # type: ignore[import-untyped, unused-ignore]

__all__ = [
    "TOOLS",
    "PageWords",
    "RenderError",
    "Word",
    "decode_qr",
    "overlapping_words",
    "page_count",
    "page_texts",
    "rasterize",
    "render_pdf",
    "render_pdfs",
    "words_off_page",
    "words_with_boxes",
]

TOOLS = ("soffice", "pdfinfo", "pdftotext", "pdftoppm", "zbarimg")
"""The programs these helpers run: a test using them is marked ``integration(*TOOLS)``."""

_TOOL_TIMEOUT = 120.0
_MARGIN = 3.0  # the text-extraction copy adds this many page widths/heights on each side
_XHTML = "{http://www.w3.org/1999/xhtml}"


class RenderError(RuntimeError):
    """A rendering or inspection tool failed or did not produce what it should."""


@dataclass(frozen=True)
class Word:
    """A word on page ``page`` (1-based) and its box in points, y downwards."""

    page: int
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        """Width of the box."""
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        """Height of the box."""
        return self.y1 - self.y0

    def __str__(self) -> str:
        return f"{self.text!r} at ({self.x0:.1f}, {self.y0:.1f})-({self.x1:.1f}, {self.y1:.1f})"


class PageWords(list[Word]):
    """The words of one page, in drawing order, with the page's number and size in points."""

    def __init__(
        self, words: Iterable[Word] = (), *, number: int, width: float, height: float
    ) -> None:
        super().__init__(words)
        self.number = number
        self.width = width
        self.height = height


def _run(
    command: Sequence[str], *, ok: Iterable[int] = (0,), timeout: float = _TOOL_TIMEOUT
) -> subprocess.CompletedProcess[bytes]:
    try:
        result = subprocess.run(list(command), capture_output=True, timeout=timeout, check=False)
    except FileNotFoundError as exc:
        raise RenderError(f"{command[0]} is not installed") from exc
    except subprocess.TimeoutExpired as exc:
        raise RenderError(f"{command[0]} timed out after {timeout:g} s") from exc
    if result.returncode not in set(ok):
        stderr = result.stderr.decode("utf-8", "replace").strip()
        raise RenderError(
            f"{' '.join(map(str, command))} exited with status {result.returncode}: {stderr}"
        )
    return result


def render_pdf(pptx: Path, outdir: Path, timeout: float = 180) -> Path:
    """Convert ``pptx`` to ``outdir/<stem>.pdf`` with LibreOffice; the path of the PDF.

    LibreOffice runs headless with a fresh user profile (so runs never share or lock a
    profile and may run in parallel), in its own process group, which is killed when
    ``timeout`` seconds pass or when the conversion ends.
    """
    return render_pdfs([pptx], outdir, timeout)[0]


def render_pdfs(decks: Sequence[Path], outdir: Path, timeout: float = 180) -> list[Path]:
    """Convert several decks (of different stems) in one LibreOffice run, which costs
    little more than converting one; like ``render_pdf``, ``timeout`` for the run."""
    pptxs = [Path(pptx).resolve() for pptx in decks]
    outdir = Path(outdir).resolve()
    for pptx in pptxs:
        if not pptx.is_file():
            raise RenderError(f"{pptx} does not exist")
    outdir.mkdir(parents=True, exist_ok=True)
    pdfs = [outdir / f"{pptx.stem}.pdf" for pptx in pptxs]
    for pdf in pdfs:
        pdf.unlink(missing_ok=True)
    profile = Path(tempfile.mkdtemp(prefix="deckgen-soffice-profile-"))
    command = [
        "soffice",
        "--headless",
        "--norestore",
        "--nolockcheck",
        f"-env:UserInstallation={profile.as_uri()}",
        "--convert-to",
        "pdf",
        "--outdir",
        str(outdir),
        *map(str, pptxs),
    ]
    names = ", ".join(pptx.name for pptx in pptxs)
    try:
        try:
            process = subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
            )
        except FileNotFoundError as exc:
            raise RenderError("soffice (LibreOffice) is not installed") from exc
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(process.pid)
            process.communicate()
            raise RenderError(
                f"LibreOffice did not convert {names} within {timeout:g} s and was killed"
            ) from None
        finally:
            _kill_group(process.pid)  # helpers it may have left behind
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    for pdf in pdfs:
        if process.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
            output = (stdout + stderr).decode("utf-8", "replace").strip()
            raise RenderError(
                f"LibreOffice did not produce {pdf} (exit status {process.returncode}): {output}"
            )
    return pdfs


def _kill_group(group: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(group, signal.SIGKILL)


def page_count(pdf: Path) -> int:
    """The number of pages of ``pdf`` (pdfinfo)."""
    output = _run(["pdfinfo", str(pdf)]).stdout.decode("utf-8", "replace")
    match = re.search(r"^Pages:\s+(\d+)\s*$", output, re.MULTILINE)
    if match is None:
        raise RenderError(f"pdfinfo printed no page count for {pdf}")
    return int(match.group(1))


def page_texts(pdf: Path, *, layout: bool = False) -> list[str]:
    """The text of each page of ``pdf`` (pdftotext; ``layout`` keeps the columns).

    Text outside the page is not included (see ``words_with_boxes``).
    """
    command = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(pdf), "-"]
    text = _run(command).stdout.decode("utf-8", "replace")
    pages = text.split("\f")
    count = page_count(pdf)
    if len(pages) == count + 1 and pages[-1].strip() == "":
        pages.pop()
    if len(pages) != count:
        raise RenderError(f"pdftotext gave {len(pages)} pages of text for {count} pages")
    return pages


# --- Reading a PDF's page objects, to enlarge their boxes ---------------------------

_NUMBER = rb"[-+]?(?:\d+\.?\d*|\.\d+)"
_BOX = re.compile(
    rb"/MediaBox\s*\[\s*("
    + _NUMBER
    + rb")\s+("
    + _NUMBER
    + rb")\s+("
    + _NUMBER
    + rb")\s+("
    + _NUMBER
    + rb")\s*\]"
)
_OBJECT = re.compile(rb"(?:^|(?<=[\r\n]))(\d+)[ ]+(\d+)[ ]+obj\b\s*", re.MULTILINE)


def _dictionary_end(data: bytes, start: int) -> int:
    """The index just after the ``<<...>>`` dictionary that starts at ``start``."""
    depth = 0
    index = start
    while index < len(data):
        if data.startswith(b"<<", index):
            depth += 1
            index += 2
        elif data.startswith(b">>", index):
            depth -= 1
            index += 2
            if depth == 0:
                return index
        elif data[index : index + 1] == b"(":  # literal string, may nest and escape
            nesting = 0
            while index < len(data):
                char = data[index : index + 1]
                if char == b"\\":
                    index += 1
                elif char == b"(":
                    nesting += 1
                elif char == b")":
                    nesting -= 1
                    if nesting == 0:
                        break
                index += 1
            index += 1
        elif data[index : index + 1] == b"<":  # hex string
            end = data.find(b">", index)
            if end < 0:
                break
            index = end + 1
        else:
            index += 1
    raise RenderError("unterminated dictionary in PDF")


def _objects(data: bytes) -> dict[int, tuple[int, bytes]]:
    """Object number -> (generation, dictionary) of every uncompressed dictionary object.

    Objects start at the beginning of a line; a later definition (a newer revision) wins.
    A match inside binary stream data that does not parse as a dictionary is skipped.
    """
    objects: dict[int, tuple[int, bytes]] = {}
    for match in _OBJECT.finditer(data):
        if data.startswith(b"<<", match.end()):
            try:
                end = _dictionary_end(data, match.end())
            except RenderError:
                continue
            objects[int(match.group(1))] = (int(match.group(2)), data[match.end() : end])
    return objects


def _media_box(objects: dict[int, tuple[int, bytes]], number: int) -> list[float]:
    seen: set[int] = set()
    while number not in seen and number in objects:
        seen.add(number)
        dictionary = objects[number][1]
        box = _BOX.search(dictionary)
        if box is not None:
            return [float(value) for value in box.groups()]
        parent = re.search(rb"/Parent\s+(\d+)\s+\d+\s+R", dictionary)
        if parent is None:
            break
        number = int(parent.group(1))
    raise RenderError(f"PDF page object {number} has no MediaBox")


def _with_margins(data: bytes, margin: float) -> tuple[bytes, int]:
    """``data`` with each page's MediaBox grown by ``margin`` times its size on every side.

    Appends new versions of the page objects as an incremental update (ISO 32000-1,
    7.5.6), so the page content is untouched. Returns the new PDF and its page count.
    """
    objects = _objects(data)
    pages = {
        number: entry
        for number, entry in objects.items()
        if re.search(rb"/Type\s*/Page(?![A-Za-z])", entry[1])
    }
    trailers = list(re.finditer(rb"trailer\s*<<", data))
    starts = re.findall(rb"startxref\s+(\d+)", data)
    if not pages or not trailers or not starts:
        raise RenderError(
            "unsupported PDF structure (no plain page objects or trailer; "
            "compressed object streams are not supported)"
        )
    trailer_start = trailers[-1].end() - 2
    trailer = data[trailer_start : _dictionary_end(data, trailer_start)]
    root = re.search(rb"/Root\s+(\d+\s+\d+\s+R)", trailer)
    size = re.search(rb"/Size\s+(\d+)", trailer)
    if root is None or size is None:
        raise RenderError("PDF trailer without /Root or /Size")
    update = bytearray(data if data.endswith(b"\n") else data + b"\n")
    offsets: dict[int, tuple[int, int]] = {}
    for number, (generation, dictionary) in sorted(pages.items()):
        rotate = re.search(rb"/Rotate\s+(-?\d+)", dictionary)
        if rotate is not None and int(rotate.group(1)) % 360:
            raise RenderError("rotated PDF pages are not supported")
        x0, y0, x1, y1 = _media_box(objects, number)
        dx, dy = (x1 - x0) * margin, (y1 - y0) * margin
        box = f"/MediaBox[{x0 - dx:.4f} {y0 - dy:.4f} {x1 + dx:.4f} {y1 + dy:.4f}]".encode()
        old_box = _BOX.search(dictionary)
        if old_box is not None:
            dictionary = dictionary[: old_box.start()] + box + dictionary[old_box.end() :]
        else:
            dictionary = b"<<" + box + dictionary[2:]
        offsets[number] = (len(update), generation)
        update += b"%d %d obj\n" % (number, generation) + dictionary + b"\nendobj\n"
    xref = len(update)
    update += b"xref\n"
    for number, (offset, generation) in sorted(offsets.items()):
        update += b"%d 1\n%010d %05d n \n" % (number, offset, generation)
    info = re.search(rb"/Info\s+\d+\s+\d+\s+R", trailer)
    update += b"trailer\n<</Size %d/Root %s%s/Prev %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        max(int(size.group(1)), max(pages) + 1),
        root.group(1),
        info.group(0) if info else b"",
        starts[-1],
        xref,
    )
    return bytes(update), len(pages)


def _bbox_pages(pdf: Path) -> Any:
    """The ``<page>`` elements of ``pdftotext -raw -bbox`` for ``pdf``."""
    output = _run(["pdftotext", "-raw", "-bbox", "-enc", "UTF-8", str(pdf), "-"]).stdout
    parser = etree.XMLParser(
        recover=True, resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True
    )
    root = etree.fromstring(output, parser)
    if root is None:
        raise RenderError(f"cannot read the output of pdftotext -bbox for {pdf}")
    return root.iter(f"{_XHTML}page")


def words_with_boxes(pdf: Path, *, clip: bool = False) -> list[PageWords]:
    """The words of each page of ``pdf`` with their boxes, in drawing order.

    Words outside the page are included, with coordinates outside ``0..width`` and
    ``0..height``; ``clip=True`` gives only what pdftotext sees on the page itself
    (characters whose origin is off the page dropped, words cut at the edge).
    """
    pdf = Path(pdf)
    with tempfile.TemporaryDirectory(prefix="deckgen-words-") as scratch:
        if clip:
            source, margin = pdf, 0.0
        else:
            enlarged, pages = _with_margins(pdf.read_bytes(), _MARGIN)
            if pages != page_count(pdf):
                raise RenderError(
                    f"found {pages} page objects in {pdf}, pdfinfo counts {page_count(pdf)}"
                )
            source, margin = Path(scratch) / "enlarged.pdf", _MARGIN
            source.write_bytes(enlarged)
        result: list[PageWords] = []
        for number, page in enumerate(_bbox_pages(source), start=1):
            scale = 1 + 2 * margin
            width = float(page.get("width")) / scale
            height = float(page.get("height")) / scale
            dx, dy = width * margin, height * margin
            words = (
                Word(
                    number,
                    word.text or "",
                    float(word.get("xMin")) - dx,
                    float(word.get("yMin")) - dy,
                    float(word.get("xMax")) - dx,
                    float(word.get("yMax")) - dy,
                )
                for word in page.iter(f"{_XHTML}word")
            )
            result.append(PageWords(words, number=number, width=width, height=height))
    if not clip and len(result) != page_count(pdf):
        raise RenderError(
            f"pdftotext read {len(result)} pages of {pdf}, pdfinfo counts {page_count(pdf)}"
        )
    return result


def words_off_page(pdf: Path, *, tolerance: float = 1.0) -> list[str]:
    """One message per word whose box extends more than ``tolerance`` points off its page."""
    problems: list[str] = []
    for page in words_with_boxes(pdf):
        for word in page:
            edges = [
                edge
                for edge, out in (
                    ("left", word.x0 < -tolerance),
                    ("top", word.y0 < -tolerance),
                    ("right", word.x1 > page.width + tolerance),
                    ("bottom", word.y1 > page.height + tolerance),
                )
                if out
            ]
            if edges:
                problems.append(
                    f"page {page.number}: {word} extends past the "
                    f"{' and '.join(edges)} edge of the {page.width:.0f} x "
                    f"{page.height:.0f} pt page"
                )
    return problems


def _trimmed(word: Word, trim: float) -> tuple[float, float, float, float]:
    cut = word.height * trim
    return word.x0, word.y0 + cut, word.x1, word.y1 - cut


def overlapping_words(pdf: Path, *, min_fraction: float = 0.2, trim: float = 0.15) -> list[str]:
    """One message per pair of words on a page whose boxes overlap.

    Boxes are first trimmed by ``trim`` of their height at the top and at the bottom
    (the part of the font's ascent and descent that is mostly empty); a pair overlaps
    when the intersection exceeds ``min_fraction`` of the smaller trimmed box. Each pair
    of distinct words is reported once; a word repeated at the same place (the same text
    drawn twice, e.g. stacked text boxes) is such a pair.
    """
    problems: list[str] = []
    for page in words_with_boxes(pdf):
        boxes = sorted((_trimmed(word, trim), index) for index, word in enumerate(page))
        for position, (first, i) in enumerate(boxes):
            ax0, ay0, ax1, ay1 = first
            area_a = (ax1 - ax0) * (ay1 - ay0)
            for second, j in boxes[position + 1 :]:
                bx0, by0, bx1, by1 = second
                if bx0 >= ax1:
                    break  # sorted by x0: no later box reaches back into this one
                area_b = (bx1 - bx0) * (by1 - by0)
                overlap_x = min(ax1, bx1) - max(ax0, bx0)
                overlap_y = min(ay1, by1) - max(ay0, by0)
                smaller = min(area_a, area_b)
                if overlap_x <= 0 or overlap_y <= 0 or smaller <= 0:
                    continue
                fraction = overlap_x * overlap_y / smaller
                if fraction > min_fraction:
                    a, b = sorted((page[i], page[j]), key=lambda w: (w.y0, w.x0))
                    problems.append(
                        f"page {page.number}: {a} overlaps {b} by {fraction:.0%} of the smaller box"
                    )
    return problems


def rasterize(pdf: Path, dpi: int, outdir: Path) -> list[Path]:
    """PNG images of the pages of ``pdf`` at ``dpi`` in ``outdir``, one per page, in order."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    prefix = f"{Path(pdf).stem}-{dpi}dpi"
    pattern = re.compile(re.escape(prefix) + r"-(\d+)\.png")
    for stale in outdir.iterdir():
        if pattern.fullmatch(stale.name):
            stale.unlink()
    _run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(outdir / prefix)])
    found = [
        (int(m.group(1)), path) for path in outdir.iterdir() if (m := pattern.fullmatch(path.name))
    ]
    images = [path for _, path in sorted(found)]
    if len(images) != page_count(pdf):
        raise RenderError(f"pdftoppm wrote {len(images)} images for {page_count(pdf)} pages")
    return images


def decode_qr(png: Path) -> list[str]:
    """The contents of the QR codes zbar finds in ``png``; an empty list when none."""
    result = _run(
        ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(png)], ok=(0, 4)
    )
    if result.returncode == 4:  # zbarimg: no symbol found
        return []
    return [line for line in result.stdout.decode("utf-8").splitlines() if line]
