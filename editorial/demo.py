"""Demo items in every state of the workflow, moved there through the real service (idempotent)."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from articles.models import Category, Item, ItemKind
from core.templatetags.vi_format import vi_person

from . import services
from .models import Delegation

BODY = (
    "<p>Sáng nay, {title_lower} đã được tổ chức tại hội trường Sở Tư pháp với sự tham dự của "
    "đại diện các phòng chuyên môn.</p><h2>Nội dung</h2><ul><li>Quán triệt văn bản mới;</li>"
    "<li>Trao đổi vướng mắc trong thực tiễn.</li></ul>"
)

# The moves that bring a staff author's item to each state.
PATHS = {
    "draft": [],
    "unit_review": ["send_to_unit"],
    "submitted": ["send_to_unit", "unit_approve"],
    "editing": ["send_to_unit", "unit_approve", "assign"],
    "verifying": ["send_to_unit", "unit_approve", "assign", "edit", "edit_done"],
    "final_review": ["send_to_unit", "unit_approve", "assign", "edit", "edit_done", "verify"],
    "approved": ["send_to_unit", "unit_approve", "assign", "edit", "edit_done", "verify", "approve"],
    "scheduled": [
        "send_to_unit",
        "unit_approve",
        "assign",
        "edit",
        "edit_done",
        "verify",
        "approve",
        "schedule",
    ],
    "published": [
        "send_to_unit",
        "unit_approve",
        "assign",
        "edit",
        "edit_done",
        "verify",
        "approve",
        "publish",
    ],
    "returned": ["send_to_unit", "unit_approve", "assign", "return"],
    "rejected": ["send_to_unit", "unit_approve", "reject"],
    "unpublished": [
        "send_to_unit",
        "unit_approve",
        "assign",
        "edit_done",
        "verify",
        "approve",
        "publish",
        "unpublish",
    ],
}
TITLES = {
    "draft": "Dự thảo tin: Tập huấn công tác hộ tịch năm 2026",
    "unit_review": "Hội nghị triển khai Luật Hòa giải ở cơ sở tại phường",
    "submitted": "Kết quả kiểm tra công tác chứng thực tháng 11",
    "editing": "Trợ giúp pháp lý lưu động cho đồng bào vùng cao",
    "verifying": "Sơ kết 6 tháng thực hiện Đề án chuyển đổi số ngành tư pháp",
    "final_review": "Tọa đàm về bồi thường nhà nước trong hoạt động quản lý hành chính",
    "approved": "Ra mắt mô hình điểm tiếp cận pháp luật tại xã",
    "scheduled": "Cuộc thi tìm hiểu pháp luật trực tuyến năm 2026",
    "published": "Ngày hội pháp luật tại trường trung học phổ thông",
    "returned": "Tuyên truyền pháp luật về phòng, chống ma túy",
    "rejected": "Tin ngắn về hoạt động nội bộ không đủ chất lượng",
    "unpublished": "Thông báo lịch tiếp công dân (đã hết hiệu lực)",
}


# A collaborator's items go straight to the board (no unit approval).
COLLABORATOR_TITLES = {
    "submitted": "Ảnh: Người dân tìm hiểu pháp luật tại điểm tiếp cận pháp luật",
    "editing": "Kinh nghiệm hòa giải thành tranh chấp đất đai ở thôn",
    "verifying": "Bài viết: Nâng cao hiệu quả trợ giúp pháp lý cho người khuyết tật",
    "approved": "Gương sáng hòa giải viên cơ sở",
    "published": "Câu lạc bộ pháp luật ra mắt tại xã ven biển",
    "returned": "Phóng sự ảnh: Ngày hội đọc sách pháp luật",
}


def _kind(title):
    if title.startswith(("Ảnh", "Phóng sự ảnh")):
        return ItemKind.PHOTO
    return ItemKind.BAI if title.startswith(("Bài viết", "Kinh nghiệm", "Gương")) else ItemKind.TIN


def _move(item, action, users):
    steps = {
        "submit": (users["congtacvien"], {}),
        "send_to_unit": (users["tacgia"], {}),
        "unit_approve": (users["lanhdaophong"], {}),
        "assign": (
            users["thuky"],
            {
                "assignee": users["bientapvien"],
                "category": Category.objects.filter(slug="hoat-dong-cua-so").first(),
            },
        ),
        "edit_done": (users["bientapvien"], {}),
        "verify": (users["truongban"], {}),
        "approve": (users["photruongban"], {}),
        "publish": (users["thuky"], {}),
        "schedule": (users["thuky"], {"scheduled_for": timezone.now() + timezone.timedelta(days=1)}),
        "return": (users["bientapvien"], {"comment": "Đề nghị bổ sung ảnh và thời gian, địa điểm cụ thể."}),
        "reject": (users["thuky"], {"comment": "Nội dung chưa đạt yêu cầu đăng tải.", "reason": "d"}),
        "unpublish": (users["thuky"], {"comment": "Thông báo đã hết hiệu lực."}),
    }
    if action == "edit":
        services.item_edit(
            item_id=item.pk,
            editor=users["bientapvien"],
            expected_version=item.version,
            title=item.title,
            summary=item.summary,
            body=item.body.replace("Sáng nay", "Sáng ngày 20/11/2026"),
            category=item.category,
            kind=item.kind,
            byline=item.byline,
        )
    else:
        actor, extra = steps[action]
        services.item_transition(
            item_id=item.pk, action=action, actor=actor, expected_state=item.status, **extra
        )
    item.refresh_from_db()


def seed(command):
    User = get_user_model()
    names = ("tacgia", "lanhdaophong", "thuky", "bientapvien", "truongban", "photruongban", "congtacvien")
    users = {u.username: u for u in User.objects.filter(username__in=names)}
    if len(users) < len(names):
        command.stdout.write("Editorial demo skipped: demo users missing.")
        return
    if not Delegation.objects.filter(delegate=users["photruongban"], revoked_at__isnull=True).exists():
        services.delegation_grant(
            delegate=users["photruongban"],
            granted_by=users["truongban"],
            note="Ủy quyền xác thực và duyệt khi Trưởng ban đi công tác",
        )
    category = Category.objects.filter(slug="hoat-dong-cua-so").first()
    runs = [(users["tacgia"], TITLES[state], path) for state, path in PATHS.items()]
    runs += [
        (
            users["congtacvien"],
            title,
            ["submit"] + [a for a in PATHS[state] if a not in ("send_to_unit", "unit_approve")],
        )
        for state, title in COLLABORATOR_TITLES.items()
    ]
    for author, title, path in runs:
        if Item.objects.filter(title=title, author=author).exists():
            continue
        item = services.item_save_by_author(
            author=author,
            data={
                "kind": _kind(title),
                "title": title,
                "summary": f"{title}.",
                "body": BODY.format(title_lower=title[0].lower() + title[1:]),
                "proposed_category": category,
                "event_at": timezone.now() - timezone.timedelta(hours=3),
                "sender_full_name": vi_person(author),
                "sender_position": getattr(getattr(author, "profile", None), "position", ""),
                "sender_email": author.email,
                "sender_phone": "0239 3855 600",
            },
        )
        for action in path:
            _move(item, action, users)
    command.stdout.write("Editorial workflow demo items ready.")
