"""Zip packages deckgen reads (imported decks, theme templates), checked with bounds.

A .pptx is a zip; python-pptx unpacks every member into memory, and `zipfile` trusts
what the archive says. Before either reads a package, `check` reads the end record
itself (a central directory it would read whole must fit the file and a bound), then
every member's entry (stored or deflate only, not encrypted, sizes within bounds and
honest, no overlapping data), then unpacks each member once, in chunks, to prove it
whole (no corrupt deflate data, the checksums match) and to count its XML markup (a
parsed tag or attribute costs python-pptx about 140 bytes of memory).

`opened(path)` yields the checked file, open, for python-pptx to read: the bytes
checked are the bytes read.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

MAX_MEMBERS = 100_000  # a 10,000-slide deck has about 40,000
MAX_DIRECTORY = 30_000_000  # bytes of central directory (about 100 per member)
MAX_MEMBER = 250_000_000  # bytes one member unpacks to
MAX_TOTAL = 300_000_000  # bytes all members unpack to (import holds about 4 copies: < 1.5 GB)
MAX_RATIO = 500  # unpacked / packed size of a member over RATIO_FROM bytes
RATIO_FROM = 1_000_000
MAX_MARKUP = 8_000_000  # `<` and `=` in all XML members: tags and attributes to parse

_CHUNK = 1 << 20
_METHODS = {
    1: "shrink", 6: "implode", 9: "deflate64", 12: "bzip2", 14: "lzma", 19: "lz77",
    93: "zstandard", 95: "xz", 98: "ppmd", 99: "AES encryption",
}  # fmt: skip
_ENCRYPTED = 0x1 | 0x40 | 0x2000  # traditional, strong, encrypted central directory
_PATCHED = 0x20
_END = struct.Struct("<4s4H2LH")  # end of central directory record
_END64_LOCATOR = struct.Struct("<4sLQL")
_END64 = struct.Struct("<4sQ2H2L4Q")
_LOCAL_HEADER = 30  # bytes of a local file header before its name


class ZipRefused(ValueError):
    """A zip deckgen will not read; the message says why, in plain words."""


class NotAZip(ZipRefused):
    """Not a zip archive at all."""


@contextmanager
def opened(path: Path) -> Iterator[BinaryIO]:
    """`path` open for reading, once `check` has passed it (read the stream, not the
    path again)."""
    try:
        stream = path.open("rb")
    except OSError as exc:
        raise ZipRefused(f"it cannot be read ({exc.strerror or exc})") from None
    with stream:
        check(stream)
        stream.seek(0)
        yield stream


def check(stream: BinaryIO) -> None:
    """Raise `ZipRefused` unless the zip in `stream` is safe to unpack whole."""
    try:
        size = stream.seek(0, 2)
        entries, directory = _end_record(stream, size)
        if entries > MAX_MEMBERS:
            raise ZipRefused(f"it has {entries:,} members (at most {MAX_MEMBERS:,})")
        if directory > MAX_DIRECTORY:
            raise ZipRefused(
                f"its zip directory claims {_mb(directory)} (at most {_mb(MAX_DIRECTORY)})"
            )
        stream.seek(0)
        with zipfile.ZipFile(stream) as archive:
            _check_entries(archive)
            markup = sum(_unpack(archive, info) for info in archive.infolist())
    except ZipRefused:
        raise
    except NotImplementedError as exc:  # `zipfile`: a version or feature it lacks
        raise ZipRefused(f"it uses a zip feature deckgen cannot read ({exc})") from None
    except (zipfile.BadZipFile, ValueError, EOFError, OSError, struct.error) as exc:
        raise ZipRefused(f"its zip directory is damaged ({exc})") from None
    if markup > MAX_MARKUP:
        raise ZipRefused(f"its XML holds {markup:,} tags and attributes (at most {MAX_MARKUP:,})")


def _end_record(stream: BinaryIO, size: int) -> tuple[int, int]:
    """The number of members and the size of the central directory the end record
    claims (the zip64 one if there is one); refuse claims the file cannot hold."""
    tail_size = min(size, _END.size + 0xFFFF)  # the record, then a comment
    stream.seek(size - tail_size)
    tail = stream.read(tail_size)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + _END.size > len(tail):
        stream.seek(0)
        if stream.read(4) == b"PK\x03\x04":
            raise ZipRefused("it is cut short (its zip directory is missing)")
        raise NotAZip("it is not a zip archive")
    _, disk, first_disk, _, entries, directory, offset, _ = _END.unpack_from(tail, at)
    end = size - tail_size + at
    if 0xFFFF in (entries, disk) or 0xFFFFFFFF in (directory, offset):
        end, disk, first_disk, entries, directory, offset = _end64(stream, end)
    if disk or first_disk:
        raise ZipRefused("it is split over several files (a multi-disk zip)")
    if directory > end or offset > end:
        raise ZipRefused(
            f"its zip directory claims {directory:,} bytes at offset {offset:,},"
            f" more than the file holds ({size:,} bytes)"
        )
    return entries, directory


def _end64(stream: BinaryIO, end: int) -> tuple[int, int, int, int, int, int]:
    """(where, disk, first disk, members, directory size, offset) of the zip64 record."""
    if end < _END64_LOCATOR.size:
        raise ZipRefused("its zip64 end record is missing")
    stream.seek(end - _END64_LOCATOR.size)
    sig, _, at, _ = _END64_LOCATOR.unpack(stream.read(_END64_LOCATOR.size))
    if sig != b"PK\x06\x07" or at > end - _END64.size:
        raise ZipRefused("its zip64 end record is missing")
    stream.seek(at)
    record = _END64.unpack(stream.read(_END64.size))
    if record[0] != b"PK\x06\x06":
        raise ZipRefused("its zip64 end record is missing")
    disk, first_disk, _, entries, directory, offset = record[4:]
    return at, disk, first_disk, entries, directory, offset


def _check_entries(archive: zipfile.ZipFile) -> None:
    """Refuse members that are encrypted, compressed otherwise than stored or deflate,
    too large (alone, in all, or for their packed size), or placed outside the data or
    over one another."""
    total = 0
    end = 0  # where the data of the member before ends
    for info in sorted(archive.infolist(), key=lambda i: i.header_offset):
        name = f"member `{info.filename}`"
        if info.flag_bits & _ENCRYPTED:
            raise ZipRefused(f"{name} is encrypted")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            method = _METHODS.get(info.compress_type, f"method {info.compress_type}")
            raise ZipRefused(
                f"{name} is compressed with {method}; only stored and deflate are supported"
            )
        if info.flag_bits & _PATCHED:
            raise ZipRefused(f"{name} is stored as a patch")
        if info.file_size > MAX_MEMBER:
            raise ZipRefused(f"{name} unpacks to {_mb(info.file_size)} (at most {_mb(MAX_MEMBER)})")
        total += info.file_size
        if total > MAX_TOTAL:
            raise ZipRefused(f"its members unpack to more than {_mb(MAX_TOTAL)} in all")
        packed = max(info.compress_size, 1)
        if info.file_size > RATIO_FROM and info.file_size > packed * MAX_RATIO:
            raise ZipRefused(
                f"{name} unpacks {info.file_size // packed:,} times larger than it is packed"
                f" (at most {MAX_RATIO:,})"
            )
        if info.compress_type == zipfile.ZIP_STORED and info.file_size != info.compress_size:
            raise ZipRefused(f"{name} is damaged (its sizes disagree)")
        start = info.header_offset
        if start < end:
            raise ZipRefused(f"{name} overlaps another member")
        end = start + _LOCAL_HEADER + len(info.orig_filename.encode()) + info.compress_size
        if end > archive.start_dir:
            raise ZipRefused(f"{name} lies beyond the end of the data")


def _unpack(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> int:
    """Unpack one member, in chunks (a damaged one is refused); its markup count."""
    xml = info.filename.endswith((".xml", ".rels"))
    markup = 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(_CHUNK):
                if xml:
                    markup += chunk.count(b"<") + chunk.count(b"=")
    except (zlib.error, zipfile.BadZipFile, EOFError, ValueError, OSError) as exc:
        raise ZipRefused(f"member `{info.filename}` is damaged ({exc})") from None
    return markup


def _mb(size: int) -> str:
    return f"{size / 1_000_000:,.0f} MB"
