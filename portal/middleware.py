"""Site-wide middleware of the portal shell."""

from django.conf import settings

# Pages that embed the rich text editor (the admin and the editorial staff area).
EDITOR_PATH_PREFIXES = ("/quan-tri/", "/bien-tap/")


class RichTextEditorStyleMiddleware:
    """Let CKEditor 5 set style attributes on the pages where it runs.

    The editor positions image-resize handles and its upload progress bar with
    inline style attributes, which `style-src` blocks. Style attributes cannot
    run script, so `style-src-attr 'unsafe-inline'` is added on editor pages
    only; scripts and <style> elements stay nonce-only everywhere.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        path = request.path_info
        for code, _name in settings.LANGUAGES:
            if path.startswith(f"/{code}/"):
                path = path[len(code) + 1 :]
                break
        if path.startswith(EDITOR_PATH_PREFIXES):
            response._csp_update = {"style-src-attr": ["'unsafe-inline'"]}
        return response
