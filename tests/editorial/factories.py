"""Helpers for editorial tests: items made by the real services, as users would make them."""

from django.utils import timezone

from articles.models import ItemKind
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
        "sender_full_name": author.get_full_name(),
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
    paths["editing"] = base + [("assign", sam, {"assignee": mike})]
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
