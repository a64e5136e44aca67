"""Build the demo site: the home page, the writing, the reviews and the glossary."""

from django.core.management.base import BaseCommand
from django.db import transaction

from blog.demo import load_blog
from home.demo import ensure_home_page
from reviews.demo import load_reviews


class Command(BaseCommand):
    """`manage.py load_demo_content`: idempotent; a second run changes nothing."""

    help = "Create the demo site (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        home = ensure_home_page()
        created = [*load_reviews(home), *load_blog(home)]
        if created:
            for item in created:
                self.stdout.write(f"created {item}")
        else:
            self.stdout.write("Demo content already present; nothing to do.")
