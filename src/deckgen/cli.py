"""The command line: parse arguments, call the library, map errors to exit statuses."""

from __future__ import annotations

import json
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from deckgen import __version__
from deckgen.api import BuildResult, build, check
from deckgen.errors import DeckgenError, ExitStatus, Problem
from deckgen.office import missing, to_pdf
from deckgen.preview import contact_sheet
from deckgen.starter import write_starter
from deckgen.theme import builtin_themes
from deckgen.validate import load_schema
from deckgen.write import write_atomically

_FORMATS = click.Choice(["text", "json", "github"])


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="deckgen")
@click.option("--debug", is_flag=True, help="Show the traceback of internal errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Turn conference-recap YAML files into PowerPoint decks."""
    ctx.obj = {"debug": debug}


@main.command("build")
@click.argument("recaps", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Folder for the decks.",
)
@click.option("--theme", help="A built-in theme name or a theme folder (overrides `theme:`).")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option(
    "--steps",
    type=click.Choice(["collapse", "animate", "off"]),
    help="Override the recap's `options.collapse_steps`.",
)
@click.option(
    "--format",
    "fmt",
    type=_FORMATS,
    default="text",
    show_default=True,
    help="How to report: for people, as JSON, or as GitHub annotations.",
)
@click.option("--pdf", is_flag=True, help="Also write a PDF through LibreOffice.")
@click.option("-q", "--quiet", is_flag=True, help="Print only problems.")
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
    quiet: bool,
) -> None:
    """Build each RECAP into OUTPUT/<recap name>.pptx."""
    _unique_names(recaps)
    failed = False
    results: list[dict[str, Any]] = []
    for recap in recaps:
        with _reporting(ctx, fmt, results, recap) as record:
            result = build(recap, out_dir / f"{recap.stem}.pptx", theme, strict, steps)
            record(_summary(result))
            _report(result.warnings, fmt)
            if fmt == "text" and not quiet:
                click.echo(_summary_line(result))
                for line in [*map(str, result.collapsed), *result.splits]:
                    click.echo(f"  {line}")
            if pdf:
                _write_pdf(result.output, fmt, quiet, record)
        failed |= bool(results and results[-1].get("errors"))
    _finish(fmt, results, failed)


@main.command("validate")
@click.argument("recaps", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--theme", help="Validate against this theme instead of the recap's own.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--format", "fmt", type=_FORMATS, default="text", show_default=True)
@click.option("-q", "--quiet", is_flag=True, help="Print only problems.")
@click.pass_context
def validate_command(
    ctx: click.Context,
    recaps: tuple[Path, ...],
    theme: str | None,
    strict: bool,
    fmt: str,
    quiet: bool,
) -> None:
    """Check each RECAP as `build` does, writing nothing."""
    failed = False
    results: list[dict[str, Any]] = []
    for recap in recaps:
        with _reporting(ctx, fmt, results, recap) as record:
            checked = check(recap, theme, strict)
            record(
                {
                    "recap": recap.as_posix(),
                    "valid": True,
                    "warnings": [str(w) for w in checked.warnings],
                }
            )
            _report(checked.warnings, fmt)
            if fmt == "text" and not quiet:
                click.echo(f"{recap}: valid ({_count(len(checked.warnings), 'warning')})")
        failed |= bool(results and results[-1].get("errors"))
    _finish(fmt, results, failed)


@main.command("preview")
@click.argument("recap", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "sheet",
    type=click.Path(path_type=Path),
    help="The PNG to write [default: output/<recap name>-preview.png].",
)
@click.option("--theme", help="A built-in theme name or a theme folder.")
@click.pass_context
def preview_command(ctx: click.Context, recap: Path, sheet: Path | None, theme: str | None) -> None:
    """Draw every slide of RECAP on one contact-sheet PNG (needs LibreOffice and poppler)."""
    target = sheet or Path("output") / f"{recap.stem}-preview.png"
    results: list[dict[str, Any]] = []
    with _reporting(ctx, "text", results, recap), tempfile.TemporaryDirectory() as scratch:
        deck = Path(scratch) / f"{recap.stem}.pptx"
        build(recap, deck, theme)
        write_atomically(contact_sheet(deck), target)
        click.echo(f"{target}: contact sheet of {recap}")
    _finish("text", results, bool(results[-1].get("errors")))


@main.command("new")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@click.pass_context
def new_command(ctx: click.Context, file: Path, force: bool) -> None:
    """Write a commented starter recap to FILE."""
    with _reporting(ctx, "text", [], file):
        write_starter(file, force)
        click.echo(f"{file}: written; build it with `deckgen build {file}`")


@main.command("themes")
def themes_command() -> None:
    """List the built-in themes."""
    for theme in builtin_themes():
        click.echo(f"{theme.name:<12} {theme.description}")


@main.command("schema")
@click.option("--theme", "of_theme", is_flag=True, help="Print the theme schema instead.")
def schema_command(of_theme: bool) -> None:
    """Print the JSON schema of recap files (or of theme files)."""
    click.echo(
        json.dumps(load_schema("theme" if of_theme else "recap"), indent=2, ensure_ascii=False)
    )


# --- reporting ---------------------------------------------------------------------------


@contextmanager
def _reporting(
    ctx: click.Context, fmt: str, results: list[dict[str, Any]], source: Path
) -> Iterator[Callable[[dict[str, Any]], None]]:
    """Run one recap's work: user errors are reported (exit 1 later), bugs exit 3."""
    entry: dict[str, Any] = {"recap": source.as_posix()}
    results.append(entry)
    try:
        yield entry.update
    except DeckgenError as exc:
        entry["errors"] = [str(p) for p in exc.problems]
        _report(exc.problems, fmt)
        if ctx.command.name == "new":
            sys.exit(ExitStatus.INVALID)
    except KeyboardInterrupt:
        click.echo("deckgen: interrupted; nothing was written", err=True)
        sys.exit(130)
    except Exception as exc:  # a bug in deckgen, not the user's mistake
        if ctx.obj and ctx.obj.get("debug"):
            traceback.print_exc()
        click.echo(
            f"deckgen: internal error while processing {source}: {type(exc).__name__}: {exc}\n"
            "This is a bug in deckgen; rerun with --debug for the traceback.",
            err=True,
        )
        sys.exit(ExitStatus.BUG)


def _report(problems: list[Problem], fmt: str) -> None:
    for problem in problems:
        if fmt == "github":
            p = problem.position
            where = f"file={_escape(p.file, True)}"
            where += f",line={p.line},col={p.col}" if p.line else ""
            path = f"{problem.path}: " if problem.path else ""
            text = f"{path}{problem.message}"
            click.echo(f"::{problem.severity} {where}::{_escape(text, False)}")
        elif fmt == "text":
            click.echo(str(problem), err=True)


def _escape(text: str, is_property: bool) -> str:
    """GitHub workflow-command escaping (properties also escape `:` and `,`)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if is_property else text


def _finish(fmt: str, results: list[dict[str, Any]], failed: bool) -> None:
    if fmt == "json":
        click.echo(json.dumps(results, indent=2, ensure_ascii=False))
    if failed:
        sys.exit(ExitStatus.INVALID)


def _write_pdf(deck: Path, fmt: str, quiet: bool, record: Callable[[dict[str, Any]], None]) -> None:
    pdf = deck.with_suffix(".pdf")
    if missing("soffice"):
        record({"pdf": None})
        click.echo(
            f"{pdf}: not written: --pdf needs LibreOffice (soffice), which is not installed",
            err=True,
        )
        return
    to_pdf(deck, pdf)
    record({"pdf": pdf.as_posix()})
    if fmt == "text" and not quiet:
        click.echo(f"  {pdf}: written")


def _summary(result: BuildResult) -> dict[str, Any]:
    return {
        "output": result.output.as_posix(),
        "slides": result.slides,
        "collapsed": [str(c) for c in result.collapsed],
        "splits": result.splits,
        "qr_codes": result.qr_codes,
        "warnings": [str(w) for w in result.warnings],
        "seconds": round(result.seconds, 3),
    }


def _summary_line(result: BuildResult) -> str:
    steps = sum(c.count - 1 for c in result.collapsed)
    return (
        f"{result.output}: {_count(result.slides, 'slide')}, "
        f"{_count(steps, 'step')} collapsed, {_count(result.qr_codes, 'QR code')}, "
        f"{_count(len(result.warnings), 'warning')}, {result.seconds:.2f} s"
    )


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
