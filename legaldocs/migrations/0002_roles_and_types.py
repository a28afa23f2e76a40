"""Grant the legal documents' permissions to roles and create the usual document types (idempotent)."""

from django.db import migrations

from organisation.roles import roles_grant
from publicinfo.roles import public_module_permissions

MODELS = ["documenttype", "issuingbody", "legalfield", "legaldocument", "documentfile"]
TYPES = [
    ("Hiến pháp", ""), ("Luật", ""), ("Pháp lệnh", "PL"), ("Nghị định", "NĐ-CP"), ("Nghị quyết", "NQ"),
    ("Quyết định", "QĐ"), ("Thông tư", "TT"), ("Chỉ thị", "CT"), ("Kế hoạch", "KH"), ("Công văn", "CV"),
    ("Hướng dẫn", "HD"), ("Thông báo", "TB"),
]


def forwards(apps, schema_editor):
    roles_grant(apps, public_module_permissions("legaldocs", MODELS))
    DocumentType = apps.get_model("legaldocs", "DocumentType")
    for order, (name, abbreviation) in enumerate(TYPES, start=1):
        DocumentType.objects.get_or_create(name=name, defaults={"abbreviation": abbreviation, "order": order})


class Migration(migrations.Migration):
    dependencies = [
        ("legaldocs", "0001_initial"),
        ("organisation", "0002_roles"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
