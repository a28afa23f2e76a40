"""Demo component sites and a few of their items, so the "from the units" block is not empty (idempotent)."""

import datetime

from django.utils import timezone

from .models import ComponentItem, ComponentSite

SITES = [
    ("Phòng Tư pháp huyện Cẩm Xuyên", "https://camxuyen.example.vn/pbgdpl/rss"),
    ("Phòng Tư pháp thị xã Hồng Lĩnh", "https://honglinh.example.vn/pbgdpl/rss"),
]
TITLES = [
    "Tuyên truyền Luật Hòa giải ở cơ sở tại các thôn, tổ dân phố",
    "Tổ chức Ngày Pháp luật Việt Nam tại trường học",
    "Phát tờ gấp pháp luật về phòng, chống bạo lực gia đình",
]


def seed(command):
    now = timezone.now()
    for n, (name, url) in enumerate(SITES):
        site, _created = ComponentSite.objects.get_or_create(feed_url=url, defaults={"name": name})
        for m, title in enumerate(TITLES):
            ComponentItem.objects.get_or_create(
                site=site,
                guid=f"demo-{n}-{m}",
                defaults={
                    "title": title,
                    "link": url.replace("/rss", f"/{m}"),
                    "summary": f"{name} phối hợp với Ủy ban nhân dân cấp xã tổ chức hoạt động với sự tham gia của đông đảo người dân.",
                    "published_at": now - datetime.timedelta(hours=5 * m + n),
                },
            )
