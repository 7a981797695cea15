"""Outputs are data: each builder returns ``Output`` objects and never touches the disk.

The MkDocs plugin writes the files into the site itself (:mod:`build_tools.renderers.file_writer`)
and hands the pages to MkDocs; ``stage`` writes both out for another renderer. Two outputs with the same path are an error.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:  # the checker imports reading.sanitize while the loader is being imported
    from build_tools.deriving.site import Site


@dataclass(frozen=True)
class SiteSettings:
    """Build options that outputs need besides the content (from the plugin config)."""

    site_url: str | None  # absolute base URL, e.g. "https://legacooplazio.github.io/laboratorio/"; None = unknown
    demo: bool = False  # the content is illustrative: say so everywhere
    site_name: str = "Laboratorio di Contaminazione Digitale"
    directory_urls: bool = True  # False: ``bandi/x.html``, for a preview opened from disk
    hand_written: tuple[str, ...] = ()  # the renderer's own pages (``laboratorio.md``): links may point at them
    issues_url: str | None = None  # ``…/issues/new`` of the repository: "Segnala un bando / un errore" links
    contact_email: str | None = None  # the mailbox for feedback (accessibility statement)
    accessibility_statement_date: date | None = None  # when the accessibility statement was last drawn up


_EMAIL = re.compile(r"[^@\s<>\"']+@[^@\s<>\"']+\.[a-z]{2,}", re.IGNORECASE)


def settings_from_extra(extra: dict[str, Any] | None) -> dict[str, Any]:
    """The :class:`SiteSettings` that live in ``extra:`` of mkdocs.yml, checked: each renderer
    adapter reads them here, so they mean the same everywhere. Raises ``ValueError`` (Italian)."""
    extra = extra or {}
    email = extra.get("contact_email")
    if email is not None and not (isinstance(email, str) and _EMAIL.fullmatch(email.strip())):
        raise ValueError(f"`extra.contact_email` in mkdocs.yml non è un indirizzo e-mail: {email!r}")
    when = extra.get("accessibility_statement_date")
    if isinstance(when, datetime):
        when = when.date()
    elif isinstance(when, str):
        try:
            when = date.fromisoformat(when.strip())
        except ValueError:
            raise ValueError("`extra.accessibility_statement_date` in mkdocs.yml deve essere una data "
                             f"AAAA-MM-GG: {when!r}") from None
    elif when is not None and not isinstance(when, date):
        raise ValueError(f"`extra.accessibility_statement_date` in mkdocs.yml deve essere una data AAAA-MM-GG: {when!r}")
    return {"demo": bool(extra.get("demo")), "issues_url": extra.get("issues_url"),
            "contact_email": email.strip() if email else None, "accessibility_statement_date": when}


class Output:
    """One generated file: site-relative POSIX path, text or bytes, media type.

    A builder that can name its files before writing them gives a function instead of the
    text (:meth:`later`): the pages need only the paths, so an adapter may make the files in
    another process while this one makes the pages (:mod:`build_tools.renderers.file_writer`).
    """

    __slots__ = ("path", "media_type", "_content", "_make")

    def __init__(self, path: str, content: str | bytes, media_type: str) -> None:
        self.path, self.media_type = path, media_type
        self._content: str | bytes | None = content
        self._make: Callable[[], str | bytes] | None = None

    @classmethod
    def later(cls, path: str, make: Callable[[], str | bytes], media_type: str) -> Output:
        """A file whose text ``make()`` gives when it is first asked for."""
        output = cls(path, "", media_type)
        output._content, output._make = None, make
        return output

    @property
    def content(self) -> str | bytes:
        if self._content is None:
            self._content, self._make = self.make(), None
        return self._content

    def make(self) -> str | bytes:
        """The text, made now if it is made later, and not kept: a writer that only writes it
        (a forked process writing thousands of feeds and calendars) holds one at a time."""
        if self._content is not None:
            return self._content
        assert self._make is not None
        return self._make()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Output):
            return NotImplemented
        return (self.path, self.media_type, self.content) == (other.path, other.media_type, other.content)

    __hash__ = None  # type: ignore[assignment]  # mutable once made

    def __repr__(self) -> str:
        return f"Output({self.path!r}, {self.media_type!r})"


def pack(text: str) -> bytes:
    """Page HTML as a large site holds it until it is written: UTF-8, deflated (about a tenth of
    the text's memory; thousands of pages are made before the first is written)."""
    return zlib.compress(text.encode("utf-8"), 1)


def unpack(packed: bytes) -> str:
    return zlib.decompress(packed).decode("utf-8")


class Page:
    """One generated page: its source path (``bandi/x.md``), plain-text title and description,
    and the three finished HTML parts a renderer places in its theme (kept :func:`pack`-ed:
    ``packed`` gives them so, head, content and scripts; ``head``, ``content`` and ``scripts``
    as text)."""

    __slots__ = ("path", "title", "description", "packed", "hide")

    def __init__(self, path: str, title: str, description: str, content: str, head: str = "",
                 scripts: str = "", hide: tuple[str, ...] = ("toc",)) -> None:
        self.path, self.title, self.description, self.hide = path, title, description, hide
        self.packed: tuple[bytes, bytes, bytes] = (pack(head), pack(content), pack(scripts))

    @property
    def head(self) -> str:
        return unpack(self.packed[0])

    @property
    def content(self) -> str:
        return unpack(self.packed[1])

    @property
    def scripts(self) -> str:
        return unpack(self.packed[2])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Page):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name)
                   for name in ("path", "title", "description", "content", "head", "scripts", "hide"))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Page({self.path!r}, {self.title!r})"


Builder = Callable[["Site", SiteSettings], list[Output | Page]]


class DuplicateOutputError(ValueError):
    pass


def collect(site: Site, settings: SiteSettings, builders: list[Builder]) -> list[Output | Page]:
    """Run every builder; refuse two outputs at the same path (Pelican's writer guard)."""
    outputs: list[Output | Page] = []
    seen: set[str] = set()
    for builder in builders:
        for output in builder(site, settings):
            if output.path in seen:
                raise DuplicateOutputError(f"due file generati con lo stesso percorso: {output.path}")
            seen.add(output.path)
            outputs.append(output)
    return outputs


def file_builders() -> list[Builder]:
    """Every output that is a file (not a page), in a fixed order."""
    from build_tools.outputs.calendar import build_calendars
    from build_tools.outputs.feeds import build_feeds
    from build_tools.outputs.finder import build_finder_data
    from build_tools.outputs.html.pages import build_images
    from build_tools.outputs.opendata import build_opendata

    return [build_feeds, build_calendars, build_opendata, build_finder_data, build_images]


def build_outputs(site: Site, settings: SiteSettings,
                  files_named: Callable[[list[Output]], None] | None = None) -> list[Output | Page]:
    """All generated files, then every page (pages link only to files that exist).

    ``files_named`` is called with the files once they are named, before the pages are made:
    an adapter may start writing them there (most are made only when their content is read)."""
    from build_tools.outputs.html.pages import build_pages

    files = collect(site, settings, file_builders())
    if files_named is not None:
        files_named([f for f in files if isinstance(f, Output)])
    pages = build_pages(site, settings, [f for f in files if isinstance(f, Output)])
    return collect(site, settings, [lambda _site, _settings: [*files, *pages]])
