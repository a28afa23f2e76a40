from django import forms
from django.utils.translation import gettext_lazy as _

from core.text import normalize_text


class MonthReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for reopening"), max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Recorded in the month's history."),
    )

    def clean_reason(self):
        reason = normalize_text(self.cleaned_data["reason"]).strip()
        if not reason:
            raise forms.ValidationError(_("Give the reason for reopening the month."))
        return reason


class QuotaExemptionForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None)
    reason = forms.CharField(label=_("Reason for the exemption"), max_length=500)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        from organisation.models import Unit

        self.fields["unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units])

    def clean_reason(self):
        reason = normalize_text(self.cleaned_data["reason"]).strip()
        if not reason:
            raise forms.ValidationError(_("Give the reason for the exemption."))
        return reason
