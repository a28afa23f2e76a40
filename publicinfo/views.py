import datetime

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from organisation.selectors import department_get

from .downloads import attachment_response
from .forms import JudicialFilterForm, ProcedureFilterForm
from .models import JUDICIAL_SUPPORT_KINDS, LEGAL_AID_KINDS, NoticeFile, NoticeKind, Procedure, ProcedureForm
from .pagination import page_of, query_string_without_page
from .selectors import (
    directory_entries,
    directory_units,
    judicial_districts,
    judicial_entries,
    leaders,
    notices_public,
    procedures_filter,
    public_service_portal_url,
    schedule_leaders,
    schedule_week,
    web_links,
    week_label,
    week_start,
)


def _id_param(value):
    """A record id from the query string, or None for anything else (never a database error)."""
    value = value or ""
    return int(value) if value.isdigit() and len(value) <= 9 else None


def procedure_list(request):
    form = ProcedureFilterForm(request.GET or None)
    return render(
        request,
        "publicinfo/procedure_list.html",
        {
            "form": form,
            "page_obj": page_of(request, procedures_filter(**form.filters())),
            "query_string": query_string_without_page(request),
            "portal_url": public_service_portal_url(),
        },
    )


def procedure_online(request):
    return render(
        request,
        "publicinfo/procedure_online.html",
        {
            "page_obj": page_of(request, procedures_filter(online_only=True)),
            "portal_url": public_service_portal_url(),
        },
    )


def procedure_detail(request, slug):
    procedure = get_object_or_404(Procedure.objects.select_related("field"), slug=slug, is_published=True)
    return render(
        request,
        "publicinfo/procedure_detail.html",
        {
            "procedure": procedure,
            "forms": list(procedure.forms.all()),
            "portal_url": procedure.online_url or public_service_portal_url(),
        },
    )


def procedure_form_download(request, pk):
    form = get_object_or_404(
        ProcedureForm.objects.select_related("procedure"), pk=pk, procedure__is_published=True
    )
    return attachment_response(form.file, form.original_name)


def schedule(request):
    monday = week_start(request.GET.get("tuan"))
    leader = _id_param(request.GET.get("lanh-dao"))
    return render(
        request,
        "publicinfo/schedule.html",
        {
            "monday": monday,
            "sunday": monday + datetime.timedelta(days=6),
            "week": week_label(monday),
            "previous_week": week_label(monday - datetime.timedelta(days=7)),
            "next_week": week_label(monday + datetime.timedelta(days=7)),
            "days": schedule_week(monday, leader=leader),
            "leaders": list(schedule_leaders()),
            "leader": leader,
        },
    )


def notice_list(request, kind):
    return render(
        request,
        "publicinfo/notice_list.html",
        {
            "kind": kind,
            "heading": NoticeKind(kind).label,
            "page_obj": page_of(request, notices_public(kind)),
        },
    )


def notice_detail(request, kind, pk):
    notice = get_object_or_404(notices_public(kind), pk=pk)
    return render(
        request,
        "publicinfo/notice_detail.html",
        {
            "notice": notice,
            "heading": NoticeKind(kind).label,
            "kind": kind,
        },
    )


def notice_file_download(request, pk):
    notice_file = get_object_or_404(NoticeFile, pk=pk, notice__is_published=True)
    return attachment_response(notice_file.file, notice_file.original_name)


def directory(request):
    unit = _id_param(request.GET.get("don-vi"))
    return render(
        request,
        "publicinfo/directory.html",
        {
            "page_obj": page_of(request, directory_entries(unit=unit), per_page=50),
            "units": list(directory_units()),
            "unit": unit,
            "query_string": query_string_without_page(request),
        },
    )


JUDICIAL_SECTIONS = {
    "support": (JUDICIAL_SUPPORT_KINDS, _("Judicial support")),
    "aid": (LEGAL_AID_KINDS, _("Legal aid")),
}


def judicial_list(request, section):
    if section not in JUDICIAL_SECTIONS:
        raise Http404
    kinds, heading = JUDICIAL_SECTIONS[section]
    form = JudicialFilterForm(request.GET or None, kinds=kinds, districts=judicial_districts(kinds))
    return render(
        request,
        "publicinfo/judicial_list.html",
        {
            "heading": heading,
            "form": form,
            "page_obj": page_of(request, judicial_entries(kinds, **form.filters())),
            "query_string": query_string_without_page(request),
        },
    )


def contact(request):
    return render(request, "publicinfo/contact.html", {"contact": department_get()})


def leadership(request):
    return render(request, "publicinfo/leadership.html", {"leaders": list(leaders())})


def links(request):
    return render(request, "publicinfo/links.html", {"page_obj": page_of(request, web_links(), per_page=50)})
