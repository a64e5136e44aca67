from django.apps import AppConfig


class SiteProjectConfig(AppConfig):
    """The composition root: URLs, search, and commands spanning every app."""

    name = "site_project"
