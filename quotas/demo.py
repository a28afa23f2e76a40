"""Demo data for quotas: last month closed (as presented at the meeting) and one exemption."""

from django.core.exceptions import ValidationError

from organisation.models import Unit

from .models import MonthSnapshot, QuotaExemption
from .selectors import Month
from .services import quota_exemption_grant, quota_month_close


def seed(command):
    current = Month.current()
    unit = Unit.objects.filter(name="Phòng Tư pháp huyện Đức Thọ").first()
    if unit is not None and not QuotaExemption.objects.filter(unit=unit).exists():
        try:
            quota_exemption_grant(
                unit=unit, year=current.year, month=current.month,
                reason="Đơn vị đang kiện toàn tổ chức, bố trí lại công chức tư pháp",
            )
        except ValidationError:
            pass  # the month was closed already: nothing to add
    previous = current.shift(-1)
    if not MonthSnapshot.objects.filter(year=previous.year, month=previous.month).exists():
        quota_month_close(year=previous.year, month=previous.month)
