"""Syntax colouring (highlight.py): every character of a listing comes back, in order."""

from __future__ import annotations

import pytest
from pygments.lexers import get_all_lexers

from deckgen.highlight import highlight_lines

# Pygments' session lexers: they only emit lines that end with a newline
SESSION_LEXERS = [
    "console",
    "doscon",
    "psql",
    "pwsh-session",
    "sqlite3",
    "rconsole",
    "iex",
    "erl",
    "nodejsrepl",
    "rbcon",
    "tcshcon",
    "matlabsession",
    "psysh",
    "dylan-console",
    "jlcon",
    "gap-console",
    "literate-haskell",
    "literate-agda",
    "literate-cryptol",
    "literate-idris",
]


def texts(source: str, language: str | None) -> list[str]:
    return [
        "".join(text for text, _ in line) for line in highlight_lines(source, language, "default")
    ]


@pytest.mark.parametrize("language", SESSION_LEXERS)
def test_session_lexers_keep_the_last_line(language: str):
    assert texts("$ ls\nDockerfile\n$ docker build .", language) == [
        "$ ls",
        "Dockerfile",
        "$ docker build .",
    ]


@pytest.mark.parametrize("language", SESSION_LEXERS)
def test_a_one_line_session_is_not_empty(language: str):
    assert texts("$ docker build .", language) == ["$ docker build ."]


def test_one_final_newline_is_dropped_and_blank_lines_stay():
    assert texts("a\n\nb\n", "console") == ["a", "", "b"]
    assert texts("a\n\n", "bash") == ["a", ""]


def test_every_builtin_lexer_keeps_every_character():
    source = "$ kubectl get pods\nNAME   READY\n\tweb-1  1/1\n>>> x = 1"
    for _, aliases, _, _ in get_all_lexers(plugins=False):
        language = aliases[0] if aliases else "text"
        assert "\n".join(texts(source, language)) == source, language


def test_a_lexer_that_changes_the_text_is_not_used():
    # robotframework expands tabs: the listing stays plain instead
    assert texts("a\tb", "robotframework") == ["a\tb"]
