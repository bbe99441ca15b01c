"""Rules the JSON schema cannot express: links, YouTube IDs, images, tables, nesting."""

from __future__ import annotations

import difflib
import re
from typing import Any

from deckgen import inline
from deckgen.errors import Problem
from deckgen.highlight import language_known, language_names
from deckgen.images import ImageProblem, inspect_image
from deckgen.links import LinkError, check_url, youtube
from deckgen.load import DataPath, Document, format_path

# C0/C1 controls (tab and newline excepted), DEL, lone surrogates and non-characters:
# they cannot be stored in the deck's XML or are invisible mistakes
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
MAX_BULLET_DEPTH = 3
MAX_TEXT = 20_000  # characters in any one string (long text continues on more slides)
MAX_CODE_LINES = 2_000
# what fits on a slide: keys whose text cannot continue on a further slide
MAX_LENGTH = {
    "title": 200,
    "subtitle": 300,
    "name": 120,
    "affiliation": 200,
    "tagline": 200,
    "footer": 150,
    "summary": 1_200,
    "caption": 250,
    "source": 300,
    "label": 150,
    "value": 40,
    "location": 200,
    "dates": 200,
}
_URL_KEYS = {"url", "video", "slides_url"}  # keys whose string value is a URL
_PLAIN_KEYS = {"code", "notes", "include", "path", "language", "alt"}  # not inline Markdown


def check_semantics(doc: Document) -> list[Problem]:
    """Problems the schema cannot see; `doc` may also hold schema errors (be defensive)."""
    checker = _Checker(doc)
    checker.walk(doc.data, ())
    return checker.problems


class _Checker:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.problems: list[Problem] = []
        self.root = next(iter(doc.sources.values())).parent
        self.youtube_only = _get(doc.data, ("options", "qr_codes")) in (None, "youtube")

    def error(self, path: DataPath, message: str, severity: str = "error") -> None:
        where = self.doc.position(path)
        self.problems.append(Problem(where, message, format_path(path), severity))

    def walk(self, value: Any, path: DataPath) -> None:
        key = path[-1] if path else None
        if isinstance(value, dict):
            if "steps" in value and "bullets" not in value and _is_slide(path):
                self.error((*path, "steps"), "`steps` works only on bullets slides")
            if key == "table" and _is_slide(path[:-1]):
                self.table(value, path)
            if key == "image" and _is_slide(path[:-1]) and isinstance(value.get("path"), str):
                self.image(value["path"], (*path, "path"))
            for k, v in value.items():
                self.walk(v, (*path, k))
        elif isinstance(value, list):
            if key == "bullets":
                self.depth(value, path, 1)
            for i, item in enumerate(value):
                self.walk(item, (*path, i))
        elif isinstance(value, str):
            self.length(value, path)
            self.characters(value, path)
            if key == "language" and "code" in path:
                self.language(value, path)
            elif key in _URL_KEYS and path[:1] != ("options",):
                video = key == "video" or (key == "url" and len(path) > 1 and path[-2] == "video")
                self.url(value, path, is_video=video)
            elif not any(p in _PLAIN_KEYS for p in path if isinstance(p, str)):
                for url in inline.urls(value):
                    self.url(url, path, is_video=False)

    def url(self, url: str, path: DataPath, is_video: bool) -> None:
        try:
            check_url(url)
            link = youtube(url)
        except LinkError as exc:
            self.error(path, str(exc))
            return
        if is_video and link is None and self.youtube_only:
            self.error(
                path,
                "not a YouTube link, so it gets no QR code (set `options.qr_codes: all` for one)",
                "warning",
            )

    def characters(self, text: str, path: DataPath) -> None:
        bad = _FORBIDDEN.search(text)
        if bad:
            code = f"U+{ord(bad.group()):04X}"
            self.error(
                path,
                f"contains the control character {code} at character {bad.start() + 1}; remove it",
            )

    def length(self, text: str, path: DataPath) -> None:
        key = path[-1] if path and isinstance(path[-1], str) else ""
        in_code = "code" in path and key in ("code", "source")
        limit = MAX_LENGTH.get(key, MAX_TEXT) if not in_code else MAX_TEXT * 10
        if key == "label" and "stats" in path:
            limit = 120
        if len(text) > limit:
            self.error(path, f"{len(text)} characters; at most {limit} fit on a slide")
        elif in_code and text.count("\n") >= MAX_CODE_LINES:
            self.error(path, f"has {text.count(chr(10)) + 1} lines; at most {MAX_CODE_LINES}")

    def language(self, name: str, path: DataPath) -> None:
        if not language_known(name):
            close = difflib.get_close_matches(name.lower(), language_names(), n=1)
            hint = f"; did you mean `{close[0]}`?" if close else ""
            self.error(path, f"unknown code language `{name}`{hint}")

    def depth(self, items: list[Any], path: DataPath, level: int) -> None:
        if level > MAX_BULLET_DEPTH:
            self.error(path, f"bullets nest deeper than {MAX_BULLET_DEPTH} levels")
            return
        for i, item in enumerate(items):
            if isinstance(item, dict) and isinstance(item.get("bullets"), list):
                self.depth(item["bullets"], (*path, i, "bullets"), level + 1)

    def table(self, table: dict[str, Any], path: DataPath) -> None:
        columns, rows = table.get("columns"), table.get("rows")
        if not (isinstance(columns, list) and isinstance(rows, list)):
            return
        for i, row in enumerate(rows):
            if isinstance(row, list) and len(row) != len(columns):
                self.error(
                    (*path, "rows", i),
                    f"row has {len(row)} cell{'s' if len(row) != 1 else ''}; "
                    f"the table has {len(columns)} column{'s' if len(columns) != 1 else ''}",
                )

    def image(self, relative: str, path: DataPath) -> None:
        base = self.doc.source_of(path).parent
        try:
            inspect_image(base / relative, relative, self.root)
        except ImageProblem as exc:
            self.error(path, str(exc))


def _is_slide(path: DataPath) -> bool:
    """True when `path` names an item of a topic's `slides` list."""
    return len(path) >= 2 and path[-2] == "slides" and isinstance(path[-1], int)


def _get(data: Any, path: DataPath) -> Any:
    for part in path:
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data
