from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Department(models.Model):
    """The department itself (Sở Tư pháp): one row, edited by the site administrator."""

    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    governing_body = models.CharField(_("governing body"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    fax = models.CharField(_("fax"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    editor_in_charge = models.CharField(
        _("responsible for content"), max_length=200, blank=True,
        help_text=_("Shown in the footer as required for government portals."),
    )
    licence = models.CharField(_("licence"), max_length=300, blank=True)
    map_image = models.ImageField(_("map image"), upload_to="department/", blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("department")

    def __str__(self):
        return self.name


class Unit(models.Model):
    """A unit of the department or a district justice office (Hà Tĩnh 1, 4: different quotas)."""

    class Kind(models.TextChoices):
        INTERNAL = "internal", _("Unit of the department")
        DISTRICT = "district", _("District justice office")

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.INTERNAL)
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    leaders = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="led_units", verbose_name=_("leaders")
    )

    class Meta:
        # "internal" sorts after "district": descending puts the department's own units first.
        ordering = ["-kind", "order", "name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        permissions = [("lead_unit", _("Lead the unit (approve its submissions, answer its questions)"))]

    def __str__(self):
        return self.name


class StaffProfile(models.Model):
    """What the portal knows of a staff member beyond the login: unit, position, phone."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="staff",
        verbose_name=_("unit"),
    )
    position = models.CharField(_("position"), max_length=150, blank=True)
    office_phone = models.CharField(_("office phone"), max_length=50, blank=True)
    mobile_phone = models.CharField(_("mobile phone"), max_length=50, blank=True)
    show_mobile_publicly = models.BooleanField(_("show mobile in the public directory"), default=False)
    show_in_directory = models.BooleanField(_("show in the public directory"), default=True)
    directory_order = models.PositiveIntegerField(_("order in directory"), default=100)
    photo = models.ImageField(_("photo"), upload_to="staff/", blank=True)
    bio = models.TextField(_("short biography"), blank=True)

    class Meta:
        ordering = ["unit__order", "directory_order", "user__last_name"]
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")

    def __str__(self):
        return self.user.get_full_name() or self.user.get_username()
