"""Confinement: files a recap names stay inside its folder tree (symlinks resolved), links
are only http, https or mailto, and a build touches no network."""

from __future__ import annotations

import os
import socket
import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from PIL import Image
from rel_common import EXAMPLES, child_env, deck_problems, run_deckgen

from deckgen import api
from deckgen.errors import DeckgenError
from deckgen.links import LinkError, check_url

HEAD = "title: T\npresenters:\n  - name: A\n    topics:\n      - title: X\n        slides:\n"


def _problems(path: Path) -> list[str]:
    try:
        api.check(path)
    except DeckgenError as exc:
        return [str(p) for p in exc.problems]
    return []


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp/recap (the recap's folder, the current folder) and tmp/outside with a picture,
    a presenter file and a folder of pictures."""
    recap, outside = tmp_path / "recap", tmp_path / "outside"
    (outside / "pics").mkdir(parents=True)
    recap.mkdir()
    for folder in (outside, outside / "pics", recap):
        Image.new("RGB", (40, 30), "teal").save(folder / "pic.png")
    (outside / "presenter.yaml").write_text(
        "name: Eve\ntopics:\n  - title: Secrets\n", encoding="utf-8"
    )
    monkeypatch.chdir(recap)
    return recap


def _image_recap(path: str) -> Path:
    Path("r.yaml").write_text(HEAD + f"          - image: {{path: '{path}'}}\n", encoding="utf-8")
    return Path("r.yaml")


IMAGE_AT = "r.yaml:7:27: error: presenters[0].topics[0].slides[0].image.path: "


def test_a_symlinked_image_that_points_outside(tree: Path):
    os.symlink(tree.parent / "outside" / "pic.png", "link.png")
    assert _problems(_image_recap("link.png")) == [
        IMAGE_AT + "image `link.png` lies outside the recap's folder"
    ]


def test_an_image_in_a_symlinked_folder_that_points_outside(tree: Path):
    os.symlink(tree.parent / "outside" / "pics", "pics")
    assert _problems(_image_recap("pics/pic.png")) == [
        IMAGE_AT + "image `pics/pic.png` lies outside the recap's folder"
    ]


@pytest.mark.parametrize(
    "path", ["../outside/pic.png", "/etc/passwd", "pics/../../outside/pic.png"]
)
def test_an_image_path_that_leaves_the_folder(tree: Path, path: str):
    assert _problems(_image_recap(path)) == [
        IMAGE_AT + f"image `{path}` lies outside the recap's folder"
    ]


def test_a_symlink_that_stays_inside_is_fine(tree: Path):
    Path("pics").mkdir()
    os.symlink("../pic.png", "pics/alias.png")
    assert _problems(_image_recap("pics/alias.png")) == []


def test_a_symlink_loop_and_a_pipe_are_refused_without_hanging(tree: Path):
    os.symlink("loop-b", "loop-a")
    os.symlink("loop-a", "loop-b")
    os.mkfifo("pipe.png")
    assert _problems(_image_recap("loop-a")) == [IMAGE_AT + "image `loop-a` is a symlink loop"]
    assert _problems(_image_recap("pipe.png")) == [
        IMAGE_AT + "image `pipe.png` is not a regular file"
    ]


def _include_recap(path: str) -> Path:
    Path("r.yaml").write_text(f"title: T\npresenters:\n  - include: '{path}'\n", encoding="utf-8")
    return Path("r.yaml")


INCLUDE_AT = "r.yaml:3:14: error: presenters[0].include: "


def test_a_symlinked_include_that_points_outside(tree: Path):
    Path("team").mkdir()
    os.symlink(tree.parent / "outside" / "presenter.yaml", "team/eve.yaml")
    assert _problems(_include_recap("team/eve.yaml")) == [
        INCLUDE_AT + "included file `team/eve.yaml` lies outside the recap's folder"
    ]


def test_an_include_in_a_symlinked_folder_that_points_outside(tree: Path):
    os.symlink(tree.parent / "outside", "team")
    assert _problems(_include_recap("team/presenter.yaml")) == [
        INCLUDE_AT + "included file `team/presenter.yaml` lies outside the recap's folder"
    ]


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/dev/zero", "included file `/dev/zero` lies outside the recap's folder"),
        ("../outside/presenter.yaml", "included file `../outside/presenter.yaml` lies outside"),
        ("pipe.yaml", "included file `pipe.yaml` is not a regular file"),
        ("a\x00b.yaml", "included file `a\\x00b.yaml` is not a valid file name"),
        ("x" * 300, f"included file `{'x' * 97}...` cannot be read: File name too long"),
    ],
    ids=["device", "dot-dot", "pipe", "nul", "too-long"],
)
def test_an_include_that_cannot_be_read_is_refused(tree: Path, path: str, message: str):
    os.mkfifo("pipe.yaml")
    quoted = path.replace("\x00", "\\0")
    Path("r.yaml").write_text(f'title: T\npresenters:\n  - include: "{quoted}"\n', "utf-8")
    (problem,) = _problems(Path("r.yaml"))
    assert problem.startswith(INCLUDE_AT + message)
    if "outside" not in message:
        assert problem == INCLUDE_AT + message


def test_an_included_file_cannot_reach_outside_through_its_own_folder(tree: Path):
    """An included file's paths are relative to it, but the bound stays the top recap's
    folder."""
    Path("team").mkdir()
    Path("team/bob.yaml").write_text(
        "name: Bob\ntopics:\n  - include: ../../outside/presenter.yaml\n", encoding="utf-8"
    )
    assert _problems(_include_recap("team/bob.yaml")) == [
        "team/bob.yaml:3:14: error: presenters[0].topics[0].include: included file"
        " `../../outside/presenter.yaml` lies outside the recap's folder"
    ]


# --- links -------------------------------------------------------------------------------

REFUSED = {
    "JAVASCRIPT:alert(1)": "has `javascript:`; only http, https and mailto links are allowed",
    "JavaScript:alert(1)": "has `javascript:`; only http, https and mailto links are allowed",
    " javascript:alert(1)": "contains spaces or control characters",
    "javascript :alert(1)": "contains spaces or control characters",
    "java\tscript:alert(1)": "contains spaces or control characters",
    "java\nscript:alert(1)": "contains spaces or control characters",
    "\u2028javascript:alert(1)": "contains spaces or control characters",
    "%6Aavascript:alert(1)": "has no scheme; only http, https and mailto links are allowed",
    "javascript%3Aalert(1)": "has no scheme; only http, https and mailto links are allowed",
    "ｊavascript:alert(1)": "has no scheme; only http, https and mailto links are allowed",
    "data:text/html,<script>alert(1)</script>": "has `data:`; only http, https and mailto"
    " links are allowed",
    "file:///etc/passwd": "has `file:`; only http, https and mailto links are allowed",
    "vbscript:msgbox": "has `vbscript:`; only http, https and mailto links are allowed",
    "//example.com/": "has no scheme; only http, https and mailto links are allowed",
    "https:example.com": "has no host",
    "http://": "has no host",
    "mailto:nobody": "is not an e-mail address",
}
ACCEPTED = ["HTTPS://EXAMPLE.COM/", "HtTp://example.com", "MAILTO:someone@example.com"]


@pytest.mark.parametrize("url", list(REFUSED))
def test_a_url_with_another_scheme_is_refused(url: str):
    with pytest.raises(LinkError) as caught:
        check_url(url)
    assert str(caught.value).endswith(REFUSED[url])


@pytest.mark.parametrize("url", ACCEPTED)
def test_schemes_are_case_insensitive(url: str):
    check_url(url)


@pytest.mark.parametrize(
    "field",
    [
        "links: [{url: '%s'}]",
        "bullets: ['[click](%s)']",
        "text: 'see [this](%s)'",
        "video: {url: '%s'}",
    ],
)
def test_a_recap_with_a_javascript_link_is_refused(tmp_path: Path, field: str):
    recap = tmp_path / "r.yaml"
    recap.write_text(HEAD + "          - " + field % "JavaScript:alert(1)" + "\n", "utf-8")
    problems = _problems(recap)
    assert len(problems) == 1 and problems[0].endswith(
        "URL `JavaScript:alert(1)` has `javascript:`; only http, https and mailto links are allowed"
    )


def _external_targets(deck: Path) -> list[str]:
    targets = []
    with zipfile.ZipFile(deck) as archive:
        for name in archive.namelist():
            if name.endswith(".rels"):
                root = etree.fromstring(archive.read(name))
                targets += [r.get("Target") for r in root if r.get("TargetMode") == "External"]
    return targets


def test_every_hyperlink_in_the_decks_is_http_https_or_mailto(tmp_path: Path):
    found: list[str] = []
    for example in EXAMPLES:
        deck = tmp_path / f"{example.stem}.pptx"
        api.build(example, deck)
        found += _external_targets(deck)
    assert found
    assert all(t.split(":", 1)[0] in ("http", "https", "mailto") for t in found), found


# --- no network ----------------------------------------------------------------------------


class _NoNetwork(socket.socket):
    attempts: list[Any] = []  # noqa: RUF012

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.attempts.append(args)
        raise OSError("network access during a build")


def test_a_build_opens_no_socket(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(socket, "socket", _NoNetwork)
    monkeypatch.setattr(socket, "getaddrinfo", _NoNetwork)
    monkeypatch.setattr(socket, "create_connection", _NoNetwork)
    for example in EXAMPLES:
        api.build(example, tmp_path / f"{example.stem}.pptx")
    assert _NoNetwork.attempts == []


SITECUSTOMIZE = """\
import socket, sys

def _refuse(*args, **kwargs):
    with open({log!r}, "a") as log:
        log.write(repr(args) + "\\n")
    raise OSError("network access during a build")

class _Socket(socket.socket):
    def __init__(self, *args, **kwargs):
        _refuse(*args)

socket.socket = _Socket
socket.getaddrinfo = socket.create_connection = socket.gethostbyname = _refuse
"""


def test_the_command_line_builds_without_network(tmp_path: Path):
    """A child process whose every socket call fails (and is logged) builds both examples,
    with their YouTube links and QR codes, and the PDF-free path only."""
    blocker = tmp_path / "blocker"
    blocker.mkdir()
    log = tmp_path / "network.log"
    (blocker / "sitecustomize.py").write_text(SITECUSTOMIZE.format(log=str(log)), "utf-8")
    env = child_env()
    env["PYTHONPATH"] = os.pathsep.join([str(blocker), env["PYTHONPATH"]])
    out = tmp_path / "out"
    done = run_deckgen("build", "--force", *EXAMPLES, "-o", out, cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    assert not log.exists(), log.read_text()
    for example in EXAMPLES:
        assert deck_problems(out / f"{example.stem}.pptx") == []


def test_a_recap_that_is_a_pipe_or_a_device_is_refused_without_hanging(tmp_path: Path):
    os.mkfifo(tmp_path / "pipe.yaml")
    done = run_deckgen("build", "pipe.yaml", "/dev/zero", "-o", "out", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "pipe.yaml: error: is not a regular file",
        "/dev/zero: error: is not a regular file",
    ]


@pytest.mark.parametrize("how", ["recap", "option"])
@pytest.mark.parametrize("theme", ["loop/a", "x" * 300], ids=["symlink-loop", "name-too-long"])
def test_a_theme_path_that_cannot_be_resolved_is_refused(tmp_path: Path, theme: str, how: str):
    (tmp_path / "loop").mkdir()
    os.symlink("b", tmp_path / "loop" / "a")
    os.symlink("a", tmp_path / "loop" / "b")
    recap = "title: T\npresenters:\n  - name: A\n    topics:\n      - title: X\n"
    if how == "recap":
        recap += f"theme: {theme}\n"
    (tmp_path / "r.yaml").write_text(recap, encoding="utf-8")
    option = ["--theme", theme] if how == "option" else []
    done = run_deckgen("build", "r.yaml", *option, "-o", "out", cwd=tmp_path)
    assert "internal error" not in done.stderr
    assert done.returncode == 1


# --- a recap's theme stays inside its repository -------------------------------------------

THEME_RECAP = "title: T\ntheme: {theme}\npresenters:\n  - name: A\n    topics: [{{title: X}}]\n"
OUTSIDE = (
    "theme folder `{theme}` lies outside the recap's repository; use a theme inside it, or --theme"
)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp/repo (a git work tree: `.git`) holding recaps/ and themes/mine, and
    tmp/elsewhere, a theme outside it; the current folder is tmp/repo."""
    for folder in ("repo/.git", "repo/recaps", "repo/themes/mine", "elsewhere"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "repo/themes/mine/theme.yaml").write_text("extends: default\n", encoding="utf-8")
    (tmp_path / "elsewhere/theme.yaml").write_text("extends: default\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "repo")
    return tmp_path / "repo"


def _theme_recap(theme: str, name: str = "recaps/r.yaml") -> Path:
    Path(name).write_text(THEME_RECAP.format(theme=theme), encoding="utf-8")
    return Path(name)


def test_a_theme_inside_the_repository_is_used(repo: Path):
    assert _problems(_theme_recap("../themes/mine")) == []


@pytest.mark.parametrize("theme", ["../../elsewhere", "/etc", "./link"])
def test_a_theme_outside_the_repository_is_refused_at_the_theme_line(repo: Path, theme: str):
    (repo / "recaps/link").symlink_to(repo.parent / "elsewhere")  # a symlink counts resolved
    assert _problems(_theme_recap(theme)) == [
        f"recaps/r.yaml:2:8: error: theme: {OUTSIDE.format(theme=theme)}"
    ]


def test_a_theme_that_extends_one_outside_is_refused_at_the_extends_line(repo: Path):
    mine = repo / "themes/mine/theme.yaml"
    mine.write_text("extends: ../../../elsewhere\n", encoding="utf-8")
    assert _problems(_theme_recap("../themes/mine")) == [
        f"{mine.as_posix()}:1:10: error: extends: " + OUTSIDE.format(theme="../../../elsewhere")
    ]


def test_without_git_the_repository_is_the_recap_folder(repo: Path):
    (repo / ".git").rmdir()
    assert _problems(_theme_recap("../themes/mine")) == [
        f"recaps/r.yaml:2:8: error: theme: {OUTSIDE.format(theme='../themes/mine')}"
    ]
    assert _problems(_theme_recap("themes/mine", "r.yaml")) == []


def test_builtin_themes_and_the_command_line_may_name_any_folder(repo: Path):
    assert _problems(_theme_recap("dark")) == []
    done = run_deckgen("validate", "recaps/r.yaml", "--theme", "../elsewhere", cwd=repo)
    assert done.returncode == 0, done.stderr
    built = run_deckgen("build", "recaps/r.yaml", "--theme", "../elsewhere", "-o", "out", cwd=repo)
    assert built.returncode == 0, built.stderr
