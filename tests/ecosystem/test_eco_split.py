"""`build --split presenters`: one deck per presenter besides the full deck."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from pptx import Presentation

from deckgen.api import check
from deckgen.model import Video
from deckgen.split import slug

REPO = Path(__file__).resolve().parents[2]

TEAM = "recaps/kubecon2019-team.yaml"
PRESENTERS = ["Bryan", "André", "Alfred", "Peter", "Christian"]
SLUGS = ["bryan", "andre", "alfred", "peter", "christian"]
LINE = re.compile(r"^(\S+\.pptx): (up to date, )?(\d+) slides?, .*, \d+\.\d\d s$")


def texts(slide) -> list[str]:
    return [s.text_frame.text for s in slide.shapes if s.has_text_frame and s.text_frame.text]


def deck(path: Path) -> list[list[str]]:
    return [texts(slide) for slide in Presentation(str(path)).slides]


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory, cli) -> tuple[Path, str]:
    """The team recap built once with --split presenters: the folder and the stdout."""
    folder = tmp_path_factory.mktemp("team")
    shutil.copytree(REPO / "recaps", folder / "recaps")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        result = cli("build", "--split", "presenters", TEAM, "-o", "out")
    assert result.exit_code == 0, result.output
    return folder, result.stdout


def test_six_decks(team):
    folder, _ = team
    names = sorted(p.name for p in (folder / "out").glob("*.pptx"))
    assert names == sorted(
        ["kubecon2019-team.pptx", *(f"kubecon2019-team-{s}.pptx" for s in SLUGS)]
    )


def test_a_summary_line_for_each_deck(team):
    _, stdout = team
    decks = [m.group(1) for m in map(LINE.match, stdout.splitlines()) if m]
    assert decks == [
        "out/kubecon2019-team.pptx",
        *(f"out/kubecon2019-team-{s}.pptx" for s in SLUGS),
    ]


@pytest.mark.parametrize(("index", "name"), list(enumerate(PRESENTERS)))
def test_each_presenter_deck(team, index: int, name: str):
    folder, stdout = team
    part = deck(folder / f"out/kubecon2019-team-{SLUGS[index]}.pptx")
    full = deck(folder / "out/kubecon2019-team.pptx")
    # the title slide of the recap, presented by them, then the presenter's divider
    assert part[0][0] == full[0][0]
    assert part[0][1].split("\n")[0] == full[0][1].split("\n")[0]
    assert part[0][1].split("\n")[1] == name
    assert part[1][0] == name
    # their slides are the full deck's slides between their divider and the next one
    start = full.index(next(s for s in full if s and s[0] == name))
    others = [n for n in PRESENTERS if n != name]
    end = next((i for i in range(start + 1, len(full)) if full[i] and full[i][0] in others), None)
    assert end is not None or name == PRESENTERS[-1]
    body = full[start + 1 : end] if end else None
    if body is not None:
        assert [s[0] for s in part[2 : 2 + len(body)]] == [s[0] for s in body]
    # slide numbers run on from the divider
    for number, slide in enumerate(part, start=1):
        if number > 2 and slide[-1].isdigit():
            assert slide[-1] == str(number)
    # the closing slide comes last
    assert part[-1][0] == full[-1][0] == "Thank you"
    # the summary line counts the part's slides
    (line,) = [x for x in stdout.splitlines() if f"-{SLUGS[index]}.pptx" in x]
    assert f": {len(part)} slides," in line


def links(path: Path, title: str) -> set[str]:
    """Every hyperlink on the slides of `path` whose title starts with `title`."""
    found = set()
    for slide in Presentation(str(path)).slides:
        if not (texts(slide) and texts(slide)[0].startswith(title)):
            continue
        for shape in slide.shapes:
            if shape.click_action.hyperlink.address:
                found.add(shape.click_action.hyperlink.address)
            if shape.has_text_frame:
                for para in shape.text_frame.paragraphs:
                    found |= {r.hyperlink.address for r in para.runs if r.hyperlink.address}
    return found


def test_a_presenter_deck_indexes_only_their_videos(team):
    folder, _ = team
    recap = check(folder / TEAM).recap
    everyone = links(folder / "out/kubecon2019-team.pptx", "Videos")
    assert everyone
    for s, presenter in zip(SLUGS, recap.presenters, strict=True):
        theirs = {t.video.url for t in presenter.topics if t.video} | {
            slide.content.link.url
            for t in presenter.topics
            for slide in t.slides
            if isinstance(slide.content, Video)
        }
        assert links(folder / f"out/kubecon2019-team-{s}.pptx", "Videos") == theirs


def test_json_lists_the_parts(examples: Path, cli):
    result = cli("build", "--split", "presenters", "--format", "json", TEAM, "-o", "out")
    assert result.exit_code == 0
    (report,) = json.loads(result.stdout)
    assert [p["presenter"] for p in report["split"]] == PRESENTERS
    assert [p["output"] for p in report["split"]] == [
        f"out/kubecon2019-team-{s}.pptx" for s in SLUGS
    ]
    assert all(p["slides"] > 2 for p in report["split"])
    helm = [p["collapsed"] for p in report["split"] if p["presenter"] == "André"]
    assert helm == [report["collapsed"]]  # the one collapsed run is André's


def test_split_decks_are_incremental_too(examples: Path, cli):
    assert cli("build", "--split", "presenters", TEAM, "-o", "out").exit_code == 0
    again = cli("build", "--split", "presenters", TEAM, "-o", "out")
    assert [bool(m and m.group(2)) for m in map(LINE.match, again.stdout.splitlines())] == [
        True
    ] * 6


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Bryan", "bryan"),
        ("André", "andre"),
        ("André Müller-Lüdenscheidt", "andre-muller-ludenscheidt"),
        ("  Dr. Jane O'Neil, PhD ", "dr-jane-o-neil-phd"),
        ("Łukasz Ørsted", "lukasz-orsted"),
        ("Straße", "strasse"),
        ("李雷", ""),
    ],
)
def test_slug(name: str, expected: str):
    assert slug(name) == expected


def test_names_without_a_slug_and_repeated_names(write, workdir: Path, cli):
    write(
        "r.yaml",
        """\
        title: T
        presenters:
          - {name: 李雷, topics: [{title: A}]}
          - {name: André, topics: [{title: B}]}
          - {name: Andre, topics: [{title: C}]}
        """,
    )
    result = cli("build", "--split", "presenters", "r.yaml", "-o", "out")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (workdir / "out").glob("*.pptx")) == [
        "r-andre-2.pptx",
        "r-andre.pptx",
        "r-presenter-1.pptx",
        "r.pptx",
    ]


def test_a_presenter_deck_that_another_recap_writes_too_is_refused(write, workdir: Path, cli):
    team = """\
        title: T
        presenters:
          - {name: Bryan, topics: [{title: A}]}
          - {name: Andre, topics: [{title: B}]}
        """
    write("team.yaml", team)
    write("team-andre.yaml", team)
    presenter = "presenter Andre of team.yaml"
    for order, writers in (
        (("team.yaml", "team-andre.yaml"), f"{presenter} and team-andre.yaml"),
        (("team-andre.yaml", "team.yaml"), f"team-andre.yaml and {presenter}"),
    ):
        result = cli("build", "--split", "presenters", *order, "-o", "out")
        assert result.exit_code == 1
        assert result.stderr.splitlines() == [
            "team.yaml:4:12: error: presenters[1].name: out/team-andre.pptx would be written"
            f" for both {writers}; rename a recap or a presenter, or build them into"
            " different folders"
        ]
        assert not (workdir / "out").exists()  # nothing written
