"""URL rules and YouTube normalisation."""

from __future__ import annotations

import pytest

from deckgen.links import LinkError, YouTubeLink, check_url, youtube

ID = "vdxcaR3I2ic"
SHORT = f"https://youtu.be/{ID}"
LIST = "PLj6h78yzYM2PpmMAnvpvsnR4c27wJePh3"


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com",
        "https://example.com/a?b=c#d",
        "HTTPS://EXAMPLE.COM",
        "mailto:recap@example.com",
        "https://localhost:8080/x",
    ],
)
def test_check_url_accepts(url):
    check_url(url)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "javascript:alert(1)",
            "URL `javascript:alert(1)` has `javascript:`; "
            "only http, https and mailto links are allowed",
        ),
        (
            "JavaScript:alert(1)",
            "URL `JavaScript:alert(1)` has `javascript:`; "
            "only http, https and mailto links are allowed",
        ),
        (
            "file:///etc/passwd",
            "URL `file:///etc/passwd` has `file:`; only http, https and mailto links are allowed",
        ),
        (
            "www.example.com",
            "URL `www.example.com` has no scheme; only http, https and mailto links are allowed",
        ),
        (
            "//example.com/x",
            "URL `//example.com/x` has no scheme; only http, https and mailto links are allowed",
        ),
        ("https://", "URL `https://` has no host"),
        ("mailto:nobody", "URL `mailto:nobody` is not an e-mail address"),
        ("https://a b.com", "URL `https://a b.com` contains spaces or control characters"),
        ("https://a.com/\x07", "URL `https://a.com/\x07` contains spaces or control characters"),
        ("http://[::1", "URL `http://[::1` is malformed: Invalid IPv6 URL"),
        (
            "ftp://" + "x" * 100,
            f"URL `ftp://{'x' * 71}...` has `ftp:`; only http, https and mailto links are allowed",
        ),
    ],
)
def test_check_url_refuses(url, message):
    with pytest.raises(LinkError) as caught:
        check_url(url)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("url", "normalised"),
    [
        (f"https://www.youtube.com/watch?v={ID}", SHORT),
        (f"https://youtube.com/watch?v={ID}", SHORT),
        (f"http://www.youtube.com/watch?v={ID}", SHORT),
        (f"https://WWW.YouTube.com/watch?v={ID}", SHORT),
        (f"https://www.youtube.com/watch?feature=share&v={ID}", SHORT),
        (f"https://www.youtube.com/watch?v={ID}#comments", SHORT),
        (f"https://youtu.be/{ID}", SHORT),
        (f"https://www.youtu.be/{ID}", SHORT),
        (f"https://youtu.be/{ID}?si=Abc123", SHORT),
        (f"https://m.youtube.com/watch?v={ID}", SHORT),
        (f"https://music.youtube.com/watch?v={ID}", SHORT),
        (f"https://www.youtube.com/embed/{ID}", SHORT),
        (f"https://www.youtube-nocookie.com/embed/{ID}", SHORT),
        (f"https://www.youtube.com/shorts/{ID}", SHORT),
        (f"https://www.youtube.com/live/{ID}", SHORT),
        (f"https://www.youtube.com/v/{ID}", SHORT),
        (f"https://www.youtube.com/?v={ID}", SHORT),
        # start times
        (f"https://www.youtube.com/watch?v={ID}&t=90", f"{SHORT}?t=90"),
        (f"https://www.youtube.com/watch?v={ID}&t=90s", f"{SHORT}?t=90"),
        (f"https://www.youtube.com/watch?v={ID}&t=1m30s", f"{SHORT}?t=90"),
        (f"https://www.youtube.com/watch?v={ID}&t=1h2m3s", f"{SHORT}?t=3723"),
        (f"https://www.youtube.com/watch?t=30&v={ID}", f"{SHORT}?t=30"),
        (f"https://youtu.be/{ID}?t=42", f"{SHORT}?t=42"),
        (f"https://youtu.be/{ID}?si=x&t=5", f"{SHORT}?t=5"),
        (f"https://www.youtube.com/embed/{ID}?start=10", f"{SHORT}?t=10"),
        (f"https://www.youtube.com/watch?v={ID}&t=0", SHORT),
        (f"https://www.youtube.com/watch?v={ID}&t=later", SHORT),
        # a video in a playlist is the video
        (f"https://www.youtube.com/watch?v={ID}&list={LIST}", SHORT),
        (f"https://www.youtube.com/watch?v={ID}&list={LIST}&index=3", SHORT),
        (f"https://www.youtube.com/watch?v={ID}&index=3&t=12", f"{SHORT}?t=12"),
        (f"https://youtu.be/{ID}?list={LIST}", SHORT),
    ],
)
def test_youtube_videos_are_normalised(url, normalised):
    assert youtube(url) == YouTubeLink(normalised, ID)


@pytest.mark.parametrize(
    "url",
    [
        f"https://www.youtube.com/playlist?list={LIST}",
        f"https://m.youtube.com/playlist?list={LIST}&feature=share",
    ],
)
def test_youtube_playlists_are_normalised(url):
    assert youtube(url) == YouTubeLink(f"https://www.youtube.com/playlist?list={LIST}", None, LIST)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/watch?v=vdxcaR3I2ic",
        "https://notyoutube.com/watch?v=vdxcaR3I2ic",
        "https://youtube.com.evil.example/watch?v=vdxcaR3I2ic",
        "https://www.youtube.com/channel/UCvqbFHwN-nwalWPjPUKpvTA",
        "https://www.youtube.com/@CNCF",
        "https://www.youtube.com/",
        "https://vimeo.com/123456",
        "mailto:a@youtube.com",
    ],
)
def test_other_links_are_not_youtube(url):
    assert youtube(url) is None


@pytest.mark.parametrize(
    ("url", "video"),
    [
        ("https://www.youtube.com/watch?v=iPz.DAOOCKA", "iPz.DAOOCKA"),
        ("https://youtu.be/iPz.DAOOCKA", "iPz.DAOOCKA"),
        ("https://youtu.be/short", "short"),
        (f"https://www.youtube.com/watch?v={ID}x", f"{ID}x"),
        ("https://www.youtube.com/embed/abc%20defghij", "abc%20defghij"),
    ],
)
def test_invalid_youtube_video_id_is_named(url, video):
    with pytest.raises(LinkError) as caught:
        youtube(url)
    assert str(caught.value) == (
        f"invalid YouTube video ID `{video}` in `{url}`: "
        "expected 11 characters of A-Z, a-z, 0-9, _ and -"
    )


@pytest.mark.parametrize(
    ("url", "what"),
    [
        ("https://youtu.be/", "video"),
        ("https://www.youtube.com/watch?v=", "video"),
        ("https://www.youtube.com/watch", "video"),
        ("https://www.youtube.com/playlist?list=", "playlist"),
    ],
)
def test_an_empty_youtube_id_is_called_empty(url, what):
    with pytest.raises(LinkError) as caught:
        youtube(url)
    assert str(caught.value) == f"the YouTube {what} ID in `{url}` is empty"


def test_invalid_youtube_playlist_id_is_named():
    url = "https://www.youtube.com/playlist?list=bad.list"
    with pytest.raises(LinkError) as caught:
        youtube(url)
    assert str(caught.value) == f"invalid YouTube playlist ID `bad.list` in `{url}`"


def test_watch_link_of_a_playlist_without_video():
    url = f"https://www.youtube.com/watch?list={LIST}"
    assert youtube(url) == YouTubeLink(f"https://www.youtube.com/playlist?list={LIST}", None, LIST)


def test_embedded_playlist():
    url = f"https://www.youtube.com/embed/videoseries?list={LIST}"
    assert youtube(url) == YouTubeLink(f"https://www.youtube.com/playlist?list={LIST}", None, LIST)


def test_brief_keeps_short_links_and_cuts_long_ones_at_whole_segments():
    from deckgen.links import brief

    assert brief("https://helm.sh/docs/") == "helm.sh/docs"
    assert brief("https://static.sched.com/hosted_files/kccnceu19/6c/Learn%20how.pdf") == (
        "static.sched.com/…/Learn how.pdf"
    )
    assert brief("mailto:someone.with.a.long.name@example-company.example") == (
        "someone.with.a.long.name@example-company.example"
    )
