"""`deckgen new`: a commented starter recap (or presenter or topic file) that validates
and builds as it is, with a modeline pointing editors at the recap repository's schema."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from deckgen.errors import BuildError, Position, Problem
from deckgen.write import write_atomically

SCHEMA_FILE = Path("schema") / "recap.schema.json"
"""Where a recap repository keeps the schema editors read (`deckgen schema -o` writes it)."""

FRAGMENTS = {"recap": "", "presenter": "#/$defs/presenter", "topic": "#/$defs/topic"}
"""The part of the recap schema that each kind of file `deckgen new` writes follows."""

MODELINE = "# yaml-language-server: $schema={schema}\n"

_SLIDES = """\
        slides:
          - title: Incubating projects
            bullets:                  # up to 3 levels
              - "**Linkerd**: a lightweight service mesh"
              - text: "**Helm** v3.0.0-alpha.1"
                bullets: [Tiller removal, Library charts]
              - "Rook 1.0: see https://rook.io"
            notes: Speaker notes go here; they are not shown on the slide.
          - title: Buildkit
            code:
              source: |
                $ export DOCKER_BUILDKIT=1
                $ docker build .
              language: console       # a Pygments lexer name; guessed when left out
              caption: Turning on buildkit
          - text: I WANT TO KNOW WHY!  # a statement, shown large
          - quote:
              text: Loki is a logging backend, optimized for Prometheus and Kubernetes.
              source: Grafana Labs
          - title: kubectl get pods
            table:
              columns: [NAME, READY, STATUS]
              rows:
                - [loki-0, 1/1, Running]
                - [promtail-x2v9k, 1/1, Running]
          # - image: {path: images/architecture.png, caption: How it fits, alt: A diagram}
          - title: Other sessions
            video:
              url: https://youtu.be/6sDTB4eV4F8
              title: Kubernetes Failure Stories
              speakers: Henning Jacobs, Zalando SE
          - stats:
              - {value: "7,700", label: visitors}
              - {value: 150, label: companies and exhibitors}
          - title: More information
            links:
              - {label: Loki on GitHub, url: "https://github.com/grafana/loki"}
"""

RECAP = """\
# A recap of a conference, built into slides with `deckgen build {name}`.
# Every key is described in the recap format (docs/recap-format.md); unknown keys are
# errors. Each slide has exactly one of: bullets, code, text, quote, table, image,
# video, links, stats (all shown below; image is commented out: it needs your picture).

title: KubeCon Europe 2019          # on the title slide
subtitle: What we saw in Barcelona  # optional second line
event:
  name: KubeCon + CloudNativeCon Europe 2019
  location: Barcelona
  dates: May 20-23, 2019            # free text
  url: https://events.linuxfoundation.org/
# date: 2019-06-13                  # the day you present, YYYY-MM-DD
theme: default                      # `deckgen themes` lists the built-in themes
footer: KubeCon Europe 2019 recap
options:
  agenda: true                      # a slide listing presenters and topics
  qr_codes: youtube                 # youtube | all | none
  collapse_steps: collapse          # collapse | animate | off
  slide_numbers: true
  video_index: true                 # a closing slide with every video's QR code

presenters:
  - name: Your Name
    affiliation: Your team
    tagline: Serverless and more
    topics:
      # A topic with `video` or `speakers` is a talk: it opens with a card and a QR code.
      - title: CNCF Project Update
        speakers: ["Bryan Liles, VMware"]
        video: https://www.youtube.com/watch?v=vdxcaR3I2ic
        summary: News from the CNCF projects in the sandbox and incubating.
{slides}\
      # Plain topics are just slides; `steps: true` shows the bullets one per click.
      - title: The conference in numbers
        slides:
          - bullets: [8000 people, 331 talks]
            steps: true
  # Team recaps: one file per presenter keeps merge conflicts away
  # (`deckgen new --kind presenter presenters/jane.yaml` writes one).
  # - include: presenters/jane.yaml

closing:
  title: Links
  links:
    - label: Schedule
      url: https://events.linuxfoundation.org/events/kubecon-cloudnativecon-europe-2019/schedule/
"""

PRESENTER = """\
# One presenter of a team recap, included from the recap with `- include: {name}`
# (the path relative to the recap). Described in docs/recap-format.md.

name: Your Name
affiliation: Your team
tagline: Serverless and more
topics:
  - title: Grafana Loki
    slides:
      - bullets: [like Prometheus, but for logs]
  # - include: topics/loki.yaml      # a topic in a file of its own
"""

TOPIC = """\
# One topic, included from a presenter's `topics:` with `- include: {name}`
# (the path relative to the including file). Described in docs/recap-format.md.

title: Grafana Loki
video: https://youtu.be/CQiawXlgabQ  # makes the topic a talk, with a QR code
slides:
  - bullets: [like Prometheus, but for logs]
"""

TEMPLATES = {"recap": RECAP.replace("{slides}", _SLIDES), "presenter": PRESENTER, "topic": TOPIC}


def write_starter(file: Path, force: bool = False, kind: str = "recap") -> Path | None:
    """Write a starter `kind` file to `file`; refuse to replace a file unless `force`.
    Returns the schema file written for editors, or None when the repository has one."""
    if file.exists() and not force:
        raise BuildError([Problem(Position(file.as_posix()), "exists already; use --force")])
    reference, written = schema_reference(file, kind)
    body = TEMPLATES[kind].replace("{name}", file.as_posix())
    write_atomically((MODELINE.format(schema=reference) + body).encode("utf-8"), file)
    return written


def schema_reference(file: Path, kind: str = "recap") -> tuple[str, Path | None]:
    """The modeline target for `file`: the relative path of the recap repository's
    `schema/recap.schema.json` (plus the fragment of `kind`), the same for every clone.
    Without one, the installed deckgen's schema is written there first (returned too)."""
    folder = file.absolute().parent
    found = find_schema(folder)
    written = None
    if found is None:
        found = _home(folder) / SCHEMA_FILE
        write_schema(found)
        written = found
    return Path(os.path.relpath(found, folder)).as_posix() + FRAGMENTS[kind], written


def find_schema(folder: Path) -> Path | None:
    """`schema/recap.schema.json` in `folder` or a folder above it, up to the top of its
    git repository."""
    for parent in (folder, *folder.parents):
        if (parent / SCHEMA_FILE).is_file():
            return parent / SCHEMA_FILE
        if (parent / ".git").exists():
            return None
    return None


def _home(folder: Path) -> Path:
    """Where a new schema file goes: the top of the git repository holding `folder`,
    else the current folder when `folder` is inside it, else `folder`."""
    for parent in (folder, *folder.parents):
        if (parent / ".git").exists():
            return parent
    here = Path.cwd().absolute()
    return here if folder == here or here in folder.parents else folder


def schema_text(name: str = "recap") -> str:
    """The text of the installed deckgen's JSON schema `name` (`recap` or `theme`)."""
    return resources.files("deckgen.schema").joinpath(f"{name}.schema.json").read_text("utf-8")


def write_schema(target: Path, name: str = "recap") -> None:
    """Write the installed deckgen's schema `name` to `target` (atomically)."""
    write_atomically(schema_text(name).encode("utf-8"), target)
