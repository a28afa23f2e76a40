"""Public and staff forms. Every public form: CSRF (middleware), honeypot, rate limits,
length caps on every field, optional CAPTCHA, normalised text; typed values are kept on errors."""

import os
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from core.text import normalize_text
from core.uploads import IMAGE_FORMATS, validate_document, validate_image
from organisation.models import Unit

from . import antiabuse, selectors
from .conf import retention_months
from .models import Draft, Field

PHONE_SEPARATORS = re.compile(r"[\s.\-()]")
# Vietnamese numbers: mobiles 0[3|5|7|8|9]xxxxxxxx (10 digits), landlines 02xx xxxxxxx (11 digits),
# written with 0, 84 or +84 in front.
VN_PHONE = re.compile(r"^(?:\+84|84|0)((?:[35789]\d{8})|(?:2\d{9}))$")
IMAGE_EXTENSIONS = set().union(*(exts for exts, _fmt, _ext in IMAGE_FORMATS.values()))


def consent_notice():
    return _(
        "I agree that the Department of Justice uses my name and contact details only to handle and "
        "answer this submission and to send me its result. The Department of Justice keeps them, never "
        "publishes them, and erases them %(months)s months after the submission is closed."
    ) % {"months": retention_months()}



def _field_name(field):
    """A field of law in the page's language (the English pages show `name_en` where it is filled in)."""
    if (get_language() or "").startswith("en") and field.name_en:
        return field.name_en
    return field.name

class TextField(forms.CharField):
    """A CharField whose value is NFC without invisible characters (core.text.normalize_text)."""

    def __init__(self, *, multiline=False, **kwargs):
        self.multiline = multiline
        super().__init__(**kwargs)

    def to_python(self, value):
        value = normalize_text(super().to_python(value), multiline=self.multiline)
        return value if value else self.empty_value


class CleanEmailField(forms.EmailField):
    # Django's own Vietnamese message says only "Nhập địa chỉ email." (enter an address) even when one was typed.
    default_error_messages = {"invalid": _("This is not a valid email address; check it, e.g. ten@example.vn.")}

    def to_python(self, value):
        value = normalize_text(super().to_python(value), multiline=False) or ""
        return value.replace(" ", "").lower()


def phone_normalise(value):
    """'+84 912.345.678' -> '0912345678'; raises ValidationError if not a Vietnamese number."""
    digits = PHONE_SEPARATORS.sub("", normalize_text(value, multiline=False) or "")
    match = VN_PHONE.match(digits)
    if not match:
        raise ValidationError(
            _("Enter a Vietnamese phone number, e.g. 0912 345 678 or 0239 3855 555."), code="phone"
        )
    return "0" + match.group(1)


class PhoneField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"type": "tel", "autocomplete": "tel", "inputmode": "tel"})
        return attrs

    def clean(self, value):
        value = super().clean(value)
        return phone_normalise(value) if value else ""


class PublicForm(forms.Form):
    """Base of the citizens' forms: honeypot, CAPTCHA and rate limits."""

    # A field hidden from people (CSS and aria-hidden); robots fill it in.
    website = forms.CharField(required=False, max_length=200, label=_("Leave this field empty"))
    captcha_token = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)
    captcha_answer = forms.CharField(
        required=False, max_length=5, label=_("Anti-spam check"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": 5}),
    )
    rate_email_field = None  # the field whose value is rate-limited per address

    def __init__(self, *args, ip=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.ip = ip
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        self.captcha_on = antiabuse.captcha_enabled()
        if self.captcha_on:
            self._captcha_issue(replace_posted=False)
        else:
            del self.fields["captcha_token"], self.fields["captcha_answer"]

    def _captcha_issue(self, replace_posted=True):
        """Ask a new question; after a failed attempt, replace the posted token so the next one is fresh."""
        self.captcha_question, token = antiabuse.captcha_new()
        self.fields["captcha_token"].initial = token
        self.fields["captcha_answer"].label = _("Anti-spam check: how much is %(sum)s?") % {
            "sum": self.captcha_question
        }
        if self.is_bound and replace_posted:
            self.data = self.data.copy()
            self.data[self.add_prefix("captcha_token")] = token
            self.data[self.add_prefix("captcha_answer")] = ""

    def visible_fields(self):
        # Rendered apart by feedback/_public_form_fields.html: the consent box, the CAPTCHA and the honeypot.
        return [f for f in super().visible_fields() if f.name not in ("website", "captcha_answer", "consent")]

    def is_valid(self):
        valid = super().is_valid()
        if not valid and self.captcha_on:
            self._captcha_issue()  # a new question for the next attempt; the typed values stay
        return valid

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise ValidationError(_("Your submission could not be accepted. Please try again."), code="honeypot")
        if self.captcha_on and not antiabuse.captcha_check(
            cleaned.get("captcha_token"), cleaned.get("captcha_answer")
        ):
            self.add_error("captcha_answer", _("The answer to the anti-spam check is wrong. Please try again."))
        if self.errors:
            return cleaned
        too_many = _("Too many submissions from you in a short time. Please try again in an hour.")
        if self.ip and antiabuse.rate_limit_exceeded(self.rate_scope, self.ip):
            raise ValidationError(too_many, code="rate_ip")
        email = cleaned.get(self.rate_email_field) if self.rate_email_field else None
        if email and antiabuse.rate_limit_exceeded("email", email):
            raise ValidationError(too_many, code="rate_email")
        return cleaned

    rate_scope = "ip"


class ConsentMixin(forms.Form):
    consent = forms.BooleanField(
        required=True, error_messages={"required": _("Please agree to how your data is used, or we cannot accept it.")}
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = consent_notice()


class QuestionForm(ConsentMixin, PublicForm):
    """Hỏi – Đáp and phản ánh, kiến nghị: the same fields (Bình Phước Điều 11)."""

    full_name = TextField(label=_("Full name"), max_length=100,
                          widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = CleanEmailField(
        label=pgettext_lazy("contact", "Email"), max_length=254, help_text=_("The answer is sent to this address.")
    )
    phone = PhoneField(label=_("Phone"))
    address = TextField(label=_("Address"), max_length=300, required=False)
    field = forms.ModelChoiceField(label=_("Field"), queryset=Field.objects.none(), empty_label=_("— choose —"))
    title = TextField(label=_("Title"), max_length=200)
    body = TextField(label=_("Your question"), max_length=5000, multiline=True,
                     widget=forms.Textarea(attrs={"rows": 8}))
    attachment = forms.FileField(
        label=_("Attachment (optional)"), required=False,
        help_text=_("A document (PDF, Word, OpenDocument) or an image (JPG, PNG)."),
    )
    rate_email_field = "email"

    field_order = ["full_name", "email", "phone", "address", "field", "title", "body", "attachment",
                   "consent", "captcha_answer", "captcha_token", "website"]

    def __init__(self, *args, kind="question", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = Field.objects.filter(is_active=True)
        self.fields["field"].label_from_instance = _field_name
        if kind == "petition":
            self.fields["body"].label = _("Your feedback or petition")
            self.fields["title"].help_text = _("Name the regulation or procedure concerned.")

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if not upload:
            return None
        extension = os.path.splitext(upload.name or "")[1].lower()
        if extension in IMAGE_EXTENSIONS:
            return validate_image(upload)
        return validate_document(upload, kinds=("pdf", "docx", "doc", "odt"))


class DraftCommentForm(ConsentMixin, PublicForm):
    full_name = TextField(label=_("Full name"), max_length=100,
                          widget=forms.TextInput(attrs={"autocomplete": "name"}))
    organisation = TextField(label=_("Organisation (optional)"), max_length=200, required=False)
    email = CleanEmailField(label=pgettext_lazy("contact", "Email"), max_length=254)
    phone = PhoneField(label=_("Phone (optional)"), required=False)
    body = TextField(label=_("Your comment"), max_length=5000, multiline=True,
                     widget=forms.Textarea(attrs={"rows": 8}))
    rate_email_field = "email"
    field_order = ["full_name", "organisation", "email", "phone", "body", "consent",
                   "captcha_answer", "captcha_token", "website"]


class StatusLookupForm(PublicForm):
    tracking_code = TextField(label=_("Tracking code"), max_length=20,
                              widget=forms.TextInput(attrs={"autocomplete": "off"}))
    email = CleanEmailField(label=_("Email you used"), max_length=254)
    rate_scope = "lookup"
    field_order = ["tracking_code", "email", "captcha_answer", "captcha_token", "website"]

    def clean_tracking_code(self):
        code = self.cleaned_data["tracking_code"].upper().replace(" ", "").replace("_", "-")
        # "HD4YFR8HJ6" as typed from the email without its dash is still the citizen's code.
        if re.fullmatch(r"[A-Z]{2}[A-Z0-9]{6,}", code):
            code = f"{code[:2]}-{code[2:]}"
        return code


# --- Staff forms.

class QuestionActionForm(forms.Form):
    action = forms.CharField(max_length=40, widget=forms.HiddenInput)
    expected_state = forms.CharField(max_length=40, required=False, widget=forms.HiddenInput)
    comment = TextField(label=_("Comment"), max_length=3000, required=False, multiline=True,
                        widget=forms.Textarea(attrs={"rows": 3}))
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.filter(is_active=True), required=False)
    duplicate_code = TextField(label=_("Tracking code of the main question"), max_length=20, required=False)
    answer = TextField(label=_("Answer"), max_length=20000, required=False, multiline=True,
                       widget=forms.Textarea(attrs={"rows": 10}))
    publish = forms.BooleanField(label=_("Publish the question and answer in Q&A"), required=False)


class DraftForm(forms.ModelForm):
    new_file = forms.FileField(label=_("Add a file (PDF, Word, OpenDocument)"), required=False)

    class Meta:
        model = Draft
        fields = ["title", "slug", "summary", "body", "drafting_unit", "opens_at", "closes_at",
                  "is_published", "comments_summary"]
        widgets = {
            "opens_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "closes_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 14}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _("Left empty, it is made from the title.")
        self.fields["drafting_unit"].queryset = selectors.units_for_forwarding()

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The comment period must end after it opens."))
        return cleaned

    def clean_new_file(self):
        upload = self.cleaned_data.get("new_file")
        if not upload:
            return None
        return validate_document(upload, kinds=("pdf", "docx", "doc", "odt"))
