"""Helpers for editorial tests: items made by the real services, as users would make them."""

from django.utils import timezone

from articles.models import ItemKind
from core.templatetags.vi_format import vi_person
from editorial import services


def author_data(author, **overrides):
    data = {
        "kind": ItemKind.TIN,
        "title": "Hội nghị phổ biến Luật Hòa giải ở cơ sở",
        "summary": "Tóm tắt hội nghị.",
        "body": "<p>Đoạn thứ nhất.</p><p>Đoạn thứ hai.</p>",
        "proposed_category": None,
        "event_at": timezone.now(),
        "deadline_rule": "",
        "sender_full_name": vi_person(author),
        "sender_position": "Chuyên viên",
        "sender_email": author.email,
        "sender_phone": "0239 3855 678",
    }
    data.update(overrides)
    return data


def draft_by(author, **overrides):
    return services.item_save_by_author(author=author, data=author_data(author, **overrides))


def move(item, action, actor, **extra):
    item.refresh_from_db()
    services.item_transition(item_id=item.pk, action=action, actor=actor, expected_state=item.status, **extra)
    item.refresh_from_db()
    return item


def item_at(state, *, alice, carol, sam, mike, hana):
    """An item by alice (unit needing approval) moved to `state` through the workflow."""
    item = draft_by(alice)
    paths = {
        "draft": [],
        "unit_review": [("send_to_unit", alice, {})],
        "submitted": [("send_to_unit", alice, {}), ("unit_approve", carol, {})],
    }
    base = paths["submitted"]
    from tests.factories import CategoryFactory

    paths["editing"] = base + [("assign", sam, {"assignee": mike, "category": CategoryFactory()})]
    paths["verifying"] = paths["editing"] + [("edit_done", mike, {})]
    paths["final_review"] = paths["verifying"] + [("verify", hana, {})]
    paths["approved"] = paths["final_review"] + [("approve", hana, {})]
    paths["scheduled"] = paths["approved"] + [
        ("schedule", sam, {"scheduled_for": timezone.now() + timezone.timedelta(hours=2)})
    ]
    paths["published"] = paths["approved"] + [("publish", sam, {})]
    paths["unpublished"] = paths["published"] + [("unpublish", sam, {"comment": "Hết hiệu lực."})]
    paths["returned"] = paths["editing"] + [("return", mike, {"comment": "Bổ sung ảnh."})]
    paths["rejected"] = base + [("reject", sam, {"comment": "Không đạt.", "reason": "d"})]
    for action, actor, extra in paths[state]:
        move(item, action, actor, **extra)
    return item


def rich_docx(image_bytes=None):
    """A .docx with a heading, a table and (optionally) an embedded image, as Word would store them."""
    import io
    import zipfile

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    r = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    wp = 'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
    a = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    pic = 'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"'
    drawing = ""
    if image_bytes is not None:
        drawing = (
            '<w:p><w:r><w:drawing><wp:inline><wp:extent cx="952500" cy="952500"/>'
            '<wp:docPr id="1" name="Ảnh 1" descr="Quang cảnh hội nghị"/>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            '<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="anh.png"/><pic:cNvPicPr/></pic:nvPicPr>'
            '<pic:blipFill><a:blip r:embed="rIdImg"/></pic:blipFill></pic:pic>'
            "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
        )
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {w} {r} {wp} {a} {pic}><w:body>'
        '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Kết quả hội nghị</w:t></w:r></w:p>'
        "<w:p><w:r><w:t>Hội nghị đã thống nhất các nội dung sau.</w:t></w:r></w:p>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Nội dung</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>Kết quả</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        f"{drawing}</w:body></w:document>"
    )
    styles = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {w}>'
        '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style></w:styles>'
    )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Default Extension="png" ContentType="image/png"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
        "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        "</Relationships>"
    )
    doc_rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        '<Relationship Id="rIdImg" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/>'
        "</Relationships>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("word/document.xml", document)
        archive.writestr("word/styles.xml", styles)
        archive.writestr("word/_rels/document.xml.rels", doc_rels)
        if image_bytes is not None:
            archive.writestr("word/media/image1.png", image_bytes)
    return out.getvalue()


def png_bytes(size=(40, 30)):
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(out, format="PNG")
    return out.getvalue()
