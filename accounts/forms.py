import hashlib

from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.template import loader
from django.utils.translation import gettext_lazy as _

from core.notify import email_queue


class PortalPasswordResetForm(PasswordResetForm):
    """Django's reset form, with the email queued in the database (core.notify) rather
    than sent during the request: a slow or down mail server neither fails the page
    nor, by its timing, reveals whether the address has an account."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email,
                  html_email_template_name=None):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        digest = hashlib.sha256(f"{context['uid']}:{context['token']}".encode()).hexdigest()
        email_queue(to=[to_email], subject=subject, body=body, key=f"accounts:password-reset:{digest}")


class TokenForm(forms.Form):
    otp_token = forms.CharField(
        label=_("6-digit code from your authenticator app"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                      "pattern": "[0-9]*", "autofocus": True}),
    )

    def clean_otp_token(self):
        token = "".join(ch for ch in self.cleaned_data["otp_token"] if ch.isdigit())
        if len(token) < 6:
            raise forms.ValidationError(_("Enter the 6 digits shown in your authenticator app."))
        return token
