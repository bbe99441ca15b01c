"""A small content-addressed cache on disk for work that does not change between builds
(the themed base package of a theme, QR codes): keyed by a hash of everything the result
depends on, so a stale entry can never be used. Best effort: any problem with the cache
folder just means the work is done again.

The folder is $DECKGEN_CACHE_DIR, else $XDG_CACHE_HOME/deckgen, else ~/.cache/deckgen;
DECKGEN_CACHE=off turns the cache off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


def folder() -> Path | None:
    """The cache folder, or None when the cache is off."""
    if os.environ.get("DECKGEN_CACHE", "").lower() in ("off", "0", "no", "false"):
        return None
    if os.environ.get("DECKGEN_CACHE_DIR"):
        return Path(os.environ["DECKGEN_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "deckgen"


def key(*parts: bytes | str | Iterable[bytes]) -> str:
    """A SHA-256 over the parts (strings, bytes, or iterables of bytes)."""
    digest = hashlib.sha256()
    for part in parts:
        chunks = [part] if isinstance(part, (bytes, str)) else list(part)
        for chunk in chunks:
            data = chunk.encode("utf-8") if isinstance(chunk, str) else chunk
            digest.update(len(data).to_bytes(8, "big"))
            digest.update(data)
    return digest.hexdigest()


def load(kind: str, name: str) -> bytes | None:
    """The cached bytes of `kind/name`, or None."""
    root = folder()
    if root is None:
        return None
    try:
        return (root / kind / name).read_bytes()
    except OSError:
        return None


def store(kind: str, name: str, data: bytes) -> None:
    """Keep `data` as `kind/name` (atomically; failures are ignored)."""
    root = folder()
    if root is None:
        return
    with contextlib.suppress(OSError):
        target = root / kind
        target.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=target, prefix=".tmp-")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temp, target / name)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temp)
