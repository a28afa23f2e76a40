"""Forms parse what people type; royalties.services decides whether it is allowed."""


from django import forms
from django.contrib.auth import get_user_model
from django.forms import formset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .services import Decision


def _coefficient_field(required=True, help_text=""):
    return forms.DecimalField(
        label=_("Coefficient"), max_digits=5, decimal_places=2, min_value=0, required=required, help_text=help_text,
        widget=forms.NumberInput(attrs={"step": "0.05", "inputmode": "decimal"}),
    )


class ProposeForm(forms.Form):
    coefficient = _coefficient_field()
    note = forms.CharField(label=_("Note for the head of board"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}))


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), widget=forms.RadioSelect,
        choices=[(Decision.APPROVE, _("Approve")), (Decision.REFUSE, _("Refuse"))],
    )
    coefficient = _coefficient_field(
        required=False, help_text=_("Leave as proposed, or enter another coefficient within the range.")
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Required when refusing."))


class AdjustForm(forms.Form):
    coefficient = _coefficient_field(help_text=_("The corrected coefficient; 0 takes the whole amount back."))
    reason = forms.CharField(label=_("Reason for the adjustment"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}))


class ShareForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Author (account)"), required=False, queryset=get_user_model().objects.none())
    name = forms.CharField(label=_("or name of an outside author"), required=False, max_length=150)
    percent = forms.DecimalField(label=_("Share (%)"), required=False, max_digits=5, decimal_places=2, min_value=0,
                                 max_value=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = get_user_model().objects.filter(is_active=True).order_by(
            "last_name", "first_name", "username"
        )
        self.fields["user"].label_from_instance = lambda u: u.get_full_name() or u.get_username()

    def clean(self):
        data = super().clean()
        if (data.get("user") or data.get("name")) and data.get("percent") is None:
            self.add_error("percent", _("Give this author's share."))
        return data


ShareFormSet = formset_factory(ShareForm, extra=0, max_num=10, absolute_max=10)


def _years():
    this_year = timezone.localdate().year
    return [(year, year) for year in range(this_year + 1, 2019, -1)]


class MonthForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=_years)
    month = forms.TypedChoiceField(label=_("Month"), coerce=int, choices=[(m, f"{m:02d}") for m in range(1, 13)])


class PayForm(forms.Form):
    paid_on = forms.DateField(label=_("Paid on"), widget=forms.DateInput(attrs={"type": "date"}),
                              initial=timezone.localdate)
    reference = forms.CharField(label=_("Payment reference"), max_length=100,
                                help_text=_("Voucher or bank transfer number."))
