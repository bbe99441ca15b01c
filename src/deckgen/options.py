"""How to build: one frozen set of choices, from the command line through the library to
the writer (the way black's `Mode` travels)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from deckgen.office import SOFFICE_TIMEOUT

if TYPE_CHECKING:
    from deckgen.model.types import StepMode

Split = Literal["presenters"]


@dataclass(frozen=True)
class BuildOptions:
    """The choices of one build; the defaults are those of `deckgen build` without options,
    except that the library builds without fingerprints unless `incremental`."""

    theme: str | None = None  # a built-in theme name or a theme folder, over `theme:`
    strict: bool = False  # warnings fail the build
    steps: StepMode | None = None  # over the recap's `options.collapse_steps`
    split: Split | None = None  # "presenters": also one deck per presenter
    incremental: bool = False  # keep a fingerprint beside each deck; skip current decks
    force: bool = False  # with `incremental`: rebuild current decks (and their PDFs) too
    pdf: bool = False  # also a PDF of each deck (see `deckgen.batch.write_pdf`)
    pdf_timeout: float = SOFFICE_TIMEOUT  # seconds LibreOffice may take for one deck
