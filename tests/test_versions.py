"""`deckgen.versions.version` finds what `importlib.metadata.version` finds."""

from __future__ import annotations

from importlib import metadata

import pytest

from deckgen.versions import version


@pytest.mark.parametrize("name", ["python-pptx", "Pillow", "PyYAML", "jsonschema_rs", "qrcode"])
def test_the_version_is_the_one_importlib_metadata_reads(name):
    assert version(name) == metadata.version(name)


def test_a_library_that_is_not_installed():
    with pytest.raises(LookupError) as caught:
        version("no-such-library")
    assert str(caught.value) == "no distribution named no-such-library is installed"
