from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.uploads import SafeDocumentField

from .models import DocumentGroup, DocumentStatus, DocumentType, IssuingBody, LegalDocument, LegalField


class DocumentFilterForm(forms.Form):
    """The public search and filters; unknown values are ignored, never an error page."""

    q = forms.CharField(label=_("Number or keywords"), max_length=200, required=False)
    nhom = forms.ChoiceField(
        label=_("Group"), choices=[("", _("All"))] + list(DocumentGroup.choices), required=False
    )
    loai = forms.ModelChoiceField(
        label=_("Type"), queryset=DocumentType.objects.all(), required=False, empty_label=_("All")
    )
    co_quan = forms.ModelChoiceField(
        label=_("Issuing body"), queryset=IssuingBody.objects.all(), required=False, empty_label=_("All")
    )
    linh_vuc = forms.ModelChoiceField(
        label=_("Field"), queryset=LegalField.objects.all(), required=False, empty_label=_("All")
    )
    nam = forms.IntegerField(label=_("Year"), min_value=1945, max_value=2100, required=False)
    tinh_trang = forms.ChoiceField(
        label=pgettext_lazy("legal document", "Status"), choices=[("", _("All"))] + list(DocumentStatus.choices), required=False
    )

    def filters(self):
        data = {}
        if self.is_bound:
            self.is_valid()
            # Valid fields still filter when another one is wrong: cleaned_data keeps them.
            data = self.cleaned_data
        return {
            "query": data.get("q") or "",
            "group": data.get("nhom") or "",
            "doc_type": data["loai"].pk if data.get("loai") else None,
            "issuing_body": data["co_quan"].pk if data.get("co_quan") else None,
            "legal_field": data["linh_vuc"].pk if data.get("linh_vuc") else None,
            "year": data.get("nam"),
            "status": data.get("tinh_trang") or "",
        }


class LegalDocumentAdminForm(forms.ModelForm):
    def clean_number(self):
        from .services import number_key

        number = self.cleaned_data["number"]
        duplicate = (
            LegalDocument.objects.filter(number_key=number_key(number)).exclude(pk=self.instance.pk).first()
        )
        if duplicate:
            raise forms.ValidationError(
                _("Document %(number)s already exists."), params={"number": duplicate.number}
            )
        return number


class DocumentFileAdminForm(forms.ModelForm):
    """A file row in the admin: the upload is checked by content and stored under a random name."""

    upload = SafeDocumentField(label=_("File"), kinds=("pdf", "doc", "docx", "odt"), required=False)

    class Meta:
        fields = ["upload", "order"]

    def clean(self):
        cleaned = super().clean()
        clean_file = cleaned.get("upload")
        if clean_file:
            self.instance.file = clean_file.content
            self.instance.original_name = clean_file.original_name
            self.instance.size = clean_file.size
        elif not self.instance.file:
            self.add_error("upload", _("Please choose a file."))
        return cleaned
