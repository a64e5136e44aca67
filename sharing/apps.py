from django.apps import AppConfig


class SharingConfig(AppConfig):
    """Signed, expiring, revocable links that show a page's draft to a reviewer."""

    name = "sharing"
    default_auto_field = "django.db.models.BigAutoField"
