"""Rules the JSON schema cannot express: links, YouTube IDs, images, tables, nesting."""

from __future__ import annotations

import math
from typing import Any

from deckgen import inline
from deckgen.errors import Problem
from deckgen.highlight import language_known, language_names
from deckgen.images import ImageCache, ImageProblem, inspect_image
from deckgen.links import LinkError, check_url, youtube
from deckgen.load import DataPath, Document, format_path
from deckgen.text_rules import FORBIDDEN, forbidden_kind
from deckgen.validate.suggest import closest

MAX_BULLET_DEPTH = 3
# counts no real recap reaches (a long team recap has ~100 slides): beyond them a recap
# is a mistake or an attack, refused before layout spends minutes on it
MAX_SLIDES = 10_000  # slides written in the whole recap, includes resolved
MAX_BULLETS = 500  # bullets on one slide, sub-bullets included
MAX_ITEMS = 500  # links or stats on one slide
MAX_TABLE_ROWS = 1_000
MAX_TABLE_COLUMNS = 50
MAX_CODE_LINE = 2_000  # characters in one line of code
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
# keys whose value is one line (a file, a name; URLs refuse any space): a line separator is a
# mistake there; in slide text U+2028 and U+2029 are line breaks (see `model.from_data`)
_SINGLE_LINE = {"path", "include", "language", "theme", "date"}
_SEPARATORS = {"\u2028": "line separator", "\u2029": "paragraph separator"}
_PLAIN_KEYS = {"code", "notes", "include", "path", "language", "alt"}  # not inline Markdown


def check_semantics(doc: Document, images: ImageCache | None = None) -> list[Problem]:
    """Problems the schema cannot see; `doc` may also hold schema errors (be defensive).
    The images inspected go into `images`, for the model."""
    checker = _Checker(doc, images)
    checker.walk(doc.data, ())
    checker.slide_count()
    return checker.problems


class _Checker:
    def __init__(self, doc: Document, images: ImageCache | None) -> None:
        self.doc = doc
        self.images = images
        self.problems: list[Problem] = []
        self.root = next(iter(doc.sources.values())).parent
        self.youtube_only = _get(doc.data, ("options", "qr_codes")) in (None, "youtube")

    def error(self, path: DataPath, message: str, severity: str = "error") -> None:
        where = self.doc.position(path)
        self.problems.append(Problem(where, message, format_path(path), severity))

    def walk(self, value: Any, path: DataPath, plain: bool = False) -> None:
        """Check `value` at `path` and all it holds; `plain`: under a key whose text is
        not inline Markdown (`_PLAIN_KEYS`), so it holds no links to check."""
        if isinstance(value, str):
            self.text(value, path, plain)
        elif isinstance(value, dict):
            self.mapping(value, path)
            for k, v in value.items():
                self.walk(v, (*path, k), plain or k in _PLAIN_KEYS)
        elif isinstance(value, list):
            if path and path[-1] == "bullets":
                self.depth(value, path, 1)
            for i, item in enumerate(value):
                self.walk(item, (*path, i), plain)
        elif isinstance(value, float) and not math.isfinite(value):
            self.error(path, f"`{value}` is not a number a slide can show")

    def mapping(self, value: dict[str, Any], path: DataPath) -> None:
        key = path[-1] if path else None
        for k in value:
            self.characters(k, (*path, k), what="key ")
        if _is_slide(path):
            if "steps" in value and "bullets" not in value:
                self.error((*path, "steps"), "`steps` works only on bullets slides")
            self.counts(value, path)
        if key == "table" and _is_slide(path[:-1]):
            self.table(value, path)
        if key == "image" and _is_slide(path[:-1]) and isinstance(value.get("path"), str):
            self.image(value["path"], (*path, "path"))

    def text(self, value: str, path: DataPath, plain: bool) -> None:
        key = path[-1] if path else None
        self.length(value, path)
        self.characters(value, path)
        if key == "language" and "code" in path:
            self.language(value, path)
        elif key in _URL_KEYS and path[:1] != ("options",):
            video = key == "video" or (key == "url" and len(path) > 1 and path[-2] == "video")
            self.url(value, path, is_video=video)
        elif not plain:
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

    def characters(self, text: str, path: DataPath, what: str = "") -> None:
        bad = FORBIDDEN.search(text)
        if bad:
            ch = bad.group()
            message = (
                f"contains the {forbidden_kind(ch)} U+{ord(ch):04X} at character {bad.start() + 1}"
            )
            if what:  # a key: say so, at the key's own position
                where = self.doc.key_position(path)
                self.problems.append(
                    Problem(where, f"{what}{message}; remove it", format_path(path))
                )
            else:
                self.error(path, f"{message}; remove it")
        elif not what and path and path[-1] in _SINGLE_LINE:
            at = next((i for i, ch in enumerate(text) if ch in _SEPARATORS), None)
            if at is not None:
                kind, code = _SEPARATORS[text[at]], ord(text[at])
                message = f"contains the {kind} U+{code:04X} at character {at + 1}"
                self.error(path, f"{message}; remove it")

    def counts(self, slide: dict[str, Any], path: DataPath) -> None:
        """Bullets, links and stats on one slide, within the limits."""
        bullets = slide.get("bullets")
        if isinstance(bullets, list) and (n := _count_bullets(bullets)) > MAX_BULLETS:
            self.error((*path, "bullets"), f"{n} bullets on one slide; at most {MAX_BULLETS}")
        for key in ("links", "stats"):
            items = slide.get(key)
            if isinstance(items, list) and len(items) > MAX_ITEMS:
                self.error((*path, key), f"{len(items)} {key} on one slide; at most {MAX_ITEMS}")

    def slide_count(self) -> None:
        """The slides of the whole recap, within `MAX_SLIDES`: the first one past the
        limit is named."""
        seen = 0
        presenters = _get(self.doc.data, ("presenters",))
        for i, presenter in enumerate(presenters if isinstance(presenters, list) else []):
            topics = presenter.get("topics") if isinstance(presenter, dict) else None
            for j, topic in enumerate(topics if isinstance(topics, list) else []):
                slides = topic.get("slides") if isinstance(topic, dict) else None
                n = len(slides) if isinstance(slides, list) else 0
                if seen + n > MAX_SLIDES:
                    at = ("presenters", i, "topics", j, "slides", MAX_SLIDES - seen)
                    total = self._all_slides(presenters)
                    self.error(at, f"the recap has {total} slides; at most {MAX_SLIDES}")
                    return
                seen += n

    @staticmethod
    def _all_slides(presenters: list[Any]) -> int:
        return sum(
            len(t["slides"])
            for p in presenters
            if isinstance(p, dict) and isinstance(p.get("topics"), list)
            for t in p["topics"]
            if isinstance(t, dict) and isinstance(t.get("slides"), list)
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
        elif in_code:
            for number, line in enumerate(text.split("\n"), start=1):
                if len(line) > MAX_CODE_LINE:
                    self.error(
                        path,
                        f"line {number} has {len(line)} characters; at most {MAX_CODE_LINE}",
                    )
                    break

    def language(self, name: str, path: DataPath) -> None:
        if not language_known(name):
            close = closest(name.lower(), language_names())
            hint = f"; did you mean `{close}`?" if close else ""
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
        if len(columns) > MAX_TABLE_COLUMNS:
            self.error((*path, "columns"), f"{len(columns)} columns; at most {MAX_TABLE_COLUMNS}")
            return
        if len(rows) > MAX_TABLE_ROWS:
            self.error((*path, "rows"), f"{len(rows)} rows; at most {MAX_TABLE_ROWS}")
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
            inspect_image(base / relative, relative, self.root, self.images)
        except ImageProblem as exc:
            self.error(path, str(exc))


def _count_bullets(items: list[Any]) -> int:
    """Bullets of a list, sub-bullets included."""
    total = 0
    stack = [items]
    while stack:
        for item in stack.pop():
            total += 1
            if isinstance(item, dict) and isinstance(item.get("bullets"), list):
                stack.append(item["bullets"])
    return total


def _is_slide(path: DataPath) -> bool:
    """True when `path` names an item of a topic's `slides` list."""
    return len(path) >= 2 and path[-2] == "slides" and isinstance(path[-1], int)


def _get(data: Any, path: DataPath) -> Any:
    for part in path:
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data
