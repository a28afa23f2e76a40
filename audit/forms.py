from django import forms
from django.utils.translation import gettext_lazy as _


class AuditSearchForm(forms.Form):
    query = forms.CharField(label=_("Search"), required=False, max_length=200)
    action = forms.CharField(label=_("Action starts with"), required=False, max_length=100)
    actor = forms.CharField(label=_("User name"), required=False, max_length=150)
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
