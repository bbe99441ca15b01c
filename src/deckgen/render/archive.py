"""The deck's zip, written here rather than by `zipfile`: members are compressed on
every core at once, and a member whose bytes a previous build compressed (`deckgen
watch`) is taken from `RenderCache` instead. The bytes are those `zipfile` writes for
the same members (fixed 1980 dates, mode 644, deflate level 6, media stored), so the
output is deterministic and unchanged.
"""

from __future__ import annotations

import os
import struct
import sys
import zlib
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

Member = tuple[int, int, bytes]  # CRC-32, method (0 stored, 8 deflate), stored bytes

_LEVEL = 6
_DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01, the earliest date a zip can hold
_VERSION = 20  # the zip version deflate needs
_UNIX = 3
_MODE = 0o644 << 16
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_PARALLEL_BYTES = 256 * 1024  # below this, threads cost more than they save


def stored(name: str) -> bool:
    """Media are stored as they are (they are compressed already)."""
    return name.startswith("ppt/media/")


def compress(name: str, data: bytes) -> Member:
    """One member as the zip holds it."""
    if stored(name):
        return zlib.crc32(data), 0, data
    return zlib.crc32(data), 8, _deflate(data)


if sys.version_info >= (3, 11):

    def _deflate(data: bytes) -> bytes:
        """Raw deflate (no zlib header) as zipfile writes it, in one call (the quicker)."""
        return zlib.compress(data, _LEVEL, wbits=-15)

else:

    def _deflate(data: bytes) -> bytes:
        packer = zlib.compressobj(_LEVEL, zlib.DEFLATED, -15)
        return packer.compress(data) + packer.flush()


def compress_all(
    parts: dict[str, bytes], known: dict[tuple[str, bytes], Member] | None = None
) -> dict[tuple[str, bytes], Member]:
    """Every part compressed, those in `known` taken from it; on all cores when large."""
    known = known or {}
    todo = [(name, data) for name, data in parts.items() if (name, data) not in known]
    out = {key: known[key] for key in parts.items() if key in known}
    workers = min(os.cpu_count() or 1, 8)
    if workers < 2 or sum(len(d) for _, d in todo) < _PARALLEL_BYTES:
        out.update({key: compress(*key) for key in todo})
        return out
    batches = [todo[i::workers] for i in range(workers)]  # zlib lets other threads run
    with ThreadPoolExecutor(workers) as pool:
        for batch, members in zip(batches, pool.map(_batch, batches), strict=True):
            out.update(zip(batch, members, strict=True))
    return out


def _batch(batch: Sequence[tuple[str, bytes]]) -> list[Member]:
    return [compress(name, data) for name, data in batch]


def fits(parts: dict[str, bytes]) -> bool:
    """Whether the zip needs nothing this writer leaves out: zip64 records, UTF-8 names."""
    small = len(parts) < 0xFFFF and sum(len(d) for d in parts.values()) < 0x7FFFFFFF
    return small and all(name.isascii() for name in parts)


def zip_bytes(parts: dict[str, bytes], members: dict[tuple[str, bytes], Member]) -> bytes:
    """The zip of `parts`, in their order, from their compressed `members` (see `fits`)."""
    chunks: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name, data in parts.items():
        crc, method, body = members[(name, data)]
        raw = name.encode("ascii")  # part names are ASCII (OPC); zipfile flags others
        head = _LOCAL.pack(
            b"PK\x03\x04", _VERSION, 0, 0, method, 0, _DOS_DATE, crc, len(body), len(data),
            len(raw), 0,
        )  # fmt: skip
        entry = _CENTRAL.pack(
            b"PK\x01\x02", _VERSION, _UNIX, _VERSION, 0, 0, method, 0, _DOS_DATE, crc,
            len(body), len(data), len(raw), 0, 0, 0, 0, _MODE, offset,
        )  # fmt: skip
        central.append(entry + raw)
        chunks += [head, raw, body]
        offset += len(head) + len(raw) + len(body)
    directory = b"".join(central)
    end = _END.pack(b"PK\x05\x06", 0, 0, len(central), len(central), len(directory), offset, 0)
    return b"".join([*chunks, directory, end])
