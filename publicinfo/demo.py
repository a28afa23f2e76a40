"""Demo procedures, a week of leadership schedule, dated documents, judicial entries, links (idempotent)."""

import datetime
import io

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from organisation.models import Department, StaffProfile
from organisation.roles import Role
from organisation.services import department_update

from .models import JudicialEntry, Notice, Procedure, ProcedureField, ScheduleEntry, WebLink
from .services import notice_save, procedure_save

PROCEDURES = [
    (
        "1.001193",
        "Đăng ký khai sinh",
        "Hộ tịch",
        "commune",
        "full",
        "Ngay trong ngày tiếp nhận",
        "Miễn lệ phí",
    ),
    ("1.000656", "Đăng ký khai tử", "Hộ tịch", "commune", "full", "Ngay trong ngày tiếp nhận", "Miễn lệ phí"),
    (
        "1.000894",
        "Đăng ký kết hôn",
        "Hộ tịch",
        "commune",
        "partial",
        "Ngay trong ngày tiếp nhận",
        "Miễn lệ phí",
    ),
    (
        "2.000908",
        "Cấp bản sao trích lục hộ tịch",
        "Hộ tịch",
        "district",
        "full",
        "Ngay trong ngày",
        "8.000 đồng/bản",
    ),
    (
        "2.000884",
        "Chứng thực bản sao từ bản chính",
        "Chứng thực",
        "commune",
        "none",
        "Trong ngày",
        "2.000 đồng/trang",
    ),
    (
        "2.000815",
        "Chứng thực chữ ký",
        "Chứng thực",
        "district",
        "none",
        "Trong ngày",
        "10.000 đồng/trường hợp",
    ),
    (
        "1.001680",
        "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam",
        "Lý lịch tư pháp",
        "province",
        "full",
        "10 ngày",
        "200.000 đồng/lần",
    ),
    (
        "1.000823",
        "Đăng ký hành nghề luật sư với tư cách cá nhân",
        "Luật sư",
        "province",
        "partial",
        "7 ngày làm việc",
        "Không",
    ),
    (
        "1.001877",
        "Thành lập Văn phòng công chứng",
        "Công chứng",
        "province",
        "partial",
        "20 ngày",
        "1.000.000 đồng/hồ sơ",
    ),
    (
        "2.000508",
        "Đăng ký hoạt động của tổ chức đấu giá tài sản",
        "Đấu giá tài sản",
        "province",
        "partial",
        "10 ngày làm việc",
        "1.000.000 đồng/hồ sơ",
    ),
    (
        "1.000614",
        "Yêu cầu trợ giúp pháp lý",
        "Trợ giúp pháp lý",
        "province",
        "full",
        "Ngay khi tiếp nhận",
        "Miễn phí",
    ),
    (
        "1.003160",
        "Công nhận hòa giải viên",
        "Hòa giải ở cơ sở",
        "commune",
        "none",
        "3 ngày làm việc",
        "Không",
    ),
]
NOTICES = [
    (
        "announcement",
        "Thông báo tuyển dụng viên chức Trung tâm Trợ giúp pháp lý nhà nước năm 2026",
        "85/TB-STP",
    ),
    ("announcement", "Giấy mời dự Hội nghị sơ kết công tác tư pháp 9 tháng đầu năm", "102/GM-STP"),
    ("announcement", "Thông báo lịch tiếp công dân của Giám đốc Sở tháng 12/2026", "110/TB-STP"),
    ("conference", "Tài liệu Hội nghị tổng kết công tác tư pháp năm 2025", ""),
    ("plan", "Kế hoạch cải cách hành chính năm 2026 của Sở Tư pháp", "15/KH-STP"),
    ("project", "Đề án nâng cao hiệu quả công tác hòa giải ở cơ sở giai đoạn 2026–2030", ""),
    ("research", "Đề tài: Giải pháp nâng cao chất lượng thẩm định văn bản quy phạm pháp luật cấp tỉnh", ""),
    ("statistics", "Số liệu thống kê ngành Tư pháp 6 tháng đầu năm 2026", ""),
    ("iso", "Chính sách chất lượng theo TCVN ISO 9001:2015 của Sở Tư pháp", ""),
]
JUDICIAL = [
    (
        "notary",
        "Phòng Công chứng số 1 tỉnh Hà Tĩnh",
        "Thành phố Hà Tĩnh",
        "Số 05 Trần Phú, TP Hà Tĩnh",
        "0239 3856 111",
    ),
    (
        "notary",
        "Văn phòng công chứng Hồng Lĩnh",
        "Thị xã Hồng Lĩnh",
        "Phường Bắc Hồng, TX Hồng Lĩnh",
        "0239 3836 222",
    ),
    ("notary", "Văn phòng công chứng Cẩm Xuyên", "Huyện Cẩm Xuyên", "Thị trấn Cẩm Xuyên", "0239 3861 333"),
    (
        "auction",
        "Trung tâm Dịch vụ đấu giá tài sản tỉnh",
        "Thành phố Hà Tĩnh",
        "Số 12 Nguyễn Du, TP Hà Tĩnh",
        "0239 3857 444",
    ),
    (
        "auction",
        "Công ty Đấu giá hợp danh Kỳ Anh",
        "Huyện Kỳ Anh",
        "Thị trấn Kỳ Đồng, huyện Kỳ Anh",
        "0239 3864 555",
    ),
    (
        "law_firm",
        "Văn phòng Luật sư Minh Pháp",
        "Thành phố Hà Tĩnh",
        "Số 20 Hà Huy Tập, TP Hà Tĩnh",
        "0912 345 678",
    ),
    ("lawyer", "Luật sư Nguyễn Văn Bình", "Huyện Đức Thọ", "Thị trấn Đức Thọ", "0913 456 789"),
    (
        "bailiff",
        "Văn phòng Thừa phát lại Hà Tĩnh",
        "Thành phố Hà Tĩnh",
        "Số 8 Lê Hồng Phong, TP Hà Tĩnh",
        "0239 3858 666",
    ),
    (
        "forensic",
        "Giám định viên Trần Văn Cường (pháp y)",
        "Thành phố Hà Tĩnh",
        "Trung tâm Pháp y tỉnh",
        "0239 3859 777",
    ),
    (
        "legal_aid_org",
        "Trung tâm Trợ giúp pháp lý nhà nước tỉnh",
        "Thành phố Hà Tĩnh",
        "Số 03 Nguyễn Chí Thanh, TP Hà Tĩnh",
        "0239 3855 888",
    ),
    (
        "legal_aid_person",
        "Trợ giúp viên pháp lý Lê Thị Hương",
        "Huyện Hương Sơn",
        "Chi nhánh TGPL huyện Hương Sơn",
        "0239 3875 999",
    ),
]
LINKS = [
    ("Cổng thông tin điện tử Chính phủ", "https://chinhphu.vn"),
    ("Bộ Tư pháp", "https://moj.gov.vn"),
    ("Cơ sở dữ liệu quốc gia về văn bản pháp luật", "https://vbpl.vn"),
    ("Cổng Dịch vụ công quốc gia", "https://dichvucong.gov.vn"),
    ("Cổng Pháp luật quốc gia", "https://phapluat.gov.vn"),
]
SCHEDULE = [
    # weekday, hour, minute, content, place, attendees
    (
        0,
        7,
        30,
        "Chào cờ đầu tuần, giao ban lãnh đạo Sở",
        "Hội trường Sở",
        "Lãnh đạo Sở, trưởng các phòng, đơn vị",
    ),
    (
        1,
        8,
        0,
        "Làm việc với Phòng Tư pháp huyện Cẩm Xuyên về công tác hộ tịch",
        "UBND huyện Cẩm Xuyên",
        "Phòng Hành chính tư pháp",
    ),
    (2, 14, 0, "Dự họp Ủy ban nhân dân tỉnh thường kỳ", "Phòng họp UBND tỉnh", "Giám đốc Sở"),
    (
        3,
        8,
        0,
        "Hội nghị tập huấn công tác phổ biến, giáo dục pháp luật",
        "Hội trường Sở",
        "Báo cáo viên pháp luật tỉnh",
    ),
    (4, 9, 0, "Tiếp công dân định kỳ", "Phòng tiếp công dân", "Thanh tra Sở, Văn phòng Sở"),
]


def _png(draw_on, size):
    image = Image.new("RGB", size, (236, 240, 244))
    draw_on(ImageDraw.Draw(image))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return ContentFile(out.getvalue())


def _font(size):
    """A font with Vietnamese letters (Pillow's built-in bitmap font has no diacritics)."""
    for path in ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", "DejaVuSans-Bold.ttf"):
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def _draw_map(draw):
    for x in range(0, 800, 100):
        draw.line([(x, 0), (x, 500)], fill=(255, 255, 255), width=14)
    for y in range(0, 500, 90):
        draw.line([(0, y), (800, y)], fill=(255, 255, 255), width=10)
    draw.rectangle([300, 190, 500, 290], fill=(155, 28, 28))
    draw.text((400, 240), "Sở Tư pháp", fill=(255, 255, 255), font=_font(22), anchor="mm")


def _draw_portrait(draw):
    draw.ellipse([110, 50, 210, 150], fill=(150, 160, 170))
    draw.rectangle([70, 170, 250, 400], fill=(150, 160, 170))


def seed_pictures():
    """A map for the contact page and portraits for the leadership page, when none were uploaded."""
    department = Department.objects.first()
    if department and not department.map_image:
        department_update(
            map_image=default_storage.save("department/ban-do.png", _png(_draw_map, (800, 500)))
        )
    for profile in StaffProfile.objects.filter(user__groups__name=Role.LEADERSHIP, photo=""):
        profile.photo.save(f"chan-dung-{profile.pk}.png", _png(_draw_portrait, (320, 400)))
    StaffProfile.objects.filter(user__groups__name=Role.LEADERSHIP, bio="").update(
        bio="Sinh năm 1972, quê quán Hà Tĩnh. Cử nhân Luật, Thạc sĩ Quản lý công.\n"
        "Phụ trách chung; trực tiếp chỉ đạo công tác tổ chức cán bộ, thi đua, khen thưởng và xây dựng pháp luật."
    )


def seed(command):
    seed_pictures()
    for code, name, field, level, online, time_limit, fees in PROCEDURES:
        if not Procedure.objects.filter(code=code).exists():
            procedure_save(
                Procedure(
                    code=code,
                    name=name,
                    field=ProcedureField.objects.get_or_create(name=field)[0],
                    level=level,
                    online_level=online,
                    time_limit=time_limit,
                    fees=fees,
                    implementing_body="Sở Tư pháp"
                    if level == "province"
                    else ("UBND cấp huyện" if level == "district" else "UBND cấp xã"),
                    steps="Bước 1: Người yêu cầu nộp hồ sơ.\nBước 2: Cơ quan có thẩm quyền kiểm tra, giải quyết.\nBước 3: Trả kết quả.",
                    dossier="Tờ khai theo mẫu.\nGiấy tờ tùy thân.",
                    legal_basis="Luật Hộ tịch năm 2014; Nghị định số 123/2015/NĐ-CP.",
                )
            )
    for kind, title, number in NOTICES:
        if not Notice.objects.filter(title=title).exists():
            notice_save(
                Notice(
                    kind=kind,
                    title=title,
                    number=number,
                    published_on=timezone.localdate() - datetime.timedelta(days=len(title) % 20),
                    summary=title,
                    body=f"<p>{title}.</p>",
                )
            )
    for kind, name, district, address, phone in JUDICIAL:
        JudicialEntry.objects.get_or_create(
            kind=kind, name=name, district=district, defaults={"address": address, "phone": phone}
        )
    for order, (name, url) in enumerate(LINKS, start=1):
        WebLink.objects.get_or_create(url=url, defaults={"name": name, "order": order})
    leaders = list(
        get_user_model()
        .objects.filter(groups__name__in=[Role.LEADERSHIP, Role.HEAD])
        .distinct()
        .order_by("pk")
    )
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    for n, leader in enumerate(leaders):
        for weekday, hour, minute, content, place, attendees in SCHEDULE:
            ScheduleEntry.objects.get_or_create(
                leader=leader,
                day=monday + datetime.timedelta(days=weekday),
                starts_at=datetime.time(hour + n, minute),
                defaults={"content": content, "place": place, "attendees": attendees},
            )
    command.stdout.write(
        f"Procedures: {Procedure.objects.count()}, judicial entries: {JudicialEntry.objects.count()}"
    )
