"""The command line: declare the commands and their options, call the library, and hand
what it returns to `deckgen.report`, which prints it and picks the exit status.

Each command imports the modules it uses when it runs: start-up stays short.
"""

from __future__ import annotations

import functools
from pathlib import Path

import click

from deckgen import __version__
from deckgen import cli_options as opt
from deckgen.errors import BuildError, Position, Problem
from deckgen.options import BuildOptions


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


@main.command("build", short_help="Build recaps into .pptx decks.")
@click.argument("recaps", nargs=-1, required=True, type=opt.PATH)
@opt.OUTPUT
@opt.THEME
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@opt.STEPS
@opt.FORMAT
@click.option("--pdf", is_flag=True, help="Also write a PDF through LibreOffice.")
@opt.PDF_TIMEOUT
@opt.SPLIT
@click.option("--force", is_flag=True, help="Rebuild decks whose inputs have not changed.")
@opt.verbosity(opt.INPUTS_HELP)
@opt.build_options(BuildOptions(incremental=True))
def build_command(recaps: tuple[Path, ...], out_dir: Path, fmt: str, options: BuildOptions) -> None:
    """Build each RECAP into OUTPUT/<recap name>.pptx (a deck whose inputs have not changed
    since it was built is left as it is)."""
    from deckgen import batch
    from deckgen.api import output_clashes

    clash = batch.name_clash(recaps)
    if clash is not None:
        raise click.UsageError(clash)
    report = opt.current_report(fmt)
    jobs = batch.jobs(recaps, out_dir, options)
    clashes = output_clashes(jobs)
    if clashes:  # nothing is written
        report.clashes(clashes)
    # several decks: one process per core (serially under --debug, for whole tracebacks)
    parallel = len(jobs) > 1 and not report.debug
    pdf = functools.partial(batch.write_pdf, options=options) if options.pdf else None
    with report.progress(len(jobs)) as bar:
        for job, run in zip(jobs, batch.builds(jobs, parallel, bar.update), strict=True):
            with report.recap(job.recap, options.strict) as record:
                report.built(run(), record, pdf)
    report.finish()


@main.command("validate", short_help="Check recaps, writing nothing.")
@click.argument("recaps", nargs=-1, required=True, type=opt.PATH)
@click.option("--theme", help="Validate against this theme instead of the recap's own.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--format", "fmt", type=opt.FORMATS, default="text", show_default=True)
@opt.verbosity("Also list the files each recap is made from.")
def validate_command(recaps: tuple[Path, ...], theme: str | None, strict: bool, fmt: str) -> None:
    """Check each RECAP as `build` does, writing nothing.

    A file that other recaps include (a presenter's or a topic's file) is checked through
    the recaps that include it, found in its folder and the folders above it.
    """
    from deckgen.commands import validate

    validate(recaps, opt.current_report(fmt), theme, strict)


@main.command("preview", short_help="Show every slide of a recap on one page.")
@click.argument("recap", type=opt.PATH)
@opt.output_file(
    "sheet",
    "The sheet to write: .html (SVG slides) or .png (through LibreOffice)"
    " [default: output/<recap name>-preview.html].",
)
@click.option("--theme", help="A built-in theme name or a theme folder.")
@opt.PDF_TIMEOUT
@opt.verbosity(opt.INPUTS_HELP)
@opt.build_options(BuildOptions())
def preview_command(recap: Path, sheet: Path | None, options: BuildOptions) -> None:
    """Show every slide of RECAP, with its notes, on one HTML contact sheet (a PNG sheet,
    -o SHEET.png, needs LibreOffice and poppler)."""
    from deckgen.batch import write_preview

    target = sheet or Path("output") / f"{recap.stem}-preview.html"
    report = opt.current_report()
    with report.recap(recap):
        inputs = write_preview(recap, target, options)
        report.say(f"{target}: contact sheet of {recap}")
        report.inputs(inputs)
    report.finish()


@main.command("watch", short_help="Rebuild a deck whenever its files change.")
@click.argument("recap", type=opt.PATH)
@opt.OUTPUT
@opt.THEME
@opt.STEPS
@opt.interval(0.5)
@opt.verbosity("Also list the files watched after each build.")
@opt.build_options(BuildOptions(incremental=True, force=True))
def watch_command(recap: Path, out_dir: Path, interval: float, options: BuildOptions) -> None:
    """Build RECAP, then rebuild it whenever the recap, a file it includes, one of its
    images or its theme changes. Problems are printed and watching goes on; Ctrl-C stops."""
    from deckgen.watch import Rebuild, watch

    report = opt.current_report()
    rebuild = Rebuild(recap, out_dir / f"{recap.stem}.pptx", options)
    try:
        watch(functools.partial(report.rebuilt, rebuild), interval, on_change=report.changed)
    except KeyboardInterrupt:
        click.echo("deckgen: stopped watching", err=True)


@main.command("serve", short_help="Show the slides in a browser, updated on every save.")
@click.argument("recap", type=opt.PATH)
@opt.PORT
@opt.HOST
@opt.THEME
@opt.interval(0.1)
@opt.verbosity("Also print a line after each build.")
def serve_command(recap: Path, port: int, host: str, theme: str | None, interval: float) -> None:
    """Show every slide of RECAP (and its notes) on a local web page, updated whenever the
    recap, a file it includes, one of its images or its theme changes; a save with
    mistakes shows them there and keeps the last good slides. Ctrl-C stops."""
    from deckgen.serve import Settings, serve

    report = opt.current_report()
    with report.recap(recap):
        settings = Settings(host, port, theme, interval)
        serve(recap, settings, report.say, functools.partial(report.served, recap))
        report.echo("deckgen: stopped serving", err=True)
    report.finish()


@main.command("diff", short_help="Show the slides a change added, removed or changed.")
@click.argument("recaps", nargs=-1, required=True, type=opt.PATH)
@opt.AGAINST
@opt.DIFF_PAGE
@opt.THEME
@opt.verbosity("Also say where the page was written.")
def diff_command(
    recaps: tuple[Path, ...], rev: str | None, page: Path | None, theme: str | None
) -> None:
    """Compare two recaps, OLD NEW, or each RECAP with itself at GITREV (--against):
    print which slides were added, removed or changed, a line each."""
    from deckgen.diff import diff_each

    if rev is None and len(recaps) != 2:
        raise click.UsageError("give two recaps, OLD NEW, or recaps with --against GITREV")
    report = opt.current_report()
    report.diffed(diff_each(recaps, rev, theme), page)
    report.finish()


@main.command("import", short_help="Turn a .pptx deck into a recap.")
@click.argument("deck", type=opt.PATH)
@opt.output_file("recap", "The recap to write [default: <deck name>.yaml in the current folder].")
@click.option("--force", is_flag=True, help="Overwrite the recap if it exists.")
@opt.verbosity("Also list the pictures written.")
def import_command(deck: Path, recap: Path | None, force: bool) -> None:
    """Turn an existing DECK.pptx into a commented recap (pictures go next to it)."""
    target = recap or Path(f"{deck.stem}.yaml")
    report = opt.current_report()
    with report.recap(deck):
        if target.exists() and not force:
            raise BuildError([Problem(Position(target.as_posix()), "exists already; use --force")])
        from deckgen.importer import import_deck  # python-pptx: only for this command

        report.imported(import_deck(deck, target), target)
    report.finish()


@main.command("new", short_help="Write a starter recap (or presenter or topic file).")
@click.argument("file", type=opt.PATH)
@opt.KIND
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@opt.verbosity("Also say how to check, preview and watch it.")
def new_command(file: Path, kind: str, force: bool) -> None:
    """Write a commented starter recap to FILE (with --kind, a presenter or topic file).

    Its first line points editors at schema/recap.schema.json of the recap repository
    by a relative path; when there is none, the installed deckgen's schema is written
    there (at the top of the git repository, else in the current folder)."""
    from deckgen.starter import write_starter

    report = opt.current_report()
    with report.recap(file):
        report.started(file, kind, write_starter(file, force, kind))


@main.command("themes", short_help="List the built-in themes.")
@opt.verbosity("Also print each theme's folder.")
def themes_command() -> None:
    """List the built-in themes (-q: only their names)."""
    from deckgen.theme import builtin_themes

    opt.current_report().themes(builtin_themes())


@main.command("schema", short_help="Print (or write) the JSON schema of recaps or themes.")
@click.option("--theme", "of_theme", is_flag=True, help="The theme schema instead.")
@opt.SCHEMA_OUTPUT
@opt.verbosity("Also say where the schema file of the installed package is (on stderr).")
def schema_command(of_theme: bool, output: Path | None) -> None:
    """Print the JSON schema of recap files (or of theme files), or write it to a file.

    Recap files point editors at it with a first line such as
    `# yaml-language-server: $schema=../schema/recap.schema.json`."""
    from deckgen.starter import schema_text, write_schema
    from deckgen.validate import schema_file

    name, report = "theme" if of_theme else "recap", opt.current_report()
    if output is None:
        click.echo(schema_text(name), nl=False)
    else:
        with report.recap(output):
            write_schema(output, name)
            if not report.quiet:
                click.echo(f"{output}: written")
    if report.verbose:
        click.echo(f"deckgen: the installed schema file is {schema_file(name)}", err=True)
