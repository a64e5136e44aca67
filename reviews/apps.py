from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    """Literature-review topics, episodes, the glossary and the reference syntax."""

    name = "reviews"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from reviews.references import table

        table.connect_signals()
