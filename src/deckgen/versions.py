"""The installed version of a library, found as `importlib.metadata.version` finds it (the
first `NAME-VERSION.dist-info` or `.egg-info` folder on `sys.path` whose project name
matches, its `Version:` header), without importing `importlib.metadata`: with the email
and zip modules it imports, that took a build about 30 ms, more than rendering 50 slides.
"""

from __future__ import annotations

import os
import re
import sys
from functools import cache

_RUNS = re.compile(r"[-_.]+")  # project names match whatever their separators (PEP 503)
_KINDS = {".dist-info": "METADATA", ".egg-info": "PKG-INFO"}


@cache
def version(name: str) -> str:
    """The version of installed distribution `name`; `LookupError` when there is none."""
    wanted = _normal(name)
    for entry in sys.path:
        try:
            children = sorted(os.listdir(entry or "."))
        except OSError:  # a zip file, a folder that is gone
            continue
        for child in children:
            stem, kind = os.path.splitext(child)
            if kind in _KINDS and _normal(stem.partition("-")[0]) == wanted:
                found = _header_version(os.path.join(entry or ".", child, _KINDS[kind]))
                if found is not None:
                    return found
    raise LookupError(f"no distribution named {name} is installed")


def _normal(project: str) -> str:
    return _RUNS.sub("_", project).lower()


def _header_version(metadata: str) -> str | None:
    """The `Version:` of a METADATA or PKG-INFO file (its headers end at a blank line)."""
    try:
        with open(metadata, encoding="utf-8", errors="replace") as lines:
            for line in lines:
                if not line.strip():
                    break
                if line.startswith("Version:"):
                    return line[len("Version:") :].strip()
    except OSError:
        return None
    return None
