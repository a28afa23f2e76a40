"""The public categories of DOMAIN.md (Long An Điều 4; Bình Phước Điều 5) and role permissions."""

from django.db import migrations

from organisation.roles import Role, roles_grant

# (slug, Vietnamese name, English name, link to a module or "", children)
CATEGORIES = [
    ("gioi-thieu", "Giới thiệu", "About us", "", [
        ("co-cau-to-chuc", "Cơ cấu tổ chức", "Organisation chart", "/trang/co-cau-to-chuc/"),
        ("chuc-nang-nhiem-vu", "Chức năng, nhiệm vụ", "Functions and duties", "/trang/chuc-nang-nhiem-vu/"),
        ("lich-su-phat-trien", "Lịch sử phát triển", "History", "/trang/lich-su-phat-trien/"),
        ("lanh-dao-so", "Lãnh đạo Sở", "Leadership", "/lanh-dao-so/"),
        ("danh-ba-dien-tu", "Danh bạ điện tử", "Staff directory", "/danh-ba/"),
        ("lien-he", "Liên hệ", "Contact", "/lien-he/"),
    ]),
    ("tin-tuc-su-kien", "Tin tức – Sự kiện", "News and events", "", [
        ("hoat-dong-cua-so", "Hoạt động của Sở", "Department activities", ""),
        ("tu-phap-dia-phuong", "Tư pháp địa phương", "Local justice offices", ""),
        ("tin-chuyen-nganh", "Tin chuyên ngành", "Sector news", ""),
        ("nghien-cuu-trao-doi", "Nghiên cứu – Trao đổi", "Research and discussion", ""),
    ]),
    ("pho-bien-giao-duc-phap-luat", "Phổ biến, giáo dục pháp luật", "Legal education", "", [
        ("tin-pbgdpl", "Tin phổ biến pháp luật", "Legal education news", ""),
        ("tai-lieu-pbgdpl", "Tài liệu phổ biến pháp luật", "Legal education materials", ""),
        ("to-gap-phap-luat", "Tờ gấp pháp luật", "Legal leaflets", ""),
        ("video-pbgdpl", "Video phổ biến pháp luật", "Legal education videos", ""),
        ("tu-cac-don-vi", "Từ các đơn vị", "From the units", "/tu-cac-don-vi/"),
    ]),
    ("van-ban", "Văn bản", "Documents", "", [
        ("van-ban-quy-pham-phap-luat", "Văn bản quy phạm pháp luật", "Legal normative documents", "/van-ban/"),
        ("van-ban-chi-dao-dieu-hanh", "Văn bản chỉ đạo, điều hành", "Direction and management documents", "/van-ban/?nhom=chi-dao"),
        ("du-thao-lay-y-kien", "Dự thảo lấy ý kiến", "Drafts for public comment", "/gop-y-du-thao/"),
        ("tai-lieu-hoi-nghi", "Tài liệu hội nghị", "Conference documents", "/tai-lieu-hoi-nghi/"),
        ("he-thong-iso", "Hệ thống quản lý chất lượng ISO 9001", "ISO 9001 documents", "/iso-9001/"),
    ]),
    ("thu-tuc-hanh-chinh", "Thủ tục hành chính", "Administrative procedures", "", [
        ("tra-cuu-thu-tuc", "Tra cứu thủ tục hành chính", "Find a procedure", "/thu-tuc-hanh-chinh/"),
        ("dich-vu-cong-truc-tuyen", "Dịch vụ công trực tuyến", "Online public services", "/thu-tuc-hanh-chinh/dich-vu-cong/"),
    ]),
    ("hoat-dong-chuyen-mon", "Hoạt động chuyên môn", "Activities", "", [
        ("ke-hoach", "Kế hoạch", "Plans", "/ke-hoach/"),
        ("du-an-de-an", "Dự án, đề án", "Projects", "/du-an/"),
        ("de-tai-khoa-hoc", "Đề tài nghiên cứu khoa học", "Research topics", "/de-tai/"),
        ("thong-ke", "Thống kê", "Statistics", "/thong-ke/"),
        ("thanh-tra", "Thanh tra, khiếu nại, tố cáo", "Inspection and complaints", ""),
        ("tro-giup-phap-ly", "Trợ giúp pháp lý", "Legal aid", "/tro-giup-phap-ly/"),
        ("bo-tro-tu-phap", "Bổ trợ tư pháp", "Judicial support", "/bo-tro-tu-phap/"),
    ]),
    ("lich-cong-tac", "Lịch công tác", "Work schedule", "/lich-cong-tac/", []),
    ("thong-bao", "Thông báo – Giấy mời", "Announcements", "/thong-bao/", []),
    ("hoi-dap", "Hỏi – Đáp", "Questions and answers", "", [
        ("hoi-dap-phap-luat", "Hỏi đáp pháp luật", "Legal Q&A", "/hoi-dap/"),
        ("phan-anh-kien-nghi", "Phản ánh, kiến nghị", "Feedback and petitions", "/phan-anh-kien-nghi/"),
        ("gop-y-du-thao", "Góp ý dự thảo văn bản", "Comment on drafts", "/gop-y-du-thao/"),
    ]),
]

PERMISSIONS = {
    Role.AUTHOR: ["articles.add_item", "articles.view_category"],
    Role.COLLABORATOR: ["articles.add_item", "articles.view_category"],
    Role.UNIT_LEADER: ["articles.add_item", "articles.view_category"],
    Role.SECRETARY: [
        "articles.view_item", "articles.change_item", "articles.add_item", "articles.view_category",
        "articles.view_tag", "articles.add_tag", "articles.change_tag",
        "articles.view_page", "articles.change_page", "articles.add_page",
        "articles.view_itemimage", "articles.change_itemimage", "articles.add_itemimage",
        "articles.view_itemattachment", "articles.change_itemattachment", "articles.add_itemattachment",
    ],
    Role.BOARD_MEMBER: ["articles.view_item", "articles.change_item", "articles.add_item", "articles.view_category"],
    Role.DEPUTY_HEAD: ["articles.view_item", "articles.change_item", "articles.add_item", "articles.view_category"],
    Role.HEAD: ["articles.view_item", "articles.change_item", "articles.add_item", "articles.view_category"],
    Role.LEADERSHIP: ["articles.view_item", "articles.view_category"],
    Role.SITE_ADMIN: [
        f"articles.{action}_{model}"
        for model in ("category", "tag", "page", "item", "itemimage", "itemattachment", "slugredirect")
        for action in ("add", "change", "delete", "view")
    ],
}


def create(apps, schema_editor):
    Category = apps.get_model("articles", "Category")
    for order, (slug, name, name_en, link, children) in enumerate(CATEGORIES, start=1):
        parent, _ = Category.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "name_en": name_en, "link": link, "order": order * 10, "in_menu": True},
        )
        for child_order, (child_slug, child_name, child_en, child_link) in enumerate(children, start=1):
            Category.objects.get_or_create(
                slug=child_slug,
                defaults={"name": child_name, "name_en": child_en, "link": child_link,
                          "order": child_order * 10, "parent": parent},
            )
    roles_grant(apps, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial"), ("organisation", "0002_roles")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
