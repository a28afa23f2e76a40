"""Paging shared by the public lists of legaldocs, publicinfo and sharing."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404

PER_PAGE = 20


def page_of(request, queryset, per_page=PER_PAGE):
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        raise Http404 from None


def query_string_without_page(request):
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
