"""QR codes (qr.py): what a phone reads is the page the presenter linked."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from deckgen.links import as_uri
from deckgen.qr import qr_png

needs_zbar = pytest.mark.integration("zbarimg")  # skipped locally without it, failed in CI


def scanned(png: bytes, folder: Path) -> str:
    path = folder / "code.png"
    path.write_bytes(png)
    result = subprocess.run(
        ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(path)],
        capture_output=True,
        check=True,
    )
    return result.stdout.decode("ascii").strip()


@needs_zbar
@pytest.mark.parametrize(
    ("url", "uri"),
    [
        ("https://youtu.be/w62T1SN4g6Y", "https://youtu.be/w62T1SN4g6Y"),
        ("https://de.wikipedia.org/wiki/Müller", "https://de.wikipedia.org/wiki/M%C3%BCller"),
        (
            "https://bücher.example/straße?q=ü#ö",
            "https://xn--bcher-kva.example/stra%C3%9Fe?q=%C3%BC#%C3%B6",
        ),
        ("https://ja.example/東京", "https://ja.example/%E6%9D%B1%E4%BA%AC"),
    ],
)
def test_a_phone_reads_the_link_as_a_uri(url: str, uri: str, tmp_path: Path):
    assert scanned(qr_png(url), tmp_path) == uri


def test_as_uri_keeps_what_is_already_ascii():
    url = "https://example.com/a%20b?x=1&y=[2]#top"
    assert as_uri(url) == url
    assert as_uri("https://user@münchen.example:8080/ä") == (
        "https://user@xn--mnchen-3ya.example:8080/%C3%A4"
    )
    assert as_uri("mailto:jürgen@example.com") == "mailto:j%C3%BCrgen@example.com"
