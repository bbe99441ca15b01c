"""deckgen's XML escaping gives the strings `xml.sax.saxutils` gives (the deck's bytes)."""

from __future__ import annotations

from xml.sax import saxutils

from hypothesis import given, settings
from hypothesis import strategies as st

from deckgen.render.xml_text import escape, quoteattr

PROPERTIES = settings(derandomize=True, max_examples=300, deadline=None, database=None)
TEXT = st.text(alphabet=st.sampled_from("ab &<>\"'\n\r\t;#é中😀"), max_size=20) | st.text()


@PROPERTIES
@given(TEXT)
def test_escape_is_saxutils_escape(text: str) -> None:
    assert escape(text) == saxutils.escape(text)


@PROPERTIES
@given(TEXT)
def test_quoteattr_is_saxutils_quoteattr(text: str) -> None:
    assert quoteattr(text) == saxutils.quoteattr(text)


def test_attribute_quotes() -> None:
    assert quoteattr('say "hi"') == "'say \"hi\"'"
    assert quoteattr('it\'s "x"') == '"it\'s &quot;x&quot;"'
    assert quoteattr("a\tb\nc & <d>") == '"a&#9;b&#10;c &amp; &lt;d&gt;"'
