"""Serving stored files: always as an attachment, under the original name, never sniffed."""

import mimetypes

from django.http import FileResponse, Http404


def attachment_response(field_file, original_name):
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    content_type = mimetypes.guess_type(original_name)[0] or "application/octet-stream"
    response = FileResponse(handle, as_attachment=True, filename=original_name, content_type=content_type)
    # A file must never be rendered as HTML in the portal's origin, whatever its bytes.
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
