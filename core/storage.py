"""The media storage of a deployment without an object store (settings.STORAGES["default"])."""

from django.core.files.storage import FileSystemStorage

URLS_KEPT = 4096  # names whose URL a worker remembers


class MediaStorage(FileSystemStorage):
    """Django's FileSystemStorage with each file's URL worked out once per worker.

    `url()` quotes the name and joins it to MEDIA_URL with urllib's urljoin: on an article
    page (the cover's address for Open Graph, each gallery photo's link) that was 2 % of the
    CPU of an uncached page (docs/performance.md). A stored file's URL depends only on its
    name and the base URL (a changed MEDIA_URL changes the key), so it is remembered.
    """

    def url(self, name):
        key = (self.base_url, name)
        urls = self.__dict__.setdefault("_urls", {})
        url = urls.get(key)
        if url is None:
            if len(urls) >= URLS_KEPT:
                urls.clear()
            url = urls[key] = super().url(name)
        return url
