import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import ItemStatus
from audit.models import AuditEntry
from audit.services import audit_purge, audit_record
from core.uploads import validate_document, validate_image
from organisation.roles import Role
from tests.factories import ItemFactory, image_upload, make_user

pytestmark = pytest.mark.django_db


def test_an_entry_records_actor_ip_time_with_offset_object_and_changes(rf, alice):
    item = ItemFactory(title="Tin kiểm thử")
    request = rf.get("/xem/", REMOTE_ADDR="203.0.113.7")
    request.user = alice
    entry = audit_record(action="feedback.personal_data.view", obj=item, request=request,
                         changes={"fields": ["phone"]})
    entry.refresh_from_db()
    assert entry.actor == alice and entry.actor_name == "alice"
    assert entry.ip_address == "203.0.113.7"
    assert entry.object_type == "articles.item" and entry.object_id == str(item.pk)
    assert entry.object_repr == "Tin kiểm thử"
    assert entry.changes == {"fields": ["phone"]}
    assert entry.created_at.utcoffset() is not None


def test_entries_cannot_be_changed_or_deleted():
    entry = audit_record(action="test.event")
    entry.action = "test.other"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.update(action="x")
    assert AuditEntry.objects.get().action == "test.event"


def test_the_admin_shows_entries_read_only_even_to_superusers(client):
    boss = make_user(None, username="root", is_staff=True, is_superuser=True)
    entry = audit_record(action="test.event")
    client.force_login(boss)
    assert client.get("/quan-tri/audit/auditentry/").status_code == 200
    page = client.get(f"/quan-tri/audit/auditentry/{entry.pk}/change/")
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert client.post(f"/quan-tri/audit/auditentry/{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.get("/quan-tri/audit/auditentry/add/").status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_site_administrator_searches_the_log(client):
    admin = make_user(Role.SITE_ADMIN, username="quantri")
    audit_record(action="editorial.publish", object_repr="Tin về hòa giải cơ sở")
    audit_record(action="accounts.login.failure", object_repr="someone")
    client.force_login(admin)
    page = client.get("/nhat-ky/", {"query": "hoa giai"})
    assert page.status_code == 200
    assert "Tin về hòa giải cơ sở" in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    page = client.get("/nhat-ky/", {"action": "editorial."})
    html = page.content.decode()
    assert "Tin về hòa giải cơ sở" in html
    assert "someone" not in html


def test_export_of_the_log_is_itself_audited_and_formula_safe(client):
    admin = make_user(Role.SITE_ADMIN, username="quantri")
    audit_record(action="x.y", object_repr="=HYPERLINK(\"http://evil.example\")")
    client.force_login(admin)
    response = client.get("/nhat-ky/", {"export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(response.content)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "'=HYPERLINK(\"http://evil.example\")" in values
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)
    assert AuditEntry.objects.filter(action="audit.export", actor=admin).exists()
    assert not AuditEntry.objects.filter(action="export.download").exists()


@pytest.mark.parametrize("role", [Role.AUTHOR, Role.SECRETARY, Role.HEAD, Role.LEADERSHIP, None])
def test_people_other_than_administrators_cannot_read_the_log(client, role):
    client.force_login(make_user(role, username="someone"))
    assert client.get("/nhat-ky/").status_code == 403


def test_a_denial_is_audited(client, alice):
    client.force_login(alice)
    client.get("/nhat-ky/")
    entry = AuditEntry.objects.get(action="access.denied")
    assert entry.actor == alice and entry.path == "/nhat-ky/"


def test_role_changes_and_deactivation_are_audited(alice):
    alice.groups.add(Group.objects.get(name=Role.SECRETARY))
    alice.is_active = False
    alice.save()
    roles = AuditEntry.objects.filter(action="accounts.user.roles_add", object_id=str(alice.pk))
    assert {"roles": ["secretary"]} in [entry.changes for entry in roles]
    change = AuditEntry.objects.get(action="accounts.user.deactivate")
    assert change.changes["is_active"] == [True, False]


def test_workflow_transitions_and_unpublishing_are_audited(sam):
    from editorial.workflow import WORKFLOW

    item = ItemFactory(status=ItemStatus.PUBLISHED)
    WORKFLOW.apply(pk=item.pk, action="unpublish", actor=sam, comment="Hết hiệu lực.")
    transition = AuditEntry.objects.filter(action__startswith="editorial.", object_id=str(item.pk)).get()
    assert transition.actor == sam
    assert transition.changes["state"] == ["published", "unpublished"]
    assert transition.object_id == str(item.pk)
    assert AuditEntry.objects.filter(action="articles.unpublish", object_id=str(item.pk)).exists()


def test_uploads_accepted_and_refused_are_audited():
    validate_image(image_upload("anh.jpg"))
    with pytest.raises(ValidationError):
        validate_document(SimpleUploadedFile("x.pdf", b"<html><script>alert(1)</script>"))
    assert AuditEntry.objects.filter(action="upload.accepted", object_repr="anh.jpg").exists()
    assert AuditEntry.objects.filter(action="upload.refused", object_repr="x.pdf").exists()


def test_entries_older_than_twelve_months_are_purged():
    with time_machine.travel(dt.datetime(2025, 11, 1, tzinfo=dt.UTC)):
        audit_record(action="old.event")
    with time_machine.travel(dt.datetime(2026, 1, 1, tzinfo=dt.UTC)):
        audit_record(action="recent.event")
    with time_machine.travel(dt.datetime(2026, 11, 22, tzinfo=dt.UTC)):
        from audit.tasks import audit_purge as task

        assert task.delay().get() == 1
        assert audit_purge() == 0
    assert set(AuditEntry.objects.values_list("action", flat=True)) == {"recent.event", "audit.purge"}


def test_the_purge_runs_daily_from_beat(settings):
    assert settings.CELERY_BEAT_SCHEDULE["audit-purge"]["task"] == "audit.tasks.audit_purge"


def test_opening_a_citizens_question_is_audited_as_a_personal_data_view(client, settings, rf):
    from django.http import HttpResponse
    from django.urls import resolve

    from audit.middleware import AuditContextMiddleware

    boss = make_user(None, username="root", is_staff=True, is_superuser=True)
    settings.AUDIT_VIEWED_URLS = {"audit:entry_list": ("feedback.personal_data.view", "feedback.question")}
    request = rf.get("/nhat-ky/", REMOTE_ADDR="198.51.100.4")
    request.user = boss
    request.resolver_match = resolve("/nhat-ky/")
    AuditContextMiddleware(lambda r: HttpResponse("ok"))(request)
    entry = AuditEntry.objects.get(action="feedback.personal_data.view")
    assert entry.actor == boss and entry.ip_address == "198.51.100.4"


def test_downloading_any_spreadsheet_export_is_audited(rf):
    from django.http import HttpResponse
    from django.urls import resolve

    from audit.middleware import AuditContextMiddleware

    boss = make_user(None, username="root", is_staff=True, is_superuser=True)
    request = rf.get("/nhat-ky/?month=2026-11")
    request.user = boss
    request.resolver_match = resolve("/nhat-ky/")
    response = HttpResponse(b"x", content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="x.csv"'
    AuditContextMiddleware(lambda r: response)(request)
    entry = AuditEntry.objects.get(action="export.download")
    assert entry.changes == {"query": {"month": "2026-11"}}


def test_the_personal_data_pages_of_feedback_are_audited(client, settings):
    from django.urls import NoReverseMatch, reverse

    try:
        reverse("feedback:staff_question", kwargs={"pk": 1})
    except NoReverseMatch:
        pytest.skip("feedback has no staff question page")
    assert "feedback:staff_question" in settings.AUDIT_VIEWED_URLS
