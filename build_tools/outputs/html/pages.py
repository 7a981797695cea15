"""Generated Markdown pages: one per published item, plus the listings and the archive.

Each page is a tiny Markdown file: front matter naming its template (under ``overrides/lab/``),
its title and description, then the item's own Markdown body. The templates lay out the
facts from :mod:`build_tools.outputs.html.views`; MkDocs renders the body. Story images are copied as-is.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from build_tools.deriving.site import CallPage, ServicePage, Site, StoryPage
from build_tools.outputs import Output, SiteSettings

MARKDOWN = "text/markdown"

#: Listing pages: (source path, template, title, description).
LISTINGS: tuple[tuple[str, str, str, str], ...] = (
    ("bandi/index.md", "lab/calls.html", "Bandi e finanziamenti",
     "Bandi e finanziamenti aperti o in arrivo per cooperative, imprese, università ed enti: "
     "scadenze, importi e chi può partecipare."),
    ("bandi/archivio.md", "lab/archive.html", "Archivio dei bandi",
     "I bandi chiusi o annullati, anno per anno."),
    ("storie/index.md", "lab/stories.html", "Storie di cooperative innovative",
     "Idee innovative cooperative: come il digitale ha cambiato il lavoro di cooperative italiane."),
    ("servizi/index.md", "lab/services.html", "I servizi del Laboratorio",
     "Informazione, orientamento, seminari e webinar, capacity building e coaching per cooperative e nuove imprese."),
    ("eventi/index.md", "lab/events.html", "Eventi",
     "I prossimi seminari, webinar e sportelli del Laboratorio di Contaminazione Digitale."),
)

_TEMPLATES = {"bandi": "lab/call.html", "storie": "lab/story.html", "servizi": "lab/service.html"}


def source_uri(page: CallPage | StoryPage | ServicePage) -> str:
    """Source path of an item page: ``bandi/<slug>.md`` (published at ``bandi/<slug>/``)."""
    return page.url.rstrip("/") + ".md"


def image_path(page: StoryPage) -> str | None:
    """Where a story's image is published: ``storie/<slug>/immagine.<ext>``."""
    image = page.story.image
    if not image:
        return None
    return f"{page.url}immagine{Path(image).suffix.lower()}"


def markdown_page(meta: dict[str, Any], body: str = "") -> str:
    """Front matter (JSON is valid YAML, so every title is safely quoted) and body."""
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n" + body.strip() + "\n"


def _item(page: CallPage | StoryPage | ServicePage) -> Output:
    item = page.entry.item
    meta = {"template": _TEMPLATES[page.entry.collection.url_prefix],
            "title": item.title, "description": item.summary}  # type: ignore[attr-defined]
    return Output(source_uri(page), markdown_page(meta, page.entry.body), MARKDOWN)


def _image(site: Site, page: StoryPage) -> Output | None:
    image, target = page.story.image, image_path(page)
    if not image or not target:
        return None
    relative = image.lstrip("/")
    for candidate in (site.content_root.parent / relative, site.content_root / relative):
        if candidate.is_file():
            return Output(target, candidate.read_bytes(), "application/octet-stream")
    return None


def build_pages(site: Site, settings: SiteSettings) -> list[Output]:
    """Every listing and item page, and the story images."""
    outputs = [Output(path, markdown_page({"template": template, "title": title, "description": text,
                                           "hide": ["toc"]}), MARKDOWN)
               for path, template, title, text in LISTINGS]
    pages: list[CallPage | StoryPage | ServicePage] = [*site.calls, *site.stories, *site.services]
    outputs.extend(_item(page) for page in pages)
    images = (_image(site, story) for story in site.stories)
    outputs.extend(image for image in images if image is not None)
    return outputs
