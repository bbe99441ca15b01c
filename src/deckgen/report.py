"""What the command line prints, and how it exits (the way black's `Report` works).

Problems go to stderr as text (coloured on a terminal), or to stdout as GitHub workflow
annotations; `--format json` prints one object per recap at the end. User errors exit 1
once every recap is reported, bugs in deckgen exit 3 at once, Ctrl-C exits 130.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from deckgen.errors import DeckgenError, ExitStatus, Position, Problem

if TYPE_CHECKING:  # the command line imports this module: start-up stays short
    from deckgen.api import BuildResult
    from deckgen.batch import Pdf
    from deckgen.checking import Validated
    from deckgen.diff import SlideDiff
    from deckgen.importer import ImportReport
    from deckgen.progress import Progress
    from deckgen.serve.live import Shown
    from deckgen.theme import Theme
    from deckgen.watch import Rebuild

Record = Callable[[dict[str, Any]], None]  # adds keys to a recap's JSON object
MakePdf = Callable[["BuildResult"], "Pdf"]


class Report:
    """The output of one command: `fmt` "text", "json" or "github"; `verbosity` -1 with
    `-q`, 1 with `-v`; `debug` shows tracebacks of internal errors."""

    def __init__(self, fmt: str, verbosity: int, debug: bool, command: str) -> None:
        self.fmt, self.verbosity, self.debug, self.command = fmt, verbosity, debug, command
        self.results: list[dict[str, Any]] = []  # one JSON object per recap
        self.bar: Progress | None = None

    @property
    def quiet(self) -> bool:
        return self.verbosity < 0

    @property
    def verbose(self) -> bool:
        return self.verbosity > 0

    @property
    def chatty(self) -> bool:
        """Summary lines are printed: text output without `-q`."""
        return self.fmt == "text" and not self.quiet

    def echo(self, text: str, err: bool = False) -> None:
        self.clear()
        echo(text, err=err)

    def say(self, text: str) -> None:
        """A line for people, left out with `-q`."""
        if not self.quiet:
            self.echo(text)

    def clear(self) -> None:
        """Take the progress bar off the terminal before a line is printed."""
        if self.bar is not None:
            self.bar.clear()

    def problems(self, problems: Sequence[Problem]) -> None:
        self.clear()
        colour = self.fmt == "text" and _colour(sys.stderr)
        for problem in problems:
            if self.fmt == "github":
                echo(_annotation(problem))
            elif self.fmt == "text":
                echo(_styled(problem) if colour else str(problem), err=True)

    def inputs(self, paths: Sequence[Path]) -> None:
        """With -v: the files a deck is made from, one a line."""
        if self.verbose:
            for path in paths:
                self.echo(f"  input: {shown(path)}")

    @contextmanager
    def recap(self, source: Path, strict: bool = False) -> Iterator[Record]:
        """Run one recap's work: user errors are reported (exit 1 at `finish`, or at once in
        `new` and `schema`, which have one file), bugs exit 3."""
        entry: dict[str, Any] = {"recap": source.as_posix()}
        self.results.append(entry)
        try:
            yield entry.update
        except DeckgenError as exc:
            problems = _with_strict_note(list(exc.problems), source, strict)
            if self.command == "validate":
                entry.update(valid=False, warnings=[])
            entry["errors"] = [str(p) for p in problems]
            self.problems(problems)
            if self.command in ("new", "schema"):
                sys.exit(ExitStatus.INVALID)
        except KeyboardInterrupt:
            self.interrupted()
        except Exception as exc:  # a bug in deckgen, not the user's mistake
            self.internal_error(source, exc)
            sys.exit(ExitStatus.BUG)

    def interrupted(self) -> None:
        self.echo("deckgen: interrupted; nothing was written", err=True)
        sys.exit(130)

    def internal_error(self, source: Path, exc: Exception) -> None:
        self.clear()
        if self.debug:
            import traceback

            traceback.print_exc()
        echo(
            f"deckgen: internal error while processing {source}: {type(exc).__name__}: {exc}\n"
            "This is a bug in deckgen; rerun with --debug for the traceback.",
            err=True,
        )

    def finish(self) -> None:
        """Print the JSON report (with `--format json`); exit 1 when a recap failed."""
        if self.fmt == "json":
            import json

            echo(json.dumps(self.results, indent=2, ensure_ascii=False))
        if any(entry.get("errors") for entry in self.results):
            sys.exit(ExitStatus.INVALID)

    @contextmanager
    def progress(self, total: int) -> Iterator[Progress]:
        """A progress bar on stderr, only when it is a terminal and not with `-q`."""
        # DECKGEN_PROGRESS_DELAY: seconds before the bar shows (tests set 0)
        delay = float(os.environ.get("DECKGEN_PROGRESS_DELAY", "0.5") or 0.5)
        from deckgen.progress import Progress

        enabled = not self.quiet and sys.stderr.isatty()
        with Progress(total, sys.stderr, enabled=enabled, delay=delay) as bar:
            self.bar = bar
            try:
                yield bar
            finally:
                self.bar = None

    # --- what the commands print -----------------------------------------------------

    def clashes(self, problems: list[Problem]) -> None:
        """Decks that two recaps of one build would write to the same file: reported, and
        the command exits 1 before anything is built."""
        self.problems(problems)
        for file in dict.fromkeys(p.position.file for p in problems):
            errors = [str(p) for p in problems if p.position.file == file]
            self.results.append({"recap": file, "errors": errors})
        self.finish()

    def built(self, result: BuildResult, record: Record, pdf: MakePdf | None) -> None:
        """A deck built (or up to date): its JSON object, warnings and summary lines, then
        (with `pdf`) the PDF of each of its decks."""
        summary = _summary(result)
        record(summary)
        self.problems(result.warnings)
        if self.chatty:
            self.echo(summary_line(result))
            if not result.up_to_date:
                for line in [*map(str, result.collapsed), *result.splits]:
                    self.echo(f"  {line}")
            for part in result.parts:
                self.echo(summary_line(part))
            self.inputs(result.inputs)
        if pdf is not None:
            record({"pdf": self.pdf(pdf(result))})
            for part, entry in zip(result.parts, summary["split"], strict=True):
                entry["pdf"] = self.pdf(pdf(part))

    def valid(self, recap: Path, checked: Validated, record: Record) -> None:
        """A recap that `deckgen validate` passed."""
        warnings = checked.warnings
        record({"valid": True, "warnings": [str(w) for w in warnings], "errors": []})
        self.problems(warnings)
        if self.chatty:
            self.echo(f"{recap}: valid ({count(len(warnings), 'warning')})")
            if self.verbose:  # (the inputs are looked up only to be shown)
                self.inputs(checked.inputs)

    def imported(self, summary: ImportReport, target: Path) -> None:
        """A deck turned into the recap `target`: what was collapsed, left out, written."""
        if not self.quiet:
            self.echo(str(summary))
            for line in [*summary.collapsed, *summary.left_out]:
                self.echo(f"  {line}")
        pictures = target.parent / f"{target.stem}-images"
        if self.verbose and summary.pictures:
            for picture in sorted(pictures.iterdir()):
                self.echo(f"  picture: {shown(picture)}")

    def started(self, file: Path, kind: str, schema: Path | None) -> None:
        """A starter file written by `deckgen new` (and the schema written for editors)."""
        if not self.quiet:
            if schema is not None:
                self.echo(f"{shown(schema)}: written; editors read it (commit it)")
            build = f"build it with `deckgen build {file}`" if kind == "recap" else "include it"
            self.echo(f"{file}: written; {build}")
        if self.verbose and kind == "recap":
            for command in ("validate", "preview", "watch"):
                self.echo(f"  deckgen {command} {file}")

    def pdf(self, pdf: Pdf) -> str | None:
        """A PDF written or up to date: its path; None when LibreOffice is missing."""
        if pdf.state == "missing":
            message = "not written: --pdf needs LibreOffice (soffice), which is not installed"
            self.echo(f"{pdf.path}: {message}", err=True)
            return None
        if self.chatty:
            self.echo(f"  {pdf.path}: {pdf.state}")
        return pdf.path.as_posix()

    def rebuilt(self, rebuild: Rebuild) -> list[Path]:
        """One build of `deckgen watch`: problems are printed and watching goes on."""
        try:
            result = rebuild()
        except DeckgenError as exc:
            self.problems(exc.problems)
            message = "not built; fix the problems above and save again"
            self.echo(f"{rebuild.target}: {message}", err=True)
        except Exception as exc:  # a bug in deckgen: say so, and keep watching
            self.internal_error(rebuild.recap, exc)
        else:
            self.problems(result.warnings)
            if not self.quiet:
                self.echo(summary_line(result))
        if rebuild.builds == 1 and not self.quiet:
            files = count(len(rebuild.watched), "file")
            self.echo(f"watching {files} of {rebuild.recap}; Ctrl-C stops")
        self.inputs(rebuild.watched)
        return rebuild.watched

    def served(self, recap: Path, shown: Shown) -> None:
        """One build of `deckgen serve`: its problems (the page shows them too)."""
        self.problems(shown.problems)
        if shown.bug is not None:
            self.internal_error(recap, shown.bug)
        elif self.verbose and not shown.problems:
            self.echo(f"{recap}: {count(len(shown.slides), 'slide')} shown")

    def changed(self, paths: list[Path]) -> None:
        """`deckgen watch` saw files change."""
        if not self.quiet:
            self.echo(f"changed: {', '.join(shown(p) for p in paths)}; rebuilding")

    def diffed(
        self, runs: Iterable[tuple[Path, Callable[[], SlideDiff]]], page: Path | None
    ) -> None:
        """`deckgen diff`: each recap's changes as text; the page only when every recap compared."""
        from deckgen.diff import text

        diffs = []
        for recap, run in runs:
            with self.recap(recap):
                diffs.append(run())
                echo(text(diffs[-1]), nl=False)
        if page is not None and len(diffs) == len(self.results):
            from deckgen.diff.page import write_page

            with self.recap(page):
                write_page(diffs, page)
                if self.verbose:
                    self.echo(f"{page}: written", err=True)

    def themes(self, themes: Iterable[Theme]) -> None:
        """`deckgen themes`: names (-q), with descriptions, and with folders (-v)."""
        for theme in themes:
            lines = [theme.name] if self.quiet else [f"{theme.name:<12} {theme.description}"]
            lines += [f"{'':<12} {theme.folder}"] if self.verbose else []
            for line in lines:
                echo(line)


def echo(text: str, err: bool = False, nl: bool = True) -> None:
    """Print `text` on stdout (stderr with `err`), flushed, as `click.echo` does for text,
    without importing click (`deckgen validate` runs without it; see `deckgen.entry`).
    Unlike `click.echo` it leaves ANSI styles in: this module styles only what it prints
    to a terminal (`_colour`), and messages quote the input `printable`."""
    stream = sys.stderr if err else sys.stdout
    if stream is not None:  # none under pythonw
        stream.write(f"{text}\n" if nl else text)
        stream.flush()


def summary_line(result: BuildResult) -> str:
    steps = sum(c.count - 1 for c in result.collapsed)
    state = "up to date, " if result.up_to_date else ""
    return (
        f"{result.output}: {state}{count(result.slides, 'slide')}, "
        f"{count(steps, 'step')} collapsed, {count(result.qr_codes, 'QR code')}, "
        f"{count(len(result.warnings), 'warning')}, {result.seconds:.2f} s"
    )


def _summary(result: BuildResult) -> dict[str, Any]:
    """The JSON object of one recap's build (`recap` and, on failure, `errors` are added
    by `Report.recap`)."""
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


def _with_strict_note(problems: list[Problem], source: Path, strict: bool) -> list[Problem]:
    """With --strict, a failure of warnings alone says why it failed."""
    if strict and problems and all(p.severity == "warning" for p in problems):
        n = count(len(problems), "warning")
        note = f"failed because of {n} (--strict treats warnings as errors)"
        problems.append(Problem(Position(source.as_posix()), note))
    return problems


def _colour(stream: Any) -> bool:
    """Colours only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    return not os.environ.get("NO_COLOR") and bool(stream.isatty())


def _styled(problem: Problem) -> str:
    """`FILE:LINE:COL: error:` in red (`warning:` in yellow), the rest as it is."""
    head = f"{problem.position}: {problem.severity}:"
    text = str(problem)
    fg = "red" if problem.severity == "error" else "yellow"
    import click  # only on a terminal

    return click.style(head, fg=fg, bold=True) + text[len(head) :]


def _annotation(problem: Problem) -> str:
    """`problem` as a GitHub workflow command (`::error file=...,line=...::message`)."""
    p = problem.position
    where = f"file={_escape(p.file, True)}"
    where += f",line={p.line},col={p.col}" if p.line else ""
    path = f"{problem.path}: " if problem.path else ""
    return f"::{problem.severity} {where}::{_escape(path + problem.message, False)}"


def _escape(text: str, is_property: bool) -> str:
    """GitHub workflow-command escaping (properties also escape `:` and `,`)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if is_property else text


def shown(path: Path) -> str:
    """`path` relative to the current folder when it lies inside it."""
    try:
        return path.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
