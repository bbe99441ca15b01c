"""Pictures of a deck as image files next to the recap: deduplicated, deterministic names."""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from deckgen.images import FORMATS, MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS
from deckgen.model import Picture


@dataclass(frozen=True)
class Extracted:
    """A picture written (or to be written) next to the recap."""

    path: str  # relative to the recap, e.g. "talk-images/slide03-1.png"
    width: int
    height: int

    def picture(self, caption: str | None, alt: str | None) -> Picture:
        """The recap's picture of this file."""
        extension = self.path.rpartition(".")[2]
        return Picture(Path(self.path), self.width, self.height, extension, caption, alt)


class LeftOut(ValueError):
    """A picture deckgen cannot show; the message says why."""


@dataclass
class Pictures:
    """The pictures a recap will hold, by SHA-1 of their bytes."""

    folder: str  # "<recap stem>-images"
    files: dict[str, bytes] = field(default_factory=dict)  # relative path -> bytes
    _by_hash: dict[str, Extracted] = field(default_factory=dict)

    def add(self, blob: bytes, slide: int, index: int) -> Extracted:
        """The file for picture `index` (1-based) of `slide`; raise `LeftOut` when unusable."""
        key = digest(blob)
        known = self._by_hash.get(key)
        if known is not None:
            return known
        data, ext, width, height = _usable(blob)
        path = f"{self.folder}/slide{slide:02d}-{index}.{ext}"
        extracted = Extracted(path, width, height)
        self._by_hash[key] = extracted
        self.files[path] = data
        return extracted


def digest(blob: bytes) -> str:
    """The SHA-1 that identifies a picture."""
    return hashlib.sha1(blob).hexdigest()


def _usable(blob: bytes) -> tuple[bytes, str, int, int]:
    """The picture as deckgen can use it: as it is, or converted to PNG."""
    if len(blob) > MAX_IMAGE_BYTES:
        raise LeftOut(f"larger than {MAX_IMAGE_BYTES // 1_000_000} MB")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(blob)) as image:
                width, height = image.size
                kind = image.format or "unknown"
                if width * height > MAX_IMAGE_PIXELS:
                    raise LeftOut(f"{width}x{height} pixels, too large")
                if kind in FORMATS:
                    image.verify()
                    return blob, FORMATS[kind], width, height
                image.load()
                out = io.BytesIO()
                converted = image if image.mode in ("RGB", "RGBA", "L", "LA", "P") else None
                (converted or image.convert("RGBA")).save(out, "PNG")
                return out.getvalue(), "png", width, height
    except LeftOut:
        raise
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError, Warning):
        raise LeftOut(f"in a format deckgen cannot show ({_sniff(blob)})") from None


def _sniff(blob: bytes) -> str:
    if blob[:4] == b"\x01\x00\x00\x00" and blob[40:44] == b" EMF":
        return "EMF"
    if blob[:4] in (b"\xd7\xcd\xc6\x9a", b"\x01\x00\x09\x00", b"\x02\x00\x09\x00"):
        return "WMF"
    if blob.lstrip()[:5] in (b"<?xml", b"<svg ") or b"<svg" in blob[:200]:
        return "SVG"
    return "unknown format"
