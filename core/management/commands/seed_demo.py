"""Load a plausible department so every page has content (idempotent).

Apps add their own demo content in `<app>/demo.py` with a `seed(command)`
function; this command calls them in INSTALLED_APPS order after the base data.
"""

import importlib
import io
import random
from datetime import timedelta

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from articles.models import Category, Item, ItemKind, ItemStatus, Page
from articles.services import item_prepare, item_slug_assign
from organisation.models import Department, Unit
from organisation.roles import Role
from organisation.selectors import person_name
from organisation.services import staff_profile_set, unit_leader_add

DEMO_PASSWORD = "DemoPortal@2026"

INTERNAL_UNITS = [
    "Văn phòng Sở",
    "Thanh tra Sở",
    "Phòng Xây dựng, kiểm tra và theo dõi thi hành pháp luật",
    "Phòng Phổ biến, giáo dục pháp luật",
    "Phòng Hành chính tư pháp",
    "Phòng Bổ trợ tư pháp",
    "Trung tâm Trợ giúp pháp lý nhà nước",
    "Trung tâm Dịch vụ đấu giá tài sản",
    "Phòng Công chứng số 1",
]
DISTRICT_UNITS = [
    "Phòng Tư pháp thành phố Hà Tĩnh",
    "Phòng Tư pháp thị xã Hồng Lĩnh",
    "Phòng Tư pháp huyện Cẩm Xuyên",
    "Phòng Tư pháp huyện Kỳ Anh",
    "Phòng Tư pháp huyện Hương Sơn",
    "Phòng Tư pháp huyện Đức Thọ",
]

# username, full name (last, first), role, unit index (internal list), position
ACCOUNTS = [
    ("quantri", "Nguyễn Quản", "Trị", Role.SITE_ADMIN, 0, "Quản trị hệ thống"),
    ("giamdoc", "Lê Văn", "Minh", Role.LEADERSHIP, 0, "Giám đốc Sở"),
    ("truongban", "Trần Thị", "Hoa", Role.HEAD, 0, "Phó Giám đốc Sở, Trưởng Ban Biên tập"),
    ("photruongban", "Phạm Văn", "Dũng", Role.DEPUTY_HEAD, 3, "Trưởng phòng PBGDPL, Phó Trưởng ban"),
    ("thuky", "Võ Thị", "Lan", Role.SECRETARY, 0, "Thư ký Ban Biên tập"),
    ("bientapvien", "Hoàng Văn", "Nam", Role.BOARD_MEMBER, 3, "Thành viên Ban Biên tập"),
    ("vanphong", "Đặng Thị", "Thu", Role.OFFICE, 0, "Kế toán Văn phòng Sở"),
    ("lanhdaophong", "Bùi Văn", "Long", Role.UNIT_LEADER, 4, "Trưởng phòng Hành chính tư pháp"),
    ("tacgia", "Ngô Thị", "Mai", Role.AUTHOR, 4, "Chuyên viên"),
    ("tacgia.huyen", "Đỗ Văn", "Hùng", Role.AUTHOR, None, "Chuyên viên Phòng Tư pháp huyện Cẩm Xuyên"),
    ("congtacvien", "Lý Thị", "Hạnh", Role.COLLABORATOR, None, "Cộng tác viên"),
]

TITLES = [
    "Hội nghị triển khai công tác tư pháp năm 2026",
    "Phổ biến pháp luật về đất đai cho người dân vùng biển",
    "Tập huấn nghiệp vụ hộ tịch cho công chức tư pháp – hộ tịch cấp xã",
    "Ngày Pháp luật nước Cộng hòa xã hội chủ nghĩa Việt Nam 9/11",
    "Trợ giúp pháp lý lưu động tại huyện Hương Sơn",
    "Kiểm tra công tác chứng thực tại thị xã Hồng Lĩnh",
    "Hướng dẫn đăng ký khai sinh trực tuyến qua Cổng dịch vụ công",
    "Sơ kết công tác theo dõi thi hành pháp luật 6 tháng đầu năm",
    "Đối thoại chính sách với doanh nghiệp về thủ tục hành chính",
    "Tuyên truyền Luật Phòng, chống bạo lực gia đình năm 2022",
    "Hội thi hòa giải viên giỏi cấp tỉnh",
    "Công bố thủ tục hành chính mới trong lĩnh vực công chứng",
    "Tăng cường chuyển đổi số trong công tác tư pháp",
    "Bồi dưỡng kiến thức pháp luật cho cán bộ cơ sở",
    "Thẩm định dự thảo nghị quyết của Hội đồng nhân dân tỉnh",
    "Giải đáp pháp luật về thừa kế quyền sử dụng đất",
    "Kết quả công tác bổ trợ tư pháp quý III",
    "Phổ biến Luật Căn cước cho học sinh trung học phổ thông",
]
NEWS_CATEGORIES = ["hoat-dong-cua-so", "tu-phap-dia-phuong", "tin-chuyen-nganh", "tin-pbgdpl",
                   "tai-lieu-pbgdpl", "nghien-cuu-trao-doi", "thanh-tra"]
BODY = (
    "<p>Thực hiện Kế hoạch công tác năm, {unit} đã tổ chức {title_lower}. "
    "Tham dự có đại diện lãnh đạo Sở Tư pháp, các phòng chuyên môn và đông đảo cán bộ, nhân dân.</p>"
    "<h2>Nội dung chính</h2><ul><li>Quán triệt các quy định mới của pháp luật;</li>"
    "<li>Giải đáp vướng mắc của người dân và doanh nghiệp;</li><li>Phát hành tài liệu, tờ gấp pháp luật.</li></ul>"
    "<p>Qua đó góp phần nâng cao nhận thức, ý thức chấp hành pháp luật trong Nhân dân.</p>"
)
PAGES = [
    ("co-cau-to-chuc", "Cơ cấu tổ chức", "<p>Sở Tư pháp gồm Ban Giám đốc, Văn phòng, Thanh tra, các phòng chuyên môn và các đơn vị sự nghiệp trực thuộc.</p>"),
    ("chuc-nang-nhiem-vu", "Chức năng, nhiệm vụ", "<p>Sở Tư pháp là cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh, tham mưu, giúp Ủy ban nhân dân tỉnh quản lý nhà nước về công tác xây dựng và thi hành pháp luật, theo dõi thi hành pháp luật, kiểm tra, xử lý văn bản quy phạm pháp luật, phổ biến, giáo dục pháp luật, hộ tịch, chứng thực, bổ trợ tư pháp, trợ giúp pháp lý và các công tác tư pháp khác.</p>"),
    ("lich-su-phat-trien", "Lịch sử phát triển", "<p>Sở Tư pháp được tái lập năm 1991 cùng với việc tái lập tỉnh.</p>"),
]


def demo_image(text, color):
    image = Image.new("RGB", (1200, 675), color)
    draw = ImageDraw.Draw(image)
    draw.rectangle([40, 40, 1160, 635], outline=(255, 255, 255), width=6)
    draw.text((80, 300), text[:60], fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    return ContentFile(out.getvalue(), name="demo.jpg")


class Command(BaseCommand):
    help = "Load demo data: department, units, one account per role, categories' content."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Do nothing if any user exists.")

    def handle(self, *args, if_empty=False, **options):
        User = get_user_model()
        if if_empty and User.objects.exists():
            self.stdout.write("The database already has data; demo data not loaded.")
            self.print_accounts()
            return
        rng = random.Random(2026)
        with transaction.atomic():
            self.seed_department()
            units = self.seed_units()
            users = self.seed_users(units)
            self.seed_pages()
            self.seed_items(units, users, rng)
        for app_config in apps.get_app_configs():
            try:
                module = importlib.import_module(f"{app_config.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{app_config.name}.demo":
                    raise
                continue
            with transaction.atomic():
                module.seed(self)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.print_accounts()

    def seed_department(self):
        from organisation.services import department_update

        if not Department.objects.exists():
            department_update(
                name="Sở Tư pháp tỉnh Hà Tĩnh",
                name_en="Ha Tinh Department of Justice",
                short_name="STP Hà Tĩnh",
                governing_body="Ủy ban nhân dân tỉnh Hà Tĩnh",
                address="Số 01 đường Nguyễn Chí Thanh, phường Tân Giang, thành phố Hà Tĩnh",
                phone="0239 3855 678",
                fax="0239 3855 679",
                email="stp@hatinh.gov.vn",
                website="https://stp.hatinh.gov.vn",
                editor_in_charge="Trần Thị Hoa – Phó Giám đốc Sở",
                licence="Giấy phép số 01/GP-TTĐT do Sở Thông tin và Truyền thông cấp",
            )

    def seed_units(self):
        units = []
        for order, name in enumerate(INTERNAL_UNITS, start=1):
            unit, _ = Unit.objects.get_or_create(name=name, defaults={"kind": Unit.Kind.INTERNAL, "order": order})
            units.append(unit)
        for order, name in enumerate(DISTRICT_UNITS, start=1):
            unit, _ = Unit.objects.get_or_create(name=name, defaults={"kind": Unit.Kind.DISTRICT, "order": order})
            units.append(unit)
        return units

    def seed_users(self, units):
        User = get_user_model()
        district = Unit.objects.get(name="Phòng Tư pháp huyện Cẩm Xuyên")
        users = {}
        for username, last, first, role, unit_index, position in ACCOUNTS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={"first_name": first, "last_name": last, "email": f"{username}@stp.example.vn"},
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.is_staff = role in (Role.SITE_ADMIN, Role.SECRETARY, Role.HEAD, Role.DEPUTY_HEAD, Role.BOARD_MEMBER)
                user.is_superuser = role == Role.SITE_ADMIN
                user.save()
            user.groups.add(Group.objects.get(name=role))
            if role == Role.HEAD:
                # The head of the board is a deputy director: also part of the leadership.
                user.groups.add(Group.objects.get(name=Role.LEADERSHIP))
            unit = units[unit_index] if unit_index is not None else district
            staff_profile_set(user=user, unit=unit, position=position, office_phone=f"0239 3855 6{len(users):02d}")
            if role == Role.UNIT_LEADER:
                unit_leader_add(unit=unit, user=user)
            users[username] = user
        return users

    def seed_pages(self):
        for order, (slug, title, body) in enumerate(PAGES, start=1):
            Page.objects.get_or_create(slug=slug, defaults={"title": title, "body": body, "order": order})

    def seed_items(self, units, users, rng):
        if Item.objects.filter(status=ItemStatus.PUBLISHED).exists():
            return
        categories = {c.slug: c for c in Category.objects.filter(slug__in=NEWS_CATEGORIES)}
        colors = [(155, 28, 28), (11, 79, 138), (26, 127, 55), (154, 103, 0), (90, 50, 120)]
        now = timezone.now()
        authors = [users["tacgia"], users["tacgia.huyen"], users["congtacvien"]]
        for n in range(36):
            title = TITLES[n % len(TITLES)] + ("" if n < len(TITLES) else f" (đợt {n // len(TITLES) + 1})")
            unit = units[n % len(units)]
            author = authors[n % len(authors)]
            published = now - timedelta(hours=n * 17 + rng.randint(0, 5))
            item = Item(
                kind=ItemKind.BAI if n % 3 == 0 else ItemKind.TIN,
                status=ItemStatus.PUBLISHED,
                title=title,
                summary=f"{unit.name} thông tin về {title[0].lower() + title[1:]}.",
                body=BODY.format(unit=unit.name, title_lower=title[0].lower() + title[1:]),
                category=categories[NEWS_CATEGORIES[n % len(NEWS_CATEGORIES)]],
                unit=unit,
                author=author,
                byline=person_name(author),
                sender_full_name=person_name(author),
                sender_email=author.email,
                featured=n < 4,
                submitted_at=published - timedelta(hours=6),
                published_at=published,
                cover_alt=f"Ảnh minh họa: {title}",
                requires_unit_approval=False,
            )
            item_prepare(item)
            item_slug_assign(item)
            item.cover_image.save(f"demo-{n}.jpg", demo_image(title, colors[n % len(colors)]), save=False)
            item.save()

    def print_accounts(self):
        self.stdout.write("")
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD})")
        for username, _last, _first, role, _unit, _position in ACCOUNTS:
            self.stdout.write(f"  {username:<14} {role.label}")
        self.stdout.write("Log in at http://127.0.0.1:8000/tai-khoan/dang-nhap/ ; admin at /quan-tri/")
