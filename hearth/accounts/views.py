"""Sign-in with lockout and a second factor, emergency access, and its review."""

import base64

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from hearth.accounts import lockout, policy, selectors, services
from hearth.accounts.forms import BreakGlassCorrectionForm, BreakGlassForm, BreakGlassReviewForm, SignInForm, TokenForm
from hearth.core.http import add_service_errors, safe_next


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True
    extra_context = {"title": "Sign in"}


def locked_out(request: HttpRequest, original_response: HttpResponse | None = None,
               credentials: dict | None = None) -> HttpResponse:
    """Shown by the lockout after repeated failed sign-ins: what is locked, until when, and what to do."""
    lock = lockout.lockout_for(request, credentials) if hasattr(request, "axes_ip_address") else None
    context = {"title": "Signing in from your network is paused" if lock and lock.what == lockout.ADDRESS
               else "Your account is locked", "lock": lock, "minutes": int(settings.AXES_COOLOFF_TIME * 60)}
    if lock:
        until = timezone.localtime(lock.until)
        context["until"] = f"{until:%H:%M}" if until.date() == timezone.localdate() else f"{until:%H:%M on %d/%m/%Y}"
    return render(request, "accounts/locked.html", context, status=403)


def sign_out(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return auth_views.LogoutView.as_view(next_page="accounts:login")(request)
    return render(request, "accounts/sign_out.html", {"title": "Sign out"})


def two_factor(request: HttpRequest) -> HttpResponse:
    """Confirm the second factor: set up an authenticator on first use, then enter its code."""
    user = request.user
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    setting_up = device is None
    if setting_up:
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first() or TOTPDevice.objects.create(
            user=user, name="Authenticator app", confirmed=False
        )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            if setting_up:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect(safe_next(request, request.GET.get("next"), "home"))
        form.add_error("token", "The code is not right or has expired: enter the code your app shows now")
    context = {"title": "Set up two-factor sign-in" if setting_up else "Enter your code", "form": form,
               "setting_up": setting_up}
    if setting_up:
        qr = segno.make(device.config_url, error="m")
        context["qr_svg"] = "data:image/svg+xml;base64," + base64.b64encode(
            qr.svg_inline(scale=4).encode()).decode()
        context["secret"] = base64.b32encode(device.bin_key).decode()
    return render(request, "accounts/two_factor.html", context)


def break_glass(request: HttpRequest) -> HttpResponse:
    """Open a record outside your scope in an emergency, giving the reason."""
    policy.require(policy.may_break_glass(request.user), "Your role cannot use emergency access.")
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            child = services.break_glass_open(acting_user=request.user, la_child_id=form.cleaned_data["la_child_id"],
                                              reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if child is not None:
                hours = services.BREAK_GLASS_HOURS
                messages.success(request, f"Emergency access to {child.full_name}'s record for {hours} hours. "
                                          "A manager will review it.")
                return redirect("people:child", child.pk)
            form.add_error("la_child_id", "No record you can open in an emergency has this LA child ID")
    return render(request, "accounts/break_glass.html", {"title": "Emergency access to a record", "form": form,
                                                          "section": "break_glass"})


def break_glass_reviews(request: HttpRequest) -> HttpResponse:
    """Emergency access awaiting a manager's review, oldest first, and the latest reviews and corrections."""
    policy.require(policy.may_review_break_glass(request.user), "Only managers review emergency access.")
    return render(request, "accounts/break_glass_reviews.html", {
        "title": "Emergency access reviews", "pending": selectors.break_glass_awaiting_review(),
        "reviewed": selectors.break_glass_reviews_latest(), "section": "reviews",
    })


def break_glass_review(request: HttpRequest, access_id: int) -> HttpResponse:
    """Review one emergency access; once reviewed, the page shows the review and any correction."""
    policy.require(policy.may_review_break_glass(request.user), "Only managers review emergency access.")
    access, reviews = selectors.break_glass_with_reviews(access_id)
    if access is None:
        raise Http404("No such emergency access")
    form = BreakGlassReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.break_glass_review(acting_user=request.user, access=access, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Review recorded")
            return redirect("accounts:break_glass_reviews")
    return render(request, "accounts/break_glass_review.html", {
        "title": "Review emergency access", "access": access, "reviews": reviews, "form": form, "section": "reviews",
        "latest": reviews[-1] if reviews else None,
    })


def break_glass_review_correct(request: HttpRequest, access_id: int, review_id: int) -> HttpResponse:
    """Correct a review: a new review naming the one it corrects, which stays as it was."""
    policy.require(policy.may_review_break_glass(request.user), "Only managers review emergency access.")
    access, reviews = selectors.break_glass_with_reviews(access_id)
    review = next((review for review in reviews if review.pk == review_id), None)
    if access is None or review is None:
        raise Http404("No such review")
    form = BreakGlassCorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.break_glass_review_correct(acting_user=request.user, review=review, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Correction recorded")
            return redirect("accounts:break_glass_review", access.pk)
    return render(request, "accounts/break_glass_correct.html", {
        "title": "Correct a review of emergency access", "access": access, "review": review, "form": form,
        "section": "reviews", "back_url": f"/accounts/emergency-access/reviews/{access.pk}",
    })
