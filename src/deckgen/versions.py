"""Versions of installed distributions, for cache keys and fingerprints: read from the
names of their metadata folders (`python_pptx-1.0.2.dist-info`), as found on `sys.path`
in order, which is what `importlib.metadata.version` answers for an installed package,
without importing it (it imports email, zipfile and csv: tens of milliseconds of every
build). Anything else (a name no folder has) is asked of `importlib.metadata`."""

from __future__ import annotations

import os
import re
import sys
from functools import cache

_FOLDER = re.compile(r"(?P<name>[^-]+)-(?P<version>[^-]+?)(?:-py[^-]*)?\.(?:dist|egg)-info")


def version(name: str) -> str:
    """The installed version of distribution `name`; `PackageNotFoundError` (an
    ImportError) when none is installed."""
    found = _installed().get(_normal(name))
    if found is not None:
        return found
    from importlib import metadata

    return metadata.version(name)


@cache
def _installed() -> dict[str, str]:
    """Normalised distribution name -> version, the first on `sys.path` winning."""
    out: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:  # a zip file or a folder that is gone
            continue
        for folder in names:
            match = _FOLDER.fullmatch(folder)
            if match:
                out.setdefault(_normal(match["name"]), match["version"])
    return out


def _normal(name: str) -> str:
    """A distribution name as its folder writes it, in any case or separator (PEP 503)."""
    return re.sub(r"[-_.]+", "_", name).lower()
