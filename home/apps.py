from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The site root, site-wide settings, shared blocks and the text pipeline."""

    name = "home"
    default_auto_field = "django.db.models.BigAutoField"
