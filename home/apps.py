from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The site root, site-wide settings, shared blocks and the text pipeline."""

    name = "home"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from home.origin import sync_default_site

        post_migrate.connect(sync_default_site, sender=self, dispatch_uid="origin")

        from home.navigation import connect_chrome_signals

        connect_chrome_signals()

        from home.cache import purge

        purge.connect()
