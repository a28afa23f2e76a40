"""An "Import from Excel" page for a ModelAdmin, calling the app's import service."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Excel file (.xlsx)"))


class ExcelImportMixin:
    """Adds <changelist>/nhap-excel/; set `import_service` (uploaded -> ImportReport) and `import_columns`."""

    import_service = None
    import_columns = ()
    change_list_template = "admin/publicinfo/change_list_import.html"
    import_title = gettext_lazy("Import from Excel")

    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        return [
            path(
                "nhap-excel/", self.admin_site.admin_view(self.import_view), name="{}_{}_import".format(*info)
            ),
        ] + super().get_urls()

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        report = None
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            report = type(self).import_service(form.cleaned_data["file"])
            if report.ok:
                messages.success(request, _("%(n)s rows imported.") % {"n": report.created})
                info = self.model._meta.app_label, self.model._meta.model_name
                return redirect(reverse("admin:{}_{}_changelist".format(*info)))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": self.import_title,
            "form": form,
            "report": report,
            "columns": self.import_columns,
        }
        return TemplateResponse(request, "admin/publicinfo/import.html", context)
