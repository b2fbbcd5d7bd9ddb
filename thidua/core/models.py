from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """An append-only record of one state change (nhật ký hệ thống).

    Written by ``thidua.core.audit.audit_record`` inside the service's transaction, so an entry exists exactly when
    the change it describes was committed. A database trigger refuses updates; nothing in the product deletes them.
    """

    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The actor's name as it was, so the entry still reads right after a rename.
    actor_label = models.CharField(_("actor name"), max_length=200, blank=True)
    unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=80, db_index=True)
    target_type = models.CharField(_("target type"), max_length=80, blank=True)
    target_id = models.CharField(_("target id"), max_length=64, blank=True)
    target_label = models.CharField(_("target"), max_length=300, blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_label}"

    @property
    def action_label(self) -> str:
        from thidua.core.audit import action_label

        return action_label(self.action)


class FailedLogin(models.Model):
    """A failed login attempt, kept for throttling. Only salted hashes of the username and client are stored."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    username_hash = models.CharField(max_length=64, db_index=True)
    client_hash = models.CharField(max_length=64, db_index=True)

    class Meta:
        verbose_name = _("failed login")
        verbose_name_plural = _("failed logins")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M}"


class RateCounter(models.Model):
    """Hits counted against one rate-limit key in its current window, shared by every process and server.

    ``thidua.core.ratelimit`` writes it with one atomic upsert; the key is a hash, never an address or a cookie.
    """

    name = models.CharField(max_length=64, primary_key=True)
    bucket = models.BigIntegerField()  # the window's number: seconds since the epoch // window length
    hits = models.PositiveIntegerField()
    expires = models.BigIntegerField(db_index=True)  # seconds since the epoch

    class Meta:
        verbose_name = _("rate counter")
        verbose_name_plural = _("rate counters")

    def __str__(self) -> str:
        return f"{self.name[:8]}… {self.hits}"
