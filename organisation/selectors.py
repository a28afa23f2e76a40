from django.core.cache import cache

from .models import Department, StaffProfile, Unit

DEPARTMENT_CACHE_KEY = "organisation:department"


def department_get():
    """The department's details, cached: every page's header and footer shows them."""
    department = cache.get(DEPARTMENT_CACHE_KEY)
    if department is None:
        department = Department.objects.first() or Department(
            name="Sở Tư pháp", address="", short_name="STP"
        )
        cache.set(DEPARTMENT_CACHE_KEY, department, 600)
    return department


def units_active():
    return Unit.objects.filter(is_active=True)


def unit_of(user):
    """The unit a user belongs to, or None."""
    if not user.is_authenticated:
        return None
    profile = StaffProfile.objects.select_related("unit").filter(user=user).first()
    return profile.unit if profile else None


def units_led_by(user):
    if not user.is_authenticated:
        return Unit.objects.none()
    return Unit.objects.filter(leaders=user)


def person_name(user):
    """A person's name in Vietnamese order, family name first: `Lê Văn Minh`.

    Django's get_full_name() gives `Minh Lê Văn`; official documents, vouchers and
    bylines write the family name first.
    """
    if not user:
        return ""
    name = " ".join(part for part in (user.last_name, user.first_name) if part)
    return name or user.get_username()
