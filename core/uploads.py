"""Validation of uploaded files by their content, for every upload path.

A file's name and the browser's content type are claims; the bytes decide.
Images are decoded with Pillow, capped in pixels, and re-encoded (which drops
EXIF and anything smuggled after the image data). Office documents are checked
as zip archives with caps on entries and size, and macro-enabled ones refused.
Stored files get random names; the original name is kept only for display and
for Content-Disposition.
"""

import io
import os
import posixpath
import uuid
import zipfile
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from .text import normalize_text

IMAGE_FORMATS = {
    # Pillow format: (allowed extensions, stored format, stored extension)
    "JPEG": ({".jpg", ".jpeg"}, "JPEG", ".jpg"),
    "PNG": ({".png"}, "PNG", ".png"),
    "GIF": ({".gif"}, "PNG", ".png"),
    "BMP": ({".bmp"}, "PNG", ".png"),
    "WEBP": ({".webp"}, "WEBP", ".webp"),
}
DOCUMENT_KINDS = {
    "pdf": {".pdf"},
    "docx": {".docx"},
    "xlsx": {".xlsx"},
    "odt": {".odt"},
    "ods": {".ods"},
    "doc": {".doc"},
    "xls": {".xls"},
}
ZIP_MAX_ENTRIES = 2000
ZIP_MAX_UNCOMPRESSED = 200 * 1024 * 1024
ZIP_MAX_RATIO = 200


@dataclass
class CleanFile:
    """A validated upload: content ready to save, the safe stored name and the original name."""

    content: ContentFile
    original_name: str
    kind: str
    size: int


def original_filename(name):
    """A display-safe version of what the user's file was called (no path, no control characters)."""
    name = normalize_text(posixpath.basename(str(name or "").replace("\\", "/")), multiline=False)
    name = "".join(ch for ch in name if ch not in '<>:"|?*')
    return (name or "file")[:200]


def random_name(extension):
    return f"{uuid.uuid4().hex}{extension}"


@deconstructible
class upload_to:  # noqa: N801 - used like a function in model fields
    """An `upload_to` callable storing files as prefix/YYYY/MM/<random>.<ext>."""

    def __init__(self, prefix):
        self.prefix = prefix

    def __call__(self, instance, filename):
        extension = os.path.splitext(filename)[1].lower()[:10]
        now = timezone.now()
        return f"{self.prefix}/{now:%Y/%m}/{random_name(extension)}"

    def __eq__(self, other):
        return isinstance(other, upload_to) and other.prefix == self.prefix


def _read_capped(uploaded, limit):
    size = getattr(uploaded, "size", None)
    if size is not None and size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s MB); the limit is %(limit)s MB."),
            code="too_large",
            params={"size": round(size / 1048576, 1), "limit": round(limit / 1048576, 1)},
        )
    uploaded.seek(0)
    data = uploaded.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(
            _("The file is too large; the limit is %(limit)s MB."),
            code="too_large",
            params={"limit": round(limit / 1048576, 1)},
        )
    if not data:
        raise ValidationError(_("The file is empty."), code="empty")
    return data


def validate_image(uploaded, *, max_bytes=None, max_pixels=None):
    """Decode, check and re-encode an image; return a CleanFile or raise ValidationError."""
    max_bytes = max_bytes or settings.UPLOAD_MAX_IMAGE_BYTES
    max_pixels = max_pixels or settings.UPLOAD_MAX_IMAGE_PIXELS
    name = original_filename(getattr(uploaded, "name", ""))
    extension = os.path.splitext(name)[1].lower()
    data = _read_capped(uploaded, max_bytes)
    invalid = ValidationError(
        _("“%(name)s” is not a valid image. Allowed: JPG, PNG, GIF, BMP, WebP."),
        code="invalid_image",
        params={"name": name},
    )
    try:
        with Image.open(io.BytesIO(data)) as probe:
            fmt = probe.format
            width, height = probe.size
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise invalid from None
    if fmt not in IMAGE_FORMATS:
        raise invalid
    allowed_extensions, stored_format, stored_extension = IMAGE_FORMATS[fmt]
    if extension not in allowed_extensions:
        raise ValidationError(
            _("The file name “%(name)s” does not match its content (%(format)s)."),
            code="extension_mismatch",
            params={"name": name, "format": fmt},
        )
    if width * height > max_pixels:
        raise ValidationError(
            _("The image is too large (%(width)s×%(height)s pixels)."),
            code="too_many_pixels",
            params={"width": width, "height": height},
        )
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            image = ImageOps.exif_transpose(image)
            if stored_format == "JPEG" and image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            elif image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
                image = image.convert("RGBA")
            out = io.BytesIO()
            save_options = {"optimize": True}
            if stored_format == "JPEG":
                save_options["quality"] = 88
            image.save(out, format=stored_format, **save_options)
    except (OSError, ValueError, Image.DecompressionBombError, SyntaxError):
        raise invalid from None
    content = ContentFile(out.getvalue(), name=random_name(stored_extension))
    return CleanFile(content=content, original_name=name, kind="image", size=content.size)


def _sniff_document(data):
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"  # .doc or .xls (legacy binary)
    if data.startswith(b"PK\x03\x04"):
        return "zip"
    return None


def _check_zip(data, name):
    """Classify an OOXML/ODF archive and refuse bombs and macros."""
    corrupt = ValidationError(
        _("“%(name)s” is damaged or password-protected and cannot be opened."),
        code="corrupt",
        params={"name": name},
    )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise corrupt from None
    if len(infos) > ZIP_MAX_ENTRIES:
        raise ValidationError(
            _("“%(name)s” has too many parts to be a normal document."),
            code="zip_entries",
            params={"name": name},
        )
    total = sum(info.file_size for info in infos)
    if total > ZIP_MAX_UNCOMPRESSED or total > ZIP_MAX_RATIO * max(len(data), 1):
        raise ValidationError(
            _("“%(name)s” unpacks to an unreasonable size and was refused."),
            code="zip_bomb",
            params={"name": name},
        )
    names = {info.filename for info in infos}
    lowered = {n.lower() for n in names}
    if any(n.endswith("vbaproject.bin") or "/activex/" in n for n in lowered):
        raise ValidationError(
            _("“%(name)s” contains macros, which are not accepted."),
            code="macros",
            params={"name": name},
        )
    if "[Content_Types].xml" in names:
        try:
            types = archive.read("[Content_Types].xml").decode("utf-8", "replace").lower()
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError):
            raise corrupt from None
        if "macroenabled" in types or "vbaproject" in types:
            raise ValidationError(
                _("“%(name)s” contains macros, which are not accepted."),
                code="macros",
                params={"name": name},
            )
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        raise corrupt
    if "mimetype" in names:
        mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
        if mimetype == "application/vnd.oasis.opendocument.text":
            return "odt"
        if mimetype == "application/vnd.oasis.opendocument.spreadsheet":
            return "ods"
    raise corrupt


def validate_document(uploaded, *, kinds=("pdf", "docx", "doc", "odt", "xlsx", "xls", "ods"), max_bytes=None):
    """Check a document's bytes against an allow-list of kinds; return a CleanFile."""
    max_bytes = max_bytes or settings.UPLOAD_MAX_DOCUMENT_BYTES
    name = original_filename(getattr(uploaded, "name", ""))
    extension = os.path.splitext(name)[1].lower()
    data = _read_capped(uploaded, max_bytes)
    allowed_names = ", ".join(sorted(k.upper() for k in kinds))
    refused = ValidationError(
        _("“%(name)s” is not an accepted file type. Allowed: %(kinds)s."),
        code="bad_type",
        params={"name": name, "kinds": allowed_names},
    )
    sniffed = _sniff_document(data)
    if sniffed == "zip":
        kind = _check_zip(data, name)
    elif sniffed == "ole":
        kind = {".doc": "doc", ".xls": "xls"}.get(extension)
        if kind is None:
            raise refused
    else:
        kind = sniffed
    if kind is None or kind not in kinds:
        raise refused
    if extension not in DOCUMENT_KINDS[kind]:
        raise ValidationError(
            _("The file name “%(name)s” does not match its content (%(kind)s)."),
            code="extension_mismatch",
            params={"name": name, "kind": kind.upper()},
        )
    content = ContentFile(data, name=random_name(extension))
    return CleanFile(content=content, original_name=name, kind=kind, size=len(data))


class SafeImageField(forms.FileField):
    """A form field whose cleaned value is a re-encoded image (CleanFile)."""

    default_error_messages = {"required": _("Please choose an image.")}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/gif,image/bmp,image/webp"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        value = super().clean(data, initial)
        if value is None or value is False or value is initial or not hasattr(value, "read"):
            return value
        return validate_image(value)


class SafeDocumentField(forms.FileField):
    """A form field whose cleaned value is a checked document (CleanFile)."""

    def __init__(self, *args, kinds=("pdf", "docx", "doc", "odt", "xlsx", "xls", "ods"), **kwargs):
        self.kinds = kinds
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        value = super().clean(data, initial)
        if value is None or value is False or value is initial or not hasattr(value, "read"):
            return value
        return validate_document(value, kinds=self.kinds)
