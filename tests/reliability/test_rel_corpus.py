"""A corpus of hostile and malformed recaps (`corpus/`, each file named after its attack):
`python -m deckgen build FILE -o DIR` exits 1 within 10 s, names the file and the line in
every problem, prints no traceback, and leaves an earlier deck of the same name as it was.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rel_common import Run, leftovers, run_many

CORPUS = Path(__file__).resolve().parent / "corpus"
FILES = sorted(p.name for p in CORPUS.glob("*.yaml"))

# a part of the first problem each file must give: it fails for the intended reason
EXPECTED = {
    "501-bullets.yaml": "501 bullets on one slide; at most 500",
    "alias-to-itself.yaml": "nesting deeper than 64 levels",
    "bidi-override-in-key.yaml": "unknown key `tit\\u202eelt`",
    "billion-laughs.yaml": "more than 200000 values (alias expansion?)",
    "binary-tag.yaml": "tag `!!binary` is not allowed",
    "bullets-four-levels-deep.yaml": "bullets nest deeper than 3 levels",
    "carriage-return-in-text.yaml": "contains the control character U+000D at character 5",
    "complex-key.yaml": "keys must be plain strings",
    "control-character-in-key.yaml": "key contains the control character U+0008",
    "custom-include-tag.yaml": "tag `!include` is not allowed",
    "data-url-link.yaml": "has `data:`; only http, https and mailto links are allowed",
    "deep-block-nesting.yaml": "nesting deeper than 64 levels",
    "deep-flow-nesting.yaml": "nesting deeper than 64 levels",
    "duplicate-keys.yaml": "duplicate key `title` (first at line 1)",
    "empty-file.yaml": "the file is empty; expected a mapping",
    "escaped-terminal-escape.yaml": "contains the control character U+001B at character 1",
    "file-url-video.yaml": "has `file:`; only http, https and mailto links are allowed",
    "image-decompression-bomb.yaml": "has too many pixels; the limit is 50 megapixels",
    "image-not-an-image.yaml": "is not a readable image file",
    "image-outside-folder.yaml": "image `/etc/passwd` lies outside the recap's folder",
    "image-path-traversal.yaml": "lies outside the recap's folder",
    "include-dev-zero.yaml": "included file `/dev/zero` lies outside the recap's folder",
    "include-itself.yaml": "include loop: include-itself.yaml -> include-itself.yaml",
    "include-nul-byte.yaml": "included file `a\\x00.yaml` is not a valid file name",
    "include-outside-folder.yaml": "lies outside the recap's folder",
    "include-with-extra-keys.yaml": "`name` cannot stand beside `include:`",
    "invalid-date.yaml": "expected a real date as YYYY-MM-DD, got `2019-02-30`",
    "javascript-inline-markdown-link.yaml": "has `javascript:`",
    "javascript-link-leading-space.yaml": "contains spaces or control characters",
    "javascript-link-percent-encoded.yaml": "has no scheme",
    "javascript-link-uppercase.yaml": "has `javascript:`",
    "javascript-link-with-tab.yaml": "URL `java\\tscript:alert(1)` contains spaces",
    "javascript-link.yaml": "has `javascript:`",
    "latin1-encoding.yaml": "not UTF-8 text",
    "lone-surrogate-escape.yaml": "U",  # libyaml or the semantic check, both name the line
    "merge-key.yaml": "keys must be plain strings",
    "missing-required-keys.yaml": "missing required key `presenters`",
    "non-string-keys.yaml": "keys must be plain strings",
    "noncharacter-fffe.yaml": "contains the non-character U+FFFE; remove it",
    "not-a-number-stat.yaml": "`nan` is not a number a slide can show",
    "nul-byte.yaml": "binary file",
    "number-with-5000-digits.yaml": "a number of more than 100 digits",
    "only-comments.yaml": "the file is empty; expected a mapping",
    "python-name-tag.yaml": "tag `!!python/name:os.system` is not allowed",
    "python-object-tag.yaml": "tag `!!python/object/apply:os.system` is not allowed",
    "ragged-table.yaml": "row has 1 cell; the table has 2 columns",
    "raw-bell-character.yaml": "contains the control character U+0007; remove it",
    "raw-terminal-escape.yaml": "contains the control character U+001B; remove it",
    "tab-indentation.yaml": "invalid YAML",
    "theme-outside-folder.yaml": "theme folder `/etc` lies outside the recap's repository",
    "title-too-long.yaml": "201 characters; at most 200 fit on a slide",
    "top-level-list.yaml": "expected a mapping at the top",
    "top-level-scalar.yaml": "expected a mapping at the top",
    "truncated-mid-document.yaml": "invalid YAML",
    "two-content-keys.yaml": "found `bullets` and `text`",
    "two-documents.yaml": "expected a single document",
    "unclosed-quote.yaml": "invalid YAML",
    "unknown-code-language.yaml": "unknown code language `pythonn`; did you mean `python`?",
    "unknown-key-typo.yaml": "unknown key `bulets`; did you mean `bullets`?",
    "utf16-with-bom.yaml": "binary file",
    "wrong-value-types.yaml": "title: expected a string, got a list",
    "youtube-bad-video-id.yaml": "invalid YouTube video ID `iPz.DAOOCKA`",
}


def test_the_corpus_is_large_and_every_file_has_an_expectation():
    assert len(FILES) > 30
    assert sorted(EXPECTED) == FILES
    assert all(p.stat().st_size < 20_000 for p in CORPUS.iterdir())


def _earlier(name: str) -> bytes:
    return f"an earlier deck of {name}".encode()


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Run, Path]]:
    """Every corpus file built by its own deckgen process, into an output folder that
    holds an earlier deck of the same name."""
    jobs, outs = {}, {}
    for name in FILES:
        out = tmp_path_factory.mktemp(name.removesuffix(".yaml")) / "out"
        out.mkdir()
        (out / name.replace(".yaml", ".pptx")).write_bytes(_earlier(name))
        jobs[name] = (["build", name, "-o", str(out)], CORPUS)
        outs[name] = out
    done = run_many(jobs)
    return {name: (done[name], outs[name]) for name in FILES}


@pytest.mark.parametrize("name", FILES)
def test_a_hostile_recap_is_refused_cleanly(runs: dict[str, tuple[Run, Path]], name: str):
    done, out = runs[name]
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    lines = done.stderr.splitlines()
    assert lines, "no problem reported"
    located = re.compile(re.escape(name) + r":\d+:\d+: error: ")
    assert all(located.match(line) for line in lines), done.stderr
    assert EXPECTED[name] in lines[0] or EXPECTED[name] in done.stderr
    deck = name.replace(".yaml", ".pptx")
    assert (out / deck).read_bytes() == _earlier(name)
    assert leftovers(out, [deck]) == []
    assert not (CORPUS / "pwned").exists()
