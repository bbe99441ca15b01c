"""The command line's shared parts: the options several commands take, `-q`/`-v`, the
`BuildOptions` a command's options make, and the `Report` of the command running."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import fields, replace
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from deckgen.office import SOFFICE_TIMEOUT
from deckgen.options import BuildOptions
from deckgen.report import Report

F = TypeVar("F", bound=Callable[..., Any])
PATH = click.Path(path_type=Path)
_VERBOSITY = "deckgen.verbosity"  # -1 with -q, 1 with -v, in the click context's `meta`
_CHOICES = {f.name for f in fields(BuildOptions)}  # options that go into `BuildOptions`


def current_report(fmt: str = "text") -> Report:
    """The report of the command running, in `fmt`."""
    ctx = click.get_current_context()
    debug = bool(ctx.obj and ctx.obj.get("debug"))
    return Report(fmt, ctx.meta.get(_VERBOSITY, 0), debug, ctx.command.name or "")


def _set_verbosity(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if not value:
        return
    level = -1 if param.name == "quiet" else 1
    if ctx.meta.get(_VERBOSITY, level) != level:
        raise click.UsageError("-q and -v cannot be used together", ctx)
    ctx.meta[_VERBOSITY] = level


def verbosity(help_verbose: str) -> Callable[[F], F]:
    """`-q` (only problems) and `-v` (`help_verbose`), which every command takes."""

    def decorate(f: F) -> F:
        for names, text in ((("-v", "--verbose"), help_verbose), (("-q", "--quiet"), _QUIET)):
            flag = click.option(
                *names, is_flag=True, expose_value=False, is_eager=True,
                callback=_set_verbosity, help=text,
            )  # fmt: skip
            f = flag(f)
        return f

    return decorate


def build_options(fixed: BuildOptions) -> Callable[[F], F]:
    """Hand the command one `BuildOptions` (`options`): `fixed` with the command's choices."""

    def decorate(command: F) -> F:
        @functools.wraps(command)
        def run(*args: Any, **values: Any) -> Any:
            chosen = {name: values.pop(name) for name in _CHOICES & values.keys()}
            return command(*args, options=replace(fixed, **chosen), **values)

        return cast(F, run)

    return decorate


def output_file(name: str, help_text: str) -> Callable[[F], F]:
    """`-o/--output FILE`: the one file a command writes, passed to it as `name`."""
    return click.option("-o", "--output", name, type=PATH, help=help_text)


def interval(default: float) -> Callable[[F], F]:
    """`--interval SECONDS` of `watch` and `serve`: how often the input files are looked at."""
    return click.option(
        "--interval", type=click.FloatRange(min=0.05), default=default, show_default=True,
        help="Seconds between looks at the input files.",
    )  # fmt: skip


_QUIET = "Print only problems."
INPUTS_HELP = "Also list the files each deck is made from."
FORMATS = click.Choice(["text", "json", "github"])
FORMAT = click.option(
    "--format", "fmt", type=FORMATS, default="text", show_default=True,
    help="How to report: for people, as JSON, or as GitHub annotations.",
)  # fmt: skip
OUTPUT = click.option(
    "-o", "--output", "out_dir", type=PATH, default=Path("output"), show_default=True,
    help="Folder for the decks.",
)  # fmt: skip
THEME = click.option(
    "--theme", help="A built-in theme name or a theme folder (overrides `theme:`)."
)
STEPS = click.option(
    "--steps", type=click.Choice(["collapse", "animate", "off"]),
    help="Override the recap's `options.collapse_steps`.",
)  # fmt: skip
PDF_TIMEOUT = click.option(
    "--pdf-timeout", type=click.FloatRange(min=1), default=SOFFICE_TIMEOUT, show_default=True,
    help="Seconds LibreOffice may take for one deck before it is stopped.",
)  # fmt: skip
SPLIT = click.option(
    "--split", type=click.Choice(["presenters"]),
    help="Also write one deck per presenter: <recap name>-<presenter>.pptx.",
)  # fmt: skip
PORT = click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
    help="The port to listen on (0: any free one).",
)  # fmt: skip
HOST = click.option(
    "--host", default="127.0.0.1", show_default=True,
    help="The address to listen on (the default: this computer only).",
)  # fmt: skip
AGAINST = click.option(
    "--against", "rev", metavar="GITREV",
    help="Compare each RECAP with itself at this Git revision (e.g. origin/main).",
)  # fmt: skip
DIFF_PAGE = click.option(
    "--html", "page", type=click.Path(dir_okay=False, path_type=Path),
    help="Also write a page showing each changed slide before and after.",
)  # fmt: skip
KIND = click.option(
    "--kind", type=click.Choice(["recap", "presenter", "topic"]), default="recap",
    show_default=True, help="A whole recap, or one presenter or topic for `include:`.",
)  # fmt: skip
SCHEMA_OUTPUT = click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
    help="Write it to this file instead, e.g. schema/recap.schema.json for editors.",
)  # fmt: skip
