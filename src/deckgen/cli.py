"""The command line: parse arguments, call the library, map errors to exit statuses."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from deckgen import __version__
from deckgen.api import BuildResult, Job, build, build_many, check, output_clashes
from deckgen.errors import BuildError, DeckgenError, ExitStatus, Position, Problem
from deckgen.office import SOFFICE_TIMEOUT

if TYPE_CHECKING:  # each command imports the modules it uses: start-up stays short
    from deckgen.progress import Progress

_FORMATS = click.Choice(["text", "json", "github"])
_STEPS = click.Choice(["collapse", "animate", "off"])
_PROGRESS = "deckgen.progress"  # the progress bar shown, in the click context's `meta`
_VERBOSITY = "deckgen.verbosity"  # -1 with -q, 1 with -v, in the click context's `meta`
_INSTALL = {  # what a missing program comes with on Debian and Ubuntu
    "soffice": ("LibreOffice", "libreoffice-impress"),
    "pdftoppm": ("poppler", "poppler-utils"),
}


@click.group(
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="The recap format, with an example of every slide kind, the error format and "
    "the exit statuses: docs/recap-format.md in deckgen's repository (installed with "
    "deckgen as deckgen/docs/recap-format.md).",
)
@click.version_option(__version__, prog_name="deckgen")
@click.option("--debug", is_flag=True, help="Show the traceback of internal errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Turn conference-recap YAML files into PowerPoint decks."""
    ctx.obj = {"debug": debug}


def _set_verbosity(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if not value:
        return
    level = -1 if param.name == "quiet" else 1
    if ctx.meta.get(_VERBOSITY, level) != level:
        raise click.UsageError("-q and -v cannot be used together", ctx)
    ctx.meta[_VERBOSITY] = level


def _verbosity(help_verbose: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """`-q` (only problems) and `-v` (`help_verbose`), which every command takes."""

    def decorate(f: Callable[..., Any]) -> Callable[..., Any]:
        for names, help_text in (
            (("-v", "--verbose"), help_verbose),
            (("-q", "--quiet"), "Print only problems."),
        ):
            f = click.option(
                *names,
                is_flag=True,
                expose_value=False,
                is_eager=True,
                callback=_set_verbosity,
                help=help_text,
            )(f)
        return f

    return decorate


def _quiet() -> bool:
    return bool(click.get_current_context().meta.get(_VERBOSITY, 0) < 0)


def _verbose() -> bool:
    return bool(click.get_current_context().meta.get(_VERBOSITY, 0) > 0)


def _list_inputs(inputs: tuple[Path, ...] | list[Path]) -> None:
    """With -v: the files a deck is made from, one a line."""
    if _verbose():
        for path in inputs:
            click.echo(f"  input: {_shown(path)}")


_INPUTS_HELP = "Also list the files each deck is made from."

# options shared by build and watch
_OUTPUT = click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Folder for the decks.",
)
_THEME = click.option(
    "--theme", help="A built-in theme name or a theme folder (overrides `theme:`)."
)
_STEPS_OPTION = click.option(
    "--steps", type=_STEPS, help="Override the recap's `options.collapse_steps`."
)
_PDF_TIMEOUT = click.option(
    "--pdf-timeout",
    type=click.FloatRange(min=1),
    default=SOFFICE_TIMEOUT,
    show_default=True,
    help="Seconds LibreOffice may take for one deck before it is stopped.",
)


@main.command("build", short_help="Build recaps into .pptx decks.")
@click.argument("recaps", nargs=-1, required=True, type=click.Path(path_type=Path))
@_OUTPUT
@_THEME
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@_STEPS_OPTION
@click.option(
    "--format",
    "fmt",
    type=_FORMATS,
    default="text",
    show_default=True,
    help="How to report: for people, as JSON, or as GitHub annotations.",
)
@click.option("--pdf", is_flag=True, help="Also write a PDF through LibreOffice.")
@_PDF_TIMEOUT
@click.option(
    "--split",
    type=click.Choice(["presenters"]),
    help="Also write one deck per presenter: <recap name>-<presenter>.pptx.",
)
@click.option("--force", is_flag=True, help="Rebuild decks whose inputs have not changed.")
@_verbosity(_INPUTS_HELP)
@click.pass_context
def build_command(
    ctx: click.Context,
    recaps: tuple[Path, ...],
    out_dir: Path,
    theme: str | None,
    strict: bool,
    steps: Any,
    fmt: str,
    pdf: bool,
    pdf_timeout: float,
    split: Any,
    force: bool,
) -> None:
    """Build each RECAP into OUTPUT/<recap name>.pptx (a deck whose inputs have not changed
    since it was built is left as it is)."""
    _unique_names(recaps)
    quiet = _quiet()
    failed = False
    results: list[dict[str, Any]] = []
    options = {
        "theme": theme,
        "strict": strict,
        "steps": steps,
        "incremental": True,
        "force": force,
        "split": split,
    }
    jobs = [Job(recap, out_dir / f"{recap.stem}.pptx", options) for recap in recaps]
    clashes = output_clashes(jobs)
    if clashes:  # nothing is written
        _report(clashes, fmt)
        files = dict.fromkeys(p.position.file for p in clashes)
        entries = [
            {"recap": f, "errors": [str(p) for p in clashes if p.position.file == f]} for f in files
        ]
        _finish(fmt, entries, True)
    # several decks: one process per core (serially under --debug, for whole tracebacks)
    parallel = len(jobs) > 1 and not (ctx.obj and ctx.obj.get("debug"))
    with _progress(ctx, len(recaps), quiet) as bar:
        finished: list[int] = []

        def built(index: int) -> None:
            finished.append(index)
            bar.update(len(finished), f"{jobs[index].recap.name}: built")

        outcomes = build_many(jobs, on_done=built) if parallel else None
        for n, job in enumerate(jobs):
            recap = job.recap

            def progress(fraction: float, stage: str, n: int = n, name: str = recap.name) -> None:
                bar.update(n + fraction, f"{name}: {stage}")

            with _reporting(ctx, fmt, results, recap, strict) as record:
                outcome = outcomes[n] if outcomes is not None else None
                if isinstance(outcome, Exception):
                    raise outcome
                if outcome is None:
                    result = build(recap, job.output, **options, progress=progress)
                else:
                    result = outcome
                summary = _summary(result)
                record(summary)
                _report(result.warnings, fmt)
                if fmt == "text" and not quiet:
                    _print_summary(result)
                    _list_inputs(result.inputs)
                if pdf:
                    record({"pdf": _write_pdf(result, force, fmt, quiet, pdf_timeout)})
                    for part, entry in zip(result.parts, summary["split"], strict=True):
                        entry["pdf"] = _write_pdf(part, force, fmt, quiet, pdf_timeout)
            failed |= bool(results and results[-1].get("errors"))
    _finish(fmt, results, failed)


@main.command("validate", short_help="Check recaps, writing nothing.")
@click.argument("recaps", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--theme", help="Validate against this theme instead of the recap's own.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--format", "fmt", type=_FORMATS, default="text", show_default=True)
@_verbosity("Also list the files each recap is made from.")
@click.pass_context
def validate_command(
    ctx: click.Context,
    recaps: tuple[Path, ...],
    theme: str | None,
    strict: bool,
    fmt: str,
) -> None:
    """Check each RECAP as `build` does, writing nothing.

    A file that other recaps include (a presenter's or a topic's file) is checked through
    the recaps that include it, found in its folder and the folders above it.
    """
    failed = False
    results: list[dict[str, Any]] = []
    for recap in _through_includers(recaps):
        with _reporting(ctx, fmt, results, recap, strict) as record:
            checked = check(recap, theme, strict)
            record(
                {
                    "recap": recap.as_posix(),
                    "valid": True,
                    "warnings": [str(w) for w in checked.warnings],
                    "errors": [],
                }
            )
            _report(checked.warnings, fmt)
            if fmt == "text" and not _quiet():
                click.echo(f"{recap}: valid ({_count(len(checked.warnings), 'warning')})")
                _list_inputs(checked.inputs)
        failed |= bool(results and results[-1].get("errors"))
    _finish(fmt, results, failed)


@main.command("preview", short_help="Draw every slide of a recap on one PNG.")
@click.argument("recap", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "sheet",
    type=click.Path(path_type=Path),
    help="The PNG to write [default: output/<recap name>-preview.png].",
)
@click.option("--theme", help="A built-in theme name or a theme folder.")
@_PDF_TIMEOUT
@_verbosity(_INPUTS_HELP)
@click.pass_context
def preview_command(
    ctx: click.Context, recap: Path, sheet: Path | None, theme: str | None, pdf_timeout: float
) -> None:
    """Draw every slide of RECAP on one contact-sheet PNG (needs LibreOffice and poppler)."""
    target = sheet or Path("output") / f"{recap.stem}-preview.png"
    results: list[dict[str, Any]] = []
    import tempfile

    with _reporting(ctx, "text", results, recap), tempfile.TemporaryDirectory() as scratch:
        _need_programs(target, ["soffice", "pdftoppm"])
        deck = Path(scratch) / f"{recap.stem}.pptx"
        result = build(recap, deck, theme)
        from deckgen.preview import contact_sheet  # Pillow drawing: only for previews
        from deckgen.write import write_atomically

        write_atomically(contact_sheet(deck, timeout=pdf_timeout), target)
        if not _quiet():
            click.echo(f"{target}: contact sheet of {recap}")
            _list_inputs(result.inputs)
    _finish("text", results, bool(results[-1].get("errors")))


@main.command("watch", short_help="Rebuild a deck whenever its files change.")
@click.argument("recap", type=click.Path(path_type=Path))
@_OUTPUT
@_THEME
@_STEPS_OPTION
@click.option(
    "--interval",
    type=click.FloatRange(min=0.05),
    default=0.5,
    show_default=True,
    help="Seconds between looks at the input files.",
)
@_verbosity("Also list the files watched after each build.")
@click.pass_context
def watch_command(
    ctx: click.Context,
    recap: Path,
    out_dir: Path,
    theme: str | None,
    steps: Any,
    interval: float,
) -> None:
    """Build RECAP, then rebuild it whenever the recap, a file it includes, one of its
    images or its theme changes. Problems are printed and watching goes on; Ctrl-C stops."""
    from deckgen.inputs import recap_inputs, watchable
    from deckgen.render import RenderCache

    target = out_dir / f"{recap.stem}.pptx"
    watched = [watchable(recap)]
    builds = 0
    cache = RenderCache()  # slides and zip members that did not change are reused

    def rebuild() -> list[Path]:
        nonlocal watched, builds
        builds += 1
        try:
            result = build(
                recap, target, theme, False, steps, incremental=True, force=True, cache=cache
            )
        except DeckgenError as exc:
            _report(exc.problems, "text")
            click.echo(f"{target}: not built; fix the problems above and save again", err=True)
            watched = list(dict.fromkeys([*watched, *recap_inputs(recap, theme)]))
        except Exception as exc:  # a bug in deckgen: say so, and keep watching
            _internal_error(ctx, recap, exc)
        else:
            _report(result.warnings, "text")
            if not _quiet():
                click.echo(_summary_line(result))
            watched = list(dict.fromkeys([watchable(recap), *result.inputs]))
        if builds == 1 and not _quiet():
            click.echo(f"watching {_count(len(watched), 'file')} of {recap}; Ctrl-C stops")
        _list_inputs(watched)
        return watched

    def announce(paths: list[Path]) -> None:
        if not _quiet():
            click.echo(f"changed: {', '.join(_shown(p) for p in paths)}; rebuilding")

    from deckgen.watch import watch

    try:
        watch(rebuild, interval, on_change=announce)
    except KeyboardInterrupt:
        click.echo("deckgen: stopped watching", err=True)


@main.command("serve", short_help="Show the slides in a browser, updated on every save.")
@click.argument("recap", type=click.Path(path_type=Path))
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
    help="The port to listen on (0: any free one).",
)  # fmt: skip
@click.option(
    "--host", default="127.0.0.1", show_default=True,
    help="The address to listen on (the default: this computer only).",
)  # fmt: skip
@_THEME
@click.option(
    "--interval", type=click.FloatRange(min=0.05), default=0.1, show_default=True,
    help="Seconds between looks at the input files.",
)  # fmt: skip
@_verbosity("Also print a line after each build.")
@click.pass_context
def serve_command(
    ctx: click.Context, recap: Path, port: int, host: str, theme: str | None, interval: float
) -> None:
    """Show every slide of RECAP (and its notes) on a local web page, updated whenever the
    recap, a file it includes, one of its images or its theme changes; a save with
    mistakes shows them there and keeps the last good slides. Ctrl-C stops."""
    from deckgen.serve import Settings, Shown, serve

    def built(shown: Shown) -> None:
        _report(list(shown.problems), "text")
        if shown.bug is not None:
            _internal_error(ctx, recap, shown.bug)
        elif _verbose() and not shown.problems:
            click.echo(f"{recap}: {_count(len(shown.slides), 'slide')} shown")

    results: list[dict[str, Any]] = []
    with _reporting(ctx, "text", results, recap):
        say = (lambda line: None) if _quiet() else click.echo
        serve(recap, Settings(host, port, theme, interval), say, built)
        click.echo("deckgen: stopped serving", err=True)
    _finish("text", results, bool(results[-1].get("errors")))


@main.command("diff", short_help="Show the slides a change added, removed or changed.")
@click.argument("recaps", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--against", "rev", metavar="GITREV",
    help="Compare each RECAP with itself at this Git revision (e.g. origin/main).",
)  # fmt: skip
@click.option(
    "--html", "page", type=click.Path(dir_okay=False, path_type=Path),
    help="Also write a page showing each changed slide before and after.",
)  # fmt: skip
@_THEME
@_verbosity("Also say where the page was written.")
@click.pass_context
def diff_command(
    ctx: click.Context, recaps: tuple[Path, ...], rev: str | None, page: Path | None,
    theme: str | None,
) -> None:  # fmt: skip
    """Compare two recaps, OLD NEW, or each RECAP with itself at GITREV (--against):
    print which slides were added, removed or changed, a line each."""
    from deckgen.diff import against, compare, text

    if rev is None and len(recaps) != 2:
        raise click.UsageError("give two recaps, OLD NEW, or recaps with --against GITREV")
    pairs = [(r, None) for r in recaps] if rev else [(recaps[1], recaps[0])]
    results: list[dict[str, Any]] = []
    diffs = []
    for recap, old in pairs:
        with _reporting(ctx, "text", results, recap):
            found = compare(old, recap, theme) if old else against(recap, rev or "", theme)
            click.echo(text(found), nl=False)
            diffs.append(found)
    failed = any(r.get("errors") for r in results)
    if page is not None and not failed:
        from deckgen.diff.page import html_page
        from deckgen.write import write_atomically

        with _reporting(ctx, "text", results, page):
            write_atomically(html_page(diffs).encode("utf-8"), page)
            if _verbose():
                click.echo(f"{page}: written", err=True)
    _finish("text", results, any(r.get("errors") for r in results))


@main.command("import", short_help="Turn a .pptx deck into a recap.")
@click.argument("deck", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "recap",
    type=click.Path(path_type=Path),
    help="The recap to write [default: <deck name>.yaml in the current folder].",
)
@click.option("--force", is_flag=True, help="Overwrite the recap if it exists.")
@_verbosity("Also list the pictures written.")
@click.pass_context
def import_command(ctx: click.Context, deck: Path, recap: Path | None, force: bool) -> None:
    """Turn an existing DECK.pptx into a commented recap (pictures go next to it)."""
    target = recap or Path(f"{deck.stem}.yaml")
    results: list[dict[str, Any]] = []
    with _reporting(ctx, "text", results, deck):
        if target.exists() and not force:
            raise BuildError([Problem(Position(target.as_posix()), "exists already; use --force")])
        from deckgen.importer import import_deck  # python-pptx: only for this command

        report = import_deck(deck, target)
        if not _quiet():
            click.echo(str(report))
            for line in [*report.collapsed, *report.left_out]:
                click.echo(f"  {line}")
        pictures = target.parent / f"{target.stem}-images"
        if _verbose() and report.pictures:
            for picture in sorted(pictures.iterdir()):
                click.echo(f"  picture: {_shown(picture)}")
    _finish("text", results, bool(results[-1].get("errors")))


@main.command("new", short_help="Write a starter recap (or presenter or topic file).")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--kind",
    type=click.Choice(["recap", "presenter", "topic"]),
    default="recap",
    show_default=True,
    help="A whole recap, or one presenter or topic for `include:`.",
)
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@_verbosity("Also say how to check, preview and watch it.")
@click.pass_context
def new_command(ctx: click.Context, file: Path, kind: str, force: bool) -> None:
    """Write a commented starter recap to FILE (with --kind, a presenter or topic file).

    Its first line points editors at schema/recap.schema.json of the recap repository
    by a relative path; when there is none, the installed deckgen's schema is written
    there (at the top of the git repository, else in the current folder)."""
    with _reporting(ctx, "text", [], file):
        from deckgen.starter import write_starter

        schema = write_starter(file, force, kind)
        if not _quiet():
            if schema is not None:
                click.echo(f"{_shown(schema)}: written; editors read it (commit it)")
            build = f"build it with `deckgen build {file}`" if kind == "recap" else "include it"
            click.echo(f"{file}: written; {build}")
        if _verbose() and kind == "recap":
            for command in ("validate", "preview", "watch"):
                click.echo(f"  deckgen {command} {file}")


@main.command("themes", short_help="List the built-in themes.")
@_verbosity("Also print each theme's folder.")
def themes_command() -> None:
    """List the built-in themes (-q: only their names)."""
    from deckgen.theme import builtin_themes

    for theme in builtin_themes():
        if _quiet():
            click.echo(theme.name)
            continue
        click.echo(f"{theme.name:<12} {theme.description}")
        if _verbose():
            click.echo(f"{'':<12} {theme.folder}")


@main.command("schema", short_help="Print (or write) the JSON schema of recaps or themes.")
@click.option("--theme", "of_theme", is_flag=True, help="The theme schema instead.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write it to this file instead, e.g. schema/recap.schema.json for editors.",
)
@_verbosity("Also say where the schema file of the installed package is (on stderr).")
@click.pass_context
def schema_command(ctx: click.Context, of_theme: bool, output: Path | None) -> None:
    """Print the JSON schema of recap files (or of theme files), or write it to a file.

    Recap files point editors at it with a first line such as
    `# yaml-language-server: $schema=../schema/recap.schema.json`."""
    from deckgen.starter import schema_text, write_schema
    from deckgen.validate import schema_file

    name = "theme" if of_theme else "recap"
    if output is None:
        click.echo(schema_text(name), nl=False)
    else:
        with _reporting(ctx, "text", [], output):
            write_schema(output, name)
            if not _quiet():
                click.echo(f"{output}: written")
    if _verbose():
        click.echo(f"deckgen: the installed schema file is {schema_file(name)}", err=True)


# --- reporting ---------------------------------------------------------------------------


@contextmanager
def _reporting(
    ctx: click.Context,
    fmt: str,
    results: list[dict[str, Any]],
    source: Path,
    strict: bool = False,
) -> Iterator[Callable[[dict[str, Any]], None]]:
    """Run one recap's work: user errors are reported (exit 1 later), bugs exit 3."""
    entry: dict[str, Any] = {"recap": source.as_posix()}
    results.append(entry)
    try:
        yield entry.update
    except DeckgenError as exc:
        problems = list(exc.problems)
        if strict and problems and all(p.severity == "warning" for p in problems):
            n = _count(len(problems), "warning")
            problems.append(
                Problem(
                    Position(source.as_posix()),
                    f"failed because of {n} (--strict treats warnings as errors)",
                )
            )
        if ctx.command.name == "validate":
            entry.update(valid=False, warnings=[])
        entry["errors"] = [str(p) for p in problems]
        _report(problems, fmt)
        if ctx.command.name == "new":
            sys.exit(ExitStatus.INVALID)
    except KeyboardInterrupt:
        _clear_progress()
        click.echo("deckgen: interrupted; nothing was written", err=True)
        sys.exit(130)
    except Exception as exc:  # a bug in deckgen, not the user's mistake
        _internal_error(ctx, source, exc)
        sys.exit(ExitStatus.BUG)


def _internal_error(ctx: click.Context, source: Path, exc: Exception) -> None:
    _clear_progress()
    if ctx.obj and ctx.obj.get("debug"):
        import traceback

        traceback.print_exc()
    click.echo(
        f"deckgen: internal error while processing {source}: {type(exc).__name__}: {exc}\n"
        "This is a bug in deckgen; rerun with --debug for the traceback.",
        err=True,
    )


def _report(problems: list[Problem], fmt: str) -> None:
    _clear_progress()
    colour = fmt == "text" and _colour(err=True)
    for problem in problems:
        if fmt == "github":
            p = problem.position
            where = f"file={_escape(p.file, True)}"
            where += f",line={p.line},col={p.col}" if p.line else ""
            path = f"{problem.path}: " if problem.path else ""
            text = f"{path}{problem.message}"
            click.echo(f"::{problem.severity} {where}::{_escape(text, False)}")
        elif fmt == "text":
            click.echo(_styled(problem) if colour else str(problem), err=True, color=colour)


def _colour(err: bool) -> bool:
    """Colours only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    return (sys.stderr if err else sys.stdout).isatty()


def _styled(problem: Problem) -> str:
    """`FILE:LINE:COL: error:` in red (`warning:` in yellow), the rest as it is."""
    head = f"{problem.position}: {problem.severity}:"
    text = str(problem)
    fg = "red" if problem.severity == "error" else "yellow"
    return click.style(head, fg=fg, bold=True) + text[len(head) :]


@contextmanager
def _progress(ctx: click.Context, total: int, quiet: bool) -> Iterator[Progress]:
    """A progress bar on stderr, only when it is a terminal and not with `-q`."""
    stream = sys.stderr
    # DECKGEN_PROGRESS_DELAY: seconds before the bar shows (tests set 0)
    delay = float(os.environ.get("DECKGEN_PROGRESS_DELAY", "0.5") or 0.5)
    enabled = not quiet and stream.isatty()
    from deckgen.progress import Progress

    with Progress(total, stream, enabled=enabled, delay=delay) as bar:
        ctx.meta[_PROGRESS] = bar
        try:
            yield bar
        finally:
            del ctx.meta[_PROGRESS]


def _clear_progress() -> None:
    """Take the progress bar off the terminal before a line is printed."""
    ctx = click.get_current_context(silent=True)
    bar = ctx.meta.get(_PROGRESS) if ctx is not None else None
    if bar is not None:  # a `deckgen.progress.Progress`: nothing else is kept there
        bar.clear()


def _escape(text: str, is_property: bool) -> str:
    """GitHub workflow-command escaping (properties also escape `:` and `,`)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if is_property else text


def _finish(fmt: str, results: list[dict[str, Any]], failed: bool) -> None:
    if fmt == "json":
        import json

        click.echo(json.dumps(results, indent=2, ensure_ascii=False))
    if failed:
        sys.exit(ExitStatus.INVALID)


def _write_pdf(
    result: BuildResult, force: bool, fmt: str, quiet: bool, timeout: float
) -> str | None:
    """Write the PDF of a deck (unless the deck is up to date and so is its PDF); return
    its path, or None when LibreOffice is missing."""
    from deckgen.office import missing, to_pdf

    _clear_progress()
    deck = result.output
    pdf = deck.with_suffix(".pdf")
    if missing("soffice"):
        click.echo(
            f"{pdf}: not written: --pdf needs LibreOffice (soffice), which is not installed",
            err=True,
        )
        return None
    if result.up_to_date and not force and _newer(pdf, deck):
        state = "up to date"
    else:
        to_pdf(deck, pdf, timeout)
        state = "written"
    if fmt == "text" and not quiet:
        _clear_progress()
        click.echo(f"  {pdf}: {state}")
    return pdf.as_posix()


def _newer(path: Path, than: Path) -> bool:
    try:
        return path.stat().st_mtime_ns >= than.stat().st_mtime_ns
    except OSError:
        return False


def _summary(result: BuildResult) -> dict[str, Any]:
    """The JSON object of one recap's build (`recap` and, on failure, `errors` are added
    by `_reporting`)."""
    return {
        **_deck_summary(result),
        "warnings": [str(w) for w in result.warnings],
        "errors": [],
        "split": [{"presenter": p.presenter, **_deck_summary(p)} for p in result.parts],
    }


def _deck_summary(result: BuildResult) -> dict[str, Any]:
    return {
        "output": result.output.as_posix(),
        "up_to_date": result.up_to_date,
        "slides": result.slides,
        "collapsed": [str(c) for c in result.collapsed],
        "splits": result.splits,
        "qr_codes": result.qr_codes,
        "seconds": round(result.seconds, 3),
        "pdf": None,
    }


def _print_summary(result: BuildResult) -> None:
    """The summary line of each deck, and what was collapsed and split in decks written."""
    _clear_progress()
    click.echo(_summary_line(result))
    if not result.up_to_date:
        for line in [*map(str, result.collapsed), *result.splits]:
            click.echo(f"  {line}")
    for part in result.parts:
        click.echo(_summary_line(part))


def _summary_line(result: BuildResult) -> str:
    steps = sum(c.count - 1 for c in result.collapsed)
    state = "up to date, " if result.up_to_date else ""
    return (
        f"{result.output}: {state}{_count(result.slides, 'slide')}, "
        f"{_count(steps, 'step')} collapsed, {_count(result.qr_codes, 'QR code')}, "
        f"{_count(len(result.warnings), 'warning')}, {result.seconds:.2f} s"
    )


def _shown(path: Path) -> str:
    """`path` relative to the current folder when it lies inside it."""
    try:
        return path.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _through_includers(recaps: tuple[Path, ...]) -> list[Path]:
    """Each recap, or, for a file that recaps include, those recaps (without repeats)."""
    from deckgen.inputs import including_recaps

    out: list[Path] = []
    for recap in recaps:
        out += including_recaps(recap) or [recap]
    return list(dict.fromkeys(out))


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _unique_names(recaps: tuple[Path, ...]) -> None:
    seen: dict[str, Path] = {}
    for recap in recaps:
        if recap.stem in seen and seen[recap.stem] != recap:
            raise click.UsageError(
                f"{seen[recap.stem]} and {recap} would both be written as {recap.stem}.pptx"
            )
        seen[recap.stem] = recap


def _need_programs(target: Path, programs: list[str]) -> None:
    """Refuse, naming `target` and the Debian package to install, when a program is missing."""
    from deckgen.office import missing

    problems = []
    for program in programs:
        if missing(program):
            what, package = _INSTALL[program]
            problems.append(
                Problem(
                    Position(target.as_posix()),
                    f"not written: {what} ({program}) is not installed; install it with"
                    f" `sudo apt-get install {package}`",
                )
            )
    if problems:
        raise BuildError(problems)
