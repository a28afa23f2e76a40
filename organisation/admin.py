from django.contrib import admin
from guardian.admin import GuardedModelAdmin

from . import services
from .models import Department, StaffProfile, Unit


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "phone", "email", "website"]

    def has_add_permission(self, request):
        # One department per installation.
        return not Department.objects.exists() and super().has_add_permission(request)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.department_update()  # clears the cached header/footer


@admin.register(Unit)
class UnitAdmin(GuardedModelAdmin):
    list_display = ["name", "kind", "is_active", "order"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name"]
    filter_horizontal = ["leaders"]

    def save_related(self, request, form, formsets, change):
        before = set(form.instance.leaders.all()) if change else set()
        super().save_related(request, form, formsets, change)
        after = set(form.instance.leaders.all())
        for user in after - before:
            services.unit_leader_add(unit=form.instance, user=user)
        for user in before - after:
            services.unit_leader_remove(unit=form.instance, user=user)


@admin.register(StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):
    list_display = ["__str__", "unit", "position", "office_phone", "show_in_directory"]
    list_filter = ["unit__kind", "unit", "show_in_directory"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "position"]
    autocomplete_fields = ["user", "unit"]
