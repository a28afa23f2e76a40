"""Image files for the data set's image metadata (runs inside Django, with the bench settings).

The data set names a few thousand cover and gallery images; the public pages
show resized renditions of them (articles/images.py), made on first use. A real
portal has made those long ago, so the benchmark must not measure their
creation: one placeholder picture per size is drawn, its renditions are made
once by the portal's own code, and every image name of the data set is linked
to them (original and renditions).
"""

import sys
from pathlib import Path

from django.conf import settings
from django.db import connection
from PIL import Image, ImageDraw


def _placeholder(path, width, height):
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", (width, height), (38, 84, 124))
    draw = ImageDraw.Draw(image)
    for k in range(0, width, 40):
        draw.line([(k, 0), (k + height // 2, height)], fill=(60 + k % 120, 120, 160), width=6)
    image.save(path, format="JPEG", quality=82)


def _link(target, source):
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists() or target.is_symlink():
        return 0
    target.symlink_to(source)
    return 1


def images_prepare():
    try:
        from articles import images
    except ImportError:
        return 0
    media = Path(settings.MEDIA_ROOT)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT cover_image, cover_width, cover_height FROM articles_item WHERE cover_image <> ''"
        )
        names = cursor.fetchall()
        cursor.execute("SELECT DISTINCT image, width, height FROM articles_itemimage")
        names += cursor.fetchall()
    linked = 0
    masters = {}
    for name, width, height in names:
        size = (width or 1200, height or 800)
        if size not in masters:
            master_name = f"bench/master-{size[0]}x{size[1]}.jpg"
            _placeholder(media / master_name, *size)
            masters[size] = master_name
        master_name = masters[size]
        linked += _link(media / name, media / master_name)
        for wanted in images.WIDTHS.values():
            effective = min(wanted, size[0])
            for extension in images.FORMATS:
                master_rendition = media / images._target(master_name, effective, extension)
                if not master_rendition.exists():
                    _make(images, master_name, size, effective, extension)
                linked += _link(media / images._target(name, effective, extension), master_rendition)
    return linked


def _make(images, name, size, width, extension):
    """The portal's own rendition code, on the master picture."""
    from django.core.files.storage import default_storage
    from django.db.models.fields.files import FieldFile, ImageField

    class Holder:
        cover_width, cover_height = size

    field = ImageField(width_field="cover_width", height_field="cover_height")
    field.name = "cover_image"
    file = FieldFile(Holder(), field, name)
    file.storage = default_storage
    images.rendition(file, width, extension)


def main():
    import django

    django.setup()
    count = images_prepare()
    print(f"[bench.media] {count:,} image links made under {settings.MEDIA_ROOT}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
