"""Turn validated data into the typed model (the data is known to match the schema)."""

from __future__ import annotations

from typing import Any

from deckgen.images import ImageCache, inspect_image
from deckgen.load import DataPath, Document, format_path
from deckgen.load.document import DEFAULT_THEME
from deckgen.model.types import (
    Bullet,
    Bullets,
    Closing,
    Code,
    Content,
    Event,
    Link,
    Links,
    Options,
    Origin,
    Picture,
    Presenter,
    Quote,
    Recap,
    Slide,
    Stat,
    Statement,
    Stats,
    Table,
    Topic,
    Video,
)


def recap_from_document(doc: Document, images: ImageCache | None = None) -> Recap:
    """Build the model of a recap that passed validation (`images`: the images validation
    inspected)."""
    return _Builder(doc.with_data(_line_breaks(doc.data)), images).recap()


def _line_breaks(data: Any) -> Any:
    """`data` with U+2028 and U+2029 (line and paragraph separator) read as line breaks, as
    typed: layout and rendering know one line break, `\\n` (validation refuses them where a
    value is one line)."""
    if isinstance(data, str):
        return data.replace("\u2028", "\n").replace("\u2029", "\n")
    if isinstance(data, dict):
        return {k: _line_breaks(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_line_breaks(v) for v in data]
    return data


class _Builder:
    def __init__(self, doc: Document, images: ImageCache | None) -> None:
        self.doc = doc
        self.root = doc.files[0].parent
        self.images = images

    def origin(self, path: DataPath) -> Origin:
        return Origin(self.doc.position(path), format_path(path))

    def recap(self) -> Recap:
        data = self.doc.data
        event = data.get("event", {})
        closing = data.get("closing")
        return Recap(
            title=data["title"],
            subtitle=data.get("subtitle"),
            event=Event(
                name=event.get("name"),
                location=event.get("location"),
                dates=event.get("dates"),
                url=Link.of(event["url"]) if "url" in event else None,
            ),
            date=data.get("date"),
            theme=data.get("theme", DEFAULT_THEME),
            footer=data.get("footer"),
            options=Options(**data.get("options", {})),
            presenters=tuple(
                self.presenter(p, ("presenters", i)) for i, p in enumerate(data["presenters"])
            ),
            closing=Closing(
                title=closing.get("title", "Links"),
                links=tuple(Link.of(x["url"], x.get("label")) for x in closing.get("links", [])),
            )
            if closing is not None
            else None,
            source=self.doc.files[0],
        )

    def presenter(self, data: dict[str, Any], path: DataPath) -> Presenter:
        return Presenter(
            name=data["name"],
            affiliation=data.get("affiliation"),
            tagline=data.get("tagline"),
            topics=tuple(self.topic(t, (*path, "topics", i)) for i, t in enumerate(data["topics"])),
            origin=self.origin(path),
        )

    def topic(self, data: dict[str, Any], path: DataPath) -> Topic:
        title = data["title"]
        return Topic(
            title=title,
            speakers=_speakers(data.get("speakers")),
            video=Link.of(data["video"]) if "video" in data else None,
            slides_url=Link.of(data["slides_url"]) if "slides_url" in data else None,
            summary=data.get("summary"),
            slides=tuple(
                self.slide(s, (*path, "slides", i), title)
                for i, s in enumerate(data.get("slides", []))
            ),
            origin=self.origin(path),
        )

    def slide(self, data: dict[str, Any], path: DataPath, default_title: str) -> Slide:
        return Slide(
            title=data.get("title", default_title),
            content=self.content(data, path),
            notes=data.get("notes"),
            keep=data.get("keep", False),
            steps=data.get("steps", False),
            origin=self.origin(path),
        )

    def content(self, data: dict[str, Any], path: DataPath) -> Content:
        if "bullets" in data:
            return Bullets(tuple(_bullet(b) for b in data["bullets"]))
        if "text" in data:
            return Statement(data["text"])
        if "quote" in data:
            return Quote(data["quote"]["text"], data["quote"].get("source"))
        if "code" in data:
            return _code(data["code"])
        if "table" in data:
            table, at = data["table"], (*path, "table")
            return Table(
                tuple(self.doc.text((*at, "columns", i)) for i in range(len(table["columns"]))),
                tuple(
                    tuple(self.doc.text((*at, "rows", r, c)) for c in range(len(row)))
                    for r, row in enumerate(table["rows"])
                ),
            )
        if "image" in data:
            image = data["image"]
            base = self.doc.source_of((*path, "image", "path")).parent
            info = inspect_image(base / image["path"], image["path"], self.root, self.images)
            return Picture(
                info.path,
                info.width,
                info.height,
                info.extension,
                image.get("caption"),
                image.get("alt"),
            )
        if "video" in data:
            video = data["video"]
            return Video(
                Link.of(video["url"]),
                video.get("title"),
                _speakers(video.get("speakers")),
                video.get("summary"),
            )
        if "links" in data:
            return Links(tuple(Link.of(x["url"], x.get("label")) for x in data["links"]))
        return Stats(
            tuple(
                Stat(self.doc.text((*path, "stats", i, "value")), s["label"])
                for i, s in enumerate(data["stats"])
            )
        )


def _speakers(value: str | list[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def _bullet(data: str | dict[str, Any]) -> Bullet:
    if isinstance(data, str):
        return Bullet(data)
    return Bullet(
        data.get("text", ""),
        tuple(_bullet(b) for b in data.get("bullets", [])),
        _code(data["code"]) if "code" in data else None,
    )


def _code(data: str | dict[str, Any]) -> Code:
    if isinstance(data, str):
        return Code(_listing(data))
    return Code(_listing(data["source"]), data.get("language"), data.get("caption"))


def _listing(source: str) -> str:
    """Code as shown: tabs expanded, no trailing blank lines (YAML `|` adds one)."""
    return source.expandtabs(4).rstrip("\n")
