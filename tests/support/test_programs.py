"""The `integration` marker: external programs are declared, skipped locally, required in CI."""

from __future__ import annotations

import subprocess
import sys

import pytest

from . import programs


@pytest.mark.parametrize(
    ("value", "ci"),
    [("true", True), ("1", True), ("TRUE", True), ("false", False), ("0", False), ("", False)],
)
def test_ci_is_the_ci_variable_unless_false(monkeypatch: pytest.MonkeyPatch, value, ci):
    monkeypatch.setenv("CI", value)
    assert programs.in_ci() is ci


def test_no_ci_variable_is_not_ci(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("CI", raising=False)
    assert not programs.in_ci()


def test_a_missing_program_is_a_skip_locally(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CI", "false")
    with pytest.raises(pytest.skip.Exception, match="needs no-such-program-here"):
        programs.require(["python3", "no-such-program-here"])


def test_a_missing_program_is_a_failure_in_ci(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="missing in CI: no-such-program-here"):
        programs.require(["no-such-program-here"])


def test_a_name_with_a_slash_is_a_file_of_the_repository():
    assert programs.missing(["tests/support/programs.py", "tests/support/nothing"]) == [
        "tests/support/nothing"
    ]


def test_an_unmarked_test_cannot_start_a_guarded_program(request: pytest.FixtureRequest):
    message = (
        f"{request.node.nodeid} runs pdftotext but is not marked "
        "@pytest.mark.integration('pdftotext', ...)"
    )
    with pytest.raises(pytest.fail.Exception) as failed:
        subprocess.run(["/usr/bin/pdftotext", "-v"], capture_output=True, check=False)
    assert str(failed.value) == message


@pytest.mark.integration("zbarimg")
def test_a_marked_test_cannot_start_another_guarded_program():
    with pytest.raises(pytest.fail.Exception, match="runs soffice but is not marked"):
        subprocess.run("soffice --version", shell=True, check=False)


def test_other_programs_run_unchecked():
    done = subprocess.run([sys.executable, "-c", "print(1)"], capture_output=True, check=True)
    assert done.stdout.strip() == b"1"
