"""Themes are data: `themes/<name>/theme.yaml`, validated, with `extends:` inheritance."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, get_type_hints

from deckgen.errors import Position, Problem, RecapError, ThemeError
from deckgen.fingerprint import file_digest
from deckgen.highlight import style_known
from deckgen.images import ImageProblem, inspect_image
from deckgen.load import Document, read_yaml
from deckgen.record import Record
from deckgen.theme_folder import THEME_FILE, builtin_themes_dir, find_theme
from deckgen.validate import check_schema

_REQUIRED = ("margin", "qr_size", "pygments_style")  # and every section of `Theme`


class Tokens(Record):
    """Base of a theme and its sections: an attribute for each field the class annotates,
    all given by name (one left out takes the class's default), never changed (the
    frozen dataclasses these were cost every build 25 ms to define)."""

    def __init__(self, **values: Any) -> None:
        names = self.field_names()
        unknown = sorted(values.keys() - set(names))
        missing = [n for n in names if n not in values and not hasattr(type(self), n)]
        if unknown or missing:
            raise TypeError(f"{type(self).__name__}: unknown {unknown}, missing {missing}")
        self.__dict__.update(values)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        """The names the class's own body annotates, in order."""
        return tuple(cls.__annotations__)


def _is_section(hint: Any) -> bool:
    return isinstance(hint, type) and issubclass(hint, Tokens)


class Colors(Tokens):
    background: str
    surface: str
    title: str
    text: str
    muted: str
    accent: str
    on_accent: str
    link: str
    code_background: str
    code_text: str
    table_header: str
    table_header_text: str
    table_stripe: str
    divider_background: str
    divider_text: str


class Fonts(Tokens):
    heading: str
    body: str
    code: str
    east_asian: str  # Chinese, Japanese and Korean characters, in every text


class Sizes(Tokens):
    """The type scale, in points: text shrinks from a size down to its `_min` to fit."""

    title: float
    title_min: float
    body: float
    body_min: float
    code: float
    code_min: float
    caption: float
    detail_min: float  # the floor of captions, tables, labels and other secondary text
    statement: float
    quote: float
    quote_long: float  # quotes over `grid.quote_words` words, upright
    quote_mark: float
    stat_value: float
    stat_label: float
    topic_label: float
    footer: float
    footer_min: float
    inline_code_scale: float  # `code` in text, against the text's size
    snippet_scale: float  # a bullet's code lines, against the bullet's size


class Spacing(Tokens):
    """Lengths of the slide frame and of the space between things, in inches (`_em`:
    in ems of the text's size)."""

    logo_top: float  # the logo, top right of content slides (with a theme `logo:`)
    logo_height: float
    title_top: float  # titles beside a logo that reaches below this are narrowed by it
    title_height: float
    rule_width: float  # the accent bar under the title
    rule_height: float
    rule_gap: float  # between the title area and the bar
    body_top: float
    body_bottom: float
    footer_top: float
    footer_height: float
    gap: float  # between cells of a grid (stats, tiles)
    padding: float  # inside a cell or panel
    code_padding: float
    statement_inset: float  # statements and quotes keep this far from the body's sides
    bullet_hang: float  # room for the bullet character
    bullet_indent: float  # extra indent per bullet level
    paragraph_em: float  # space before a top-level bullet or paragraph
    paragraph_em_max: float  # ... the most, when a short list spreads down the body
    sub_paragraph_em: float  # space before a sub-bullet


class GridSpec(Tokens):
    """How many things a slide holds and how the width is shared."""

    stats_per_slide: int
    stats_columns: int
    stat_height: float  # inches: the tallest a stat cell grows
    stat_value_share: float  # of a stat cell's height, for the figure
    footer_text: float  # fractions of the content width: footer text, recording link,
    footer_link: float  # slide number
    footer_number: float
    level_scale: tuple[float, ...]  # size of bullet levels 1, 2, 3 against the body size
    title_lines: int  # titles wrap to this many lines before they shrink
    title_outliers: float  # the share of titles that may need more (each shrinks alone)
    statement_words: int  # a `text:` of at most this many words is a statement
    quote_words: int  # a longer quote is set upright at `sizes.quote_long`
    snippet_lines: int  # a listing of at most this many lines sits in the slide's middle
    url_chars: int  # a raw address longer than this is printed short


class CardTokens(Tokens):
    """The talk card (a hero slide) and the card of a video slide."""

    title: float  # pt
    speaker: float  # pt
    summary: float  # pt
    link: float  # pt
    qr_label: float  # pt
    title_lines: int  # a talk card's title wraps to this many lines before it shrinks


class IndexTokens(Tokens):
    """The video index: slides of one grid of cards, each QR code beside its title."""

    per_slide: int
    columns: int
    title: float  # pt
    detail: float  # pt
    title_lines: int


class TilesTokens(Tokens):
    """Link tiles: QR code on top, label below, a few a slide."""

    per_slide: int
    title: float  # pt


class TableTokens(Tokens):
    """Native tables."""

    size: float  # pt
    size_min: float  # pt


class AgendaTokens(Tokens):
    """The agenda: numbered topics in up to `columns` columns."""

    columns: int
    size: float  # pt
    size_min: float  # pt


class ClosingTokens(Tokens):
    """The closing slide: the thank-you moment and the closing links' QR codes."""

    thanks: float  # pt
    questions: float  # pt
    qr_links: int
    host: float  # pt: a tile's host under its label
    more: float  # pt: the line of the links beyond the tiles


class OpeningTokens(Tokens):
    """The title slide: the lines under the title, in two groups."""

    subtitle: float  # pt
    presenter: float  # pt
    tagline: float  # pt
    event: float  # pt: the event and the date, one muted line


class PictureTokens(Tokens):
    """Pictures of image slides."""

    caption: float  # pt
    caption_width: float
    frame: float  # inches
    hairline: float  # pt: the line round a picture whose edge is about the slide's colour


class QrTokens(Tokens):
    """QR codes: sized so that every code decodes from a coarse rendering of the slide."""

    scan_dpi: float
    module_px: float


class Components(Tokens):
    """Tokens of the generated slides' parts: cards, tables, agenda, closing, pictures, QR codes."""

    card: CardTokens
    index: IndexTokens
    tiles: TilesTokens
    table: TableTokens
    agenda: AgendaTokens
    closing: ClosingTokens
    opening: OpeningTokens
    picture: PictureTokens
    qr: QrTokens


class Theme(Tokens):
    """A resolved theme: every value set (inherited values filled in)."""

    name: str
    description: str
    folder: Path
    colors: Colors
    fonts: Fonts
    sizes: Sizes
    spacing: Spacing
    grid: GridSpec
    components: Components
    margin: float  # inches
    qr_size: float  # inches
    pygments_style: str
    background_image: Path | None = None
    logo: Path | None = None
    template: Path | None = None
    layouts: tuple[tuple[str, str], ...] = ()
    logo_size: tuple[int, int] = (0, 0)  # pixels, for the aspect ratio
    files: tuple[Path, ...] = ()  # every file the theme is made of (theme.yaml chain, images)
    digests: tuple[tuple[Path, str], ...] = ()  # SHA-256 of each of `files`, as it was read
    positions: dict[str, Position]  # where `template` and each `layouts` entry are written
    _uncompared = frozenset({"positions"})

    def layout_name(self, kind: str) -> str | None:
        """The template layout named for a kind of slide (title, section, content)."""
        return dict(self.layouts).get(kind)


def builtin_themes() -> list[Theme]:
    """Every built-in theme, by name."""
    root = builtin_themes_dir()
    return [load_theme(d) for d in sorted(root.iterdir()) if (d / THEME_FILE).is_file()]


def load_theme(folder: Path, root: Path | None = None) -> Theme:
    """Load the theme in `folder`, with everything it extends (a theme loaded before is
    reused while none of its files has changed). With `root`, every theme it extends
    must lie inside `root` too (see `find_theme`)."""
    theme = _load_theme(folder.resolve(), root)
    if any(file_digest(path) != digest for path, digest in theme.digests):
        _load_theme.cache_clear()
        theme = _load_theme(folder.resolve(), root)
    return theme


@cache
def _load_theme(folder: Path, root: Path | None) -> Theme:
    digests: dict[Path, str] = {}
    merged, files, positions = _merged(folder.resolve(), (), digests, root)
    where = Position(files[-1].as_posix(), 1, 1)
    missing = [key for key in _REQUIRED if key not in merged]
    sections = _typed_sections(merged, missing)
    if missing:
        keys = ", ".join(f"`{m}`" for m in missing)
        raise ThemeError([Problem(where, f"theme sets no {keys} (extend `default` to inherit)")])
    assets = tuple(merged[k] for k in ("template", "logo", "background_image") if merged.get(k))
    digests.update((path, file_digest(path)) for path in assets)
    return Theme(
        name=merged.get("name", folder.name),
        description=merged.get("description", ""),
        folder=folder.resolve(),
        **sections,
        margin=float(merged["margin"]),
        qr_size=float(merged["qr_size"]),
        pygments_style=merged["pygments_style"],
        background_image=merged.get("background_image"),
        logo=merged.get("logo"),
        template=merged.get("template"),
        layouts=tuple(sorted(merged.get("layouts", {}).items())),
        logo_size=_pixels(merged.get("logo")),
        positions=positions,
        digests=tuple(digests.items()),
        files=tuple(files) + assets,
    )


def _typed_sections(merged: dict[str, Any], missing: list[str]) -> dict[str, Any]:
    """Every token section of `Theme` (colours, sizes, spacing, ...) as its class; the
    keys no theme of the chain sets are added to `missing`."""
    hints = get_type_hints(Theme)
    out = {}
    for name in Theme.field_names():
        cls = hints[name]
        if not _is_section(cls):
            continue
        if name not in merged and any(not hasattr(cls, n) for n in cls.field_names()):
            missing.append(name)
            continue
        values = merged.get(name, {})
        if name == "colors":
            values = {k: v.lstrip("#").upper() for k, v in values.items()}
        out[name] = _typed(cls, values, name, missing)
    return out


def _typed(cls: Any, values: dict[str, Any], path: str, missing: list[str]) -> Any:
    """`values` as section `cls`, nested sections included; absent keys go to `missing`
    (and the result is None then)."""
    hints = get_type_hints(cls)
    kwargs: dict[str, Any] = {}
    for name in cls.field_names():
        hint, where = hints[name], f"{path}.{name}"
        if _is_section(hint):
            kwargs[name] = _typed(hint, values.get(name, {}), where, missing)
        elif name in values:
            kwargs[name] = _value(hint, values[name])
        elif not hasattr(cls, name):
            missing.append(where)
    if any(name.startswith(f"{path}.") for name in missing):
        return None
    return cls(**kwargs)


def _value(hint: Any, value: Any) -> Any:
    """A theme value as its field's type: numbers as float (int fields stay int), lists
    as tuples."""
    if hint is float:
        return float(value)
    if isinstance(value, list):
        return tuple(float(v) if isinstance(v, int | float) else v for v in value)
    return value


def _pixels(image: Path | None) -> tuple[int, int]:
    if image is None:
        return (0, 0)
    info = inspect_image(image, image.name, image.parent)
    return (info.width, info.height)


def _merged(
    folder: Path, chain: tuple[Path, ...], digests: dict[Path, str], root: Path | None
) -> tuple[dict[str, Any], list[Path], dict[str, Position]]:
    """The theme's own values over those of the theme it extends (recursively), the files
    read, and where each `layouts` entry was written; `digests` gets the SHA-256 of each
    theme.yaml read."""
    path = folder / THEME_FILE
    if folder in chain:
        loop = " -> ".join(p.name for p in (*chain, folder))
        raise ThemeError([Problem(Position(path.as_posix(), 1, 1), f"extends loop: {loop}")])
    doc = _read(path)
    digests.update(doc.digests)
    data = doc.data
    problems = check_schema(doc, "theme") + _check_values(doc, folder)
    if problems:
        raise ThemeError(problems)
    for key in ("background_image", "logo", "template"):
        if key in data:
            data[key] = folder / data[key]
    base: dict[str, Any] = {}
    files: list[Path] = []
    positions: dict[str, Position] = {}
    if "extends" in data:
        parent = _extended(doc, folder, root)
        base, files, positions = _merged(parent, (*chain, folder), digests, root)
    merged = _deep_merged(base, {k: v for k, v in data.items() if k != "extends"})
    if "template" in data:
        positions["template"] = doc.position(("template",))
    for kind in data.get("layouts", {}):
        positions[f"layouts.{kind}"] = doc.position(("layouts", kind))
    return merged, [*files, path], positions


def _deep_merged(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """`over` on top of `base`, section by section (a nested section keeps the keys it
    does not set)."""
    merged = {**base}
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            merged[key] = _deep_merged(base[key], value)
        else:
            merged[key] = value
    return merged


def _extended(doc: Document, folder: Path, root: Path | None) -> Path:
    """The folder of the theme `doc` extends; a problem names its `extends:` line."""
    try:
        return find_theme(doc.data["extends"], folder, root)
    except ThemeError as exc:
        where = doc.position(("extends",))
        raise ThemeError([Problem(where, p.message, "extends") for p in exc.problems]) from None


def _read(path: Path) -> Document:
    try:
        return read_yaml(path)
    except RecapError as exc:
        raise ThemeError(exc.problems) from None


def _check_values(doc: Document, folder: Path) -> list[Problem]:
    problems = []
    style = doc.data.get("pygments_style") if isinstance(doc.data, dict) else None
    if isinstance(style, str) and not style_known(style):
        problems.append(
            Problem(
                doc.position(("pygments_style",)),
                f"unknown Pygments style `{style}`",
                "pygments_style",
            )
        )
    for key in ("background_image", "logo", "template"):
        value = doc.data.get(key) if isinstance(doc.data, dict) else None
        if not isinstance(value, str):
            continue
        where = doc.position((key,))
        target = (folder / value).resolve()
        if not target.is_relative_to(folder) or not target.is_file():
            problems.append(Problem(where, f"file `{value}` not found in the theme folder", key))
        elif key == "template":
            from deckgen.templates import TemplateProblem, check_template  # lxml: templates only

            try:
                check_template(target, value)
            except TemplateProblem as exc:
                problems.append(Problem(where, str(exc), key))
        else:
            try:
                inspect_image(target, value, folder)
            except ImageProblem as exc:
                problems.append(Problem(where, str(exc), key))
    return problems
