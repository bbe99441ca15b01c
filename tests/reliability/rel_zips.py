"""Zip archives written byte by byte, so that a test can make them lie: sizes, methods,
flags, versions, offsets and end records set at will (`zipfile` writes only honest ones).
Also hostile variants of a real package (a theme template, an imported deck)."""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, replace
from pathlib import Path

STORED, DEFLATED, BZIP2 = 0, 8, 12
_LOCAL = struct.Struct("<4s5H3L2H")
_CENTRAL = struct.Struct("<4s6H3L5H2L")
_END = struct.Struct("<4s4H2LH")
_END64 = struct.Struct("<4sQ2H2L4Q")
_LOCATOR = struct.Struct("<4sLQL")
_FULL = 0xFFFFFFFF


@dataclass(frozen=True)
class Raw:
    """One member as it will be written: `packed` bytes and what the headers say."""

    name: str
    packed: bytes
    size: int  # the unpacked size the headers declare
    crc: int
    method: int = DEFLATED
    flags: int = 0
    version: int = 20
    offset: int | None = None  # the central directory's header offset (None: the real one)


def deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def member(name: str, data: bytes, method: int = DEFLATED) -> Raw:
    """An honest member holding `data`."""
    packed = deflate(data) if method == DEFLATED else data
    return Raw(name, packed, len(data), zlib.crc32(data), method)


SPARSE = (bytes(1000) + b"\x01") * 1046  # about 1 MB that packs about 260 to 1


def zeros(name: str, size: int, chunk: bytes = bytes(1 << 20)) -> Raw:
    """An honest deflate member of `size` zero bytes (packs about 1,000 to 1), or of
    `chunk` repeated."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    crc, packed = 0, []
    for _ in range(size // len(chunk)):
        packed.append(packer.compress(chunk))
        crc = zlib.crc32(chunk, crc)
    packed.append(packer.flush())
    return Raw(name, b"".join(packed), size, crc)


def raw_zip(
    members: list[Raw],
    *,
    directory_size: int | None = None,
    directory_offset: int | None = None,
    zip64: bool = False,
) -> bytes:
    """The archive; the end record may claim another directory size or offset."""
    body, directory = bytearray(), bytearray()
    for m in members:
        name = m.name.encode()
        big = m.size >= _FULL or len(m.packed) >= _FULL
        extra = struct.pack("<2H2Q", 1, 16, m.size, len(m.packed)) if big else b""
        sizes = (_FULL, _FULL) if big else (len(m.packed), m.size)
        here = len(body)
        body += _LOCAL.pack(b"PK\x03\x04", m.version, m.flags, m.method, 0, 0x21, m.crc,
                            *sizes, len(name), len(extra))  # fmt: skip
        body += name + extra + m.packed
        offset = here if m.offset is None else m.offset
        directory += _CENTRAL.pack(b"PK\x01\x02", m.version, m.version, m.flags, m.method,
                                   0, 0x21, m.crc, *sizes, len(name), len(extra), 0, 0, 0,
                                   0, offset)  # fmt: skip
        directory += name + extra
    start = len(body)
    size = len(directory) if directory_size is None else directory_size
    at = start if directory_offset is None else directory_offset
    tail = b""
    if zip64:
        n = len(members)
        tail = _END64.pack(b"PK\x06\x06", 44, 45, 45, 0, 0, n, n, size, at)
        tail += _LOCATOR.pack(b"PK\x06\x07", 0, start + len(directory), 1)
        size, at = _FULL, _FULL
    count = min(len(members), 0xFFFF)
    end = _END.pack(b"PK\x05\x06", 0, 0, count, count, min(size, _FULL), min(at, _FULL), 0)
    return bytes(body + directory + tail + end)


def members_of(package: Path) -> list[Raw]:
    """The members of a real package, as honest `Raw` members."""
    with zipfile.ZipFile(package) as archive:
        return [member(i.filename, archive.read(i)) for i in archive.infolist()]


def with_member(members: list[Raw], name: str, new: Raw | None) -> list[Raw]:
    """`members` with member `name` replaced by `new` (or left out)."""
    found = [m for m in members if m.name == name]
    assert found, name
    return [(new if m.name == name else m) for m in members if m.name != name or new]


def changed(members: list[Raw], name: str, **fields: object) -> list[Raw]:
    """`members` with some header fields of member `name` changed."""
    [old] = [m for m in members if m.name == name]
    return with_member(members, name, replace(old, **fields))  # type: ignore[arg-type]


def content(members: list[Raw], name: str) -> bytes:
    """What member `name` (an honest deflate member) holds."""
    [m] = [m for m in members if m.name == name]
    return zlib.decompress(m.packed, -15)


def edited(members: list[Raw], name: str, pattern: bytes, new: bytes) -> list[Raw]:
    """`members` with the first match of regular expression `pattern` replaced by `new`
    in the content of member `name`."""
    data, n = re.subn(pattern, new, content(members, name), count=1)
    assert n, (name, pattern)
    return with_member(members, name, member(name, data))


LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE a:theme [\n <!ENTITY l0 "ha">\n'
    + b"".join(
        b' <!ENTITY l%d "%s">\n' % (i, b"".join(b"&l%d;" % (i - 1) for _ in range(10)))
        for i in range(1, 10)
    )
    + b"]>\n"
)


def billion_laughs(members: list[Raw], name: str) -> list[Raw]:
    """Member `name` (an XML part) with a DTD of nested entities, one used in a value."""
    data = content(members, name)
    body = data[data.index(b"?>") + 2 :] if data.startswith(b"<?xml") else data
    body = body.replace(b'name="', b'name="&l9;', 1)
    return with_member(members, name, member(name, LAUGHS + body.lstrip()))
