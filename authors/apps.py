from django.apps import AppConfig


class AuthorsConfig(AppConfig):
    """The people who write the posts: profiles, links and the site's default."""

    name = "authors"
    default_auto_field = "django.db.models.BigAutoField"
