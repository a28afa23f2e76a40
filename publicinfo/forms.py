from django import forms
from django.utils.translation import gettext_lazy as _

from core.uploads import SafeDocumentField

from .models import ProcedureField, ProcedureLevel


class ProcedureFilterForm(forms.Form):
    q = forms.CharField(label=_("Keywords or code"), max_length=200, required=False)
    linh_vuc = forms.ModelChoiceField(
        label=_("Field"), queryset=ProcedureField.objects.all(), required=False, empty_label=_("All")
    )
    cap = forms.ChoiceField(
        label=_("Level"), choices=[("", _("All"))] + list(ProcedureLevel.choices), required=False
    )

    def filters(self):
        data = {}
        if self.is_bound:
            self.is_valid()
            data = self.cleaned_data
        return {
            "query": data.get("q") or "",
            "field": data["linh_vuc"].pk if data.get("linh_vuc") else None,
            "level": data.get("cap") or "",
        }


class JudicialFilterForm(forms.Form):
    loai = forms.ChoiceField(label=_("Kind"), required=False)
    huyen = forms.ChoiceField(label=_("District or town"), required=False)

    def __init__(self, data, *, kinds, districts):
        super().__init__(data)
        self.fields["loai"].choices = [("", _("All"))] + [(k.value, k.label) for k in kinds]
        self.fields["huyen"].choices = [("", _("All"))] + [(d, d) for d in districts]

    def filters(self):
        data = {}
        if self.is_bound:
            self.is_valid()
            data = self.cleaned_data
        return {"kind": data.get("loai") or "", "district": data.get("huyen") or ""}


class AttachmentAdminForm(forms.ModelForm):
    """A file row in the admin: checked by content, stored under a random name, original name kept."""

    upload = SafeDocumentField(label=_("File"), required=False)

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
