"""Demo content for the public site: photo galleries, an attachment, English news,
announcements and some reading statistics. Idempotent: each part is added once."""

import io
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from .models import Category, DailyVisits, Item, ItemAttachment, ItemImage, ItemKind, ItemStatus
from .services import item_prepare, item_slug_assign, item_visibility_changed

GALLERY = [
    ("Quang cảnh hội nghị", "Đại biểu tham dự hội nghị tại hội trường Sở Tư pháp"),
    ("Báo cáo viên trình bày", "Báo cáo viên pháp luật trình bày chuyên đề"),
    ("Người dân đặt câu hỏi", "Người dân nêu vướng mắc về thủ tục đất đai"),
]
ENGLISH = [
    (
        "Ha Tinh Department of Justice reviews its work in 2026",
        "The department met to review legal work in the province and set goals for next year.",
    ),
    (
        "Mobile legal aid reaches mountain communes",
        "The State Legal Aid Centre held free legal consultations for residents of Huong Son district.",
    ),
    (
        "Online birth registration now available",
        "Citizens can register births through the National Public Service Portal.",
    ),
]
ANNOUNCEMENTS = [
    "Thông báo lịch tiếp công dân tháng 12 năm 2026",
    "Giấy mời dự Hội nghị sơ kết công tác phổ biến, giáo dục pháp luật",
]
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj "
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _photo(text, color):
    image = Image.new("RGB", (1600, 1067), color)
    ImageDraw.Draw(image).text((80, 500), text, fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    return ContentFile(out.getvalue(), name="photo.jpg")


def _publish(title, summary, category, language="vi", hours_ago=1):
    item = Item(
        kind=ItemKind.TIN,
        status=ItemStatus.PUBLISHED,
        title=title,
        summary=summary,
        body=f"<p>{summary}</p>",
        category=category,
        language=language,
        published_at=timezone.now() - timedelta(hours=hours_ago),
        requires_unit_approval=False,
        show_byline=False,
    )
    item_prepare(item)
    item_slug_assign(item)
    item.save()
    return item


def seed(command):
    published = Item.objects.filter(status=ItemStatus.PUBLISHED, language="vi").order_by("-published_at")
    first = published.first()
    if first is not None and not ItemImage.objects.filter(item=first).exists():
        colors = [(11, 79, 138), (26, 127, 55), (154, 103, 0)]
        for order, ((alt, caption), color) in enumerate(zip(GALLERY, colors, strict=True)):
            photo = ItemImage(item=first, caption=caption, alt=alt, photographer="Võ Thị Lan", order=order)
            photo.image.save("photo.jpg", _photo(alt, color), save=False)
            photo.save()
        attachment = ItemAttachment(
            item=first,
            original_name="ke-hoach-pbgdpl-2026.pdf",
            title="Kế hoạch phổ biến, giáo dục pháp luật năm 2026",
            size=len(PDF),
        )
        attachment.file.save("attachment.pdf", ContentFile(PDF), save=False)
        attachment.save()
    news = Category.objects.filter(slug="hoat-dong-cua-so").first()
    if news and not Item.objects.filter(language="en").exists():
        for n, (title, summary) in enumerate(ENGLISH):
            _publish(title, summary, news, language="en", hours_ago=n * 20 + 2)
    announcements = Category.objects.filter(slug="thong-bao").first()
    if announcements and not Item.objects.filter(category=announcements).exists():
        for n, title in enumerate(ANNOUNCEMENTS):
            _publish(
                title,
                f"{title}. Đề nghị các đơn vị, cá nhân liên quan theo dõi, thực hiện.",
                announcements,
                hours_ago=n * 30 + 3,
            )
    if not DailyVisits.objects.exists():
        today = timezone.localdate()
        for offset in range(1, 60):
            DailyVisits.objects.create(date=today - timedelta(days=offset), count=300 + (offset * 37) % 250)
        for rank, item in enumerate(published[:8]):
            DailyVisits.objects.create(date=today - timedelta(days=1), item=item, count=120 - rank * 13)
            Item.objects.filter(pk=item.pk).update(view_count=120 - rank * 13)
    item_visibility_changed(first)
