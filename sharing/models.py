"""A revocable, expiring link to the latest draft of one page."""

import datetime
import secrets

from django.conf import settings
from django.core import signing
from django.db import models
from django.urls import reverse
from django.utils import timezone

DEFAULT_LIFETIME = datetime.timedelta(days=7)
# Unchanged since the model moved out of home/: existing tokens stay valid.
_SALT = "home.sharing.draft-share-link"


def _new_nonce() -> str:
    return secrets.token_urlsafe(24)


class DraftShareLinkQuerySet(models.QuerySet):
    """Share links, narrowed to the ones still usable."""

    def active(self):
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class DraftShareLink(models.Model):
    """One page's draft, readable by anyone holding the signed token until expiry."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="share_links"
    )
    nonce = models.CharField(max_length=64, unique=True, default=_new_nonce)
    expires_at = models.DateTimeField(help_text="After this the link shows 'expired'.")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = DraftShareLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "draft share link"

    def __str__(self):
        return f"Share link for page {self.page_id} until {self.expires_at:%Y-%m-%d}"

    @property
    def token(self) -> str:
        return signing.dumps({"p": self.page_id, "n": self.nonce}, salt=_SALT)

    @property
    def path(self) -> str:
        return reverse("draft_share", args=[self.token])

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @classmethod
    def from_token(cls, token: str) -> "DraftShareLink | None":
        """The link a token names, or None when the token is forged or unknown."""
        try:
            data = signing.loads(token, salt=_SALT)
        except signing.BadSignature:
            return None
        if not isinstance(data, dict):
            return None
        return (
            cls.objects.select_related("page")
            .filter(page_id=data.get("p"), nonce=data.get("n"))
            .first()
        )

    def can_be_revoked_by(self, user) -> bool:
        """Its creator may revoke it; so may anyone who can publish the page."""
        if user.is_anonymous:
            return False
        if self.created_by_id == user.pk:
            return True
        return self.page.permissions_for_user(user).can_publish()

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])
