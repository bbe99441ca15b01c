"""docs/recap-format.md, the users' reference: every YAML example in it validates, every key
of the recap and theme schemas is documented, and the README and `deckgen --help` send
users to it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from PIL import Image

from deckgen import api
from deckgen.cli import main
from deckgen.theme import load_theme
from deckgen.validate import load_schema
from tests.test_schema_descriptions import properties

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "recap-format.md"
FILE = re.compile(r"# file: (\S+)\n")


def yaml_blocks() -> list[str]:
    return re.findall(r"^```yaml\n(.*?)^```$", DOC.read_text("utf-8"), re.MULTILINE | re.DOTALL)


def as_recap(block: str) -> str:
    """A recap holding the example `block`: itself when it is one, else the block's
    top-level keys in a minimal recap and its `slides` in a topic of it."""
    data: dict[str, Any] = yaml.safe_load(block)
    if "title" in data and "presenters" in data:
        return block
    topic: dict[str, Any] = {"title": "Example"}
    if "slides" in data:
        topic["slides"] = data.pop("slides")
    recap = {"title": "Example", "presenters": [{"name": "A", "topics": [topic]}], **data}
    return yaml.safe_dump(recap, allow_unicode=True, sort_keys=False)


def images_of(text: str) -> list[str]:
    return re.findall(r"^\s*path: (\S+)$", text, re.MULTILINE)


def test_the_reference_has_examples_of_every_slide_kind():
    kinds = load_schema()["$defs"]["slide"]["oneOf"]
    blocks = "\n".join(yaml_blocks())
    for kind in [k["required"][0] for k in kinds]:
        assert re.search(rf"^ *(- )?{kind}:", blocks, re.MULTILINE), kind


def test_every_example_validates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    blocks = yaml_blocks()
    assert len(blocks) > 20
    named = {FILE.match(b).group(1): b for b in blocks if FILE.match(b)}  # type: ignore[union-attr]
    for name, block in named.items():
        Path(name).parent.mkdir(parents=True, exist_ok=True)
        Path(name).write_text(block, encoding="utf-8")
    for image in images_of("\n".join(blocks)):
        Path(image).parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (160, 90), "teal").save(image)
    load_theme(Path("themes/ours"))  # the theme example (raises when invalid)
    checked = 0
    for number, block in enumerate(blocks, start=1):
        name = FILE.match(block)
        if name and not name.group(1).startswith("team"):
            continue  # a presenter, topic or theme file: checked through what uses it
        path = Path(name.group(1)) if name else Path(f"example-{number}.yaml")
        path.write_text(as_recap(block), encoding="utf-8")
        checked += 1
        assert [str(w) for w in api.check(path, strict=True).warnings] == [], block
    assert checked == len(blocks) - 3


@pytest.mark.parametrize("name", ["recap", "theme"])
def test_every_schema_key_is_documented(name):
    text = DOC.read_text("utf-8")
    keys = {path.rsplit("/", 1)[1] for path, _ in properties(load_schema(name))}
    assert sorted(key for key in keys if f"`{key}`" not in text) == []


def test_the_readme_and_the_help_link_the_reference():
    assert "(docs/recap-format.md)" in (REPO / "README.md").read_text("utf-8")
    assert "docs/recap-format.md" in CliRunner().invoke(main, ["--help"]).output
