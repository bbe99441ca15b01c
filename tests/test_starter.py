"""`deckgen new` and `deckgen schema -o`: starters that show every slide kind and build, and
modelines that point at the recap repository's schema by a relative path."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner
from PIL import Image

from deckgen.cli import main
from deckgen.starter import schema_text

REPO = Path(__file__).resolve().parents[1]
KINDS = {"bullets", "code", "text", "quote", "table", "image", "video", "links", "stats"}


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def modeline(path: Path) -> str:
    return path.read_text(encoding="utf-8").splitlines()[0]


def slide_kinds(recap: dict) -> set[str]:
    slides = [s for p in recap["presenters"] for t in p["topics"] for s in t.get("slides", [])]
    return {key for slide in slides for key in slide if key in KINDS}


def test_the_starter_shows_every_slide_kind_and_builds(workdir: Path):
    assert run("new", "talk.yaml").exit_code == 0
    text = (workdir / "talk.yaml").read_text(encoding="utf-8")
    assert slide_kinds(yaml.safe_load(text)) == KINDS - {"image"}
    # the image slide is commented out (it needs a picture): uncommented, it builds too
    commented = "          # - image: {path: images/architecture.png"
    assert commented in text
    Path("images").mkdir()
    Image.new("RGB", (160, 90), "teal").save("images/architecture.png")
    (workdir / "talk.yaml").write_text(text.replace(commented, commented.replace("# ", "", 1)))
    assert slide_kinds(yaml.safe_load((workdir / "talk.yaml").read_text())) == KINDS
    built = run("build", "talk.yaml", "-o", "out")
    assert built.exit_code == 0, built.output


def test_new_writes_the_schema_and_a_relative_modeline(workdir: Path):
    result = run("new", "talk.yaml")
    assert result.output.splitlines() == [
        "schema/recap.schema.json: written; editors read it (commit it)",
        "talk.yaml: written; build it with `deckgen build talk.yaml`",
    ]
    assert modeline(workdir / "talk.yaml") == (
        "# yaml-language-server: $schema=schema/recap.schema.json"
    )
    assert (workdir / "schema/recap.schema.json").read_text("utf-8") == schema_text()


def test_new_puts_the_schema_at_the_top_of_the_git_repository(workdir: Path):
    (workdir / ".git").mkdir()
    (workdir / "recaps").mkdir()
    assert run("new", "recaps/2019/talk.yaml").exit_code == 0
    assert modeline(workdir / "recaps/2019/talk.yaml") == (
        "# yaml-language-server: $schema=../../schema/recap.schema.json"
    )
    assert (workdir / "schema/recap.schema.json").is_file()


def test_new_uses_the_schema_the_repository_has(workdir: Path):
    (workdir / "schema").mkdir()
    (workdir / "schema/recap.schema.json").write_text("{}")
    result = run("new", "recaps/talk.yaml")
    assert (
        result.output
        == "recaps/talk.yaml: written; build it with `deckgen build recaps/talk.yaml`\n"
    )
    assert (workdir / "schema/recap.schema.json").read_text() == "{}"  # left as it is
    assert modeline(workdir / "recaps/talk.yaml") == (
        "# yaml-language-server: $schema=../schema/recap.schema.json"
    )


def test_presenter_and_topic_files_point_at_their_fragment(workdir: Path):
    assert run("new", "team.yaml").exit_code == 0
    assert run("new", "--kind", "presenter", "people/jane.yaml").output == (
        "people/jane.yaml: written; include it\n"
    )
    assert run("new", "--kind", "topic", "people/topics/loki.yaml").exit_code == 0
    assert modeline(workdir / "people/jane.yaml") == (
        "# yaml-language-server: $schema=../schema/recap.schema.json#/$defs/presenter"
    )
    assert modeline(workdir / "people/topics/loki.yaml") == (
        "# yaml-language-server: $schema=../../schema/recap.schema.json#/$defs/topic"
    )
    # included as their comments say, they validate
    jane = (workdir / "people/jane.yaml").read_text()
    jane = jane.replace("  # - include: topics/loki.yaml", "  - include: topics/loki.yaml")
    (workdir / "people/jane.yaml").write_text(jane)
    team = (workdir / "team.yaml").read_text()
    team = team.replace("  # - include: presenters/jane.yaml", "  - include: people/jane.yaml")
    (workdir / "team.yaml").write_text(team)
    assert run("validate", "team.yaml").output == "team.yaml: valid (0 warnings)\n"


def test_no_modeline_holds_an_absolute_path(workdir: Path):
    for kind, name in (("recap", "a.yaml"), ("presenter", "b.yaml"), ("topic", "c.yaml")):
        assert run("new", "--kind", kind, str(workdir / "sub" / name)).exit_code == 0
        target = modeline(workdir / "sub" / name).split("$schema=")[1]
        assert not target.startswith("/") and str(workdir) not in target


def test_schema_output_writes_the_packaged_schema(workdir: Path):
    assert run("schema", "-o", "schema/recap.schema.json").output == (
        "schema/recap.schema.json: written\n"
    )
    assert run("schema", "--theme", "-o", "theme.json", "-q").output == ""
    written = (workdir / "schema/recap.schema.json").read_bytes()
    assert written == (REPO / "schema/recap.schema.json").read_bytes()
    assert (workdir / "theme.json").read_bytes() == (REPO / "schema/theme.schema.json").read_bytes()
    assert run("schema").output == written.decode("utf-8")


def test_the_example_presenter_and_topic_files_have_fragment_modelines():
    for path in (REPO / "recaps/kubecon2019-team").glob("*.yaml"):
        assert modeline(path) == (
            "# yaml-language-server: $schema=../../schema/recap.schema.json#/$defs/presenter"
        ), path
    for path in (REPO / "recaps/kubecon2019-team/topics").glob("*.yaml"):
        assert modeline(path) == (
            "# yaml-language-server: $schema=../../../schema/recap.schema.json#/$defs/topic"
        ), path


def test_import_writes_a_relative_modeline(workdir: Path):
    (workdir / ".git").mkdir()
    deck = workdir / "talk.pptx"
    assert run("new", "talk.yaml").exit_code == 0
    assert run("build", "talk.yaml", "-o", ".").exit_code == 0
    assert run("import", str(deck), "-o", "recaps/imported.yaml").exit_code == 0
    assert modeline(workdir / "recaps/imported.yaml") == (
        "# yaml-language-server: $schema=../schema/recap.schema.json"
    )
