"""URL rules: allowed schemes, and YouTube links normalised to one short form."""

from __future__ import annotations

import re
from contextlib import suppress
from urllib.parse import parse_qs, quote, unquote, urlsplit, urlunsplit

from deckgen.record import Record

ALLOWED_SCHEMES = ("http", "https", "mailto")
_VIDEO_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_LIST_ID = re.compile(r"^[A-Za-z0-9_-]{2,64}$")
_TIME = re.compile(r"^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?$")
_YOUTUBE_HOSTS = ("youtube.com", "youtube-nocookie.com")
_PATH_FORMS = ("embed", "shorts", "live", "v", "e")
_WORD_BREAK = re.compile(r"[-_+. ]")  # where a path segment's words meet


class LinkError(ValueError):
    """A URL that deckgen refuses; the message says why."""


class YouTubeLink(Record):
    """A normalised YouTube video (or playlist) link."""

    __slots__ = ("url", "video_id", "playlist_id")  # noqa: RUF023 (in order)
    url: str  # the normalised link, encoded in QR codes and used as the hyperlink
    video_id: str | None
    playlist_id: str | None

    def __init__(self, url: str, video_id: str | None, playlist_id: str | None = None) -> None:
        self.url, self.video_id, self.playlist_id = url, video_id, playlist_id


def check_url(url: str) -> None:
    """Raise `LinkError` unless `url` is an http, https or mailto URL."""
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        raise LinkError(f"URL `{_short(url)}` contains spaces or control characters")
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise LinkError(f"URL `{_short(url)}` is malformed: {exc}") from None
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        shown = f"`{scheme}:`" if scheme else "no scheme"
        raise LinkError(
            f"URL `{_short(url)}` has {shown}; only http, https and mailto links are allowed"
        )
    if scheme in ("http", "https") and not parts.hostname:
        raise LinkError(f"URL `{_short(url)}` has no host")
    if scheme == "mailto" and "@" not in parts.path:
        raise LinkError(f"URL `{_short(url)}` is not an e-mail address")


def youtube(url: str) -> YouTubeLink | None:
    """Recognise a YouTube link and normalise it; None when `url` is not YouTube.

    Raises `LinkError` for a YouTube link whose video or playlist ID is malformed.
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    query = parse_qs(parts.query)
    segments = [s for s in parts.path.split("/") if s]
    if host == "youtu.be":
        video = segments[0] if segments else ""
    elif host in _YOUTUBE_HOSTS or host == "music.youtube.com":
        if (
            "list" in query
            and "v" not in query
            and segments in ([], ["watch"], ["playlist"], ["embed", "videoseries"])
        ):
            return _playlist(url, query["list"][0])
        if segments[:1] == ["watch"] or (not segments and "v" in query):
            video = query.get("v", [""])[0]
        elif len(segments) == 2 and segments[0] in _PATH_FORMS:
            video = segments[1]
        elif segments == ["playlist"]:
            return _playlist(url, "")
        else:
            return None  # a channel or other page: an ordinary link
    else:
        return None
    if not video:
        raise LinkError(f"the YouTube video ID in `{_short(url)}` is empty")
    if not _VIDEO_ID.match(video):
        raise LinkError(
            f"invalid YouTube video ID `{video}` in `{_short(url)}`: "
            "expected 11 characters of A-Z, a-z, 0-9, _ and -"
        )
    start = _seconds(query.get("t", query.get("start", [""]))[0])
    suffix = f"?t={start}" if start else ""
    return YouTubeLink(f"https://youtu.be/{video}{suffix}", video)


def normalised(url: str) -> str:
    """The link a hyperlink or QR code uses: a YouTube link in its short form, any other
    link as written (`url` passed validation: a bad YouTube ID raises `LinkError`)."""
    tube = youtube(url)
    return tube.url if tube else url


def _playlist(url: str, playlist: str) -> YouTubeLink:
    if not playlist:
        raise LinkError(f"the YouTube playlist ID in `{_short(url)}` is empty")
    if not _LIST_ID.match(playlist):
        raise LinkError(f"invalid YouTube playlist ID `{playlist}` in `{_short(url)}`")
    return YouTubeLink(f"https://www.youtube.com/playlist?list={playlist}", None, playlist)


def _seconds(value: str) -> int:
    match = _TIME.match(value)
    if not value or not match:
        return 0
    hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def shown(url: str) -> str:
    """A link as printed on a slide: without its scheme, short enough to type."""
    return url.removeprefix("https://").removeprefix("http://").removeprefix("mailto:")


_URI_SAFE = "!#$%&'()*+,/:;=?@[]~"  # reserved characters and `%`: kept as written


def as_uri(url: str) -> str:
    """`url` in ASCII, as QR codes carry it: a non-ASCII host in IDNA (`xn--...`), other
    non-ASCII characters percent-encoded as UTF-8 (RFC 3987), so that every scanner
    opens the page the presenter linked."""
    if url.isascii():
        return url
    parts = urlsplit(url)
    userinfo, at, hostport = parts.netloc.rpartition("@")
    host, colon, port = hostport.partition(":")
    if not host.isascii():
        with suppress(UnicodeError):  # a label IDNA refuses: percent-encoded like the rest
            host = host.encode("idna").decode("ascii")
    netloc = f"{userinfo}{at}{host}{colon}{port}"
    quoted = [quote(part, safe=_URI_SAFE) for part in (parts.path, parts.query, parts.fragment)]
    return urlunsplit((parts.scheme, quote(netloc, safe=_URI_SAFE), *quoted))


def _readable(address: str) -> str:
    """`address` with its percent-escapes decoded for people (`Learn%20how` → `Learn how`)
    when they decode to printable UTF-8; otherwise as written. Only what a slide prints:
    the link keeps its escapes."""
    try:
        decoded = unquote(address, errors="strict")
    except UnicodeDecodeError:
        return address
    return decoded if decoded.isprintable() else address


def brief(url: str, limit: int = 40) -> str:
    """A link as printed on a slide: without its scheme and `www.`; longer than `limit`,
    its host and whole path segments with `…` for the rest, keeping the last segment when
    it fits (`github.com/…/CHANGELOG-1.15.md`), or else its first words, cut where they
    meet (`sched.com/…/testing-your-k8s…`), never inside a word (the full address is the
    hyperlink)."""
    if url.startswith("mailto:"):
        return shown(url)
    text = _readable(shown(url).removeprefix("www.").rstrip("/"))
    if len(text) <= limit:
        return text
    host, _, rest = text.partition("/")
    path, tail = re.split(r"(?=[?#])", rest, maxsplit=1) if re.search("[?#]", rest) else (rest, "")
    segments = [s for s in path.split("/") if s]
    if tail and len(host) + len(path) + 3 <= limit:  # the page, without its query
        return f"{host}/{path}{tail[0]}…"
    last = segments.pop() if segments and not tail else ""
    ending = f"/…/{last}"
    if last and len(host) + len(ending) > limit:  # the last segment's first words
        words = [m.start() for m in _WORD_BREAK.finditer(last)]
        cut = [i for i in words if len(host) + 4 + i <= limit and i > 0]
        ending = f"/…/{last[: max(cut)]}…" if cut else "/…"
    if not last:
        ending = "/…"
    kept: list[str] = []
    for segment in segments:
        if len("/".join([host, *kept, segment])) + len(ending) > limit:
            break
        kept.append(segment)
    return "/".join([host, *kept]) + ending


def _short(url: str, limit: int = 80) -> str:
    return url if len(url) <= limit else url[: limit - 3] + "..."
