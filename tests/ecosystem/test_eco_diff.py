"""`deckgen diff`: two recaps, or a recap against a Git revision; the text report (a
stable format for CI logs), the HTML page of changed slides, and its errors."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from deckgen.api import svg_slides
from deckgen.diff.align import Change, align

EDITED = ("              - CRD still beta\n", "              - CRD now stable\n")
ADDED = (
    '          - title: "Scalability case study: Node Status"\n',
    "          - title: Operators everywhere\n"
    "            bullets:\n"
    "              - One operator a service\n"
    '          - title: "Scalability case study: Node Status"\n',
)


def edited(text: str) -> str:
    """eu2019 with one bullet edited and one slide added."""
    for old, new in (EDITED, ADDED):
        assert text.count(old) == 1
        text = text.replace(old, new)
    return text


def numbers(recap: Path) -> dict[str, int]:
    """Each slide title's number in the deck (the first slide of that title)."""
    out: dict[str, int] = {}
    for slide in svg_slides(recap):
        out.setdefault(slide.title, slide.number)
    return out


def expected(old_label: str, new_label: str, old: Path, new: Path) -> str:
    was, now = numbers(old), numbers(new)
    n_old, n_new = len(svg_slides(old)), len(svg_slides(new))
    extensibility = f"{was['Extensibility']:>3} -> {now['Extensibility']:<4}"
    return (
        f"--- {old_label} ({n_old} slides)\n"
        f"+++ {new_label} ({n_new} slides)\n"
        f"changed   {extensibility} Extensibility\n"
        f"added       - -> {now['Operators everywhere']:<4} Operators everywhere\n"
        "1 changed, 1 added, 0 removed\n"
    )


def test_two_versions_of_eu2019_differ_by_the_edited_and_the_added_slide(examples: Path, cli):
    old, new = Path("recaps/eu2019.yaml"), Path("recaps/eu2019-new.yaml")
    new.write_text(edited(old.read_text(encoding="utf-8")), encoding="utf-8")
    result = cli("diff", str(old), str(new))
    assert result.exit_code == 0, result.output
    assert result.stdout == expected(str(old), str(new), old, new)
    assert len(svg_slides(new)) == len(svg_slides(old)) + 1


def test_the_same_recap_twice_has_no_changed_slide(examples: Path, cli):
    result = cli("diff", "recaps/eu2019.yaml", "recaps/eu2019.yaml")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "0 changed, 0 added, 0 removed"
    assert len(result.stdout.splitlines()) == 3


def git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(folder), "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        check=True,
        capture_output=True,
        timeout=60,
    )


@pytest.fixture
def repository(examples: Path) -> Path:
    """The examples as a Git repository with one commit."""
    git(examples, "init", "-q", "-b", "main")
    git(examples, "add", "recaps")
    git(examples, "commit", "-q", "-m", "recaps")
    return examples


def test_against_a_revision_reads_the_recap_and_its_includes_from_git(repository: Path, cli):
    recap = Path("recaps/eu2019.yaml")
    committed = recap.read_text(encoding="utf-8")
    recap.write_text(edited(committed), encoding="utf-8")
    old = repository / "recaps/committed.yaml"  # the committed text, for the numbers
    old.write_text(committed, encoding="utf-8")
    result = cli("diff", "--against", "HEAD", str(recap), "--html", "out/diff.html")
    assert result.exit_code == 0, result.output
    assert result.stdout == expected("HEAD:recaps/eu2019.yaml", str(recap), old, recap)
    page = (repository / "out/diff.html").read_text(encoding="utf-8")
    assert page.count("<svg") == 3  # the changed slide before and after, the added one
    assert "<?xml" not in page
    assert "Operators everywhere" in page


def test_an_include_edited_since_the_revision_is_a_changed_slide(repository: Path, cli):
    """A bullet of an include of an include (bryan.yaml's topics/grafana-loki.yaml)."""
    topic = repository / "recaps/kubecon2019-team/topics/grafana-loki.yaml"
    text = topic.read_text(encoding="utf-8")
    topic.write_text(text.replace("- No pagination", "- Pagination"), encoding="utf-8")
    result = cli("diff", "--against", "HEAD", "recaps/kubecon2019-team.yaml")
    assert result.exit_code == 0, result.output
    (line,) = [x for x in result.stdout.splitlines() if x.startswith("changed")]
    assert line.endswith(" Grafana Loki: Features")
    assert result.stdout.splitlines()[-1] == "1 changed, 0 added, 0 removed"


def test_a_theme_of_the_repository_is_read_from_the_revision_too(examples: Path, cli):
    """Its folder named by a path, extending another theme folder of the repository."""
    (examples / "themes/base").mkdir(parents=True)
    (examples / "themes/ours").mkdir()
    base = examples / "themes/base/theme.yaml"
    base.write_text('name: base\nextends: default\ncolors:\n  accent: "#FF6600"\n')
    ours = "name: ours\nextends: ../base\n"
    (examples / "themes/ours/theme.yaml").write_text(ours, encoding="utf-8")
    recap = examples / "recaps/eu2019.yaml"
    recap.write_text(f"theme: ../themes/ours\n{recap.read_text(encoding='utf-8')}")
    git(examples, "init", "-q", "-b", "main")
    git(examples, "add", "recaps", "themes")
    git(examples, "commit", "-q", "-m", "recaps")
    assert cli("diff", "--against", "HEAD", str(recap)).stdout.endswith(
        "0 changed, 0 added, 0 removed\n"
    )
    base.write_text(base.read_text(encoding="utf-8").replace("FF6600", "0066FF"))
    result = cli("diff", "--against", "HEAD", str(recap))
    assert result.exit_code == 0, result.output
    changed = int(result.stdout.splitlines()[-1].split()[0])
    assert changed > 1  # the accent colour is on many slides


def test_a_recap_the_revision_does_not_have_is_all_added_slides(repository: Path, cli):
    Path("recaps/new.yaml").write_bytes(Path("recaps/eu2019.yaml").read_bytes())
    result = cli("diff", "--against", "HEAD", "recaps/new.yaml")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    n = len(svg_slides(Path("recaps/new.yaml")))
    assert lines[:2] == ["--- HEAD (not there)", f"+++ recaps/new.yaml ({n} slides)"]
    assert lines[-1] == f"0 changed, {n} added, 0 removed"


def test_an_invalid_old_version_is_reported_with_the_revision_in_its_name(repository: Path, cli):
    recap = Path("recaps/eu2019.yaml")
    good = recap.read_text(encoding="utf-8")
    broken = good.replace(
        "title: Tracks\n            bullets:", "title: Tracks\n            bulets:"
    )
    recap.write_text(broken, encoding="utf-8")
    git(repository, "commit", "-q", "-am", "broken")
    recap.write_text(good, encoding="utf-8")
    result = cli("diff", "--against", "HEAD", str(recap), "--html", "diff.html")
    assert result.exit_code == 1
    assert result.stderr == (
        "HEAD:recaps/eu2019.yaml:51:13: error: presenters[0].topics[0].slides[1].bulets: "
        "unknown key `bulets`; did you mean `bullets`?\n"
    )
    assert not Path("diff.html").exists()


def test_an_unknown_revision_is_an_error(repository: Path, cli):
    result = cli("diff", "--against", "no-such-branch", "recaps/eu2019.yaml")
    assert result.exit_code == 1
    assert result.stderr == (
        f"recaps/eu2019.yaml: error: --against no-such-branch: no such revision in "
        f"{repository.resolve().as_posix()}\n"
    )


def test_outside_a_repository_against_is_an_error(write, cli):
    write("r.yaml", "title: T\npresenters: [{name: A, topics: [{title: X}]}]\n")
    result = cli("diff", "--against", "HEAD", "r.yaml")
    assert result.exit_code == 1
    assert result.stderr == "r.yaml: error: --against needs the recap to be in a Git repository\n"


def test_an_invalid_new_recap_fails_and_writes_no_page(examples: Path, cli):
    bad = Path("recaps/bad.yaml")
    bad.write_text("title: T\npresenters: []\nbogus: 1\n", encoding="utf-8")
    result = cli("diff", "recaps/eu2019.yaml", str(bad), "--html", "d.html")
    assert result.exit_code == 1
    assert result.stderr.startswith("recaps/bad.yaml:")
    assert ": error: " in result.stderr
    assert not Path("d.html").exists()


def test_one_recap_without_against_is_a_usage_error(examples: Path, cli):
    result = cli("diff", "recaps/eu2019.yaml")
    assert result.exit_code == 2
    assert "Error: give two recaps, OLD NEW, or recaps with --against GITREV" in result.stderr


@pytest.mark.parametrize(
    ("old", "new", "changes"),
    [
        ("abc", "abc", []),
        ("abc", "aXbc", [Change("added", None, 1)]),
        ("abc", "ac", [Change("removed", 1, None)]),
        ("abc", "aBc", [Change("changed", 1, 1)]),  # same title "b", other content
        ("abc", "aBXc", [Change("changed", 1, 1), Change("added", None, 2)]),
        ("abc", "aXBc", [Change("added", None, 1), Change("changed", 1, 2)]),
    ],
)
def test_slides_are_aligned_by_content_then_paired_by_title(old: str, new: str, changes):
    """Letters are slides: the key is the letter, the title its lower case (so `B` is
    slide `b` edited, and `X` a new slide)."""
    assert align(list(old), list(new), old.lower(), new.lower()) == changes
