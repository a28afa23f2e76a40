"""Login, logout, password reset and the second factor (TOTP)."""

import base64
import io

import qrcode
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.services import audit_record

from . import services
from .forms import PortalPasswordResetForm, TokenForm
from .middleware import SESSION_SECOND_FACTOR


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return target
    return reverse("portal:staff_home")


def _needs_current_code(request):
    """Replacing an authenticator needs the current one: a stolen password is not enough."""
    return not request.user.is_verified() and TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PortalPasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        # A reset means the password may have been known to someone else: end every session.
        services.user_sessions_end(form.user)
        audit_record(actor=form.user, action="accounts.password.reset", obj=form.user, request=self.request)
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change_form.html"
    success_url = reverse_lazy("accounts:password_change_done")

    def form_valid(self, form):
        response = super().form_valid(form)
        audit_record(action="accounts.password.change", obj=form.user, request=self.request)
        return response


@never_cache
@login_required
@sensitive_post_parameters("otp_token")
def otp_setup(request):
    """Show a QR code for a new authenticator and confirm it with a first code."""
    if _needs_current_code(request):
        return redirect(f"{reverse('accounts:otp_verify')}?next={reverse('accounts:otp_setup')}")
    device = services.totp_device_pending(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.totp_device_confirm(user=request.user, device=device, token=form.cleaned_data["otp_token"]):
            otp_login(request, device)
            request.session[SESSION_SECOND_FACTOR] = "verify"
            messages.success(request, _("Two-step verification is on. You will be asked for a code at each login."))
            return redirect(_next_url(request))
        form.add_error("otp_token", _("That code is not right. Check the time on your phone and try again."))
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    context = {
        "form": form,
        "secret": " ".join(secret[i:i + 4] for i in range(0, len(secret), 4)),
        "next": _next_url(request),
        "required": services.second_factor_needed(request.user),
    }
    return render(request, "accounts/otp_setup.html", context)


@never_cache
@login_required
def otp_qr(request):
    """The pending device's provisioning URI as a PNG (never cached, never for a confirmed device)."""
    if _needs_current_code(request):
        return HttpResponse(status=403)
    device = services.totp_device_pending(request.user)
    image = qrcode.make(device.config_url, box_size=6, border=2)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    response = HttpResponse(buffer.getvalue(), content_type="image/png")
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@login_required
@sensitive_post_parameters("otp_token")
def otp_verify(request):
    """Ask for the code of the confirmed device after the password."""
    if request.user.is_verified():
        return redirect(_next_url(request))
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None:
        return redirect(f"{reverse('accounts:otp_setup')}?next={_next_url(request)}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _details = device.verify_is_allowed()
        if allowed and device.verify_token(form.cleaned_data["otp_token"]):
            otp_login(request, device)
            audit_record(action="accounts.otp.success", obj=request.user, request=request)
            return redirect(_next_url(request))
        audit_record(action="accounts.otp.failure", obj=request.user, request=request)
        if not allowed:
            form.add_error("otp_token", _("Too many wrong codes. Wait a minute and try again."))
        else:
            form.add_error("otp_token", _("That code is not right. Check the time on your phone and try again."))
    return render(request, "accounts/otp_verify.html", {"form": form, "next": _next_url(request)})


def locked_out(request, credentials=None):
    """django-axes' lockout page (AXES_LOCKOUT_CALLABLE): translated, and naming no account."""
    from django.conf import settings

    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    return render(request, "accounts/locked_out.html", {"cooloff_minutes": minutes},
                  status=settings.AXES_HTTP_RESPONSE_CODE)
