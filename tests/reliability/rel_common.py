"""Shared helpers of the reliability tests: running deckgen, checking decks, Hypothesis
profiles and recap strategies that follow `schema/recap.schema.json`.

Hypothesis profiles (chosen with the environment variable `DECKGEN_FUZZ`):

- `ci` (the default): derandomized, few examples, so the suite stays fast and repeatable;
- `thorough`: random and many more examples, for a developer hunting bugs
  (`DECKGEN_FUZZ=thorough python -m pytest tests/reliability`).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from tests.support.ooxml import validate_pptx

from deckgen.validate import load_schema

REPO = Path(__file__).resolve().parents[2]
RECAPS = REPO / "recaps"
EXAMPLES = sorted(RECAPS.glob("*.yaml"))
THEMES = ("default", "dark", "corporate")
STEP_MODES = ("collapse", "animate", "off")

FUZZ_ENV = "DECKGEN_FUZZ"
_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=40,
    suppress_health_check=_SLOW_OK,
)
settings.register_profile(
    "thorough",
    derandomize=False,
    database=None,
    deadline=None,
    max_examples=1500,
    suppress_health_check=_SLOW_OK,
)
PROFILE = os.environ.get(FUZZ_ENV, "ci")


def _load_pygments_plugins() -> None:
    """Pygments' `guess_lexer` imports the lexer plugins of every installed package on
    first use; some change the recursion limit as they load (IPython's imports jedi, which
    sets it to 3000), which Hypothesis reports as an error when it happens inside a test
    case. Load them once, outside any test case."""
    from pygments.lexers import guess_lexer

    guess_lexer("x = 1")


_load_pygments_plugins()


def fuzz_settings(ci_examples: int) -> settings:
    """Settings of one fuzz test: `ci_examples` in CI, the `thorough` profile's count else."""
    base = settings.get_profile(PROFILE)
    count = ci_examples if PROFILE == "ci" else base.max_examples
    return settings(base, max_examples=count)


# --- running deckgen -----------------------------------------------------------------------


def deckgen_cmd(*args: str | os.PathLike[str]) -> list[str]:
    """The command line that runs deckgen as its own process."""
    return [sys.executable, "-m", "deckgen", *map(str, args)]


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a deckgen child process: this one, deckgen importable."""
    env = dict(os.environ)
    paths = [str(REPO / "src"), env.get("PYTHONPATH", "")]
    env["PYTHONPATH"] = os.pathsep.join(p for p in paths if p)
    env.update(extra)
    return env


# A deckgen process still running after this long hangs: it is killed and its test fails.
# Only a guard against hanging forever, far above any real run on a loaded machine; speed
# is measured in benchmarks/, never asserted by a test.
HANG_SECONDS = 300


def run_deckgen(
    *args: str | os.PathLike[str],
    cwd: Path,
    timeout: float = HANG_SECONDS,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run `deckgen ARGS` in `cwd`; fail the test (not hang) past `timeout` seconds."""
    return subprocess.run(
        deckgen_cmd(*args),
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="backslashreplace",
        timeout=timeout,
        env=env or child_env(),
        stdin=subprocess.DEVNULL,
        check=False,
    )


# --- checking decks ------------------------------------------------------------------------


def duplicate_zip_names(path: Path) -> list[str]:
    """Member names that occur more than once in the zip at `path`."""
    with zipfile.ZipFile(path) as archive:
        counts = Counter(info.filename for info in archive.infolist())
    return sorted(name for name, n in counts.items() if n > 1)


def deck_problems(path: Path) -> list[str]:
    """Schema and packaging problems of a deck, plus duplicate zip member names."""
    dups = [f"duplicate zip member {name}" for name in duplicate_zip_names(path)]
    return dups + validate_pptx(path)


def leftovers(folder: Path, keep: Sequence[str]) -> list[str]:
    """Names in `folder` other than `keep`."""
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


# --- recap strategies that follow the JSON schema -------------------------------------------

WORDS = [
    "Kubernetes",
    "Helm",
    "Loki",
    "Prometheus",
    "operator",
    "serverless",
    "buildkit",
    "pods",
    "nodes",
    "the",
    "a",
    "of",
    "to",
    "in",
    "is",
    "for",
    "with",
    "on",
    "cluster",
    "scaling",
    "logs",
    "tracing",
    "mesh",
]

# strings that stress text handling: markup look-alikes, scripts, emoji, invisible marks
TRICKY_TEXT = (
    "<b>bold?</b>",
    "&amp; &lt;tag&gt; &#x41;",
    "]]> <![CDATA[x]]>",
    "<a:t>run</a:t> <p:sp/> \"quotes\" 'single'",
    "**bold** *italic* `code` [link](https://example.com)",
    "Привет, мир",
    "日本語のテキストと中文字符",
    "مرحبا بالعالم \u200f",
    "\u202eevil override\u202c",
    "emoji 🚀🔥👩\u200d💻 and flags 🇪🇸",
    "tab\there",
    "two\nlines",
    "trailing spaces   ",
    "\u00a0non-breaking\u2009thin",
    "combining e\u0301 a\u0308",
    "zero\u200bwidth",
    "x" * 300,
    "word " * 400,
    "\\* escaped \\` stars",
    "{{template}} ${shell} %s %(name)s",
    "https://example.com/path?q=1&r=<2>",
    "ÿ\u0100\u07ff\u0800\uffef\U0001f600\U00010000",
)
# characters deckgen must refuse with a clear message (never crash on)
FORBIDDEN_CHARS = ("\x00", "\x01", "\x07", "\x1b", "\r", "\x7f", "\x85", "\ud800", "\udfff",
                   "\ufffe", "\uffff")  # fmt: skip

URLS = (
    "https://youtu.be/w62T1SN4g6Y",
    "https://www.youtube.com/watch?v=w62T1SN4g6Y&t=1m30s",
    "https://www.youtube.com/playlist?list=PLj6h78yzYM2PpmMAnvpvsnR4c27wJePh3",
    "https://youtube.com/embed/w62T1SN4g6Y",
    "https://www.youtube.com/watch?v=iPz.DAOOCKA",
    "https://m.youtube.com/watch?v=",
    "https://example.com/",
    "http://example.com/a/b?c=d#e",
    "https://例え.jp/パス",
    "mailto:someone@example.com",
    "mailto:nobody",
    "HTTPS://EXAMPLE.COM/",
    "javascript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "file:///etc/passwd",
    "ftp://example.com/",
    "https://",
    "//example.com/",
    "https://[::1",
    "https://example.com/" + "a" * 3000,
)
GOOD_URLS = URLS[:4] + URLS[6:10] + URLS[11:12]
LANGUAGES = ("python", "yaml", "console", "dockerfile", "go", "json", "text", "no-such-lexer")
THEME_NAMES = ("default", "dark", "corporate", "no-such-theme", "../themes/default", "/etc")
DATES = ("2019-06-12", "2020-02-29", "2019-02-29", "2019-13-01", "12.06.2019", "")


def fuzz_text(clean: bool, max_size: int = 60) -> st.SearchStrategy[str]:
    """Slide text: mostly plain words, sometimes tricky, and (unless `clean`) sometimes
    anything at all or with a character deckgen must refuse."""
    words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join)
    tricky = st.sampled_from(TRICKY_TEXT)
    if clean:
        return st.one_of(words, words, words, tricky)
    anything = st.text(st.characters(codec="utf-8"), min_size=1, max_size=max_size)
    forbidden = st.tuples(words, st.sampled_from(FORBIDDEN_CHARS), words).map("".join)
    return st.one_of(words, words, tricky, anything, forbidden)


def _code_text(clean: bool) -> st.SearchStrategy[str]:
    lines = st.lists(
        st.one_of(
            st.sampled_from(WORDS), st.just(""), st.just("\tindented()"), fuzz_text(clean, 30)
        ),
        min_size=1,
        max_size=12,
    )
    return lines.map("\n".join).filter(lambda s: bool(s.strip()) or not clean)


def _numbers(clean: bool) -> st.SearchStrategy[Any]:
    if clean:
        return st.one_of(st.integers(-(10**6), 10**6), st.sampled_from([1.5, -0.25, 10**12]))
    return st.one_of(
        st.integers(-(10**6), 10**6),
        st.sampled_from([0, -1, 10**30, 1.5, 1e308, -0.0, float("inf"), float("nan")]),
        st.floats(allow_nan=True, allow_infinity=True),
    )


MAX_ITEMS = {"presenters": 2, "topics": 2, "slides": 4, "rows": 4, "columns": 4, "links": 3}


class SchemaStrategies:
    """Hypothesis strategies for recaps, read off the JSON schema (the subset it uses:
    `$ref`, `if`/`then`/`else`, `oneOf`/`anyOf` of `required` groups, `enum`, `type`,
    `properties`, `required`, `additionalProperties: false`, `minItems`, `minLength`,
    `format`), with realistic values for keys whose strings mean files, URLs or names.

    `images` are relative paths of images a recap may name, the usable ones first;
    `includes` maps `presenters` and `topics` to files of such items, the usable one
    first. A `clean` strategy uses only usable files, URLs, names and text (and so mostly
    builds), the other anything.
    """

    def __init__(
        self, images: Sequence[str], includes: dict[str, Sequence[str]], clean: bool
    ) -> None:
        self.schema = load_schema("recap")
        self.defs: dict[str, Any] = self.schema["$defs"]
        self.clean = clean

        def pick(values: Sequence[Any], good: int) -> Callable[[str], st.SearchStrategy[Any]]:
            return lambda within: st.sampled_from(list(values[:good] if clean else values))

        def include(within: str) -> st.SearchStrategy[str]:
            files = list(includes[within])
            return st.sampled_from(files[:1] if clean else files)

        self.keyed: dict[str, Callable[[str], st.SearchStrategy[Any]]] = {
            "path": pick(images, 3),
            "include": include,
            "language": pick(LANGUAGES, 7),
            "theme": pick(THEME_NAMES, 3),
            "date": pick(DATES, 2),
        }

    def recap(self) -> st.SearchStrategy[dict[str, Any]]:
        return self.node(self.schema, "", 0)

    def node(
        self, node: dict[str, Any], key: str, depth: int, within: str = ""
    ) -> st.SearchStrategy[Any]:
        """Values of schema `node` for the property `key`, at bullet level `depth`, in an
        item of the list `within`."""
        if key in self.keyed:
            return self.keyed[key](within)
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            if name == "url":
                return st.sampled_from(GOOD_URLS if self.clean else URLS)
            if name == "text":
                if key in ("code", "source"):
                    return _code_text(self.clean)
                return fuzz_text(self.clean)
            level = depth + 1 if name == "bullets" else depth  # depth counts bullet levels
            return self.node(self.defs[name], key, level, within)
        if "if" in node:
            test = node["if"]
            rest = {k: v for k, v in node.items() if k not in ("if", "then", "else")}
            then = self.node({**rest, **node["then"]}, key, depth, within)
            other = self.node({**rest, **node["else"]}, key, depth, within)
            return st.one_of(
                other.filter(lambda v: not _matches(test, v)),
                then.filter(lambda v: _matches(test, v)),
            )
        if "enum" in node:
            return st.sampled_from(node["enum"])
        kind = node.get("type")
        if isinstance(kind, list):
            return st.one_of(*(self.node({**node, "type": k}, key, depth, within) for k in kind))
        if kind == "object":
            return self.mapping(node, depth, within)
        if kind == "array":
            limit = MAX_ITEMS.get(key, 3)
            items = self.node(node.get("items", {}), key, depth, within=key)
            return st.lists(items, min_size=node.get("minItems", 0), max_size=limit)
        if kind == "string":
            return fuzz_text(self.clean)
        if kind == "number":
            return _numbers(self.clean)
        if kind == "boolean":
            return st.booleans()
        if kind == "null":
            return st.none()
        return st.nothing()

    def mapping(
        self, node: dict[str, Any], depth: int, within: str
    ) -> st.SearchStrategy[dict[str, Any]]:
        props: dict[str, Any] = node.get("properties", {})
        required = list(node.get("required", []))
        groups = [b["required"] for b in node.get("oneOf", node.get("anyOf", []))]
        exclusive = "oneOf" in node
        if depth >= 4:  # one level deeper than allowed at most
            props = {k: v for k, v in props.items() if k != "bullets"}

        def build(choice: list[str]) -> st.SearchStrategy[dict[str, Any]]:
            grouped = {k for g in groups for k in g}
            must = [*required, *choice]
            optional = [k for k in props if k not in must and (not exclusive or k not in grouped)]
            fixed = {k: self.node(props[k], k, depth, within) for k in must if k in props}
            extra = {k: self.node(props[k], k, depth, within) for k in optional}
            return st.fixed_dictionaries(fixed, optional=extra)

        if groups:
            return st.one_of(*(build(g) for g in groups))
        return build([])


def _matches(test: dict[str, Any], value: Any) -> bool:
    """The `if` tests of the recap schema: a type, and maybe required keys."""
    kind = {"object": dict, "string": str, "array": list}[test["type"]]
    return isinstance(value, kind) and all(k in value for k in test.get("required", []))


def dump_yaml(data: Any) -> str:
    """YAML text of `data`; characters YAML cannot hold raw are escaped in double quotes."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def write_strategy_files(base: Path) -> dict[str, str]:
    """Write in `base` the images and include files `SchemaStrategies` name; return the
    presenter file's content (for copies outside the folder)."""
    from PIL import Image

    (base / "img").mkdir(parents=True)
    Image.new("RGB", (40, 30), "teal").save(base / "img/small.png")
    Image.new("RGB", (30, 600), "navy").save(base / "img/tall.png")
    Image.new("RGB", (900, 30), "orange").save(base / "img/wide.jpg")
    (base / "people").mkdir()
    (base / "topics").mkdir()
    topic = {"title": "Loki", "slides": [{"bullets": ["Like Prometheus, but for logs"]}]}
    (base / "topics/topic.yaml").write_text(dump_yaml(topic), encoding="utf-8")
    presenter = {"name": "Bryan", "topics": [{"include": "../topics/topic.yaml"}]}
    (base / "people/presenter.yaml").write_text(dump_yaml(presenter), encoding="utf-8")
    return {"presenter": dump_yaml(presenter)}


# --- many deckgen processes at once ---------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """How one deckgen process ended."""

    returncode: int
    stdout: str
    stderr: str


MEMORY_LIMIT = 1 << 30  # address space of a child: a blow-up fails instead of swapping


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_many(
    jobs: dict[str, tuple[list[str], Path]], timeout: float = HANG_SECONDS, parallel: int = 4
) -> dict[str, Run]:
    """Run `deckgen ARGS` in folder `cwd` for each job name -> (ARGS, cwd), `parallel`
    at a time, each with at most `MEMORY_LIMIT` bytes of address space; a job still
    running after `timeout` seconds is killed (return code -9, a note on stderr)."""
    results: dict[str, Run] = {}
    pending = list(jobs.items())
    running: dict[str, tuple[subprocess.Popen[str], float]] = {}
    while pending or running:
        while pending and len(running) < parallel:
            name, (args, cwd) = pending.pop(0)
            process = subprocess.Popen(
                deckgen_cmd(*args),
                cwd=cwd,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                stdin=subprocess.DEVNULL,
                text=True,
                encoding="utf-8",
                errors="backslashreplace",
                env=child_env(),
                preexec_fn=_limit_memory,
            )
            running[name] = (process, time.monotonic())
        name = next(iter(running))
        process, started = running.pop(name)
        left = max(0.1, timeout - (time.monotonic() - started))
        try:
            out, err = process.communicate(timeout=left)
        except subprocess.TimeoutExpired:
            process.kill()
            out, err = process.communicate()
            err += f"\n[killed after {timeout} s]"
        results[name] = Run(process.returncode, out, err)
    return results
