"""Rules beyond the schema: links, YouTube IDs, images, tables, nesting, code languages."""

from __future__ import annotations

import os
import struct
import zlib
from pathlib import Path

import pytest

from deckgen import api
from deckgen.errors import RecapError

ONLY = "presenters[0].topics[0]"


def recap(slides: str, topic: str = "", top: str = "") -> str:
    """A recap with one topic; `slides` and `topic` are YAML at the indent of their keys.

    Line 6 holds the first line of `topic`; `slides:` follows, and the slides after it
    (so the first slide is on line 7 when there is no `topic`, on line 8 with one line).
    """
    lines = ["title: T", *top.splitlines(), "presenters:", "  - name: A", "    topics:"]
    lines += ["      - title: X", *("        " + t for t in topic.splitlines())]
    if slides:
        lines += ["        slides:", *("          " + s for s in slides.splitlines())]
    return "\n".join(lines) + "\n"


def png_header(width: int, height: int) -> bytes:
    """The first bytes of a PNG claiming `width` x `height` pixels (no pixel data)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IEND", b"")


# --- URLs ---------------------------------------------------------------------------


def test_url_fields_accept_http_https_and_mailto(write, problems):
    path = write(
        "r.yaml",
        """\
        title: T
        event: {url: "http://example.com/x"}
        presenters: [{name: A, topics: [{title: X, slides_url: "https://example.com/s"}]}]
        closing:
          links:
            - url: "mailto:recap@example.com"
            - url: "HTTPS://EXAMPLE.COM/upper"
        """,
    )
    assert problems(path) == []


def test_url_fields_refuse_other_schemes(write, problems):
    path = write(
        "r.yaml",
        """\
        title: T
        event:
          url: javascript:alert(1)
        presenters: [{name: A, topics: [{title: X}]}]
        closing:
          links:
            - url: file:///etc/passwd
            - url: www.example.com
            - {label: data, url: "data:text/html,hi"}
            - url: "mailto:nobody"
            - url: "https://"
            - url: "https://exa mple.com"
        """,
    )
    assert problems(path) == [
        "r.yaml:3:8: error: event.url: URL `javascript:alert(1)` has `javascript:`;"
        " only http, https and mailto links are allowed",
        "r.yaml:7:12: error: closing.links[0].url: URL `file:///etc/passwd` has `file:`;"
        " only http, https and mailto links are allowed",
        "r.yaml:8:12: error: closing.links[1].url: URL `www.example.com` has no scheme;"
        " only http, https and mailto links are allowed",
        "r.yaml:9:26: error: closing.links[2].url: URL `data:text/html,hi` has `data:`;"
        " only http, https and mailto links are allowed",
        "r.yaml:10:12: error: closing.links[3].url: URL `mailto:nobody` is not an e-mail address",
        "r.yaml:11:12: error: closing.links[4].url: URL `https://` has no host",
        "r.yaml:12:12: error: closing.links[5].url: URL `https://exa mple.com`"
        " contains spaces or control characters",
    ]


def test_topic_and_video_slide_urls_are_checked(write, problems):
    path = write(
        "r.yaml",
        recap(
            "- video: {url: 'ftp://example.com/talk.mp4'}",
            topic="slides_url: javascript:void(0)",
        ),
    )
    assert problems(path) == [
        f"r.yaml:6:21: error: {ONLY}.slides_url: URL `javascript:void(0)` has `javascript:`;"
        " only http, https and mailto links are allowed",
        f"r.yaml:8:26: error: {ONLY}.slides[0].video.url: URL `ftp://example.com/talk.mp4`"
        " has `ftp:`; only http, https and mailto links are allowed",
    ]


def test_inline_javascript_link_in_bullets_is_refused(write, problems):
    path = write("r.yaml", recap("- bullets:\n    - see [x](javascript:alert(1))"))
    (line,) = problems(path)
    assert line.startswith(f"r.yaml:8:17: error: {ONLY}.slides[0].bullets[0]: URL `javascript:")
    assert line.endswith("has `javascript:`; only http, https and mailto links are allowed")


def test_inline_javascript_link_message_shows_the_whole_url(write, problems):
    path = write("r.yaml", recap("- bullets:\n    - see [x](javascript:alert(1))"))
    assert problems(path) == [
        f"r.yaml:8:17: error: {ONLY}.slides[0].bullets[0]: URL `javascript:alert(1)` has"
        " `javascript:`; only http, https and mailto links are allowed"
    ]


def test_inline_links_everywhere_in_text_are_checked(write, problems):
    path = write(
        "r.yaml",
        recap(
            "- text: 'go to [site](www.example.com)'\n"
            "- bullets:\n"
            "    - text: fine https://example.com\n"
            "      bullets: ['<mailto:nobody>', '[f](file:///etc/passwd)']",
            topic="summary: '**[x](vbscript:msgbox)**'",
        ),
    )
    assert problems(path) == [
        f"r.yaml:6:18: error: {ONLY}.summary: URL `vbscript:msgbox` has `vbscript:`;"
        " only http, https and mailto links are allowed",
        f"r.yaml:8:19: error: {ONLY}.slides[0].text: URL `www.example.com` has no scheme;"
        " only http, https and mailto links are allowed",
        f"r.yaml:11:27: error: {ONLY}.slides[1].bullets[0].bullets[0]: URL `mailto:nobody`"
        " is not an e-mail address",
        f"r.yaml:11:46: error: {ONLY}.slides[1].bullets[0].bullets[1]: URL `file:///etc/passwd`"
        " has `file:`; only http, https and mailto links are allowed",
    ]


def test_code_and_notes_are_not_inline_markdown(write, problems):
    path = write(
        "r.yaml",
        recap(
            "- code: 'href = \"[x](javascript:alert(1))\"'\n"
            "  notes: 'not a link: [x](javascript:alert(1))'"
        ),
    )
    assert problems(path) == []


# --- YouTube ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/watch?v=vdxcaR3I2ic",
        "https://youtu.be/vdxcaR3I2ic?t=42",
        "https://www.youtube.com/watch?v=vdxcaR3I2ic&list=PLj6h78yzYM2PpmMAnvpvsnR4c27wJePh3"
        "&index=3",
        "https://m.youtube.com/watch?v=vdxcaR3I2ic",
        "https://www.youtube.com/embed/vdxcaR3I2ic",
        "https://www.youtube.com/playlist?list=PLj6h78yzYM2PpmMAnvpvsnR4c27wJePh3",
    ],
)
def test_youtube_links_in_every_usual_form_are_valid(write, problems, url):
    path = write("r.yaml", recap(f"- video: {{url: '{url}'}}", topic=f"video: '{url}'"))
    assert problems(path) == []


def test_invalid_youtube_id_is_an_error_naming_the_id(write, problems):
    path = write(
        "r.yaml",
        recap(
            "- links: [{label: talk, url: 'https://youtu.be/iPz.DAOOCKA'}]",
            topic="video: https://www.youtube.com/watch?v=iPz.DAOOCKA",
        ),
    )
    assert problems(path) == [
        f"r.yaml:6:16: error: {ONLY}.video: invalid YouTube video ID `iPz.DAOOCKA` in"
        " `https://www.youtube.com/watch?v=iPz.DAOOCKA`: expected 11 characters of A-Z, a-z,"
        " 0-9, _ and -",
        f"r.yaml:8:40: error: {ONLY}.slides[0].links[0].url: invalid YouTube video ID"
        " `iPz.DAOOCKA` in `https://youtu.be/iPz.DAOOCKA`: expected 11 characters of A-Z,"
        " a-z, 0-9, _ and -",
    ]


def test_invalid_youtube_id_in_inline_text(write, problems):
    path = write("r.yaml", recap("- text: 'watch https://youtu.be/short now'"))
    assert problems(path) == [
        f"r.yaml:7:19: error: {ONLY}.slides[0].text: invalid YouTube video ID `short` in"
        " `https://youtu.be/short`: expected 11 characters of A-Z, a-z, 0-9, _ and -"
    ]


def test_non_youtube_video_is_a_warning_in_youtube_mode(write, problems):
    path = write("r.yaml", recap("", topic="video: https://vimeo.com/123456"))
    assert problems(path) == [
        f"r.yaml:6:16: warning: {ONLY}.video: not a YouTube link, so it gets no QR code"
        " (set `options.qr_codes: all` for one)"
    ]


def test_non_youtube_video_warning_is_an_error_when_strict(write):
    path = write("r.yaml", recap("", topic="video: https://vimeo.com/123456"))
    with pytest.raises(RecapError) as caught:
        api.check(path, strict=True)
    assert [str(p) for p in caught.value.problems] == [
        f"r.yaml:6:16: warning: {ONLY}.video: not a YouTube link, so it gets no QR code"
        " (set `options.qr_codes: all` for one)"
    ]


@pytest.mark.parametrize("mode", ["all", "none"])
def test_non_youtube_video_is_fine_in_other_modes(write, problems, mode):
    path = write(
        "r.yaml",
        recap("", topic="video: https://vimeo.com/123456", top=f"options: {{qr_codes: {mode}}}"),
    )
    assert problems(path) == []


def test_non_youtube_video_slide_is_a_warning_in_youtube_mode(write, problems):
    path = write("r.yaml", recap("- video: {url: 'https://vimeo.com/123456'}"))
    assert problems(path) == [
        f"r.yaml:7:26: warning: {ONLY}.slides[0].video.url: not a YouTube link, so it gets"
        " no QR code (set `options.qr_codes: all` for one)"
    ]


# --- images -------------------------------------------------------------------------


def image_recap(*paths: str) -> str:
    return recap("\n".join(f"- image: {{path: '{p}'}}" for p in paths))


def image_error(index: int, message: str) -> str:
    """The error about the image of slide `index` of an `image_recap`."""
    return f"rec/r.yaml:{7 + index}:27: error: {ONLY}.slides[{index}].image.path: {message}"


def test_image_is_fine(write, png, problems):
    png("rec/pics/ok.png")
    assert problems(write("rec/r.yaml", image_recap("pics/ok.png"))) == []


def test_image_missing(write, problems):
    path = write("rec/r.yaml", image_recap("pics/missing.png"))
    assert problems(path) == [image_error(0, "image `pics/missing.png` does not exist")]


def test_image_that_is_a_folder(write, problems):
    Path("rec/pics").mkdir(parents=True)
    path = write("rec/r.yaml", image_recap("pics"))
    assert problems(path) == [image_error(0, "image `pics` does not exist")]


def test_image_not_an_image(write, problems):
    write("rec/pics/fake.png", "not a PNG at all\n")
    path = write("rec/r.yaml", image_recap("pics/fake.png"))
    assert problems(path) == [image_error(0, "image `pics/fake.png` is not a readable image file")]


def test_image_of_unsupported_format(write, problems):
    from PIL import Image

    Path("rec").mkdir()
    Image.new("RGB", (8, 8)).save("rec/a.webp", "WEBP")
    path = write("rec/r.yaml", image_recap("a.webp"))
    assert problems(path) == [
        image_error(0, "image `a.webp` is WEBP; use BMP, GIF, JPEG, PNG, TIFF")
    ]


def test_image_outside_the_folder(write, png, problems):
    png("outside.png")
    outside = Path("outside.png").resolve()
    path = write("rec/r.yaml", image_recap("../outside.png", str(outside)))
    assert problems(path) == [
        image_error(0, "image `../outside.png` lies outside the recap's folder"),
        image_error(1, f"image `{outside}` lies outside the recap's folder"),
    ]


def test_image_symlink_escaping_the_folder(write, png, problems):
    png("outside.png")
    Path("rec/pics").mkdir(parents=True)
    os.symlink("../../outside.png", "rec/pics/link.png")
    path = write("rec/r.yaml", image_recap("pics/link.png"))
    assert problems(path) == [
        image_error(0, "image `pics/link.png` lies outside the recap's folder")
    ]


def test_image_with_too_many_pixels_claimed_by_its_header(write, problems):
    write("rec/huge.png", png_header(8000, 8000))
    path = write("rec/r.yaml", image_recap("huge.png"))
    assert problems(path) == [
        image_error(0, "image `huge.png` has 8000x8000 pixels; the limit is 50 megapixels")
    ]


def test_image_decompression_bomb_is_refused(write, problems):
    write("rec/bomb.png", png_header(100_000, 100_000))
    path = write("rec/r.yaml", image_recap("bomb.png"))
    (line,) = problems(path)
    assert line.startswith(image_error(0, "image `bomb.png` "))


def test_image_pixel_limit(write, png, problems, monkeypatch):
    monkeypatch.setattr("deckgen.images.MAX_IMAGE_PIXELS", 1_000_000)
    png("rec/big.png", 1001, 1000)
    png("rec/fits.png", 1000, 1000)
    path = write("rec/r.yaml", image_recap("big.png", "fits.png"))
    assert problems(path) == [
        image_error(0, "image `big.png` has 1001x1000 pixels; the limit is 1 megapixels")
    ]


def test_image_in_an_included_file_is_relative_to_that_file(write, png, problems):
    png("rec/team/pics/loki.png")
    write(
        "rec/team/bryan.yaml",
        """\
        name: Bryan
        topics:
          - title: Loki
            slides:
              - image: {path: pics/loki.png}
              - image: {path: pics/missing.png}
        """,
    )
    path = write("rec/r.yaml", "title: T\npresenters:\n  - include: team/bryan.yaml\n")
    assert problems(path) == [
        "rec/team/bryan.yaml:6:23: error: presenters[0].topics[0].slides[1].image.path:"
        " image `pics/missing.png` does not exist"
    ]


# --- tables, bullets, steps, code ---------------------------------------------------


def test_table_row_length_mismatch(write, problems):
    path = write(
        "r.yaml",
        recap(
            "- table:\n"
            "    columns: [NAME, READY, STATUS]\n"
            "    rows:\n"
            "      - [web-1, 1/1, Running]\n"
            "      - [web-2, 0/1]\n"
            "      - [web-3, 1/1, Running, 5d]\n"
            "      - [one]"
        ),
    )
    slide = f"{ONLY}.slides[0].table.rows"
    assert problems(path) == [
        f"r.yaml:11:19: error: {slide}[1]: row has 2 cells; the table has 3 columns",
        f"r.yaml:12:19: error: {slide}[2]: row has 4 cells; the table has 3 columns",
        f"r.yaml:13:19: error: {slide}[3]: row has 1 cell; the table has 3 columns",
    ]


NESTED = """\
- bullets:
    - text: level 1
      bullets:
        - text: level 2
          bullets:
            - text: level 3
              bullets:
                - level 4"""


def test_bullets_nested_four_levels(write, problems):
    path = write("r.yaml", recap(NESTED))
    assert problems(path) == [
        f"r.yaml:14:27: error: {ONLY}.slides[0].bullets[0].bullets[0].bullets[0].bullets:"
        " bullets nest deeper than 3 levels"
    ]


def test_bullets_nested_three_levels_are_fine(write, problems):
    three = NESTED.replace("\n              bullets:\n                - level 4", "")
    assert problems(write("r.yaml", recap(three))) == []


def test_steps_on_a_non_bullets_slide(write, problems):
    path = write(
        "r.yaml",
        recap("- bullets: [a, b]\n  steps: true\n- text: hi\n  steps: true"),
    )
    assert problems(path) == [
        f"r.yaml:10:20: error: {ONLY}.slides[1].steps: `steps` works only on bullets slides"
    ]


def test_unknown_code_language_with_suggestion(write, problems):
    path = write("r.yaml", recap("- code: {source: 'x = 1', language: pyhton}"))
    assert problems(path) == [
        f"r.yaml:7:47: error: {ONLY}.slides[0].code.language: unknown code language"
        " `pyhton`; did you mean `python`?"
    ]


def test_unknown_code_language_without_suggestion(write, problems):
    path = write("r.yaml", recap("- code: {source: 'x', language: qqqqqqqqqq}"))
    assert problems(path) == [
        f"r.yaml:7:43: error: {ONLY}.slides[0].code.language: unknown code language `qqqqqqqqqq`"
    ]


@pytest.mark.parametrize("language", ["python", "Python", "console", "dockerfile", "yaml"])
def test_known_code_languages(write, problems, language):
    path = write("r.yaml", recap(f"- code: {{source: 'x', language: {language}}}"))
    assert problems(path) == []


def test_code_language_in_a_bullet_item(write, problems):
    path = write(
        "r.yaml", recap("- bullets:\n    - text: run\n      code: {source: x, language: shel}")
    )
    assert problems(path) == [
        f"r.yaml:9:45: error: {ONLY}.slides[0].bullets[0].code.language:"
        " unknown code language `shel`; did you mean `shell`?"
    ]


def test_semantic_checks_survive_schema_errors(write, problems):
    path = write(
        "r.yaml",
        recap(
            "- table: {columns: 5, rows: x}\n"
            "- image: {path: 5}\n"
            "- code: {source: x, language: 5}\n"
            "- bullets: 5",
            topic="video: 7",
        ),
    )
    lines = problems(path)
    assert lines
    assert all(": error: " in line for line in lines)
