"""Resized renditions of stored images, made on first use and kept under renditions/ in media storage.

Originals stay as uploaded (already re-encoded without EXIF by core.uploads);
readers get a width that fits their screen, in WebP with a JPEG fallback, so a
phone on a slow connection does not download a 4000-pixel photo.
"""

import hashlib
import io
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from PIL import Image, ImageOps

logger = logging.getLogger(__name__)

WIDTHS = {"thumb": 320, "card": 640, "full": 1280}
FORMATS = {
    "webp": ("WEBP", {"quality": 80, "method": 4}),
    "jpg": ("JPEG", {"quality": 82, "optimize": True, "progressive": True}),
}


@dataclass
class Rendition:
    url: str
    width: int
    height: int


def _target(name, width, extension, digest=None):
    digest = digest or hashlib.sha256(name.encode()).hexdigest()[:16]
    stem = Path(name).stem[:40]
    return f"renditions/{digest[:2]}/{digest}-{stem}-{width}.{extension}"


def rendition(field_file, width, extension="jpg"):
    """A Rendition of `field_file` at most `width` pixels wide, generating it if needed; None on failure."""
    if not field_file or not getattr(field_file, "name", None):
        return None
    original_width, original_height = _original_size(field_file)
    return _rendition(field_file, original_width, original_height, width, extension)


def _original_size(field_file):
    original_width = getattr(field_file.instance, field_file.field.width_field or "", None) or None
    original_height = getattr(field_file.instance, field_file.field.height_field or "", None) or None
    return original_width, original_height


def _rendition(field_file, original_width, original_height, width, extension, digest=None):
    if original_width and original_width < width:
        width = original_width
    relative = _target(field_file.name, width, extension, digest)
    height = round(original_height * width / original_width) if original_width and original_height else None
    if _media_on_disk():
        path = os.path.join(settings.MEDIA_ROOT, relative)
        if not os.path.exists(path):
            height = _generate(field_file, Path(path), width, extension)
            if height is None:
                return None
        elif height is None:
            with Image.open(path) as done:
                height = done.height
        return Rendition(url=settings.MEDIA_URL + relative, width=width, height=height)
    try:
        if not default_storage.exists(relative):
            height = _generate_in_storage(field_file, relative, width, extension)
            if height is None:
                return None
        elif height is None:
            with default_storage.open(relative, "rb") as stored, Image.open(stored) as done:
                height = done.height
        return Rendition(url=default_storage.url(relative), width=width, height=height)
    except Exception:  # the object store is unreachable: the page shows without the picture
        logger.warning("cannot reach the rendition %s in media storage", relative, exc_info=True)
        return None


def _media_on_disk():
    """Media are files under MEDIA_ROOT (the default), not in an object store (MEDIA_S3_BUCKET).

    On disk a rendition is written next to the others and renamed into place atomically;
    in an object store it is read and written through Django's storage API, so every web
    node sees the renditions any node made (docs/performance.md, scaling).
    """
    return isinstance(default_storage, FileSystemStorage)


def _resized(image, width, extension):
    """`image` at most `width` wide, in a mode `extension` can hold; None if it is too large to open."""
    if image.width * image.height > settings.UPLOAD_MAX_IMAGE_PIXELS:
        return None
    image = ImageOps.exif_transpose(image)
    if image.width > width:
        image = image.resize((width, round(image.height * width / image.width)), Image.Resampling.LANCZOS)
    if FORMATS[extension][0] == "JPEG" and image.mode != "RGB":
        image = image.convert("RGB")
    elif image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA")
    return image


def _generate(field_file, path, width, extension):
    fmt, options = FORMATS[extension]
    try:
        source = Path(settings.MEDIA_ROOT) / field_file.name
        with Image.open(source) as image:
            image = _resized(image, width, extension)
            if image is None:
                return None
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            image.save(temporary, format=fmt, **options)
            os.replace(temporary, path)  # atomic: a concurrent request never reads half a file
            return image.height
    except (OSError, ValueError, Image.DecompressionBombError):
        logger.warning("cannot make a rendition of %s", field_file.name, exc_info=True)
        return None


def _generate_in_storage(field_file, relative, width, extension):
    """Make a rendition from the original in media storage and store it there."""
    fmt, options = FORMATS[extension]
    try:
        with default_storage.open(field_file.name, "rb") as source, Image.open(source) as image:
            image = _resized(image, width, extension)
            if image is None:
                return None
            buffer = io.BytesIO()
            image.save(buffer, format=fmt, **options)
    except (OSError, ValueError, Image.DecompressionBombError):
        logger.warning("cannot make a rendition of %s", field_file.name, exc_info=True)
        return None
    default_storage.save(relative, ContentFile(buffer.getvalue()))
    return image.height


# srcset() results by (image name, original size, sizes, media location). A rendition, once
# made, is never removed or changed (a new upload gets a new name), so a result stays true;
# remembering it spares a listing page 4 file-system checks and hashes per picture.
_SRCSET_MEMO_SIZE = 4096
_srcset_memo = {}
# Failures (an original missing or unreadable, the object store unreachable) by the same key,
# with when to try again: a page shown a thousand times a minute does not look for a missing
# file a thousand times, and a restored file shows within RETRY_FAILED_AFTER seconds.
RETRY_FAILED_AFTER = 300
_srcset_failed = {}


def srcset(field_file, sizes=("thumb", "card", "full")):
    """{"webp": "url 320w, ...", "jpg": "...", "src": Rendition} for a <picture>, or None."""
    original_width, original_height = _original_size(field_file)
    key = (field_file.name, original_width, original_height, sizes, str(settings.MEDIA_ROOT), settings.MEDIA_URL)
    result = _srcset_memo.get(key)
    if result is None:
        if _srcset_failed.get(key, 0.0) > time.monotonic():
            return None  # failed a moment ago: the page shows without the picture, as it did then
        result = _srcset(field_file, sizes, original_width, original_height)
        memo = _srcset_memo if result is not None else _srcset_failed
        if len(memo) >= _SRCSET_MEMO_SIZE:
            memo.clear()
        memo[key] = result if result is not None else time.monotonic() + RETRY_FAILED_AFTER
    return result


def _srcset(field_file, sizes, original_width, original_height):
    result = {}
    largest = None
    digest = hashlib.sha256(field_file.name.encode()).hexdigest()[:16]
    for extension in ("webp", "jpg"):
        parts = []
        seen = set()
        for size in sizes:
            made = _rendition(field_file, original_width, original_height, WIDTHS[size], extension, digest)
            if made is None:
                return None
            if made.width in seen:
                continue
            seen.add(made.width)
            parts.append(f"{made.url} {made.width}w")
            if extension == "jpg":
                largest = made
        result[extension] = ", ".join(parts)
    result["src"] = largest
    return result
