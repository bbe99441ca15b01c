"""Editors complete and check recaps: the real yaml-language-server (tests/editor/package.json,
installed by `.ci/run` with `npm ci`), driven over stdio as an editor drives it, reads the
modelines `deckgen new` writes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from deckgen.starter import write_starter
from deckgen.validate import load_schema
from tests.editor.lsp import SERVER, LanguageServer

pytestmark = pytest.mark.integration("node", SERVER)

SLIDE_KEYS = [
    "title",
    "notes",
    "keep",
    "steps",
    "bullets",
    "text",
    "quote",
    "code",
    "table",
    "image",
    "video",
    "links",
    "stats",
]
# the first `slides:` of each kind of starter
FIRST_SLIDES = {"recap": "        slides:\n", "presenter": "    slides:\n", "topic": "\nslides:\n"}


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("recaps")


@pytest.fixture(scope="module")
def server(root: Path) -> Iterator[LanguageServer]:
    language_server = LanguageServer(root)
    yield language_server
    language_server.close()


def starter(root: Path, name: str, kind: str = "recap", insert: str = "") -> Path:
    """A file `deckgen new` writes, with `insert` as the first slide of its first topic."""
    path = root / name
    write_starter(path, force=True, kind=kind)
    text = path.read_text(encoding="utf-8")
    marker = FIRST_SLIDES[kind]
    indent = " " * (len(marker) - len(marker.lstrip(" ")) + 2)
    lines = "".join(indent + line + "\n" for line in insert.splitlines())
    path.write_text(text.replace(marker, marker + lines, 1), encoding="utf-8")
    return path


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines()) if text in line)


def test_the_starter_has_no_diagnostics(root: Path, server: LanguageServer):
    uri = server.open(starter(root, "clean.yaml"))
    assert server.diagnostics_of(uri) == []


def test_completion_in_a_slide_offers_the_slide_keys_with_descriptions(
    root: Path, server: LanguageServer
):
    path = starter(root, "complete.yaml", insert="- title: Empty\n  ")
    uri = server.open(path)
    row = line_of(path, "- title: Empty") + 1
    items = server.completion(uri, row, len(path.read_text().splitlines()[row]))
    offered = {item["label"]: item.get("documentation") for item in items}
    described = load_schema()["$defs"]["slide"]["properties"]
    assert set(SLIDE_KEYS) - {"title"} <= set(offered)
    for key in set(SLIDE_KEYS) - {"title"}:
        documentation = offered[key]
        text = documentation["value"] if isinstance(documentation, dict) else documentation
        assert text == described[key]["description"], key


def test_a_typo_gets_a_diagnostic(root: Path, server: LanguageServer):
    path = starter(root, "typo.yaml", insert="- bulets: [Helm 3]")
    uri = server.open(path)
    row = line_of(path, "- bulets:")
    typo = "Property bulets is not allowed."
    found = [d for d in server.diagnostics_of(uri) if d["message"] == typo]
    assert [(d["range"]["start"], d["severity"]) for d in found] == [
        ({"line": row, "character": 12}, 1)
    ]


@pytest.mark.parametrize("kind", ["presenter", "topic"])
def test_presenter_and_topic_files_are_checked_against_their_fragment(
    root: Path, server: LanguageServer, kind: str
):
    clean = server.open(starter(root, f"people/{kind}.yaml", kind))
    assert server.diagnostics_of(clean) == []
    path = starter(root, f"people/{kind}-typo.yaml", kind, insert="- bulets: [Helm 3]")
    messages = [d["message"] for d in server.diagnostics_of(server.open(path))]
    assert "Property bulets is not allowed." in messages
