from django import forms
from django.utils.html import escape
from django.utils.safestring import mark_safe
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


def _attrs_html(attrs):
    """Attributes as django/forms/widgets/attrs.html writes them (False: left out, True: bare)."""
    return "".join(
        f" {name}" if value is True else f' {name}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class UnitSelect(forms.Select):
    """A <select> written in Python, the same HTML as Django's templates.

    The dashboard offers every unit (200 in the benchmark) and Django renders each
    <option> through two included templates, which cost tens of milliseconds per page.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{escape(widget["name"])}"{_attrs_html(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'<optgroup label="{escape(group_name)}">')
            parts += [
                f'<option value="{escape(option["value"])}"{_attrs_html(option["attrs"])}>'
                f'{escape(option["label"])}</option>'
                for option in options
            ]
            if group_name:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


class QuotaExemptionForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None, widget=UnitSelect)
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
