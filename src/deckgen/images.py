"""Image files a recap points at: confined to the recap's folder, real images, sane sizes."""

from __future__ import annotations

import struct
import warnings
from pathlib import Path

from deckgen.load.paths import PathProblem, confined_file
from deckgen.record import Record

MAX_IMAGE_BYTES = 50_000_000
MAX_IMAGE_PIXELS = 50_000_000  # a 8K screenshot is 33 megapixels
FORMATS = {"PNG": "png", "JPEG": "jpg", "GIF": "gif", "BMP": "bmp", "TIFF": "tiff"}


class ImageProblem(ValueError):
    """An image that cannot go into a deck; the message says why."""


class ImageInfo(Record):
    """What the renderer needs to know of an image file."""

    __slots__ = ("path", "width", "height", "extension")  # noqa: RUF023 (in order)
    path: Path
    width: int
    height: int
    extension: str

    def __init__(self, path: Path, width: int, height: int, extension: str) -> None:
        self.path, self.width, self.height, self.extension = path, width, height, extension


class ImageCache:
    """Images already inspected, by (file, size, mtime): validation and the model both ask,
    and a file is opened once. The caller owns it (one a check of a recap)."""

    def __init__(self) -> None:
        self.found: dict[tuple[Path, int, int], ImageInfo] = {}


def inspect_image(path: Path, shown: str, root: Path, cache: ImageCache | None = None) -> ImageInfo:
    """Check that `path` is a usable image inside `root` (symlinks resolved)."""
    try:
        resolved = confined_file(path, "image", shown, root)
    except PathProblem as exc:
        raise ImageProblem(str(exc)) from None
    status = resolved.stat()
    key = (resolved, status.st_size, status.st_mtime_ns)
    found = cache.found if cache is not None else {}
    if key in found:
        return found[key]
    if status.st_size > MAX_IMAGE_BYTES:
        raise ImageProblem(f"image `{shown}` is larger than {MAX_IMAGE_BYTES // 1_000_000} MB")
    from PIL import Image  # Pillow: only for recaps that show images

    try:
        with warnings.catch_warnings():
            # Pillow warns about damaged metadata (corrupt EXIF, odd TIFF tags) that
            # PowerPoint shows anyway: not the user's concern; a bomb is refused
            warnings.simplefilter("ignore")
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(resolved) as image:
                width, height = image.size
                kind = image.format or ""
                if width * height > MAX_IMAGE_PIXELS:
                    raise ImageProblem(
                        f"image `{shown}` has {width}x{height} pixels; "
                        f"the limit is {MAX_IMAGE_PIXELS // 1_000_000} megapixels"
                    )
                image.verify()
    except ImageProblem:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageProblem(
            f"image `{shown}` has too many pixels; the limit is "
            f"{MAX_IMAGE_PIXELS // 1_000_000} megapixels"
        ) from None
    except (OSError, SyntaxError, ValueError, ArithmeticError, IndexError, struct.error):
        # what Pillow's parsers raise on damaged bytes (an EMF with a zero frame divides
        # by zero)
        raise ImageProblem(f"image `{shown}` is not a readable image file") from None
    if kind not in FORMATS:
        supported = ", ".join(sorted(FORMATS))
        raise ImageProblem(f"image `{shown}` is {kind or 'of unknown format'}; use {supported}")
    info = ImageInfo(resolved, width, height, FORMATS[kind])
    found[key] = info
    return info
