"""What a person was told (one row per recipient and event key) and how they want to be told by e-mail."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.organizations.models import Unit


class Reason(models.TextChoices):
    # The values of thidua.core.events.Reason.
    WAITING = "waiting", _("Waiting for you")
    RETURNED = "returned", _("Returned to you")
    OVERDUE = "overdue", _("Overdue")
    DONE = "done", _("Accepted or decided")


class Notification(models.Model):
    """One event told to one person, once: the (recipient, key) pair is unique."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    key = models.CharField(max_length=200)
    kind = models.CharField(_("kind"), max_length=80)
    reason = models.CharField(_("reason"), max_length=12, choices=Reason.choices)
    title = models.CharField(_("title"), max_length=300)
    url = models.CharField(_("link"), max_length=500)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notification_once_per_recipient_key")
        ]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class EmailMode(models.TextChoices):
    EACH = "each", _("One e-mail per event")
    DIGEST = "digest", _("One daily digest")
    NONE = "none", _("No e-mail")


class NotificationPreference(models.Model):
    """How a person wants to be told by e-mail; without a row, one e-mail per event."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    email_mode = models.CharField(
        _("e-mail"), max_length=8, choices=EmailMode.choices, default=EmailMode.EACH
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"{self.user} · {self.get_email_mode_display()}"
