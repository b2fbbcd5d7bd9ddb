"""The person's own notifications: the list (the bell's page), mark one or all as read, and e-mail settings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.forms import add_service_errors
from thidua.notifications import services
from thidua.notifications.forms import PreferenceForm
from thidua.notifications.models import Notification

PAGE_SIZE = 30


def _own(request: HttpRequest, notification_id: int) -> Notification:
    # Another person's notification answers 404, as every object outside one's reach does.
    notification = Notification.objects.filter(pk=notification_id, recipient=request.user).first()
    if notification is None:
        raise Http404
    return notification


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    notifications = Notification.objects.filter(recipient=request.user).select_related("unit")
    only_unread = request.GET.get("unread") == "1"
    if only_unread:
        notifications = notifications.filter(read_at__isnull=True)
    return render(
        request,
        "notifications/list.html",
        {
            "page": Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page")),
            "only_unread": only_unread,
            "unread": services.unread_count(request.user),
            "email_enabled": services.email_enabled(),
            "email_mode": services.email_mode_of(request.user),
        },
    )


@login_required
@require_POST
def notification_open(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Mark as read and go to what the notification is about."""
    notification = services.notification_mark_read(
        actor=request.user, notification=_own(request, notification_id)
    )
    if url_has_allowed_host_and_scheme(notification.url, allowed_hosts={request.get_host()}):
        return redirect(notification.url)
    return redirect("notification-list")


@login_required
@require_POST
def notification_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    services.notification_mark_read(actor=request.user, notification=_own(request, notification_id))
    return redirect("notification-list")


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    count = services.notification_mark_all_read(actor=request.user)
    if count:
        messages.success(request, _("All notifications are marked as read."))
    return redirect("notification-list")


@login_required
def notification_settings(request: HttpRequest) -> HttpResponse:
    form = PreferenceForm(request.POST or None, initial={"email_mode": services.email_mode_of(request.user)})
    if request.method == "POST" and form.is_valid():
        try:
            services.preference_set(actor=request.user, email_mode=form.cleaned_data["email_mode"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your notification settings are saved."))
            return redirect("notification-settings")
    return render(
        request,
        "notifications/settings.html",
        {
            "form": form,
            "email_enabled": services.email_enabled(),
            "has_email": bool(request.user.email),
        },
        status=400 if request.method == "POST" else 200,
    )
