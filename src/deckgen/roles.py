"""What each laid-out element is: its role, written into the shape so that `import` reads
deckgen's own slides back by role, never by their label texts.

A shape's name (`p:cNvPr/@name`, kept by PowerPoint and LibreOffice) is its role's value;
placeholders keep the layout's name (their `p:ph` says what they are) and pictures of the
recap their file name. A text box whose paragraphs mean different things (a card: title,
speakers, summary, links) names them in its description: `Card: Card title, Speaker, ...`.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum


class Role(str, Enum):
    """A shape's role, or one paragraph's in a text box that lists them."""

    # shapes
    TITLE = "Title"
    SUBTITLE = "Subtitle"
    BODY = "Body"
    TEXT = "Text"
    PANEL = "Panel"
    TABLE = "Table"
    PICTURE = "Picture"
    LOGO = "Logo"
    FOOTER = "Footer"
    FOOTER_LINK = "Footer link"  # the talk's recording, in the footer
    SLIDE_NUMBER = "Slide number"
    QR_CODE = "QR code"
    QR_LABEL = "QR label"  # "Scan to watch" under a QR code
    CARD = "Card"  # a talk's or a video's card: its paragraphs are named
    TOPIC = "Topic"  # a topic's opening page: summary and slides link
    TOPIC_LABEL = "Topic label"  # the topic's name, small, above a slide title
    MOMENT = "Moment"  # words deckgen adds, no recap text ("Thank you", "Questions?")
    # paragraphs of a card or a topic page
    CARD_TITLE = "Card title"
    SPEAKER = "Speaker"
    SUMMARY = "Summary"
    RECORDING_LINK = "Recording link"
    SLIDES_LINK = "Slides link"
    LINK = "Link"


def role_of(name: str) -> Role | None:
    """The role a shape name stands for (None: not a name deckgen gives)."""
    try:
        return Role(name)
    except ValueError:
        return None


def describe_lines(role: Role, lines: Sequence[Role]) -> str:
    """A text box's description naming its paragraphs: `Card: Card title, Summary, Link`."""
    return f"{role.value}: " + ", ".join(line.value for line in lines)


def lines_of(descr: str, role: Role) -> tuple[Role, ...] | None:
    """The paragraph roles `describe_lines` wrote for a box of `role`; None for another
    description (an edited or foreign deck)."""
    head = f"{role.value}: "
    if not descr.startswith(head):
        return None
    found = tuple(role_of(name) for name in descr.removeprefix(head).split(", "))
    return None if None in found else tuple(r for r in found if r is not None)
