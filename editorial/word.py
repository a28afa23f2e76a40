"""Turn an uploaded Word file (.docx) into the item's body.

Headings, lists, tables and images are kept (mammoth). Each embedded image is
validated like any upload (core.uploads.validate_image: decoded, re-encoded)
and stored in media; nothing is inlined as a data: URI. The result is then
sanitised, as every stored body is.
"""

import io
import mimetypes
import zipfile

import mammoth
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from mammoth import html as mammoth_html

from core.html import sanitize_html
from core.uploads import original_filename, validate_document, validate_image

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The public site's page title is the h1; Word's headings start one level below it.
STYLE_MAP = """
p[style-name='Title'] => h2:fresh
p[style-name='Heading 1'] => h2:fresh
p[style-name='Heading 2'] => h3:fresh
p[style-name='Heading 3'] => h4:fresh
p[style-name='Heading 4'] => h5:fresh
"""


def _image_converter(stored, skipped):
    def convert(image):
        try:
            with image.open() as stream:
                data = stream.read()
        except (OSError, KeyError, ValueError):
            skipped.append(image.alt_text or "")
            return []
        extension = mimetypes.guess_extension(image.content_type or "") or ".png"
        if extension == ".jpe":
            extension = ".jpg"
        upload = ContentFile(data, name=f"word-image{extension}")
        try:
            clean = validate_image(upload)
        except ValidationError:
            skipped.append(image.alt_text or "")
            return []
        name = default_storage.save(f"editor/{clean.content.name}", clean.content)
        stored.append(name)
        attributes = {"src": default_storage.url(name)}
        if image.alt_text:
            attributes["alt"] = image.alt_text
        return [mammoth_html.element("img", attributes)]

    return convert


def word_to_html(uploaded):
    """Return (html, skipped_image_count, clean_file) or raise ValidationError with a message for the form."""
    name = original_filename(getattr(uploaded, "name", ""))
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(0)
    if head == OLE_MAGIC and name.lower().endswith(".docx"):
        # Word stores password-protected .docx files as encrypted OLE containers.
        raise ValidationError(
            _("“%(name)s” is password-protected. Remove the password in Word and upload it again."),
            code="password",
            params={"name": name},
        )
    if not name.lower().endswith(".docx"):
        raise ValidationError(
            _(
                "Only Word files in .docx format can be converted into the body. "
                "Attach .doc or .odt files as attachments instead."
            ),
            code="not_docx",
        )
    clean = validate_document(uploaded, kinds=("docx",))
    data = clean.content.read()
    stored, skipped = [], []
    try:
        result = mammoth.convert_to_html(
            io.BytesIO(data), style_map=STYLE_MAP, convert_image=_image_converter(stored, skipped)
        )
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, AttributeError, TypeError) as exc:
        for path in stored:
            default_storage.delete(path)
        raise ValidationError(
            _("“%(name)s” is damaged and cannot be read. Open it in Word, save it again and retry."),
            code="corrupt",
            params={"name": name},
        ) from exc
    html = sanitize_html(result.value)
    if not html.strip():
        raise ValidationError(_("“%(name)s” contains no text."), code="empty", params={"name": name})
    clean.content.seek(0)
    return html, len(skipped), clean
