"""A story's ``image``: a raster image inside ``content/images/``, recognised by its content, resolved once.

The image is published on the site's own origin, so it must never be anything a browser would
run or show as a page (``.html``, ``.svg``, a Markdown draft): the file's first bytes must be a
JPEG, PNG, WebP or AVIF signature, whatever its name says. It must sit in the image folder, so a
story cannot publish another file of the repository (``../``, a symbolic link). The loader
resolves it here, once, and keeps the result on the entry: the check and the build use the
same file, with the extension its content proves.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: The image folder, inside the content folder: ``content/images/``.
IMAGE_FOLDER = "images"
MAX_IMAGE_BYTES = 5 * 1024 * 1024
EXTENSIONS = {"jpg": (".jpg", ".jpeg"), "png": (".png",), "webp": (".webp",), "avif": (".avif",)}


@dataclass(frozen=True)
class StoryImage:
    """The file to publish and the extension its content proves (``jpg``, ``png``, ``webp``, ``avif``)."""

    path: Path
    kind: str


class ImageError(Exception):
    """Why ``image`` cannot be published; ``code`` is a stable identifier."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def raster_kind(head: bytes) -> str | None:
    """``jpg``/``png``/``webp``/``avif`` from a file's first 32 bytes, or None."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[4:8] == b"ftyp" and (head[8:12] in (b"avif", b"avis") or b"avif" in head[16:32]):
        return "avif"
    return None


def resolve_image(value: str, content_root: Path) -> StoryImage:
    """The image ``value`` names (``content/images/x.jpg`` or ``images/x.jpg``). Raises :class:`ImageError`."""
    folder = (content_root / IMAGE_FOLDER).resolve()
    shown = f"`{content_root.name}/{IMAGE_FOLDER}/`"
    relative = value.strip().lstrip("/").replace("\\", "/")
    candidates = [content_root.parent / relative, content_root / relative]
    existing = [p for p in candidates if p.is_file()]
    if not existing:
        raise ImageError("image_missing", f"l'immagine `{value}` non esiste: caricala in {shown} e scrivi il suo percorso")
    path = existing[0].resolve()
    if not path.is_relative_to(folder):
        raise ImageError("image_outside_folder",
                         f"l'immagine `{value}` deve stare nella cartella {shown} (e senza `../` né collegamenti)")
    if path.stat().st_size > MAX_IMAGE_BYTES:
        raise ImageError("image_too_large", f"l'immagine `{value}` supera {MAX_IMAGE_BYTES // 1024 // 1024} MB: riducila")
    with path.open("rb") as handle:
        kind = raster_kind(handle.read(32))
    if kind is None:
        raise ImageError("image_not_raster",
                         f"`{value}` non è un'immagine JPEG, PNG, WebP o AVIF (conta il contenuto del file, non il nome)")
    if path.suffix.lower() not in EXTENSIONS[kind]:
        raise ImageError("image_wrong_extension",
                         f"`{value}` è un'immagine {kind.upper()}: rinominala con l'estensione `{EXTENSIONS[kind][0]}`")
    return StoryImage(path, kind)
