"""`manage.py export_markdown DIR`: every post as a markdown file import reads."""

from pathlib import Path

from django.core.management.base import BaseCommand

from blog.markdown_import import export_posts


class Command(BaseCommand):
    """Write each post's latest revision to DIR/<slug>.md with front matter."""

    help = "Export every post as markdown with front matter (see import_markdown)."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)

    def handle(self, *args, folder, **options):
        lines = export_posts(folder)
        for line in lines:
            self.stdout.write(line)
