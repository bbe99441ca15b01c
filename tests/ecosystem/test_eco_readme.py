"""Copy-paste works: the commands and snippets of the README and of docs/ are real.

Every `deckgen ...` they show names a command and options that exist; those that can run
offline on the example recaps are run; the quick start installs what a presenter needs;
the pre-commit and shell-completion snippets are fed to pre-commit and to deckgen.
"""

from __future__ import annotations

import glob
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
import yaml
from click.testing import CliRunner

from deckgen.cli import main

REPO = Path(__file__).resolve().parents[2]
README = REPO / "README.md"
DOCS = [README, *sorted((REPO / "docs").rglob("*.md"))]
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.M | re.S)
# commands that draw with LibreOffice, never end or need a Git history: checked, not run
NOT_RUN = ("--pdf", "preview", "watch", "import", "serve", "--against")


def fenced(path: Path, language: str) -> list[str]:
    return [body for lang, body in FENCE.findall(path.read_text("utf-8")) if lang == language]


def inline_spans(path: Path) -> list[str]:
    """The inline code of `path` (outside fenced blocks), line breaks made spaces."""
    text = FENCE.sub("", path.read_text("utf-8"))
    return [" ".join(span.split()) for span in re.findall(r"`([^`]+)`", text)]


def commands(path: Path) -> list[str]:
    """Every `deckgen ...` command shown in `path`: in shell blocks (`.venv/bin/` or not,
    each part of an `&&` chain) and in inline code."""
    found = []
    for block in fenced(path, "sh"):
        for line in block.replace("\\\n", " ").splitlines():
            for part in line.split("&&"):
                part = part.strip().removeprefix(".venv/bin/")
                if part.startswith("deckgen ") or part == "deckgen":
                    found.append(part)
    spans = [s.split(" | ")[0] for s in inline_spans(path) if s.startswith("deckgen ")]
    return found + [s for s in spans if not s.startswith("deckgen @ ")]  # not pip's `NAME @ URL`


def options_of(command: click.Command) -> set[str]:
    return {opt for param in command.params for opt in (*param.opts, *param.secondary_opts)}


ALL = list(dict.fromkeys((p.relative_to(REPO).as_posix(), c) for p in DOCS for c in commands(p)))


def test_the_docs_show_many_commands():
    assert len([c for doc, c in ALL if doc == "README.md"]) >= 20


@pytest.mark.parametrize(("doc", "line"), ALL, ids=[f"{d}:{c}" for d, c in ALL])
def test_every_command_shown_exists_with_its_options(doc: str, line: str):
    words = line.split()
    assert isinstance(main, click.Group)
    name = next((w for w in words[1:] if not w.startswith("-")), None)
    if name is not None and not re.fullmatch(r"[a-z]+", name):
        name = None  # `deckgen COMMAND --help`, `deckgen --debug ...`: options of deckgen
    command = main.commands.get(name, None) if name else main
    assert command is not None, f"{doc}: no command `{name}` in `{line}`"
    allowed = options_of(command) | options_of(main) | {"-h", "--help"}
    for option in re.findall(r"(?<![\w/.-])--?[a-zA-Z][\w-]*", line):
        assert option in allowed, f"{doc}: `{line}`: {name} has no option {option}"


def runnable(line: str) -> list[str] | None:
    """The arguments of a command that can run offline on the examples, or None: no
    placeholders (RECAP, `...`, `[`), nothing that needs LibreOffice or never ends, and
    every file it names exists in the repository."""
    if any(mark in line for mark in ("...", "[", "|", "<")) or re.search(r"\b[A-Z]{3,}\b", line):
        return None
    args = shlex.split(line)[1:]
    if not args or any(word in args for word in NOT_RUN):
        return None
    command = main.commands.get(args[0]) if isinstance(main, click.Group) else None
    if command is not None:
        parsed = command.make_context(args[0], args[1:], resilient_parsing=True).params
        required = [p.name for p in command.params if isinstance(p, click.Argument) and p.required]
        if any(not parsed.get(name or "") for name in required):
            return None  # `deckgen validate --format json` named in a sentence
    expanded: list[str] = []
    for word in args:
        matches = sorted(glob.glob(word, root_dir=REPO)) if "*" in word else [word]
        expanded += matches
    files = [w for w in expanded if w.endswith((".yaml", ".yml"))]
    if args[0] in ("build", "validate") and not all((REPO / f).is_file() for f in files):
        return None
    return expanded


RUNNABLE = [(doc, line) for doc, line in ALL if runnable(line) is not None]


def test_many_commands_run():
    assert {runnable(line)[0] for _, line in RUNNABLE} >= {"build", "validate", "themes"}  # type: ignore[index]


@pytest.mark.parametrize(("doc", "line"), RUNNABLE, ids=[f"{d}:{c}" for d, c in RUNNABLE])
def test_every_command_that_can_run_offline_works_as_written(doc, line, examples: Path, cli):
    args = runnable(line)
    assert args is not None
    result = cli(*args)
    assert result.exit_code == 0, f"{doc}: `{line}`\n{result.output}"


# --- the quick start ----------------------------------------------------------------


def test_the_quick_start_installs_what_a_presenter_needs():
    first = fenced(README, "sh")[0].strip()
    assert first == (
        "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/deckgen build"
        " recaps/eu2019.yaml"
    )
    assert "[test]" not in first


def test_bare_deckgen_commands_come_after_the_venv_is_activated():
    blocks = fenced(README, "sh")
    activate = blocks.index(". .venv/bin/activate\n")
    for n, block in enumerate(blocks):
        if re.search(r"(^|&& |\$\()deckgen\b|_COMPLETE=\w+ deckgen", block, re.M):
            assert n > activate, block


SCRIPTS = sorted(
    {
        script
        for p in DOCS
        for line in p.read_text("utf-8").splitlines()
        for script in re.findall(r"(?:bash|python) ([\w./-]+\.py|\.ci/[\w-]+)", line)
    }
)


def test_the_scripts_the_docs_run_exist():
    assert {"benchmarks/bench.py", "tools/gallery.py", ".ci/run"} <= set(SCRIPTS)
    for script in SCRIPTS:
        assert (REPO / script).is_file(), script


# --- shell completion ---------------------------------------------------------------

COMPLETIONS = sorted(
    set(re.findall(r"`?\b((?:bash|zsh|fish)_source)\b", README.read_text("utf-8")))
)


def test_completion_is_documented_for_bash_zsh_and_fish():
    assert COMPLETIONS == ["bash_source", "fish_source", "zsh_source"]


@pytest.mark.parametrize("source", COMPLETIONS)
def test_the_completion_snippets_print_a_script(source: str):
    result = CliRunner().invoke(main, [], prog_name="deckgen", env={"_DECKGEN_COMPLETE": source})
    assert result.exit_code == 0
    assert "_DECKGEN_COMPLETE" in result.output and "deckgen" in result.output


def test_completion_offers_commands_and_choices():
    env = {
        "_DECKGEN_COMPLETE": "bash_complete",
        "COMP_WORDS": "deckgen build --steps ",
        "COMP_CWORD": "3",
    }
    result = CliRunner().invoke(main, [], prog_name="deckgen", env=env)
    assert result.output.split() == ["plain,collapse", "plain,animate", "plain,off"]


# --- pre-commit ---------------------------------------------------------------------


def pre_commit_configs() -> list[str]:
    return [b for b in fenced(README, "yaml") if b.startswith("repos:")]


def pre_commit(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home)}
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    for key in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        env.pop(key, None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def git(*args: str, cwd: Path) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def need_pre_commit(need_module) -> None:
    need_module("pre_commit")
    if shutil.which("git") is None:
        pytest.skip("needs git")


def test_the_readme_shows_a_local_and_a_remote_pre_commit_config():
    configs = [yaml.safe_load(b) for b in pre_commit_configs()]
    assert [c["repos"][0]["repo"] for c in configs] == [
        "local",
        "https://github.com/your-org/deckgen",
    ]


@pytest.mark.parametrize("n", [0, 1])
def test_pre_commit_accepts_each_config_of_the_readme(n: int, tmp_path: Path, need_pre_commit):
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text(pre_commit_configs()[n], encoding="utf-8")
    result = pre_commit("validate-config", str(config), cwd=tmp_path, home=tmp_path / "home")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_local_hook_of_the_readme_stops_a_broken_commit(examples: Path, need_pre_commit):
    (examples / ".pre-commit-config.yaml").write_text(pre_commit_configs()[0], encoding="utf-8")
    bryan = examples / "recaps/kubecon2019-team/bryan.yaml"
    bryan.write_text(bryan.read_text("utf-8").replace("slides:", "slidez:", 1), "utf-8")
    git("init", "-q", ".", cwd=examples)
    git("add", ".", cwd=examples)
    result = pre_commit(
        "run", "--files", "recaps/kubecon2019-team/bryan.yaml", cwd=examples, home=examples / "h"
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "recaps/kubecon2019-team/bryan.yaml:" in result.stdout
    assert "unknown key `slidez`" in result.stdout


def test_autoupdate_gives_the_remote_config_a_fixed_revision(tmp_path: Path, need_pre_commit):
    """What the README says `pre-commit autoupdate` does while deckgen has no tags (a
    local copy of the hook's repository stands for deckgen's address)."""
    upstream = tmp_path / "deckgen"
    upstream.mkdir()
    shutil.copy(REPO / ".pre-commit-hooks.yaml", upstream)
    git("init", "-q", "-b", "main", ".", cwd=upstream)
    git("add", ".", cwd=upstream)
    git("commit", "-q", "-m", "hooks", cwd=upstream)
    work = tmp_path / "recaps-repo"
    work.mkdir()
    git("init", "-q", ".", cwd=work)
    text = pre_commit_configs()[1].replace("https://github.com/your-org/deckgen", str(upstream))
    (work / ".pre-commit-config.yaml").write_text(text, encoding="utf-8")
    result = pre_commit("autoupdate", cwd=work, home=tmp_path / "home")
    assert result.returncode == 0, result.stdout + result.stderr
    (repo,) = yaml.safe_load((work / ".pre-commit-config.yaml").read_text("utf-8"))["repos"]
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=upstream, capture_output=True, text=True, check=True
    )
    assert repo["rev"] == head.stdout.strip()
