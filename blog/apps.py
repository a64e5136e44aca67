from django.apps import AppConfig


class BlogConfig(AppConfig):
    """Long-form posts about papers, their tags and their feeds."""

    name = "blog"
    default_auto_field = "django.db.models.BigAutoField"
