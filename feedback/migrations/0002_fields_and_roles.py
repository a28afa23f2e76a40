"""Seed the fields of law and grant the feedback permissions to roles (idempotent)."""

from django.db import migrations

from organisation.roles import Role, roles_grant

FIELDS = [
    ("ho-tich", "Hộ tịch", "Civil status"),
    ("chung-thuc", "Chứng thực", "Certification"),
    ("cong-chung", "Công chứng", "Notarisation"),
    ("tro-giup-phap-ly", "Trợ giúp pháp lý", "Legal aid"),
    ("dat-dai", "Đất đai", "Land"),
    ("ly-lich-tu-phap", "Lý lịch tư pháp", "Judicial records"),
    ("quoc-tich", "Quốc tịch", "Nationality"),
    ("hon-nhan-gia-dinh", "Hôn nhân và gia đình", "Marriage and family"),
    ("thua-ke", "Thừa kế", "Inheritance"),
    ("luat-su", "Luật sư", "Lawyers"),
    ("dau-gia-tai-san", "Đấu giá tài sản", "Asset auctions"),
    ("hoa-giai-co-so", "Hòa giải cơ sở", "Grassroots mediation"),
    ("thu-tuc-hanh-chinh", "Thủ tục hành chính", "Administrative procedures"),
    ("khac", "Lĩnh vực khác", "Other"),
]

VIEW = ["feedback.view_question", "feedback.view_questiontransition"]
DRAFTS = [
    "feedback.add_draft", "feedback.change_draft", "feedback.view_draft",
    "feedback.add_draftfile", "feedback.change_draftfile", "feedback.delete_draftfile", "feedback.view_draftfile",
    "feedback.change_draftcomment", "feedback.view_draftcomment",
]
FIELD_EDIT = ["feedback.add_field", "feedback.change_field", "feedback.view_field"]

PERMISSIONS = {
    Role.SITE_ADMIN: VIEW + DRAFTS + FIELD_EDIT + ["feedback.delete_draft"],
    Role.SECRETARY: VIEW + DRAFTS + FIELD_EDIT,
    Role.HEAD: VIEW + DRAFTS,
    Role.DEPUTY_HEAD: VIEW + DRAFTS,
    Role.BOARD_MEMBER: VIEW,
    Role.LEADERSHIP: VIEW,
}


def seed(apps, schema_editor):
    Field = apps.get_model("feedback", "Field")
    for order, (slug, name, name_en) in enumerate(FIELDS, start=1):
        Field.objects.get_or_create(slug=slug, defaults={"name": name, "name_en": name_en, "order": order * 10})
    roles_grant(apps, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0001_initial"),
        ("organisation", "0002_roles"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
