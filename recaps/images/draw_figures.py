"""Draw the figures used by the example recaps in ``recaps/``.

The source decks' pictures are not available, so these are simple, clean
figures drawn from the facts in ``../shared/source-material/``:

- ``k8s-timeline.png``          Kubernetes 2014-2015 (user-group recap 002)
- ``cncf-project-update.png``   CNCF Sandbox / Incubating projects (002)
- ``buildkit-speedups.png``     buildkit performance figures (team recap 000)
- ``pod-readiness-gates.png``   how Pod Ready++ / readiness gates work (000)

Rerun from the repository root (needs Pillow and the DejaVu fonts, e.g. the
Debian/Ubuntu package ``fonts-dejavu-core``)::

    python3 recaps/images/draw_figures.py

It writes the PNGs next to this script. Output is deterministic: the same
Pillow and FreeType versions give the same bytes on every run (no timestamps or
other metadata are written, and text uses the BASIC layout engine so whether
libraqm is installed does not matter).
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

OUT_DIR = Path(__file__).resolve().parent
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
SIZE = (1600, 900)

# Colours
WHITE = (255, 255, 255)
INK = (33, 37, 41)
GREY = (110, 117, 125)
LIGHT = (222, 226, 230)
BLUE = (50, 108, 229)  # Kubernetes blue
TEAL = (0, 150, 136)
ORANGE = (239, 125, 0)
RED = (211, 47, 47)
GREEN = (46, 125, 50)
PALE_BLUE = (232, 240, 253)
PALE_TEAL = (224, 242, 241)
PALE_ORANGE = (255, 243, 224)

EN_DASH = "\u2013"


def font(size: int, bold: bool = False, mono: bool = False) -> ImageFont.FreeTypeFont:
    """A DejaVu font, laid out without libraqm so every machine draws the same."""
    name = "DejaVuSansMono" if mono else "DejaVuSans"
    if bold:
        name += "-Bold"
    return ImageFont.truetype(
        str(FONT_DIR / f"{name}.ttf"), size, layout_engine=ImageFont.Layout.BASIC
    )


def text_width(draw: ImageDraw.ImageDraw, text: str, fnt: ImageFont.FreeTypeFont) -> int:
    left, _, right, _ = draw.textbbox((0, 0), text, font=fnt)
    return int(right - left)


def wrap(
    draw: ImageDraw.ImageDraw, text: str, fnt: ImageFont.FreeTypeFont, width: int
) -> list[str]:
    """Greedy word wrap to ``width`` pixels."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and text_width(draw, candidate, fnt) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def draw_lines(
    draw: ImageDraw.ImageDraw,
    lines: list[str],
    x: int,
    y: int,
    fnt: ImageFont.FreeTypeFont,
    fill: tuple[int, int, int],
    spacing: int,
    anchor: str = "la",
) -> int:
    """Draw lines from top ``y``; return the y below the last line."""
    for line in lines:
        draw.text((x, y), line, font=fnt, fill=fill, anchor=anchor)
        y += spacing
    return y


def title(draw: ImageDraw.ImageDraw, text: str, subtitle: str | None = None) -> None:
    draw.text((80, 60), text, font=font(52, bold=True), fill=INK)
    if subtitle:
        draw.text((80, 132), subtitle, font=font(30), fill=GREY)


def save(img: Image.Image, name: str) -> None:
    """Write a PNG without metadata (no timestamps, no text chunks)."""
    img.save(OUT_DIR / name, format="PNG", optimize=True)


def timeline() -> None:
    """Kubernetes 2014-2015, as on the user-group deck's timeline slide."""
    img = Image.new("RGB", SIZE, WHITE)
    d = ImageDraw.Draw(img)
    title(
        d,
        f"Kubernetes 2014 {EN_DASH} 2015",
        "From the first commit to v1.0, the CNCF and the first KubeCon",
    )

    axis_y = 560
    years = [
        (2014, 80, 640, BLUE, PALE_BLUE, "Google introduces Kubernetes"),
        (2015, 680, 1520, TEAL, PALE_TEAL, "The year of Kube v1.0 & CNCF"),
    ]
    year_font = font(40, bold=True)
    caption_font = font(26)
    for year, x0, x1, colour, _pale, caption in years:
        d.rounded_rectangle((x0, axis_y - 14, x1, axis_y + 14), radius=14, fill=colour)
        label = f"{year}  "
        width = text_width(d, label, year_font) + text_width(d, caption, caption_font)
        lx = (x0 + x1 - width) // 2
        d.text((lx, 246), label, font=year_font, fill=colour, anchor="ls")
        d.text(
            (lx + text_width(d, label, year_font), 246),
            caption,
            font=caption_font,
            fill=GREY,
            anchor="ls",
        )
        d.line((x0, 264, x1, 264), fill=colour, width=3)

    events = [
        # (x, year index, date, text, above?)
        (230, 0, "June 7", "Initial release: first GitHub commit", True),
        (490, 0, "July 10", "Microsoft, Red Hat, IBM, Docker join the community", False),
        (790, 1, "July 21", "Kubernetes v1.0; Google and the Linux Foundation form the CNCF", True),
        (1030, 1, "November 3", "Deis, OpenShift, Huawei and Gondor join", False),
        (1270, 1, "November 9", "Kubernetes 1.1: performance, tooling, features", True),
        (
            1470,
            1,
            f"Nov 9{EN_DASH}11",
            "KubeCon 2015, San Francisco: the first community conference",
            False,
        ),
    ]
    date_font = font(28, bold=True)
    body_font = font(24)
    box_w = 300
    for x, yi, date, text, above in events:
        colour = years[yi][3]
        pale = years[yi][4]
        lines = wrap(d, text, body_font, box_w - 28)
        box_h = 24 + 36 + 30 * len(lines) + 14
        bx0 = min(max(x - box_w // 2, 40), SIZE[0] - 40 - box_w)
        if above:
            by1 = axis_y - 60
            by0 = by1 - box_h
            d.line((x, by1, x, axis_y), fill=colour, width=4)
        else:
            by0 = axis_y + 60
            by1 = by0 + box_h
            d.line((x, axis_y, x, by0), fill=colour, width=4)
        d.rounded_rectangle(
            (bx0, by0, bx0 + box_w, by1), radius=16, fill=pale, outline=colour, width=3
        )
        d.text((bx0 + 14, by0 + 16), date, font=date_font, fill=colour)
        draw_lines(d, lines, bx0 + 14, by0 + 60, body_font, INK, 30)
        d.ellipse((x - 16, axis_y - 16, x + 16, axis_y + 16), fill=WHITE, outline=colour, width=6)
    save(img, "k8s-timeline.png")


def cncf_project_update() -> None:
    """The projects of Bryan Liles' CNCF Project Update keynote, by maturity."""
    img = Image.new("RGB", SIZE, WHITE)
    d = ImageDraw.Draw(img)
    title(d, "CNCF Project Update", f"Bryan Liles, VMware {EN_DASH} KubeCon Europe 2019 keynote")

    columns = [
        (
            "Sandbox",
            ORANGE,
            PALE_ORANGE,
            80,
            560,
            [
                ("OpenEBS", "Container Attached Storage, managed by Kubernetes itself"),
            ],
        ),
        (
            "Incubating",
            BLUE,
            PALE_BLUE,
            620,
            1520,
            [
                ("Linkerd", "lightweight service mesh, without code changes"),
                ("Helm", "v3.0.0-alpha.1: Tiller removal, library charts"),
                ("Harbor", "cloud native registry: policy and compliance"),
                ("Rook", "Rook 1.0: Ceph, EdgeFS and Minio operators, CSI"),
                ("CRI-O", "Kubernetes CRI for OCI compatible runtimes"),
            ],
        ),
    ]
    head_font = font(40, bold=True)
    name_font = font(32, bold=True)
    desc_font = font(25)
    top = 220
    for heading, colour, pale, x0, x1, projects in columns:
        d.rounded_rectangle((x0, top, x1, 840), radius=24, fill=pale, outline=colour, width=4)
        d.rounded_rectangle((x0, top, x1, top + 80), radius=24, fill=colour)
        d.rectangle((x0, top + 50, x1, top + 80), fill=colour)
        d.text(((x0 + x1) // 2, top + 40), heading, font=head_font, fill=WHITE, anchor="mm")
        y = top + 120
        for name, desc in projects:
            d.text((x0 + 36, y), name, font=name_font, fill=colour)
            if x1 - x0 < 600:  # narrow column: description below the name
                lines = wrap(d, desc, desc_font, x1 - x0 - 72)
                y = draw_lines(d, lines, x0 + 36, y + 52, desc_font, INK, 34) + 30
            else:
                lines = wrap(d, desc, desc_font, x1 - x0 - 72 - 180)
                draw_lines(d, lines, x0 + 36 + 180, y + 5, desc_font, INK, 32)
                y += max(100, 32 * len(lines) + 60)
    save(img, "cncf-project-update.png")


def buildkit_speedups() -> None:
    """buildkit performance figures from Alfred's slide (2x, 7x, 2x, 9x)."""
    img = Image.new("RGB", SIZE, WHITE)
    d = ImageDraw.Draw(img)
    title(d, "buildkit: how much faster?", "Speed-up factor per build scenario")

    bars = [
        ("Fresh build", "Dockerfile of moby/moby", 2),
        ("Repeated build", "without changes", 7),
        ("Repeated build", "with changes", 2),
        ("Fresh build", "with remote cache", 9),
    ]
    label_x = 80
    x0 = 520
    x1 = 1460
    max_value = 10
    scale = (x1 - x0) / max_value
    top = 240
    row_h = 140
    bar_h = 84
    grid_font = font(22)
    # gridlines
    for v in range(0, max_value + 1):
        gx = round(x0 + v * scale)
        d.line((gx, top - 20, gx, top + row_h * len(bars) - 30), fill=LIGHT, width=2)
        d.text((gx, top + row_h * len(bars) - 10), f"{v}x", font=grid_font, fill=GREY, anchor="mt")
    # baseline 1x = plain docker build
    bx = round(x0 + scale)
    for yy in range(top - 20, top + row_h * len(bars) - 30, 24):
        d.line((bx, yy, bx, yy + 12), fill=GREY, width=3)
    for i, (name, detail, value) in enumerate(bars):
        y = top + i * row_h
        d.text((label_x, y + 8), name, font=font(32, bold=True), fill=INK)
        d.text((label_x, y + 48), detail, font=font(26), fill=GREY)
        colour = BLUE if value < 5 else TEAL
        d.rounded_rectangle((x0, y, round(x0 + value * scale), y + bar_h), radius=10, fill=colour)
        d.text(
            (round(x0 + value * scale) + 16, y + bar_h // 2),
            f"{value}x",
            font=font(40, bold=True),
            fill=colour,
            anchor="lm",
        )
    d.text(
        (80, 850),
        "1x (dashed) = the build without buildkit.  Figures from the buildkit talk, "
        "KubeCon Europe 2019.",
        font=font(22),
        fill=GREY,
    )
    save(img, "buildkit-speedups.png")


def pod_readiness_gates() -> None:
    """Pod Ready++: a pod is Ready only when its containers and all gates are."""
    img = Image.new("RGB", SIZE, WHITE)
    d = ImageDraw.Draw(img)
    title(
        d,
        "Pod Ready++: readiness gates",
        "A pod is Ready when its containers are ready and every readiness gate is True",
    )

    box_font = font(34, bold=True)
    item_font = font(28)
    mono = font(26, mono=True)

    def box(
        x0: int,
        y0: int,
        x1: int,
        y1: int,
        colour: tuple[int, int, int],
        pale: tuple[int, int, int],
        heading: str,
    ) -> None:
        d.rounded_rectangle((x0, y0, x1, y1), radius=22, fill=pale, outline=colour, width=4)
        d.text(((x0 + x1) // 2, y0 + 44), heading, font=box_font, fill=colour, anchor="mm")

    # Containers
    box(80, 260, 560, 480, BLUE, PALE_BLUE, "Containers")
    d.text((320, 350), "readiness probes", font=item_font, fill=INK, anchor="mm")
    d.text((320, 410), "ready", font=font(34, bold=True), fill=GREEN, anchor="mm")

    # Readiness gates
    box(80, 540, 560, 800, TEAL, PALE_TEAL, "Readiness gates")
    d.text((110, 630), "readiness-gate-a", font=mono, fill=INK)
    d.text((530, 630), "False", font=font(30, bold=True), fill=RED, anchor="ra")
    d.text((110, 690), "readiness-gate-b", font=mono, fill=INK)
    d.text((530, 690), "True", font=font(30, bold=True), fill=GREEN, anchor="ra")
    d.text((320, 765), "set by your controllers", font=font(22), fill=GREY, anchor="mm")

    # AND node
    cx, cy = 800, 530
    d.line((560, 370, cx - 60, cy - 20), fill=GREY, width=6)
    d.line((560, 670, cx - 60, cy + 20), fill=GREY, width=6)
    d.ellipse((cx - 70, cy - 70, cx + 70, cy + 70), fill=WHITE, outline=INK, width=5)
    d.text((cx, cy), "AND", font=font(36, bold=True), fill=INK, anchor="mm")

    # Arrow to the result
    d.line((cx + 70, cy, 1060, cy), fill=GREY, width=6)
    d.polygon([(1060, cy - 22), (1100, cy), (1060, cy + 22)], fill=GREY)

    box(1100, 400, 1520, 660, RED, (253, 236, 234), "Pod condition")
    d.text((1310, 520), "Ready", font=mono, fill=INK, anchor="mm")
    d.text((1310, 590), "False", font=font(44, bold=True), fill=RED, anchor="mm")

    d.text(
        (80, 850),
        "Example from the talk's usage slide: gate a is still False, so the pod is not Ready.",
        font=font(22),
        fill=GREY,
    )
    save(img, "pod-readiness-gates.png")


def main() -> None:
    timeline()
    cncf_project_update()
    buildkit_speedups()
    pod_readiness_gates()
    for png in sorted(OUT_DIR.glob("*.png")):
        print(f"{png.name}: {png.stat().st_size} bytes")


if __name__ == "__main__":
    main()
