from django.apps import AppConfig


class PapersConfig(AppConfig):
    """Paper records, citations of them in text, and their bibliographic formats."""

    name = "papers"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from papers.citations import table

        table.connect_signals()
