"""Bounded unpacking (`deckgen.safezip`): a deck to import whose zip lies, bombs or is
damaged is refused in plain words (exit 1), never a crash (exit 3) nor a memory blow-up.

The hostile zips are written byte by byte (`rel_zips`): a bzip2 member that unpacks to
8 GB (its 6 KB stream is `decks/zeros-8g.bz2`), members that together unpack to 1 GB,
a member over the size or ratio bounds, a member whose sizes lie, a sparse file whose end
record claims a 2 GB central directory, and an end record claiming more than the file
holds; corrupt deflate data, the encrypted flag, deflate64, lzma, an unknown zip version,
overlapping members, a cut-short file. The memory cases run `deckgen import` with at most
1 GB of address space (`rel_common.run_many`).
"""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest
from pptx import Presentation
from rel_common import run_many
from rel_zips import (
    BZIP2,
    SPARSE,
    STORED,
    Raw,
    changed,
    member,
    members_of,
    raw_zip,
    with_member,
    zeros,
)

from deckgen import safezip
from deckgen.errors import BuildError
from deckgen.importer import import_deck

DECKS = Path(__file__).parent / "decks"
SLIDE = "ppt/slides/slide1.xml"
REFUSED = "is not a PowerPoint deck: "


@pytest.fixture(scope="module")
def honest(tmp_path_factory: pytest.TempPathFactory) -> list[Raw]:
    """The members of a small real deck (one slide with a title)."""
    prs = Presentation()
    prs.slides.add_slide(prs.slide_layouts[0]).shapes.title.text = "Loki"
    deck = tmp_path_factory.mktemp("honest") / "deck.pptx"
    prs.save(str(deck))
    return members_of(deck)


def _bzip2_8g() -> Raw:
    packed = (DECKS / "zeros-8g.bz2").read_bytes()
    return Raw("ppt/media/video1.bin", packed, 8 << 30, 0x1_2345, BZIP2, version=46)


def _memory_decks(honest: list[Raw]) -> dict[str, tuple[bytes, str]]:
    """Decks that blew deckgen's memory or time, and how each is refused."""
    big = zeros("ppt/media/a.bin", 64 << 20, SPARSE)  # under the ratio bound
    many = [Raw(f"ppt/media/m{i}.bin", big.packed, big.size, big.crc) for i in range(16)]
    sparse_ratio = zeros("ppt/media/zeros.bin", 100 << 20)
    return {
        "bzip2 8 GB": (
            raw_zip([*honest, _bzip2_8g()], zip64=True),
            "member `ppt/media/video1.bin` is compressed with bzip2;"
            " only stored and deflate are supported",
        ),
        "1 GB in all": (
            raw_zip([*honest, *many]),
            "its members unpack to more than 300 MB in all",
        ),
        "one member of 300 MB": (
            raw_zip([*honest, zeros("ppt/media/b.bin", 300 << 20)]),
            "member `ppt/media/b.bin` unpacks to 315 MB (at most 250 MB)",
        ),
        "ratio": (
            raw_zip([*honest, sparse_ratio]),
            "member `ppt/media/zeros.bin` unpacks 1,028 times larger than it is packed"
            " (at most 500)",
        ),
    }


def test_bombs_are_refused_within_a_memory_bound(tmp_path: Path, honest: list[Raw]):
    cases = _memory_decks(honest)
    jobs = {}
    for n, (name, (data, _)) in enumerate(cases.items()):
        (tmp_path / f"{n}.pptx").write_bytes(data)
        jobs[name] = (["import", f"{n}.pptx", "-o", f"{n}.yaml"], tmp_path)
    runs = run_many(jobs, timeout=60, parallel=2)
    for n, (name, (_, reason)) in enumerate(cases.items()):
        assert (runs[name].returncode, runs[name].stderr) == (
            1,
            f"{n}.pptx: error: {REFUSED}{reason}\n",
        ), name
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{n}.pptx" for n in range(len(cases))]


def test_a_sparse_file_claiming_a_2gb_directory(tmp_path: Path, honest: list[Raw]):
    deck = tmp_path / "sparse.pptx"
    data = raw_zip(honest)
    with deck.open("wb") as out:
        out.write(data[:-22])
        out.truncate(2 << 30)  # a hole: takes no room on disk
        out.seek(0, 2)
        out.write(raw_zip(honest, directory_size=2 << 30, directory_offset=0)[-22:])
    runs = run_many({"sparse": (["import", deck.name], tmp_path)}, timeout=60)
    assert (runs["sparse"].returncode, runs["sparse"].stderr) == (
        1,
        f"sparse.pptx: error: {REFUSED}its zip directory claims 2,147 MB (at most 30 MB)\n",
    )


def _corrupt(m: Raw) -> Raw:
    packed = bytearray(m.packed)
    packed[len(packed) // 2 : len(packed) // 2 + 8] = b"\xff" * 8
    return Raw(m.name, bytes(packed), m.size, m.crc, m.method)


def _liar(name: str) -> Raw:
    data = bytes(20 << 20)  # declares 1,000 bytes, inflates to 20 MB
    return Raw(name, zlib.compress(data, 9)[2:-4], 1000, zlib.crc32(data))


CASES = {
    "corrupt deflate data": (
        lambda ms: with_member(ms, SLIDE, _corrupt(next(m for m in ms if m.name == SLIDE))),
        f"member `{SLIDE}` is damaged (Error -3 while decompressing data:"
        " invalid distance too far back)",
    ),
    "a member that inflates more than it says": (
        lambda ms: [*ms, _liar("ppt/media/liar.bin")],
        "member `ppt/media/liar.bin` is damaged (Bad CRC-32 for file 'ppt/media/liar.bin')",
    ),
    "encrypted flag": (
        lambda ms: changed(ms, SLIDE, flags=1),
        f"member `{SLIDE}` is encrypted",
    ),
    "strong encryption flag": (
        lambda ms: changed(ms, SLIDE, flags=0x41),
        f"member `{SLIDE}` is encrypted",
    ),
    "deflate64": (
        lambda ms: changed(ms, SLIDE, method=9),
        f"member `{SLIDE}` is compressed with deflate64; only stored and deflate are supported",
    ),
    "lzma": (
        lambda ms: changed(ms, SLIDE, method=14),
        f"member `{SLIDE}` is compressed with lzma; only stored and deflate are supported",
    ),
    "an unknown method": (
        lambda ms: changed(ms, SLIDE, method=77),
        f"member `{SLIDE}` is compressed with method 77; only stored and deflate are supported",
    ),
    "an unknown zip version": (
        lambda ms: changed(ms, SLIDE, version=99),
        "it uses a zip feature deckgen cannot read (zip file version 9.9)",
    ),
    "patched data": (
        lambda ms: changed(ms, SLIDE, flags=0x20),
        f"member `{SLIDE}` is stored as a patch",
    ),
    "overlapping members": (
        lambda ms: changed(ms, SLIDE, offset=0),
        f"member `{SLIDE}` overlaps another member",
    ),
    "a stored member whose sizes disagree": (
        lambda ms: [*ms, Raw("ppt/media/x.bin", b"abc", 3_000, 0, STORED)],
        "member `ppt/media/x.bin` is damaged (its sizes disagree)",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_damaged_or_unsupported_zip_is_refused(tmp_path: Path, honest: list[Raw], case: str):
    change, reason = CASES[case]
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(raw_zip(change(list(honest))))
    with pytest.raises(BuildError) as caught:
        import_deck(deck, tmp_path / "deck.yaml")
    assert [str(p) for p in caught.value.problems] == [
        f"{deck.as_posix()}: error: {REFUSED}{reason}"
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.pptx"]


def test_an_end_record_claiming_more_than_the_file_holds(tmp_path: Path, honest: list[Raw]):
    data = raw_zip(honest, directory_size=2 << 30)
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(data)
    with pytest.raises(BuildError) as caught:
        import_deck(deck, tmp_path / "deck.yaml")
    [problem] = caught.value.problems
    assert problem.message == (
        f"{REFUSED}its zip directory claims 2,147,483,648 bytes at offset"
        f" {len(data) - 22 - _directory(honest):,},"
        f" more than the file holds ({len(data):,} bytes)"
    )


def _directory(members: list[Raw]) -> int:
    return sum(46 + len(m.name.encode()) for m in members)


@pytest.mark.parametrize("keep", [0.5, 0.99])
def test_a_cut_short_deck_is_refused(tmp_path: Path, honest: list[Raw], keep: float):
    data = raw_zip(honest)
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(data[: int(len(data) * keep)])
    with pytest.raises(BuildError) as caught:
        import_deck(deck, tmp_path / "deck.yaml")
    [problem] = caught.value.problems
    assert problem.message == f"{REFUSED}it is cut short (its zip directory is missing)"


def test_an_honest_deck_passes_and_python_pptx_reads_the_checked_stream(
    tmp_path: Path, honest: list[Raw]
):
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(raw_zip(honest))
    with safezip.opened(deck) as stream:
        assert Presentation(stream).slides[0].shapes.title.text == "Loki"


def test_too_many_members_or_too_much_markup(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    deck = tmp_path / "deck.zip"
    deck.write_bytes(raw_zip([member(f"p{i}.xml", b"<a b='1'/>") for i in range(5)]))
    monkeypatch.setattr(safezip, "MAX_MARKUP", 9)
    with pytest.raises(safezip.ZipRefused, match=r"^its XML holds 10 tags and attributes"):
        safezip.opened(deck).__enter__()
    monkeypatch.setattr(safezip, "MAX_MEMBERS", 4)
    with pytest.raises(safezip.ZipRefused, match=r"^it has 5 members \(at most 4\)$"):
        safezip.opened(deck).__enter__()
