"""Installed versions read from metadata folder names agree with importlib.metadata."""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata

import pytest

from deckgen import versions

LIBRARIES = ["python-pptx", "lxml", "Pillow", "qrcode", "Pygments", "PyYAML", "jsonschema-rs"]


@pytest.mark.parametrize("name", [*LIBRARIES, "uharfbuzz", "pillow", "python_pptx", "PYYAML"])
def test_the_version_is_the_one_importlib_metadata_gives(name):
    assert versions.version(name) == metadata.version(name)


def test_a_distribution_not_installed_raises_as_importlib_does():
    with pytest.raises(metadata.PackageNotFoundError):
        versions.version("no-such-distribution-here")


def test_reading_versions_imports_no_importlib_metadata():
    code = (
        "import sys; from deckgen.versions import version; version('python-pptx'); "
        "print('importlib.metadata' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
