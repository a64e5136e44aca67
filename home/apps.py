from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The site root, site-wide settings, shared blocks and the text pipeline."""

    name = "home"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published, page_unpublished

        from home.navigation import forget_site_sections

        for signal in (page_published, page_unpublished):
            signal.connect(forget_site_sections, dispatch_uid=f"nav-{signal}")
