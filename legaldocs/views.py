from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from articles.cache import public_page
from publicinfo.downloads import attachment_response
from publicinfo.pagination import page_of, query_string_without_page

from .forms import DocumentFilterForm
from .models import DocumentFile
from .selectors import documents_filter, documents_public


@public_page(count=False)
def document_list(request):
    form = DocumentFilterForm(request.GET or None)
    documents = documents_filter(**form.filters())
    return render(
        request,
        "legaldocs/document_list.html",
        {
            "form": form,
            "page_obj": page_of(request, documents),
            "query_string": query_string_without_page(request),
            "group": form.filters()["group"],
        },
    )


def document_by_pk(request, pk):
    document = get_object_or_404(documents_public(), pk=pk)
    return redirect(document, permanent=True)


@public_page(count=False)
def document_detail(request, slug):
    document = get_object_or_404(documents_public(), slug=slug)
    return render(
        request,
        "legaldocs/document_detail.html",
        {
            "document": document,
            "files": list(document.files.all()),
            "replaced_by": list(document.replaced_by.filter(is_published=True)),
            "amended_by": list(document.amended_by.filter(is_published=True)),
            "replaces": list(document.replaces.filter(is_published=True)),
            "amends": list(document.amends.filter(is_published=True)),
        },
    )


def file_download(request, pk):
    """Send a document's file as an attachment under its original name, never rendered inline."""
    document_file = get_object_or_404(DocumentFile.objects.select_related("document"), pk=pk)
    if not document_file.document.is_published and not request.user.has_perm("legaldocs.view_legaldocument"):
        raise Http404
    return attachment_response(document_file.file, document_file.original_name)
