"""Validation of uploaded files by their content, for every upload path.

A file's name and the browser's content type are claims; the bytes decide.
Images are decoded with Pillow, capped in pixels, and re-encoded (which drops
EXIF and anything smuggled after the image data). Office documents are checked
as zip archives with caps on entries and size, and macro-enabled ones refused.
Stored files get random names; the original name is kept only for display and
for Content-Disposition. `file_response` serves a stored file safely: nosniff,
a sandboxing CSP, and as an attachment unless it is an image we re-encoded.
Every accepted or refused upload is announced on `upload_checked` (the audit
log listens).
"""

import io
import os
import posixpath
import uuid
import zipfile
from dataclasses import dataclass
from zlib import error as zlib_error

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.dispatch import Signal
from django.http import FileResponse, Http404
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
ZIP_MAX_UNCOMPRESSED = 100 * 1024 * 1024
ZIP_MAX_RATIO = 100
# Names whose inner extension would run as code if a server were misconfigured
# ("report.php.jpg", "x.svg.png"): refused whatever the content.
DANGEROUS_EXTENSIONS = {
    ".php", ".php3", ".php4", ".php5", ".phtml", ".phar", ".asp", ".aspx", ".jsp", ".cgi", ".pl",
    ".py", ".sh", ".exe", ".dll", ".bat", ".cmd", ".com", ".msi", ".scr", ".js", ".mjs", ".vbs",
    ".html", ".htm", ".xhtml", ".shtml", ".svg", ".svgz", ".xml", ".xsl", ".hta", ".jar", ".swf",
}
# Bytes that betray markup or script inside what claims to be a document.
MARKUP_SIGNATURES = (b"<script", b"<html", b"<svg", b"<!doctype html", b"<iframe", b"<?xml-stylesheet")
# Served inline only when we re-encoded them ourselves (validate_image's output).
INLINE_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".webp": "image/webp"}
ATTACHMENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
}

# Sent after every check: accepted (bool), original_name, kind, size, error.
upload_checked = Signal()


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


def _check_name(name):
    parts = name.lower().split(".")[1:-1]
    if any(f".{part.strip()}" in DANGEROUS_EXTENSIONS for part in parts):
        raise ValidationError(
            _("The file name “%(name)s” is not accepted; please rename the file."),
            code="bad_name",
            params={"name": name},
        )


def _announced(validate):
    """Wrap a validator so every outcome is announced on `upload_checked`."""

    def wrapper(uploaded, **kwargs):
        name = original_filename(getattr(uploaded, "name", ""))
        try:
            clean = validate(uploaded, **kwargs)
        except ValidationError as exc:
            upload_checked.send(sender=CleanFile, accepted=False, original_name=name, kind="",
                                size=getattr(uploaded, "size", None) or 0, error="; ".join(exc.messages))
            raise
        upload_checked.send(sender=CleanFile, accepted=True, original_name=clean.original_name,
                            kind=clean.kind, size=clean.size)
        return clean

    wrapper.__name__ = validate.__name__.lstrip("_")
    wrapper.__doc__ = validate.__doc__
    return wrapper


def _validate_image(uploaded, *, max_bytes=None, max_pixels=None):
    """Decode, check and re-encode an image; return a CleanFile or raise ValidationError."""
    max_bytes = max_bytes or settings.UPLOAD_MAX_IMAGE_BYTES
    max_pixels = max_pixels or settings.UPLOAD_MAX_IMAGE_PIXELS
    name = original_filename(getattr(uploaded, "name", ""))
    extension = os.path.splitext(name)[1].lower()
    _check_name(name)
    data = _read_capped(uploaded, max_bytes)
    invalid = ValidationError(
        _("“%(name)s” is not a valid image. Allowed: JPG, PNG, GIF, BMP, WebP."),
        code="invalid_image",
        params={"name": name},
    )
    too_big = ValidationError(
        _("The image is too large in pixels; the limit is %(limit)s megapixels."),
        code="too_many_pixels",
        params={"limit": round(max_pixels / 1_000_000)},
    )
    try:
        with Image.open(io.BytesIO(data)) as probe:
            fmt = probe.format
            width, height = probe.size
    except Image.DecompressionBombError:
        raise too_big from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
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
        raise too_big
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


validate_image = _announced(_validate_image)


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
    bomb = ValidationError(
        _("“%(name)s” unpacks to an unreasonable size and was refused."),
        code="zip_bomb",
        params={"name": name},
    )
    limit = min(ZIP_MAX_UNCOMPRESSED, ZIP_MAX_RATIO * max(len(data), 1))
    if sum(info.file_size for info in infos) > limit:
        raise bomb
    # The sizes in the headers are claims too: count what really comes out.
    unpacked = 0
    try:
        for info in infos:
            with archive.open(info) as member:
                while chunk := member.read(65536):
                    unpacked += len(chunk)
                    if unpacked > limit:
                        raise bomb
    # zipfile raises NotImplementedError for a compression method it cannot read: to us, a
    # file we cannot check is a file we refuse.
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError, zlib_error):
        raise corrupt from None
    names = {info.filename for info in infos}
    lowered = {n.lower() for n in names}
    if any(n.endswith("vbaproject.bin") or "/activex/" in n or n.startswith(("basic/", "scripts/"))
           for n in lowered):
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


def _validate_document(uploaded, *, kinds=("pdf", "docx", "doc", "odt", "xlsx", "xls", "ods"), max_bytes=None):
    """Check a document's bytes against an allow-list of kinds; return a CleanFile."""
    max_bytes = max_bytes or settings.UPLOAD_MAX_DOCUMENT_BYTES
    name = original_filename(getattr(uploaded, "name", ""))
    extension = os.path.splitext(name)[1].lower()
    _check_name(name)
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
    if kind == "pdf" and any(sig in data[:1024].lower() for sig in MARKUP_SIGNATURES):
        # A PDF header glued onto a web page: browsers that sniff would render the page.
        raise refused
    if extension not in DOCUMENT_KINDS[kind]:
        raise ValidationError(
            _("The file name “%(name)s” does not match its content (%(kind)s)."),
            code="extension_mismatch",
            params={"name": name, "kind": kind.upper()},
        )
    content = ContentFile(data, name=random_name(extension))
    return CleanFile(content=content, original_name=name, kind=kind, size=len(data))


validate_document = _announced(_validate_document)


def file_response(fieldfile, original_name=None, *, inline=None):
    """Serve a stored upload safely (for views that check access first).

    Images we re-encoded may be shown inline; everything else (PDFs included,
    which can carry JavaScript) is an attachment named after the original file.
    Always nosniff and a CSP that sandboxes the file if a browser opens it.
    """
    if not fieldfile:
        raise Http404
    extension = os.path.splitext(fieldfile.name)[1].lower()
    if extension in INLINE_TYPES:
        content_type = INLINE_TYPES[extension]
        as_attachment = False if inline is None else not inline
    else:
        content_type = ATTACHMENT_TYPES.get(extension, "application/octet-stream")
        as_attachment = True
    try:
        handle = fieldfile.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    name = original_filename(original_name or os.path.basename(fieldfile.name))
    response = FileResponse(handle, as_attachment=as_attachment, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-cache"
    return response


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
