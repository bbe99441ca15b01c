"""The inline Markdown subset of bullets, statements, quotes and captions."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deckgen import inline
from deckgen.inline import Span, parse, plain, urls


def link(text: str, url: str | None = None) -> Span:
    return Span(text, url=url or text)


@pytest.mark.parametrize(
    "text",
    [
        "plain text",
        "Kubernetes 1.15: what (really) changed [in brief]",
        "3 < 4 > 2 & so on",
        "snake_case_name and __init__",
        "2 * 3 * 4",
        "x * y*",
        "**unclosed bold",
        "*",
        "a lone ` backtick",
        "[no target]",
        "[empty]()",
        "www.example.com",
        "ftp://example.com",
    ],
)
def test_plain_text_is_untouched(text):
    assert parse(text) == [Span(text)]
    assert plain(text) == text
    assert urls(text) == []


def test_empty_text():
    assert parse("") == []


def test_bold():
    assert parse("a **bold** word") == [Span("a "), Span("bold", bold=True), Span(" word")]


def test_italic():
    assert parse("an *italic* word") == [Span("an "), Span("italic", italic=True), Span(" word")]


def test_italic_needs_no_space_inside():
    assert parse("a* not italic *b") == [Span("a* not italic *b")]


def test_code():
    assert parse("run `kubectl get pods` now") == [
        Span("run "),
        Span("kubectl get pods", code=True),
        Span(" now"),
    ]


def test_code_keeps_markup_literal():
    assert parse("`**x** [y](https://z.org)`") == [Span("**x** [y](https://z.org)", code=True)]


def test_link():
    assert parse("see [the docs](https://helm.sh/docs) today") == [
        Span("see "),
        Span("the docs", url="https://helm.sh/docs"),
        Span(" today"),
    ]


def test_bold_containing_italic():
    assert parse("**bold with *italic* inside**") == [
        Span("bold with ", bold=True),
        Span("italic", bold=True, italic=True),
        Span(" inside", bold=True),
    ]


def test_bold_containing_a_link():
    assert parse("**[Helm](https://helm.sh)** 3") == [
        Span("Helm", bold=True, url="https://helm.sh"),
        Span(" 3"),
    ]


def test_mixed_styles_in_one_line():
    assert parse("**Linkerd**: a *light* mesh, `v2.3`") == [
        Span("Linkerd", bold=True),
        Span(": a "),
        Span("light", italic=True),
        Span(" mesh, "),
        Span("v2.3", code=True),
    ]


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        (
            "see https://rook.io.",
            [Span("see "), link("https://rook.io"), Span(".")],
        ),
        (
            "https://a.org/x, https://b.org/y; https://c.org/z: done!",
            [
                link("https://a.org/x"),
                Span(", "),
                link("https://b.org/y"),
                Span("; "),
                link("https://c.org/z"),
                Span(": done!"),
            ],
        ),
        (
            "(https://example.com/a)",
            [Span("("), link("https://example.com/a"), Span(")")],
        ),
        (
            "is it https://example.com/?",
            [Span("is it "), link("https://example.com/"), Span("?")],
        ),
        (
            '"https://example.com/q"',
            [Span('"'), link("https://example.com/q"), Span('"')],
        ),
        (
            "https://example.com/p?q=1&r=2#frag",
            [link("https://example.com/p?q=1&r=2#frag")],
        ),
        (
            "http://localhost:8080/metrics!",
            [link("http://localhost:8080/metrics"), Span("!")],
        ),
    ],
)
def test_bare_urls_leave_trailing_punctuation_out(text, spans):
    assert parse(text) == spans
    assert plain(text) == text


def test_autolinks():
    assert parse("<https://example.com/a?b=1> or <mailto:recap@example.com>") == [
        link("https://example.com/a?b=1"),
        Span(" or "),
        link("mailto:recap@example.com"),
    ]


def test_angle_brackets_without_a_url_stay_text():
    assert parse("<not a link> and <ftp://x.org>") == [Span("<not a link> and <ftp://x.org>")]


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (r"\*not italic\*", "*not italic*"),
        (r"\*\*not bold\*\*", "**not bold**"),
        (r"\`not code\`", "`not code`"),
        (r"\[not](a link)", "[not](a link)"),
        (r"a \\ backslash", "a \\ backslash"),
        (r"\_ and \< \>", "_ and < >"),
        (r"a \n stays", r"a \n stays"),
    ],
)
def test_escapes(text, shown):
    assert parse(text) == [Span(shown)]


def test_escaped_and_plain_text_merge_into_one_span():
    assert parse(r"2 \* 3 = *six*") == [Span("2 * 3 = "), Span("six", italic=True)]


def test_urls_lists_every_link_in_order():
    text = "[a](https://a.org) then https://b.org and <mailto:c@d.org>, **[e](https://e.org)**"
    assert urls(text) == ["https://a.org", "https://b.org", "mailto:c@d.org", "https://e.org"]


def test_plain_drops_markup():
    assert plain("**Helm** *3*: see [docs](https://helm.sh) and `helm init`") == (
        "Helm 3: see docs and helm init"
    )


def test_link_target_with_javascript_is_still_a_link():
    # Refusing it is the validator's job (tests/validate); the parser only finds it.
    assert urls("[x](javascript:void)") == ["javascript:void"]


def test_link_target_with_balanced_parentheses():
    url = "https://en.wikipedia.org/wiki/Go_(programming_language)"
    assert parse(f"[Go]({url})") == [Span("Go", url=url)]


def test_bare_url_with_balanced_parentheses():
    url = "https://en.wikipedia.org/wiki/Go_(programming_language)"
    assert parse(f"see {url}") == [Span("see "), link(url)]


MARKUP_TEXT = st.text(alphabet=st.sampled_from("ab .)(:/\\`*[]_<>htpsw"), max_size=30) | st.text()


@settings(derandomize=True, max_examples=500, deadline=None, database=None)
@given(MARKUP_TEXT)
def test_plain_text_shortcut_gives_the_full_parse(text: str) -> None:
    assert parse(text) == inline._parse(text)


@given(st.text(alphabet="[]()<>*`\\:/ .ahtpsmilo", max_size=40))
@settings(max_examples=300)
def test_urls_are_the_link_targets_parse_finds(text):
    assert urls(text) == [span.url for span in parse(text) if span.url]
