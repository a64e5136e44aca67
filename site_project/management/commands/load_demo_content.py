"""Build the demo site: the home page, the writing, the reviews and the glossary."""

from django.core.management.base import BaseCommand
from django.db import transaction

from blog.demo import load_blog, reset_blog
from home.demo import ensure_home_page
from reviews.demo import load_reviews, reset_reviews


class Command(BaseCommand):
    """`manage.py load_demo_content`: idempotent; a second run changes nothing."""

    help = (
        "Create or update the demo site from the data files in blog/ and reviews/. "
        "A second run changes nothing; --reset deletes the demo pages, episodes "
        "and terms first and rebuilds them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo content first and rebuild it from scratch.",
        )

    @transaction.atomic
    def handle(self, *args, **options):
        home = ensure_home_page()
        if options["reset"]:
            # Posts first: the topic protects its episodes, not the other way round.
            deleted = reset_blog(home) + reset_reviews(home)
            self.stdout.write(f"reset: deleted {deleted} demo section(s)")
        changes = [*load_reviews(home), *load_blog(home)]
        for line in changes:
            self.stdout.write(line)
        if not changes:
            self.stdout.write("Demo content already up to date; nothing to do.")
        else:
            count = len(changes)
            self.stdout.write(self.style.SUCCESS(f"{count} change(s)."))
