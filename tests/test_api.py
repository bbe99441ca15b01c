"""The library façade: `check` and `build`, and the example recaps."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from deckgen import api
from deckgen.errors import RecapError

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((REPO / "recaps").glob("*.yaml"))

OK = """\
title: T
presenters:
  - name: A
    topics:
      - title: X
        video: https://vimeo.com/123456
        slides:
          - text: hi
"""


def test_there_are_example_recaps():
    assert [p.name for p in EXAMPLES] == ["eu2019.yaml", "kubecon2019-team.yaml"]


@pytest.mark.parametrize("recap", EXAMPLES, ids=lambda p: p.name)
def test_example_recap_has_no_errors_and_no_warnings(recap):
    checked = api.check(recap)
    assert checked.warnings == []
    assert checked.recap.presenters


def test_check_returns_the_recap_its_theme_and_warnings(write):
    checked = api.check(write("r.yaml", OK))
    assert checked.theme.name == "default"
    assert [str(w) for w in checked.warnings] == [
        "r.yaml:6:16: warning: presenters[0].topics[0].video: not a YouTube link, so it gets"
        " no QR code (set `options.qr_codes: all` for one)"
    ]


def test_check_strict_raises_for_a_warning(write):
    with pytest.raises(RecapError):
        api.check(write("r.yaml", OK), strict=True)


def test_check_with_another_theme(write):
    assert api.check(write("r.yaml", OK), theme="dark").theme.name == "dark"


def test_build_writes_and_reports(write, workdir):
    result = api.build(write("r.yaml", OK), Path("out/r.pptx"))
    assert result.output == Path("out/r.pptx")
    assert (workdir / "out/r.pptx").is_file()
    assert result.slides == 5  # title, agenda, talk card, the slide, video index
    assert result.qr_codes == 0
    assert len(result.warnings) == 1


@pytest.mark.parametrize("enabled", [True, False])
def test_build_leaves_the_garbage_collector_as_it_found_it(write, enabled):
    seen: list[bool] = []
    before = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        api.build(
            write("r.yaml", OK), Path("out/r.pptx"), progress=lambda *_: seen.append(gc.isenabled())
        )
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if before else gc.disable)()
    assert not any(seen)  # off while the build runs
