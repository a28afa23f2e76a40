"""Forms parse what people type; royalties.services decides whether it is allowed."""

from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.forms import formset_factory
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from .services import Decision, person_name


class CommaDecimalField(forms.DecimalField):
    """A coefficient or share typed the Vietnamese way ("2,5") or the English way ("2.5").

    Not an <input type="number">: Chromium in Vietnamese silently drops the comma there, so "1,2"
    arrives as 12 – within the range of a research article, and paid ten times over.
    """

    widget = forms.TextInput

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(" ", "")
            if value.count(",") == 1 and "." not in value:
                value = value.replace(",", ".")
        return super().to_python(value)

    def prepare_value(self, value):
        # Shown as the page shows coefficients elsewhere: "2,5", not "2.50".
        from .templatetags.royalties import coefficient

        if value in (None, "") or isinstance(value, str):
            return value
        return coefficient(Decimal(value))  # initial values may be ints (a 100 % share)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        for key in ("min", "max", "step"):
            attrs.pop(key, None)
        attrs.update({"inputmode": "decimal", "autocomplete": "off", "size": "6"})
        return attrs


def _coefficient_field(required=True, help_text=""):
    return CommaDecimalField(
        label=pgettext_lazy("royalties", "Coefficient"),
        max_digits=5,
        decimal_places=2,
        min_value=0,
        required=required,
        help_text=help_text,
    )


class ProposeForm(forms.Form):
    coefficient = _coefficient_field()
    note = forms.CharField(
        label=pgettext_lazy("royalties", "Note for the head of board"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DecideForm(forms.Form):
    # The head sees this form beside the proposal form on one page: its ids must differ (labels, tests).
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "decide_%s")
        super().__init__(*args, **kwargs)

    decision = forms.ChoiceField(
        label=pgettext_lazy("royalties", "Decision"),
        widget=forms.RadioSelect,
        choices=[
            (Decision.APPROVE, pgettext_lazy("royalties", "Approve")),
            (Decision.REFUSE, pgettext_lazy("royalties", "Refuse")),
        ],
    )
    coefficient = _coefficient_field(
        required=False,
        help_text=pgettext_lazy(
            "royalties", "Leave as proposed, or enter another coefficient within the range."
        ),
    )
    note = forms.CharField(
        label=pgettext_lazy("royalties", "Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=pgettext_lazy("royalties", "Required when refusing."),
    )


class AdjustForm(forms.Form):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "adjust_%s")
        super().__init__(*args, **kwargs)

    coefficient = _coefficient_field(
        help_text=pgettext_lazy("royalties", "The corrected coefficient; 0 takes the whole amount back.")
    )
    reason = forms.CharField(
        label=pgettext_lazy("royalties", "Reason for the adjustment"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ShareForm(forms.Form):
    user = forms.ModelChoiceField(
        label=pgettext_lazy("royalties", "Author (account)"),
        required=False,
        queryset=get_user_model().objects.none(),
    )
    name = forms.CharField(
        label=pgettext_lazy("royalties", "or name of an outside author"), required=False, max_length=150
    )
    percent = CommaDecimalField(
        label=pgettext_lazy("royalties", "Share (%)"),
        required=False,
        max_digits=5,
        decimal_places=2,
        min_value=0,
        max_value=100,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            get_user_model().objects.filter(is_active=True).order_by("last_name", "first_name", "username")
        )
        self.fields["user"].label_from_instance = person_name

    def clean(self):
        data = super().clean()
        if (data.get("user") or data.get("name")) and data.get("percent") is None:
            self.add_error("percent", pgettext_lazy("royalties", "Give this author's share."))
        return data


ShareFormSet = formset_factory(ShareForm, extra=0, max_num=10, absolute_max=10)


def _years():
    this_year = timezone.localdate().year
    return [(year, year) for year in range(this_year + 1, 2019, -1)]


class MonthForm(forms.Form):
    year = forms.TypedChoiceField(label=pgettext_lazy("royalties", "Year"), coerce=int, choices=_years)
    month = forms.TypedChoiceField(
        label=pgettext_lazy("royalties", "Month"), coerce=int, choices=[(m, f"{m:02d}") for m in range(1, 13)]
    )


class PayForm(forms.Form):
    paid_on = forms.DateField(
        label=pgettext_lazy("royalties", "Paid on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        initial=timezone.localdate,
    )
    reference = forms.CharField(
        label=pgettext_lazy("royalties", "Payment reference"),
        max_length=100,
        help_text=pgettext_lazy("royalties", "Voucher or bank transfer number."),
    )
