"""What a user installs: the sdist and the wheel hold the licence, the format reference and
the schemas, and the metadata declares every module the code imports."""

from __future__ import annotations

import ast
import email
import importlib.util
import re
import subprocess
import sys
import tarfile
import zipfile
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest
from tests.support.programs import lacking

REPO = Path(__file__).resolve().parents[2]
BUILD = "import sys, hatchling.build as b; b.build_sdist(sys.argv[1]); b.build_wheel(sys.argv[1])"


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist and the wheel, built offline with the build backend itself."""
    if importlib.util.find_spec("hatchling") is None:
        lacking("the Python module hatchling")
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-c", BUILD, str(out)], cwd=REPO, check=True, capture_output=True
    )
    return out


def wheel_names(dist: Path) -> list[str]:
    (wheel,) = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return archive.namelist()


def sdist_names(dist: Path) -> list[str]:
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        return [name.split("/", 1)[1] for name in archive.getnames() if "/" in name]


def metadata(dist: Path) -> email.message.Message:
    (wheel,) = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        return email.message_from_bytes(archive.read(name))


def test_the_licence_is_mit_of_the_contributors():
    text = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n\nCopyright (c) 2026 deckgen contributors\n")


def test_the_wheel_holds_the_licence_the_reference_and_the_schemas(dist: Path):
    names = wheel_names(dist)
    for needed in [
        "deckgen-0.1.0.dist-info/licenses/LICENSE",
        "deckgen/docs/recap-format.md",
        "deckgen/schema/recap.schema.json",
        "deckgen/schema/theme.schema.json",
        "deckgen/themes/default/theme.yaml",
    ]:
        assert needed in names, needed


def test_the_sdist_holds_the_licence_the_reference_the_schemas_and_the_tests(dist: Path):
    names = sdist_names(dist)
    for needed in [
        "LICENSE",
        "README.md",
        "docs/recap-format.md",
        "schema/recap.schema.json",
        "schema/theme.schema.json",
        "src/deckgen/schema/recap.schema.json",
        "tests/conftest.py",
        ".ci/run",
    ]:
        assert needed in names, needed
    assert not [n for n in names if n.startswith((".venv/", "output/", ".git/"))]


def test_the_metadata_has_licence_classifiers_and_urls(dist: Path):
    meta = metadata(dist)
    assert meta["License-Expression"] == "MIT"
    classifiers = meta.get_all("Classifier") or []
    assert "Programming Language :: Python :: 3.10" in classifiers
    assert "Topic :: Multimedia :: Graphics :: Presentation" in classifiers
    urls = dict(u.split(", ", 1) for u in meta.get_all("Project-URL") or [])
    assert sorted(urls) == ["Documentation", "Homepage", "Issues", "Source"]


def _imported_modules() -> set[str]:
    """The top-level modules deckgen's code imports (at any depth of a function)."""
    found: set[str] = set()
    for path in (REPO / "src/deckgen").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return found - set(sys.stdlib_module_names) - {"deckgen"}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_imported_module_is_a_declared_dependency(dist: Path):
    declared = {
        _normal(re.split(r"[ ;<>=!~\[]", requirement, maxsplit=1)[0])
        for requirement in metadata(dist).get_all("Requires-Dist") or []
        if "extra ==" not in requirement
    }
    providers = packages_distributions()
    modules = _imported_modules()
    assert {"lxml", "pptx", "yaml", "PIL"} <= modules
    for module in sorted(modules):
        owners = {_normal(d) for d in providers.get(module, [])}
        assert owners & declared, f"`import {module}` comes from {owners}, not a dependency"
