import datetime

from publicinfo.models import JudicialEntry, Notice, Procedure, ProcedureField, ScheduleEntry
from publicinfo.services import notice_save, procedure_save


def make_procedure(name="Đăng ký khai sinh", *, code=None, field="Hộ tịch", **fields):
    procedure = Procedure(
        name=name,
        code=code or f"1.{abs(hash(name)) % 1000000:06d}",
        field=ProcedureField.objects.get_or_create(name=field)[0],
        **fields,
    )
    return procedure_save(procedure)


def make_entry(leader, day, *, content="Họp giao ban Sở", hour=8, **fields):
    return ScheduleEntry.objects.create(
        leader=leader, day=day, starts_at=datetime.time(hour, 0), content=content, **fields
    )


def make_notice(title="Thông báo tuyển dụng viên chức năm 2026", *, kind="announcement", **fields):
    fields.setdefault("published_on", datetime.date(2026, 11, 18))
    return notice_save(Notice(title=title, kind=kind, **fields))


def make_judicial(
    name="Văn phòng công chứng Hồng Lĩnh", *, kind="notary", district="Thị xã Hồng Lĩnh", **fields
):
    return JudicialEntry.objects.create(name=name, kind=kind, district=district, **fields)


def page_queries(client, url, params=None):
    """Queries of one request for a page, after a first request warmed the page shell's caches (menu, department)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url, params or {})
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(context)


# A list page's own queries (count, rows, filters' choices) plus the shell's: whatever the number of rows.
MAX_LIST_QUERIES = 12
