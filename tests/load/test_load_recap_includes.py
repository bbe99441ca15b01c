"""`include:` items: presenters and topics in their own files, confined to the recap folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from deckgen.errors import RecapError
from deckgen.load import load_recap

TEAM_RECAP = """\
title: Summary KubeCon 2019
presenters:
  - include: team/bryan.yaml
  - name: Peter
    topics:
      - include: team/topics/helm.yaml
"""

BRYAN = """\
name: Bryan
topics:
  - include: topics/loki.yaml
  - title: Serverless
    slides:
      - text: hi
"""

LOKI = """\
title: Grafana Loki
slides:
  - bullets: [like Prometheus, but for logs]
"""

HELM = """\
title: Helm 3
slides:
  - text: no more Tiller
"""


def load_errors(path: Path) -> list[str]:
    with pytest.raises(RecapError) as caught:
        load_recap(path)
    return [str(p) for p in caught.value.problems]


@pytest.fixture
def team(write):
    write("rec/team/bryan.yaml", BRYAN)
    write("rec/team/topics/loki.yaml", LOKI)
    write("rec/team/topics/helm.yaml", HELM)
    return write("rec/recap.yaml", TEAM_RECAP)


def test_presenter_and_topic_includes_are_resolved(team):
    doc = load_recap(team)
    assert doc.data == {
        "title": "Summary KubeCon 2019",
        "presenters": [
            {
                "name": "Bryan",
                "topics": [
                    {
                        "title": "Grafana Loki",
                        "slides": [{"bullets": ["like Prometheus", "but for logs"]}],
                    },
                    {"title": "Serverless", "slides": [{"text": "hi"}]},
                ],
            },
            {
                "name": "Peter",
                "topics": [{"title": "Helm 3", "slides": [{"text": "no more Tiller"}]}],
            },
        ],
    }


def test_included_values_keep_their_own_positions(team):
    doc = load_recap(team)
    assert str(doc.position(("presenters", 0, "name"))) == "rec/team/bryan.yaml:1:7"
    assert str(doc.position(("presenters", 0, "topics", 0, "slides", 0))) == (
        "rec/team/topics/loki.yaml:3:5"
    )
    assert str(doc.position(("presenters", 0, "topics", 1, "title"))) == "rec/team/bryan.yaml:4:12"
    assert str(doc.position(("presenters", 1, "topics", 0, "title"))) == (
        "rec/team/topics/helm.yaml:1:8"
    )
    assert str(doc.position(("presenters", 1, "name"))) == "rec/recap.yaml:4:11"


def test_every_included_file_is_listed(team):
    doc = load_recap(team)
    assert [p.relative_to(Path.cwd().resolve()).as_posix() for p in doc.files] == [
        "rec/recap.yaml",
        "rec/team/bryan.yaml",
        "rec/team/topics/loki.yaml",
        "rec/team/topics/helm.yaml",
    ]


def test_topic_include_is_relative_to_the_presenter_file(write):
    write("rec/team/bryan.yaml", "name: B\ntopics:\n  - include: loki.yaml\n")
    write("rec/loki.yaml", LOKI)  # next to the recap, not next to bryan.yaml
    path = write("rec/recap.yaml", "title: T\npresenters:\n  - include: team/bryan.yaml\n")
    assert load_errors(path) == [
        "rec/team/bryan.yaml:3:14: error: presenters[0].topics[0].include:"
        " included file `loki.yaml` does not exist"
    ]


def test_missing_include(write):
    path = write("recap.yaml", "title: T\npresenters:\n  - include: team/missing.yaml\n")
    assert load_errors(path) == [
        "recap.yaml:3:14: error: presenters[0].include: included file `team/missing.yaml`"
        " does not exist"
    ]


def test_include_of_the_recap_itself_is_a_loop(write):
    path = write(
        "recap.yaml",
        """\
        title: T
        presenters:
          - name: A
            topics:
              - include: recap.yaml
        """,
    )
    assert load_errors(path) == [
        "recap.yaml:5:18: error: presenters[0].topics[0].include:"
        " include loop: recap.yaml -> recap.yaml"
    ]


def test_presenter_file_including_itself_is_a_loop(write):
    write("rec/team/a.yaml", "name: A\ntopics:\n  - include: a.yaml\n")
    path = write("rec/recap.yaml", "title: T\npresenters:\n  - include: team/a.yaml\n")
    assert load_errors(path) == [
        "rec/team/a.yaml:3:14: error: presenters[0].topics[0].include:"
        " include loop: rec/recap.yaml -> rec/team/a.yaml -> rec/team/a.yaml"
    ]


def test_presenter_file_that_includes_the_recap_is_a_loop(write):
    write("rec/team/a.yaml", "include: ../recap.yaml\n")
    path = write("rec/recap.yaml", "title: T\npresenters:\n  - include: team/a.yaml\n")
    assert load_errors(path) == [
        "rec/team/a.yaml:1:10: error: presenters[0].include:"
        " include loop: rec/recap.yaml -> rec/team/a.yaml -> rec/recap.yaml"
    ]


def test_a_file_that_holds_an_include_is_followed(write):
    write("rec/team/a.yaml", "include: b.yaml\n")
    write("rec/team/b.yaml", "name: B\ntopics: [{include: t.yaml}]\n")
    write("rec/team/t.yaml", "title: Helm 3\n")
    path = write("rec/recap.yaml", "title: T\npresenters:\n  - include: team/a.yaml\n")
    doc = load_recap(path)
    assert doc.data["presenters"] == [{"name": "B", "topics": [{"title": "Helm 3"}]}]


def test_include_outside_the_recap_folder(write):
    write("other/x.yaml", "name: X\ntopics: [{title: t}]\n")
    path = write("rec/recap.yaml", "title: T\npresenters:\n  - include: ../other/x.yaml\n")
    assert load_errors(path) == [
        "rec/recap.yaml:3:14: error: presenters[0].include:"
        " included file `../other/x.yaml` lies outside the recap's folder"
    ]


def test_absolute_include_outside_the_recap_folder(write, workdir):
    outside = write("other/x.yaml", "name: X\ntopics: [{title: t}]\n").resolve()
    path = write("rec/recap.yaml", f"title: T\npresenters:\n  - include: {outside}\n")
    assert load_errors(path) == [
        f"rec/recap.yaml:3:14: error: presenters[0].include:"
        f" included file `{outside}` lies outside the recap's folder"
    ]


def test_symlink_inside_the_folder_pointing_outside(write):
    write("other/x.yaml", "name: X\ntopics: [{title: t}]\n")
    Path("rec/team").mkdir(parents=True)
    os.symlink("../../other/x.yaml", "rec/team/evil.yaml")
    path = write("rec/recap.yaml", "title: T\npresenters:\n  - include: team/evil.yaml\n")
    assert load_errors(path) == [
        "rec/recap.yaml:3:14: error: presenters[0].include:"
        " included file `team/evil.yaml` lies outside the recap's folder"
    ]


def test_symlink_staying_inside_the_folder_is_fine(write):
    write("rec/people/x.yaml", "name: X\ntopics: [{title: t}]\n")
    Path("rec/team").mkdir()
    os.symlink("../people/x.yaml", "rec/team/x.yaml")
    path = write("rec/recap.yaml", "title: T\npresenters:\n  - include: team/x.yaml\n")
    assert load_recap(path).data["presenters"] == [{"name": "X", "topics": [{"title": "t"}]}]


def test_errors_inside_an_included_file_name_that_file(write):
    write(
        "rec/team/broken.yaml",
        """\
        name: Bryan
        name: Bryan again
        topics: [{title: t}]
        """,
    )
    path = write("rec/recap.yaml", "title: T\npresenters:\n  - include: team/broken.yaml\n")
    assert load_errors(path) == [
        "rec/team/broken.yaml:2:1: error: duplicate key `name` (first at line 1)"
    ]


def test_included_file_must_hold_a_mapping(write):
    write("rec/team/list.yaml", "- a\n- b\n")
    path = write("rec/recap.yaml", "title: T\npresenters:\n  - include: team/list.yaml\n")
    assert load_errors(path) == ["rec/team/list.yaml:1:1: error: expected a mapping at the top"]


def test_all_include_problems_are_reported_at_once(write):
    write("rec/team/bad.yaml", "name: B\n  oops: [\n")
    path = write(
        "rec/recap.yaml",
        """\
        title: T
        presenters:
          - include: team/missing.yaml
          - include: ../outside.yaml
          - include: team/bad.yaml
        """,
    )
    assert load_errors(path) == [
        "rec/recap.yaml:3:14: error: presenters[0].include:"
        " included file `team/missing.yaml` does not exist",
        "rec/recap.yaml:4:14: error: presenters[1].include:"
        " included file `../outside.yaml` lies outside the recap's folder",
        "rec/team/bad.yaml:2:3: error: invalid YAML:"
        " `oops` is indented more than `name` on line 1; line them up",
    ]


def test_include_that_is_not_a_string_is_left_to_the_schema(write):
    path = write("recap.yaml", "title: T\npresenters:\n  - include: 5\n")
    assert load_recap(path).data["presenters"] == [{"include": 5}]


def test_keys_next_to_an_include_are_errors(write, problems):
    write("rec/team/bryan.yaml", BRYAN)
    write("rec/team/topics/loki.yaml", LOKI)
    path = write(
        "rec/recap.yaml",
        """\
        title: T
        presenters:
          - include: team/bryan.yaml
            name: Somebody else
        """,
    )
    assert problems(path) == [
        "rec/recap.yaml:4:5: error: presenters[0].name: `name` cannot stand beside `include:`;"
        " put it in `team/bryan.yaml`"
    ]
