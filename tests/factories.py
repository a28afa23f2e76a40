"""Factories shared by every app's tests."""

import io

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.models import Category, Item, ItemKind, ItemStatus
from articles.services import item_prepare, item_slug_assign
from organisation.models import StaffProfile, Unit
from organisation.roles import Role
from organisation.services import unit_leader_add


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"Phòng chuyên môn số {n}")
    kind = Unit.Kind.INTERNAL


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "An"
    last_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@stp.example.vn")
    password = factory.PostGenerationMethodCall("set_password", "Mat-khau-dai-2026")

    @factory.post_generation
    def save_after(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def make_user(role=None, *, unit=None, username=None, position="Chuyên viên", **fields):
    """A user with a role group and a staff profile in `unit` (unit leaders lead it)."""
    kwargs = dict(fields)
    if username:
        kwargs["username"] = username
    user = UserFactory(**kwargs)
    if role:
        user.groups.add(Group.objects.get(name=str(role)))
    if unit is not None:
        StaffProfile.objects.update_or_create(user=user, defaults={"unit": unit, "position": position})
        if role == Role.UNIT_LEADER:
            unit_leader_add(unit=unit, user=user)
    return user


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Chuyên mục {n}")
    slug = factory.Sequence(lambda n: f"chuyen-muc-{n}")


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Item

    kind = ItemKind.TIN
    title = factory.Sequence(lambda n: f"Phổ biến pháp luật về đất đai số {n}")
    summary = "Tóm tắt nội dung tin."
    body = "<p>Nội dung <strong>tin</strong>.</p>"
    category = factory.SubFactory(CategoryFactory)
    unit = factory.SubFactory(UnitFactory)
    status = ItemStatus.DRAFT

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        item = model_class(*args, **kwargs)
        item_prepare(item)
        if item.status == ItemStatus.PUBLISHED:
            item.published_at = item.published_at or timezone.now() - timezone.timedelta(minutes=1)
            item_slug_assign(item)
        item.save()
        return item


def image_upload(name="anh.jpg", size=(800, 600), fmt="JPEG", color=(200, 30, 30)):
    """A real image file as a browser would upload it."""
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format=fmt)
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif"}.get(fmt, "application/octet-stream")
    return SimpleUploadedFile(name, out.getvalue(), content_type=content_type)


def docx_bytes(paragraphs=("Tiêu đề", "Nội dung"), *, extra_parts=None):
    """A minimal but valid .docx (WordprocessingML) built in memory."""
    import zipfile

    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        "</Relationships>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("word/document.xml", document)
        for name, data in (extra_parts or {}).items():
            archive.writestr(name, data)
    return out.getvalue()
