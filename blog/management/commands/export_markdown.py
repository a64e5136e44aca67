"""`manage.py export_markdown DIR`: every post as a markdown file import reads."""

from pathlib import Path

from django.core.management.base import BaseCommand

from blog.markdown import export_posts


class Command(BaseCommand):
    """Write each post's live revision to DIR/<slug>.md, images to DIR/images/."""

    help = (
        "Export every live post as markdown with front matter (see "
        "import_markdown), from its live revision; images are copied to "
        "DIR/images/. With --drafts, drafts and unpublished changes are "
        "exported too, marked 'draft: true'."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)
        parser.add_argument(
            "--drafts",
            action="store_true",
            help="Also export drafts and the latest unpublished changes.",
        )

    def handle(self, *args, folder, drafts, **options):
        for line in export_posts(folder, drafts=drafts):
            self.stdout.write(line)
