"""Site-wide middleware of the portal shell."""

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.core.signals import setting_changed
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers

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


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, each distinct policy built once per process.

    django-csp builds the header anew for every response (dataclasses.asdict deep-copies the
    directives, then every directive is copied and joined): 4 % of the CPU of an uncached
    article page (docs/performance.md). A policy depends only on the settings, what a view
    or middleware set on the response (`_csp_update`, ...) and the request's nonce, so it is
    built once with a placeholder where the nonce goes and the nonce is put in per response.
    The headers are the same as django-csp's (tests/security/test_csp.py).
    """

    NONCE_PLACEHOLDER = "portal-csp-nonce-placeholder"
    _built = {}

    def _policy(self, request, response, report_only):
        parts = self.get_policy_parts(request=request, response=response, report_only=report_only)
        nonce = parts.nonce
        parts.nonce = self.NONCE_PLACEHOLDER if nonce is not None else None
        # What the policy is made of, as text (usually "None": the settings' policy as it is).
        key = (report_only, nonce is not None, repr((parts.config, parts.update, parts.replace)))
        policy = self._built.get(key)
        if policy is None:
            policy = build_policy(
                config=parts.config, update=parts.update, replace=parts.replace, nonce=parts.nonce,
                report_only=report_only,
            )
            if len(self._built) > 64:  # policies made at run time: do not grow without end
                self._built.clear()
            self._built[key] = policy
        return policy.replace(self.NONCE_PLACEHOLDER, nonce) if nonce is not None else policy

    def process_response(self, request, response):
        if response.status_code in (500, 404) and settings.DEBUG:  # django-csp: the debug pages
            return response
        for report_only, header, exempt, setting in (
            (False, HEADER, "_csp_exempt", "CONTENT_SECURITY_POLICY"),
            (True, HEADER_REPORT_ONLY, "_csp_exempt_ro", "CONTENT_SECURITY_POLICY_REPORT_ONLY"),
        ):
            policy = self._policy(request, response, report_only)
            if not policy or getattr(response, exempt, False) is not False or header in response:
                continue
            prefixes = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES", None) or ()
            if not request.path_info.startswith(tuple(prefixes)):
                response[header] = policy
        # As django-csp: a nonce asked for after the header was written is an error, not a gap.
        if getattr(request, "_csp_nonce", None) is None:
            request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response


def _csp_settings_changed(setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):  # tests' override_settings
        PortalCSPMiddleware._built.clear()


setting_changed.connect(_csp_settings_changed, dispatch_uid="portal.middleware.csp_settings_changed")


class PortalLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, without working out a preference the URL overrides anyway.

    The portal's URLs are i18n_patterns(prefix_default_language=False): a page's language is
    its URL's prefix, or Vietnamese without one. Django's middleware still reads the reader's
    language cookie and parses Accept-Language on every request, then throws the answer away
    for an unprefixed URL (and returns the prefix before reading either for a prefixed one).
    The language chosen is the same (tests/portal/test_locale.py); other URL setups get
    Django's own handling.
    """

    def process_request(self, request):
        urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
        i18n_patterns_used, prefixed_default_language = is_language_prefix_patterns_used(urlconf)
        if not i18n_patterns_used or prefixed_default_language:
            return super().process_request(request)
        language_from_path = _language_from_path(request.path_info)
        translation.activate(language_from_path or settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()
        # For process_response, which would work both out again.
        request._portal_locale = (urlconf, language_from_path)
        return None

    def process_response(self, request, response):
        """Django's, for the request process_request handled: under prefix_default_language=False
        no 404 is redirected to a prefixed URL, so only the headers remain."""
        urlconf, language_from_path = getattr(request, "_portal_locale", (None, None))
        if urlconf is None or urlconf != getattr(request, "urlconf", settings.ROOT_URLCONF):
            return super().process_response(request, response)
        if not language_from_path:
            patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


_path_languages = {}
PATH_LANGUAGES_KEPT = 1024


def _language_from_path(path):
    """translation.get_language_from_path(path), remembered per first segment of the path,
    which alone decides it. Most paths start with a section's word ("tin-tuc"), for which
    Django's lookup ends in a LookupError: two of them a request (2-3 % of a page's CPU)."""
    if not path.startswith("/"):
        return translation.get_language_from_path(path)
    segment = path[1:].partition("/")[0]
    try:
        return _path_languages[segment]
    except KeyError:
        pass
    language = translation.get_language_from_path(f"/{segment}/")
    if len(_path_languages) >= PATH_LANGUAGES_KEPT:  # any path can be asked for: stay small
        _path_languages.clear()
    _path_languages[segment] = language
    return language


def _languages_changed(setting, **kwargs):
    if setting in ("LANGUAGES", "LANGUAGE_CODE"):
        _path_languages.clear()


setting_changed.connect(_languages_changed, dispatch_uid="portal.middleware.languages_changed")

