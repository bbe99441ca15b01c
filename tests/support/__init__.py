"""Test support for deckgen: OOXML schema validation and LibreOffice rendering checks.

- ``tests.support.ooxml``: ``validate_pptx`` checks a .pptx package against the
  ISO/IEC 29500 schemas (every XML part) and the packaging rules PowerPoint enforces.
- ``tests.support.render``: ``render_pdf`` (LibreOffice), text and word boxes per page
  (poppler), off-page and overlapping text, rasterising and QR decoding (zbar).
"""
