"""`deckgen new`: a commented starter recap that validates and builds as it is."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from deckgen.errors import BuildError, Position, Problem
from deckgen.write import write_atomically

STARTER = """\
# yaml-language-server: $schema={schema}
# A recap of a conference, built into slides with `deckgen build {name}`.
# Every key is described in the recap format; unknown keys are errors.

title: KubeCon Europe 2019          # on the title slide
subtitle: What we saw in Barcelona  # optional second line
event:
  name: KubeCon + CloudNativeCon Europe 2019
  location: Barcelona
  dates: May 20-23, 2019            # free text
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
        slides:
          - title: Incubating projects
            bullets:
              - "**Linkerd**: a lightweight service mesh"
              - text: "**Helm** v3.0.0-alpha.1"
                bullets: [Tiller removal, Library charts]
              - "**Rook** 1.0: see https://rook.io"
            notes: Speaker notes go here; they are not shown on the slide.
          - code:
              source: |
                $ export DOCKER_BUILDKIT=1
                $ docker build .
              language: console
              caption: Turning on buildkit
      # Plain topics are just slides.
      - title: The conference in numbers
        slides:
          - stats:
              - {{value: "7,700", label: visitors}}
              - {{value: 150, label: companies and exhibitors}}
          - text: I WANT TO KNOW WHY!
  # Team recaps: one file per presenter keeps merge conflicts away.
  # - include: presenters/jane.yaml

closing:
  title: Links
  links:
    - label: Schedule
      url: https://events.linuxfoundation.org/events/kubecon-cloudnativecon-europe-2019/schedule/
"""


def write_starter(file: Path, force: bool = False) -> None:
    """Write the starter recap to `file`; refuse to replace a file unless `force`."""
    if file.exists() and not force:
        raise BuildError([Problem(Position(file.as_posix()), "exists already; use --force")])
    text = STARTER.format(schema=schema_reference(file), name=file.as_posix())
    write_atomically(text.encode("utf-8"), file)


def schema_reference(file: Path) -> str:
    """How `file` should point at the schema: a `schema/recap.schema.json` in an enclosing
    folder (a recap repository), or else the copy inside the installed deckgen."""
    folder = file.resolve().parent
    for parent in (folder, *folder.parents):
        candidate = parent / "schema" / "recap.schema.json"
        if candidate.is_file():
            return Path(os.path.relpath(candidate, folder)).as_posix()
    packaged = resources.files("deckgen.schema").joinpath("recap.schema.json")
    return Path(str(packaged)).as_posix()
